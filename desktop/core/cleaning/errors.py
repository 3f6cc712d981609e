"""The one error the cleaners raise, so callers can show it to the user as is."""

from __future__ import annotations


class CleaningError(ValueError):
    """The input holds no article Lectern can show.

    The message is written for the person who tried to save the page, because the
    UI and the CLI print it unchanged.
    """

    def __init__(self, message: str = "no article text found in this page") -> None:
        super().__init__(message)
