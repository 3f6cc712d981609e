"""Remote images in the window: placeholders until the user loads them, one request per
image, then shown from the library, offline, after reopening and restarting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from image_server import ImageServer, article_page, image_server
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QTextCursor, QTextImageFormat

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.ui import actions
from desktop.ui.app import create_window
from desktop.ui.features.images.feature import feature_of

PICTURES = ["/img/shore.png", "/img/wall.png"]


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with image_server() as running:
        yield running


def import_page(qtbot, window, tmp_path: Path, server: ImageServer,  # type: ignore[no-untyped-def]
                images: list[str]) -> int:
    page = tmp_path / "shore.html"
    page.write_text(article_page(server.base, images), encoding="utf-8")
    with qtbot.waitSignal(window.imports_done, timeout=60_000) as blocker:
        actions.import_files(window, [str(page)])
    assert blocker.args[0].failed == []
    assert window.current_article is not None
    return int(window.current_article.id)


def menu_action(window, text: str) -> QAction:  # type: ignore[no-untyped-def]
    return next(a for a in window.menus["article"].actions() if a.text() == text)


def load_and_wait(qtbot, window, article_id: int) -> None:  # type: ignore[no-untyped-def]
    menu_action(window, "Load &Images for This Article").trigger()
    feature = feature_of(window)
    assert feature is not None
    qtbot.waitUntil(lambda: article_id not in feature.loading, timeout=30_000)


def shown_pictures(window) -> int:  # type: ignore[no-untyped-def]
    """Pictures laid out in the reader's document."""
    count = 0
    block = window.reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                name = QTextImageFormat(it.fragment().charFormat().toImageFormat()).name()
                assert name.startswith("lectern-image://")
                count += 1
            it += 1
        block = block.next()
    return count


