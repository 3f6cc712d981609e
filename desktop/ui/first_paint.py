"""What the window shows before the library is open: the article last read.

Opening the library safely (lock, check, migrations), importing the core and
building the panels take longer than Python and Qt take to show a window. So the
window is shown first with the article the reader last had open, read from a
small file written whenever an article is opened, and the panels arrive on the
next turn of the event loop (see ``desktop.ui.app.run_app``). The file is a
cache: the library remains the truth, and the window shows the library's copy as
soon as it is open. A missing, stale or damaged file only means an empty reader
for that first moment.

No Qt and nothing heavy is imported here: this runs before the first paint.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.models import ArticleRecord, Block, BlockKind

FILE_NAME = "last-article.json"
FORMAT = 1
# An article larger than this is not cached: the first paint must stay cheap.
MAX_CACHED_CHARS = 400_000


@dataclass(frozen=True)
class FirstPaint:
    theme: str = "system"
    text_size: int = 0  # points; 0: the reader's default
    article: ArticleRecord | None = None


def snapshot_path(data_dir: Path) -> Path:
    # In the library's folder, which only its owner can read: it holds article text.
    return data_dir / FILE_NAME


def read_first_paint(data_dir: Path) -> FirstPaint:
    """The cached first paint, or an empty one when there is none or it is unreadable."""
    try:
        raw = json.loads(snapshot_path(data_dir).read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            return FirstPaint()
        article = raw.get("article")
        return FirstPaint(
            theme=str(raw.get("theme", "system")),
            text_size=int(raw.get("text_size", 0)),
            article=_record(article) if article else None,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return FirstPaint()  # a cache: anything wrong with it means "no cache"


def write_first_paint(
    data_dir: Path, article: ArticleRecord | None, *, theme: str, text_size: int
) -> None:
    """Remember what to show first next time (atomically; failures are ignored)."""
    cached = None
    if article is not None and len(article.text) <= MAX_CACHED_CHARS:
        cached = {
            "id": article.id, "title": article.title, "author": article.author,
            "site": article.site, "published": article.published,
            "word_count": article.word_count,
            "blocks": [[b.kind.value, b.text] for b in article.blocks],
        }
    payload = {"format": FORMAT, "theme": theme, "text_size": text_size, "article": cached}
    path = snapshot_path(data_dir)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache we cannot write costs a slower first paint, nothing else


def _record(raw: dict[str, object]) -> ArticleRecord:
    blocks = [Block(BlockKind(str(kind)), str(text))
              for kind, text in raw["blocks"]]  # type: ignore[attr-defined]
    return ArticleRecord(
        id=int(raw["id"]),  # type: ignore[call-overload]
        title=str(raw["title"]), author=str(raw.get("author", "")),
        site=str(raw.get("site", "")), url="", published=str(raw.get("published", "")),
        language="", word_count=int(raw.get("word_count", 0)),  # type: ignore[call-overload]
        content_hash="", source_name="", source_kind="", saved_at="", blocks=blocks,
    )
