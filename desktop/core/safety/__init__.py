"""Keeping the user's library safe: one writer, health checks, backups, recovery.

``open_library_safely`` (in ``opening``) is the one door to the user's library
for the CLI and the window: lock, check, recover, migrate, back up, lock down.
"""
