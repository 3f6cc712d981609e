"""``lectern --self-check``: is this installation whole?

Run after installing (the wheel, the bundle, a distribution package) to learn in
a few seconds whether Lectern works here, without touching the user's library:
every module imports, the sample article cleans, the entity worker starts the way
the window starts it and recognises entities, the window renders offscreen, and
a scratch library is written, closed, reopened and read back. One line per check;
exit status 0 when all pass, 1 naming what is broken.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import desktop

SAMPLE = ("samples", "rosetta-stone.html")
# Words the sample's cleaned text must keep, and entities the model must find in it.
SAMPLE_WORDS = ("Rosetta Stone", "Ptolemy")
WORKER_SECONDS = 120.0  # model load on a slow disk included
# Third-party modules Lectern imports lazily: a bundle that lost one fails here, not
# later in front of a user.
THIRD_PARTY = (
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork",
    "PySide6.QtSvg", "trafilatura", "lxml.html", "lxml_html_clean", "charset_normalizer",
    "platformdirs", "markdown", "jinja2", "spacy", "numpy", "sqlite3",
)
# Modules that do something when imported rather than define things.
NOT_IMPORTED = {"desktop.__main__"}


@dataclass
class Scratch:
    """What the checks share: a temporary home, and the article once imported."""

    home: Path
    article_id: int = 0
    text: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def library_file(self) -> Path:
        from desktop.core.paths import app_paths

        return app_paths(self.home).library


def register(subcommands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subcommands.add_parser(
        "self-check", help="check this installation works (also: lectern --self-check)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.set_defaults(func=lambda _args: run())


def run() -> int:
    """Every check in order, each reported as it finishes; 0 if all passed."""
    print(f"Lectern {desktop.__version__} self-check ({_where()})", flush=True)
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lectern-self-check-") as home:
        scratch = Scratch(Path(home))
        for name, check in CHECKS:
            started = time.perf_counter()
            try:
                detail = check(scratch)
            except Exception as exc:
                failed.append(name)
                print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
                if os.environ.get("LECTERN_SELF_CHECK_TRACE"):
                    traceback.print_exc()
                continue
            seconds = time.perf_counter() - started
            print(f"ok   {name}: {detail} ({seconds:.2f} s)", flush=True)
    if failed:
        print(f"self-check FAILED: {', '.join(failed)} "
              "(set LECTERN_SELF_CHECK_TRACE=1 for the tracebacks)", flush=True)
        return 1
    print("self-check passed", flush=True)
    return 0


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"bundle at {Path(sys.executable).parent}"
    return f"Python {sys.version.split()[0]} at {Path(desktop.__file__).parent}"


def check_imports(_scratch: Scratch) -> str:
    import importlib
    import pkgutil

    names = [m.name for m in pkgutil.walk_packages(desktop.__path__, "desktop.")
             if m.name not in NOT_IMPORTED]
    broken: list[str] = []
    for name in [*THIRD_PARTY, *names]:
        try:
            importlib.import_module(name)
        except Exception as exc:
            broken.append(f"{name} ({type(exc).__name__}: {exc})")
    if broken:
        raise ImportError("; ".join(broken))
    if len(names) < 50:  # a bundle that lists no modules would pass vacuously
        raise ImportError(f"only {len(names)} Lectern modules found")
    return f"{len(names)} Lectern modules, {len(THIRD_PARTY)} libraries"


def check_resources(_scratch: Scratch) -> str:
    from desktop.core.export.templates import available_templates
    from desktop.resources_path import resource_path

    missing = [str(p) for p in (resource_path(*SAMPLE), resource_path("icons", "lectern.svg"),
                                resource_path("styles", "lectern.qss")) if not p.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    templates = [t.name for t in available_templates(None)]
    if "default" not in templates:
        raise FileNotFoundError(f"export templates: found only {templates}")
    return f"icons, styles, samples, export templates {', '.join(templates)}"


def check_clean_and_store(scratch: Scratch) -> str:
    from desktop.core.annotations.store import AnnotationStore
    from desktop.core.operations.import_articles import import_path
    from desktop.core.storage.library import Library
    from desktop.resources_path import resource_path

    library = Library.open(scratch.library_file)
    try:
        outcome = import_path(library, resource_path(*SAMPLE))
        record = outcome.article
        missing = [w for w in SAMPLE_WORDS if w not in record.text]
        if missing:
            raise ValueError(f"the cleaned sample lacks {missing}")
        start = record.text.index(SAMPLE_WORDS[0])
        AnnotationStore(library).create(record.id, start, start + len(SAMPLE_WORDS[0]),
                                        note="self-check")
        library.save_note(record.id, "# self-check\n")
    finally:
        library.close()
    reopened = Library.open(scratch.library_file)
    try:
        again = reopened.article(record.id)
        notes = [a.note for a in AnnotationStore(reopened).for_article(record.id)]
        if again.text != record.text or notes != ["self-check"]:
            raise ValueError("the scratch library read back differs from what was written")
        if reopened.note(record.id) != "# self-check\n":
            raise ValueError("the article's notes were not read back")
    finally:
        reopened.close()
    scratch.article_id, scratch.text = record.id, record.text
    return f"{record.word_count} words cleaned, stored with a highlight, reopened, read back"


def _needs_article(scratch: Scratch) -> None:
    if not scratch.article_id:
        raise RuntimeError("not run: needs the article the scratch library check imports")


def check_entities(scratch: Scratch) -> str:
    """The worker started exactly as the window starts it (desktop/ui/entity_worker.py)."""
    _needs_article(scratch)
    root = str(Path(desktop.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    request = {"job": 1, "library": str(scratch.library_file), "analyse": [scratch.article_id]}
    process = subprocess.run(
        [sys.executable, "-m", "desktop.core.entities.worker"],
        input=json.dumps(request) + "\n" + json.dumps({"quit": True}) + "\n",
        capture_output=True, text=True, env=env, timeout=WORKER_SECONDS, check=False,
    )
    replies = [json.loads(line) for line in process.stdout.splitlines() if line.strip()]
    for reply in replies:
        if "fatal" in reply or "error" in reply:
            raise RuntimeError(str(reply.get("fatal") or reply.get("error")))
    found = [r for r in replies if r.get("article") == scratch.article_id]
    if process.returncode != 0 or not found:
        last = (process.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the entity worker exited {process.returncode}: {last}")
    shown = _post_process_and_store(scratch, found[0]["raw"])
    names = {m.text for m in shown}
    if not any(w in names for w in SAMPLE_WORDS):
        raise ValueError(f"none of {SAMPLE_WORDS} recognised (found {sorted(names)[:8]})")
    model = f"{found[0]['model']} {found[0]['version']}"
    return (f"{len(found[0]['raw'])} mentions by {model} in a worker process, "
            f"{len(shown)} after post-processing, stored")


def _post_process_and_store(scratch: Scratch, raw: list[list[object]]) -> list[Any]:
    """What the window does with the worker's mentions: post-processed (the name
    knowledge data is read here), stored, and read back as the reader shows them."""
    from desktop.core.entities.mentions import from_rows
    from desktop.core.entities.recognizer import installed_model
    from desktop.core.entities.store import article_entities, save_analysis
    from desktop.core.storage.library import Library

    library = Library.open(scratch.library_file)
    try:
        save_analysis(library, scratch.article_id, scratch.text, installed_model(),
                      from_rows(scratch.text, raw))
        shown = article_entities(library, scratch.article_id, scratch.text)
    finally:
        library.close()
    if shown is None:
        raise ValueError("the entities were not stored")
    return shown


def check_window(scratch: Scratch) -> str:
    _needs_article(scratch)
    if not _has_application():  # never a window on the user's screen
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.core.paths import app_paths
    from desktop.ui.app import create_window, make_application

    make_application()
    window = create_window(app_paths(scratch.home), with_samples=False, features=False)
    try:
        window.resize(1200, 800)
        window.open_article(scratch.article_id)
        shown = window.reader.toPlainText()
        if SAMPLE_WORDS[0] not in shown:
            raise ValueError("the reader does not show the article")
        image = window.grab().toImage()
        if image.isNull() or image.width() < 600:
            raise ValueError("the window did not render")
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 23)}
        if len(colours) < 3:
            raise ValueError("the window rendered blank")
        if window.windowIcon().pixmap(64, 64).isNull():  # Qt's SVG plugins are missing
            raise ValueError("the application icon (SVG) cannot be drawn")
    finally:
        window.library.close()
        window.deleteLater()
    return f"{image.width()}x{image.height()} rendered on {_platform()}"


def _has_application() -> bool:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is not None


def _platform() -> str:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


CHECKS: list[tuple[str, Callable[[Scratch], str]]] = [
    ("imports", check_imports),
    ("resources", check_resources),
    ("cleaning and scratch library", check_clean_and_store),
    ("entities", check_entities),
    ("window", check_window),
]
