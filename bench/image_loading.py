"""How long loading an article's images takes, one request at a time against four.

    .venv/bin/python bench/image_loading.py [--images 12] [--delay 0.3]

A local server answers each image after ``--delay`` seconds (a distant or busy
site); an article with ``--images`` images is loaded into a fresh library with
Lectern's loader, limited to one request at a time and then as it ships.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the PNG maker and the test page

from _figures import Report  # noqa: E402
from image_server import article_page, make_png  # noqa: E402
from loopback import QuietHandler, serving  # noqa: E402

from desktop.core.images import loading  # noqa: E402
from desktop.core.importing import Source  # noqa: E402
from desktop.core.operations.import_articles import import_source  # noqa: E402
from desktop.core.storage.library import Library  # noqa: E402

PNG = make_png(800, 500)


def slow_pictures(delay: float) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            time.sleep(delay)
            self.send_body(200, "image/png", PNG)

    return Handler


def load_once(base: str, images: int, concurrent: int) -> float:
    loading.CONCURRENT_FETCHES = concurrent
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.sqlite3")
        page = article_page(base, [f"/img/{n}.png" for n in range(images)]).encode()
        article_id = import_source(library, Source(page, "html", "page.html")).article.id
        started = time.perf_counter()
        report = loading.load_article_images(library, article_id)
        elapsed = time.perf_counter() - started
        library.close()
    assert report.loaded == images, report.summary()
    return elapsed


def main() -> int:
    report = Report.from_argv()
    with report.human_text_to_stderr():
        return measure(report)


def measure(report: Report) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=12)
    parser.add_argument("--delay", type=float, default=0.3)
    args = parser.parse_args()
    shipped = loading.CONCURRENT_FETCHES
    with serving(slow_pictures(args.delay)) as base:
        ones = [load_once(base, args.images, 1) for _ in range(3)]
        manys = [load_once(base, args.images, shipped) for _ in range(3)]
    one, many = min(ones), min(manys)
    report.figure(f"loading {args.images} images from a slow server, {shipped} at once "
                  "(min-max of 3)", manys, "s", baseline="one request at a time",
                  ratio=statistics.median(manys) / statistics.median(ones))
    print(f"{args.images} images of {len(PNG):,} bytes, each answered after {args.delay:.2f} s "
          "(best of 3)")
    print(f"one request at a time:       {one:.2f} s")
    print(f"{shipped} at once (as shipped):    {many:.2f} s ({one / many:.1f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
