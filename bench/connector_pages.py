"""The 52 dev pages saved through a real browser, as a reader would save them.

Run from the repository root (needs Debian's chromium and chromium-driver):

    .venv/bin/python bench/connector_pages.py [--data DIR] [--limit N] [--quick] [--json]

(``--quick``: the first 15 pages; ``--json``: figures by bench/_figures.py's convention.)

Each dev page is served from 127.0.0.1 and opened in headless Chromium (its inline
scripts run; every other address fails at once), the bookmarklet sends it to a
connector on a fresh library, and the saved article is scored against the
human-marked ``articleBody`` next to the same page cleaned from its file
(``lectern import``). It answers: does a page arrive whole through the browser,
and does it clean as well as the saved file? Also the time from the click to
Lectern's answer (cleaning included).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make `desktop` importable
sys.path.insert(0, str(ROOT / "tests"))  # the loopback server

from _figures import Report  # noqa: E402
from cleaning_quality import DEFAULT_DATA, Page, load_pages  # noqa: E402
from loopback import QuietHandler, serving  # noqa: E402
from scoring import score_page, summarize  # noqa: E402

from desktop.core.cleaning import CleaningError, clean_html  # noqa: E402
from desktop.core.connector.bookmarklet import bookmarklet  # noqa: E402
from desktop.core.connector.server import ConnectorServer, library_saver  # noqa: E402
from desktop.core.storage.library import Library  # noqa: E402

TOKEN = "bench-token"


def page_handler(pages: dict[str, Page]) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            page = pages.get(self.path.removeprefix("/page/"))
            if page is None:
                self.send_error(404)
                return
            self.send_body(200, "text/html; charset=utf-8", page.html.encode("utf-8"))

    return Handler


def browser(profile: Path) -> Any:
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.page_load_strategy = "eager"  # the DOM is read; blocked images need not finish
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"),
                              options=options)
    driver.set_page_load_timeout(30)
    return driver


def answer_in_page(driver: Any, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = str(driver.execute_script(
            "const n = document.getElementById('lectern-saved'); return n ? n.textContent : '';"))
        if text and not text.endswith("…"):
            return text
        time.sleep(0.02)
    return "(no answer)"


def file_text(page: Page) -> str | None:
    try:
        return clean_html(page.html).text
    except CleaningError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--quick", action="store_true", help="only the first 15 pages")
    report = Report.from_argv()
    args = parser.parse_args()
    with report.human_text_to_stderr():
        return save_pages(args.data, args.limit or (15 if args.quick else 0), report)


def save_pages(data: Path, limit: int, report: Report) -> int:
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        print("skipped: needs chromium and chromium-driver (apt-get install chromium "
              "chromium-driver)")
        return 0
    pages = load_pages(data)[: limit or None]
    by_name = {p.name: p for p in pages}
    work = Path(tempfile.mkdtemp(prefix="lectern-connector-bench-"))
    library_path = work / "library.sqlite3"
    Library.open(library_path).close()
    site = contextlib.ExitStack()
    base = site.enter_context(serving(page_handler(by_name)))
    connector = ConnectorServer(0, TOKEN, library_saver(library_path))
    threading.Thread(target=connector.serve_forever, daemon=True).start()
    code = unquote(bookmarklet(TOKEN, connector.port).removeprefix("javascript:"))
    driver = browser(work / "profile")
    answers: dict[str, str] = {}
    seconds: list[float] = []
    unfinished: list[str] = []  # pages still loading when saved (load timeout)
    try:
        for page in pages:
            url = f"{base}/page/{page.name}"
            try:
                driver.get(url)
            except Exception:  # saved as far as it got, as a reader's early click would
                unfinished.append(page.name)
            started = time.perf_counter()
            driver.execute_script(code)
            answers[page.name] = answer_in_page(driver)
            seconds.append(time.perf_counter() - started)
    finally:
        driver.quit()
        connector.shutdown()
        site.close()
    library = Library.open(library_path)
    saved = {Path(library.article(i).url).name: library.article(i).text
             for i in library.article_ids()}
    library.close()
    problems = {n: a for n, a in answers.items() if not a.startswith("Lectern: Saved")}
    from_file = summarize(score_page(p.name, file_text(p), p.truth) for p in pages)
    from_browser = summarize(score_page(p.name, saved.get(p.name), p.truth) for p in pages)
    same = sum(1 for p in pages if saved.get(p.name) is not None
               and saved[p.name] == file_text(p))
    print(f"pages: {len(pages)}; saved through the browser: {len(saved)}; "
          f"identical cleaned text to the file's: {same}")
    print(f"F1 against articleBody: from the file {from_file.f1:.3f} "
          f"(P {from_file.precision:.3f} R {from_file.recall:.3f}); through the browser "
          f"{from_browser.f1:.3f} (P {from_browser.precision:.3f} R {from_browser.recall:.3f})")
    print(f"click to answer: median {statistics.median(seconds) * 1000:.0f} ms, "
          f"worst {max(seconds) * 1000:.0f} ms")
    print(f"pages still loading after 30 s when saved: {len(unfinished)}")
    report.figure("cleaning F1 of pages saved through headless Chromium's bookmarklet",
                  from_browser.f1, "F1", runs=len(pages), baseline="the same pages' files",
                  ratio=from_browser.f1 / from_file.f1 if from_file.f1 else None)
    report.figure("bookmarklet click to Lectern's answer, cleaning included (min-max)",
                  [s * 1000 for s in seconds], "ms")
    for name, said in sorted(problems.items()):
        late = " (still loading)" if name in unfinished else ""
        print(f"  {name[:12]}{late}: {said}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
