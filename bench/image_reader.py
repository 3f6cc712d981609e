"""What images cost the reader when an article is opened.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/image_reader.py [--json]

An article with 12 images (placeholders, then loaded 3000x2000 PNGs made here)
is opened in a window on a temporary library; best of a few runs each.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make `desktop` importable
sys.path.insert(0, str(ROOT / "tests"))  # the PNG maker and the test page
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LECTERN_HOME"] = tempfile.mkdtemp(prefix="lectern-bench-")

from _figures import Report  # noqa: E402
from image_server import article_page, make_png  # noqa: E402

from desktop.core.images.loading import load_article_images  # noqa: E402
from desktop.core.importing import Source  # noqa: E402
from desktop.core.models import CachedImage  # noqa: E402
from desktop.core.operations.import_articles import import_source  # noqa: E402
from desktop.core.paths import app_paths  # noqa: E402
from desktop.ui.app import create_window, make_application  # noqa: E402
from desktop.ui.features.images.feature import feature_of  # noqa: E402


def best_ms(action: Callable[[], object], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> int:
    report = Report.from_argv()
    make_application()
    window = create_window(app_paths(), with_samples=False)
    window.resize(1300, 800)
    window.show()
    library = window.library
    page = article_page("https://example.org", [f"/img/{i}.png" for i in range(12)])
    with_images = import_source(library, Source(page.encode(), "html", "a.html")).article.id
    plain = article_page("https://example.org", []).replace("Shore survey", "Other survey")
    without = import_source(library, Source(plain.encode(), "html", "b.html")).article.id
    feature = feature_of(window)
    assert feature is not None

    def both() -> None:
        window.open_article(without)
        window.open_article(with_images)

    placeholders = best_ms(both)
    print(f"open two articles, 12 placeholders: {placeholders:.1f} ms", file=sys.stderr)
    picture = make_png(3000, 2000)
    load_article_images(library, with_images,
                        fetch=lambda src: CachedImage(src, "image/png", picture))

    def first_open() -> None:
        feature._decoded_for = None  # as if the article had not been open this session
        window.open_article(with_images)

    first = best_ms(first_open, 3)
    print(f"first open, 12 loaded 3000x2000 PNGs (decode + scale to 1400 px): {first:.1f} ms",
          file=sys.stderr)
    decoded = best_ms(both)
    print(f"open two articles, pictures already decoded: {decoded:.1f} ms", file=sys.stderr)
    window.reader.image_source = None
    bare = best_ms(both)
    print(f"open two articles, no image feature: {bare:.1f} ms", file=sys.stderr)
    against = "the same two articles without the image feature"
    report.figure("open two articles, 12 image placeholders (best of 5)", placeholders, "ms",
                  baseline=against, ratio=placeholders / bare)
    report.figure("open two articles, 12 pictures already decoded (best of 5)", decoded, "ms",
                  baseline=against, ratio=decoded / bare)
    report.figure("first open of 12 loaded 3000x2000 PNGs, decoded and scaled (best of 3)",
                  first, "ms")
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
