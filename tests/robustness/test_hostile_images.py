"""Hostile images: a decompression bomb, a damaged picture, a redirect to a local file.
Each leaves its placeholder with a clear reason; the window and the other images are fine."""

from __future__ import annotations

from pathlib import Path

import pytest
from image_server import article_page, image_server

from desktop.core.images.fetch import ImageFetchError, fetch_image
from desktop.ui import actions
from desktop.ui.features.images.feature import feature_of


def test_a_redirect_to_a_local_file_is_not_followed() -> None:
    with image_server() as server:
        with pytest.raises(ImageFetchError, match="redirected to an address that is not a web"):
            fetch_image(server.url("/to-file.png"))
        assert server.requests == ["/to-file.png"]


def test_bombs_and_damaged_pictures_become_placeholders_that_say_why(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    with image_server() as server:
        page = tmp_path / "hostile.html"
        page.write_text(article_page(server.base, [
            "/img/fine.png", "/bomb.png", "/broken.png", "/to-file.png"]), encoding="utf-8")
        with qtbot.waitSignal(window.imports_done, timeout=60_000):
            actions.import_files(window, [str(page)])
        record = window.current_article
        assert record is not None
        feature = feature_of(window)
        assert feature is not None
        feature.load_current()
        qtbot.waitUntil(lambda: record.id not in feature.loading, timeout=30_000)
        shown = window.reader.toPlainText()
        assert "cannot be shown: the picture is too large to show (40,000 × 40,000 pixels)" in shown
        assert "cannot be shown: the picture could not be decoded" in shown
        assert "the server redirected to an address that is not a web image" in shown
        assert window.reader.text == record.text
        assert "Figure 0 of the shore" in shown  # the good one shows as a picture + caption
        assert "Image: Figure 0" not in shown
