"""Argument types for ids and counts: checked before anything reaches the library.

They raise BadNumber (a LecternError, not ValueError) so argparse lets it through
to ``main``, which prints it as one line with exit status 1; argparse's own
errors would print the usage and exit 2.
"""

from __future__ import annotations

from desktop.core.importing.bounded_input import parse_count, parse_id


def record_id(text: str) -> int:
    """An article id (or any record id) as typed."""
    return parse_id(text, "the id")


def occurrence(text: str) -> int:
    return parse_count(text, "--occurrence", low=1)
