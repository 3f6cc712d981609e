"""Lectern: a reading and note-taking app for researchers."""

__version__ = "0.1.0"
