from __future__ import annotations

import pytest

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

ARTICLE = """The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.

“We had skaters, dog walkers and a brass band,” said one resident, who has lived by the river all her life.
"""


@pytest.fixture
def article_id(library: Library) -> int:
    return import_source(library, text_source(ARTICLE, name="river.txt")).article.id


@pytest.fixture
def river_text() -> str:
    """The article as imported (its source text)."""
    return ARTICLE
