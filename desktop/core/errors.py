"""Errors whose message is meant for the user, as one clear line."""

from __future__ import annotations


class LecternError(Exception):
    """An error with a message fit to show a user as it is."""


class ImportProblem(LecternError):
    """A file could not be imported; the message says why."""


class NotFound(LecternError):
    """No article (or annotation, ...) with that id."""


class StorageProblem(LecternError):
    """The library could not be written (disk full, I/O error, locked too long)."""
