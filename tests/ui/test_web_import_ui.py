"""The window brings pages in from their address and from folders, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from page_server import Reply, article_html, page_server
from PySide6.QtWidgets import QApplication

from desktop.ui import actions
from desktop.ui.features import web_import


def _action(window, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.menus["file"].actions() if a.text() == text)


def test_import_from_url_dialog_downloads_the_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with page_server({"/story": Reply(article_html("Tide tables of 1911").encode())}) as server:
        QApplication.clipboard().setText(server.url("/story?utm_source=feed"))
        assert _action(window, "Import from &URL…").shortcut().toString() == "Ctrl+L"
        dialog = web_import.ask_for_addresses(window)
        assert dialog.addresses() == [server.url("/story?utm_source=feed")]  # from the clipboard
        with qtbot.waitSignal(window.imports_done, timeout=60000) as done:
            dialog.accept()
    report = done.args[0]
    assert report.failed == []
    assert window.current_article is not None
    assert window.current_article.title == "Tide tables of 1911"
    assert window.current_article.url == server.url("/story")
    assert window.library_panel.model.rowCount() == 1


def test_a_pasted_address_imports_its_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with page_server({"/p": Reply(article_html("Pasted by address").encode()),
                      "/gone": Reply(status=410)}) as server:
        QApplication.clipboard().setText(f"  {server.url('/p')}\n")
        with qtbot.waitSignal(window.imports_done, timeout=60000):
            actions.paste_article(window)
        assert window.current_article is not None
        assert window.current_article.title == "Pasted by address"
        QApplication.clipboard().setText(server.url("/gone"))
        with qtbot.waitSignal(window.imports_done, timeout=60000) as done:
            actions.paste_article(window)
    assert done.args[0].failed == [(server.url("/gone"), "the page does not exist (410 Gone)")]
    assert window.library_panel.model.rowCount() == 1


def test_import_folder_reads_subfolders_and_reports_failures(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.html").write_text(article_html("One"), encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("# Two\n\nThe second article, written in "
                                                 "Markdown, about the harbour.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 50)  # not an article
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.html").write_text(article_html("Hidden"), encoding="utf-8")
    with qtbot.waitSignal(window.imports_done, timeout=60000) as done:
        web_import.import_folder(window, tmp_path)
    report = done.args[0]
    assert sorted(Path(name).name for name, _id, _dup in report.imported) == ["one.html", "two.md"]
    assert [(Path(name).name, message) for name, message in report.failed] == [
        ("empty.txt", "the file is empty")]


def test_an_address_given_to_lectern_downloads_its_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.single_instance import absolute_arguments

    with page_server({"/arg": Reply(article_html("Given on the command line").encode())}) as server:
        arguments = absolute_arguments([server.url("/arg")])
        assert arguments == [server.url("/arg")]  # not taken for a file name
        with qtbot.waitSignal(window.imports_done, timeout=60000):
            window.open_arguments(arguments, [])
    assert window.current_article is not None
    assert window.current_article.title == "Given on the command line"
