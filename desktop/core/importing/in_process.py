"""Cleaning a source in this process: decode its bytes, hand them to its reader."""

from __future__ import annotations

from desktop.core.errors import ImportProblem
from desktop.core.importing.decoding import decode
from desktop.core.importing.kinds import reader
from desktop.core.importing.limits import MAX_ARTICLE
from desktop.core.models import CleanedArticle, Source

MAX_ARTICLE_CHARS = MAX_ARTICLE.value


def clean_in_process(source: Source) -> tuple[CleanedArticle, str]:
    """Decode and clean ``source`` here; every failure is an ImportProblem.

    Returns the article and the encoding its bytes were read with.
    """
    decoded = decode(source.data)
    clean = reader(source.kind).clean
    # Deferred for start-up speed: the cleaning package imports trafilatura.
    from desktop.core.cleaning.errors import CleaningError

    try:
        article = clean(decoded.text)
    except ImportProblem:
        raise  # a reader's own message for the user
    except CleaningError as exc:
        raise ImportProblem(str(exc)) from None
    except RecursionError:
        raise ImportProblem("the page is nested too deeply to read") from None
    except MemoryError:
        raise ImportProblem("the file is too large to clean in memory") from None
    except Exception as exc:  # a cleaner bug must cost one file, never the batch
        raise ImportProblem(
            f"Lectern could not clean this {source.kind} file (internal error: "
            f"{type(exc).__name__}); it was not imported"
        ) from exc
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ImportProblem(MAX_ARTICLE.exceeded(f"{len(article.text):,}"))
    return article, decoded.encoding
