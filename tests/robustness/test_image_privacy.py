"""Remote images stay private: a hostile page's images are kept as placeholders, nothing
is fetched on import or when reading, and loading fetches only the article's pictures,
never its scripts, styles, frames, beacons or tracking pixels.

The hostile page is test_privacy's; the server is tests/image_server.py, which counts
every request like test_privacy's and also serves real PNGs at ``/img…``.
"""

from __future__ import annotations

import json
from pathlib import Path

from image_server import image_server
from lectern_testing import run_cli
from test_privacy import hostile_page

from desktop.core.storage.images import article_images
from desktop.ui import actions
from desktop.ui.features.images.feature import feature_of

ARTICLE_IMAGES = [f"/img{i}.png" for i in range(8)]


def test_cli_import_keeps_only_the_article_images_and_fetches_nothing(tmp_path: Path) -> None:
    with image_server() as server:
        page = tmp_path / "harbour.html"
        page.write_text(hostile_page(server.base), encoding="utf-8")
        home = tmp_path / "home"
        imported = run_cli("import", "--json", str(page), home=home)
        assert imported.returncode == 0, imported.stderr
        shown = run_cli("show", str(json.loads(imported.stdout)["id"]), "--json", home=home)
        assert shown.returncode == 0 and "raised a bell" in json.loads(shown.stdout)["text"]
        assert server.requests == []


def test_loading_fetches_the_article_pictures_once_and_nothing_else(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    with image_server() as server:
        page = tmp_path / "harbour.html"
        page.write_text(hostile_page(server.base), encoding="utf-8")
        with qtbot.waitSignal(window.imports_done, timeout=60_000):
            actions.import_files(window, [str(page)])
        record = window.current_article
        assert record is not None
        kept = [image.src.removeprefix(server.base) for image in
                article_images(window.library, record.id)]
        assert kept == ARTICLE_IMAGES  # no pixel, poster, background, frame or srcset
        window.reader.viewport().repaint()
        qtbot.wait(200)
        assert server.requests == []

        feature = feature_of(window)
        assert feature is not None
        feature.load_current()
        qtbot.waitUntil(lambda: record.id not in feature.loading, timeout=30_000)
        assert sorted(server.requests) == sorted(ARTICLE_IMAGES)
        assert "Loaded 8 images" in window.statusBar().currentMessage()
        assert "<script" not in window.reader.toHtml() and "javascript:" not in \
            window.reader.toHtml()