def test_opening_fetches_nothing_and_shows_placeholders_between_blocks(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    import_page(qtbot, window, tmp_path, server, PICTURES)
    reader = window.reader
    shown = reader.toPlainText()
    assert "Image: Figure 0 of the shore — from 127.0.0.1" in shown
    assert shown.index("Paragraph 0") < shown.index("Figure 0") < shown.index("Paragraph 1")
    assert shown_pictures(window) == 0
    reader.resize(900, 700)
    reader.viewport().repaint()
    qtbot.wait(200)  # time for any (wrong) fetch to reach the server
    assert server.requests == []
    # The placeholders are not text: offsets still map exactly.
    text = reader.text
    for quote in ("Paragraph 1 of the field report", "The last paragraph"):
        start = text.index(quote)
        reader.select_range(start, start + len(quote))
        assert reader.textCursor().selectedText() == quote
        assert reader.selected_range() == (start, start + len(quote))


def test_load_fetches_each_image_once_and_they_stay_offline(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    article_id = import_page(qtbot, window, tmp_path, server, PICTURES)
    other = import_source(window.library, text_source(
        "Another article\n\nA short note about tides, long enough for the cleaner to keep it "
        "as the body of an article of its own.")).article.id
    load_and_wait(qtbot, window, article_id)
    assert sorted(server.requests) == sorted(PICTURES)
    assert shown_pictures(window) == 2
    assert "Loaded 2 images" in window.statusBar().currentMessage()
    assert "Image: Figure 0" not in window.reader.toPlainText()  # the picture replaced it

    window.open_article(other)
    window.open_article(article_id)
    assert shown_pictures(window) == 2
    load_and_wait(qtbot, window, article_id)  # nothing left to fetch
    assert "Loaded 0 images (2 already loaded)" in window.statusBar().currentMessage()
    assert sorted(server.requests) == sorted(PICTURES)

    window.close()
    window.library.close()
    again = create_window(app_paths(), with_samples=False)
    qtbot.addWidget(again)
    again.show()
    again.open_article(article_id)
    try:
        assert shown_pictures(again) == 2
        assert sorted(server.requests) == sorted(PICTURES)  # the restart fetched nothing
    finally:
        again.close()
        again.library.close()


def test_failures_leave_a_placeholder_saying_why(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    article_id = import_page(qtbot, window, tmp_path, server,
                             ["/img/fine.png", "/missing.png", "/page.png", "/huge.png"])
    text_before = window.reader.text
    load_and_wait(qtbot, window, article_id)
    shown = window.reader.toPlainText()
    assert shown_pictures(window) == 1
    assert "could not load: the server answered 404 Not Found" in shown
    assert "could not load: the server sent text/html, not an image" in shown
    assert "could not load: the image is 8.0 MB; Lectern loads images of up to 8 MB" in shown
    assert "3 could not be loaded" in window.statusBar().currentMessage()
    assert window.reader.text == text_before  # nothing lost

    # Clicking a placeholder's link tries the failed ones again (and only them).
    window.reader.anchorClicked.emit(QUrl("lectern-image:load"))
    qtbot.waitUntil(lambda: article_id not in feature_of(window).loading, timeout=30_000)
    assert server.count("/missing.png") == 2 and server.count("/img/fine.png") == 1


def test_remove_loaded_images_brings_the_placeholders_back(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    article_id = import_page(qtbot, window, tmp_path, server, PICTURES)
    load_and_wait(qtbot, window, article_id)
    menu_action(window, "Remove Loaded Images").trigger()
    assert shown_pictures(window) == 0
    assert "Image: Figure 1 of the shore" in window.reader.toPlainText()
    assert window.statusBar().currentMessage().startswith("Removed 2 loaded images")
    window.open_article(article_id)
    assert len(server.requests) == 2  # removing and reopening fetch nothing

    window.undo_stack.undo()  # the pictures come back from memory, not from the web
    assert shown_pictures(window) == 2
    window.undo_stack.redo()
    assert shown_pictures(window) == 0
    window.undo_stack.undo()
    window.open_article(article_id)
    assert shown_pictures(window) == 2
    assert len(server.requests) == 2


def test_the_reader_refuses_every_resource_it_was_not_given(  # type: ignore[no-untyped-def]
        qtbot, window, server: ImageServer) -> None:
    reader = window.reader
    for address in (server.url("/img/x.png"), "file:///etc/hostname", "qrc:/x.png"):
        assert reader.loadResource(2, QUrl(address)) is None
    reader.show_placeholder()
    QTextCursor(reader.document()).insertHtml(f'<img src="{server.url("/img/y.png")}">')
    reader.viewport().repaint()
    qtbot.wait(200)
    assert server.requests == []


def test_an_article_without_images_has_no_placeholders(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    record = import_source(window.library, text_source(
        "Plain article\n\nJust words here, with ![an image](https://example.org/a.png) named "
        "in them, long enough to be an article of its own.")).article
    window.open_article(record.id)
    assert "Image:" not in window.reader.toPlainText()
    menu_action(window, "Load &Images for This Article").trigger()
    assert window.statusBar().currentMessage() == "This article has no images"


def test_pictures_fit_the_column_and_shrink_with_the_window(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    from image_server import make_png

    from desktop.core.images.loading import load_article_images
    from desktop.core.models import CachedImage

    article_id = import_page(qtbot, window, tmp_path, server, PICTURES)
    wide = make_png(1600, 400)
    load_article_images(window.library, article_id,
                        fetch=lambda src: CachedImage(src, "image/png", wide))
    reader = window.reader
    reader.rerender()
    assert shown_pictures(window) == 2
    widths = []
    for sizes in ([250, 800, 250], [250, 380, 670]):
        window.splitter.setSizes(sizes)
        qtbot.wait(50)
        widths.append(reader.width())
        assert reader.horizontalScrollBar().maximum() == 0  # never wider than the column
    assert widths[1] < 450 < widths[0]
    assert server.requests == []


def test_copy_across_a_placeholder_gives_the_article_text(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    from PySide6.QtWidgets import QApplication

    import_page(qtbot, window, tmp_path, server, PICTURES)
    reader = window.reader
    text = reader.text
    start = text.index("Paragraph 0")
    end = text.index("Paragraph 1") + len("Paragraph 1")
    reader.select_range(start, end)
    assert reader.selected_range() == (start, end)
    reader.copy()
    assert QApplication.clipboard().text() == text[start:end]
    assert "Image:" not in QApplication.clipboard().text()


def test_the_reader_menu_offers_loading_then_removing(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    from desktop.ui.reader_menu import reader_menu

    article_id = import_page(qtbot, window, tmp_path, server, PICTURES)
    texts = [a.text() for a in reader_menu(window.reader).build(0).actions()]
    assert "Load Images for This Article" in texts and "Remove Loaded Images" not in texts
    load = next(a for a in reader_menu(window.reader).build(0).actions()
                if a.text() == "Load Images for This Article")
    load.trigger()
    qtbot.waitUntil(lambda: article_id not in feature_of(window).loading, timeout=30_000)
    assert shown_pictures(window) == 2
    texts = [a.text() for a in reader_menu(window.reader).build(0).actions()]
    assert "Remove Loaded Images" in texts


def _hover(reader, position: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    cursor = QTextCursor(reader.document())
    cursor.setPosition(position)
    reader.ensureCursorVisible()
    point = reader.cursorRect(cursor).center() + QPoint(6, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, reader.viewport().mapToGlobal(point))
    QApplication.sendEvent(reader.viewport(), event)


def _first_position(reader, wanted) -> int:  # type: ignore[no-untyped-def]
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if wanted(it.fragment()):
                return int(it.fragment().position())
            it += 1
        block = block.next()
    raise AssertionError("not in the document")


def test_hovering_a_picture_or_a_placeholder_link_explains_it(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    from PySide6.QtWidgets import QToolTip

    article_id = import_page(qtbot, window, tmp_path, server, PICTURES)
    reader = window.reader
    _hover(reader, _first_position(reader, lambda f: f.charFormat().isAnchor()))
    qtbot.waitUntil(lambda: QToolTip.text().startswith("Load this article's images"),
                    timeout=5000)
    QToolTip.hideText()
    load_and_wait(qtbot, window, article_id)
    reader.verticalScrollBar().setValue(0)
    _hover(reader, _first_position(reader, lambda f: f.charFormat().isImageFormat()))
    qtbot.waitUntil(lambda: QToolTip.text() == "Image: Figure 0 of the shore — from 127.0.0.1",
                    timeout=5000)
    QToolTip.hideText()


def test_a_highlight_across_an_image_paints_only_the_article_text(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    from PySide6.QtGui import QTextCharFormat

    from desktop.ui.reader_view import Span

    import_page(qtbot, window, tmp_path, server, PICTURES)
    reader = window.reader
    text = reader.text
    start, end = text.index("logged every"), text.index("Paragraph 1") + len("Paragraph 1")
    reader.set_layer("test", [Span(start, end, QTextCharFormat())])
    painted = [s.cursor.selectedText().replace("\u2029", "\n") for s in reader.extraSelections()]
    assert "".join(painted).replace("\n", "") == text[start:end].replace("\n", "")
    assert not any("Image:" in piece for piece in painted)


def test_deleting_the_article_while_its_images_load_is_said_plainly(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    article_id = import_page(qtbot, window, tmp_path, server, ["/slow.png"])
    menu_action(window, "Load &Images for This Article").trigger()
    qtbot.waitUntil(lambda: "/slow.png" in server.requests, timeout=10_000)
    window.library.delete_article(article_id)
    window.library_changed.emit()
    feature = feature_of(window)
    qtbot.waitUntil(lambda: article_id not in feature.loading, timeout=30_000)
    assert window.statusBar().currentMessage() == (
        "Could not load images: the article was deleted while its images were loading")


def test_asking_again_while_loading_stops_after_the_images_under_way(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, server: ImageServer) -> None:
    # Four requests at once: the four slow ones are under way when the user stops,
    # so they finish and are kept, and the last two are never asked for.
    slow = [f"/slow-{n}.png" for n in range(4)]
    article_id = import_page(qtbot, window, tmp_path, server, [*slow, "/img/a.png", "/img/b.png"])
    action = menu_action(window, "Load &Images for This Article")
    action.trigger()
    qtbot.waitUntil(lambda: len(server.requests) == 4, timeout=10_000)
    action.trigger()
    assert window.statusBar().currentMessage().startswith("Stopping")
    feature = feature_of(window)
    qtbot.waitUntil(lambda: article_id not in feature.loading, timeout=30_000)
    assert sorted(server.requests) == slow
    assert window.statusBar().currentMessage() == "Loaded 4 images; stopped, 2 not tried"
    assert shown_pictures(window) == 4
    assert "Image: Figure 5 of the shore" in window.reader.toPlainText()
