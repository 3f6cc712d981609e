"""The spaCy model, loaded once for the whole session (it takes about a second)."""

from __future__ import annotations

import pytest

from desktop.core.entities.recognizer import Recognizer


@pytest.fixture(scope="session")
def recognizer() -> Recognizer:
    r = Recognizer()
    r.load()
    return r
