"""One function per user action, shared by the CLI and the window.

Each takes an open ``Library`` (the window calls it off the GUI thread, on a
connection of its own) and returns what happened, for the caller to tell the user.
Nothing here knows of Qt or of the terminal.
"""
