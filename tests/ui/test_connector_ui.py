"""The window receives pages from the browser: the server thread hands each page to
the GUI thread, which imports it like any import; a busy port is said once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from connector_testing import PARAGRAPHS, call, save_body
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.annotations import AnnotationStore
from desktop.core.connector import connector_token
from desktop.ui.features.connector.bridge import ConnectorFeature


def feature_of(window: Any) -> ConnectorFeature:
    found = window.findChild(ConnectorFeature, "connectorFeature")
    assert isinstance(found, ConnectorFeature)
    return found


@pytest.fixture
def listening(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Any:
    monkeypatch.setenv("LECTERN_CONNECTOR_PORT", "0")  # any free port
    window = request.getfixturevalue("window")
    assert feature_of(window).server is not None
    return window


def in_thread(qtbot: Any, fn: Callable[[], Any], timeout: int = 60_000) -> Any:
    """Run a blocking request in a thread while the GUI thread keeps its event loop."""
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(fn()), daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
    thread.join(5)
    return outcome[0]


def test_a_page_from_the_browser_arrives_in_the_window(qtbot, listening) -> None:  # type: ignore[no-untyped-def]
    window = listening
    feature = feature_of(window)
    token = connector_token(window.library)
    body = save_body(selection="Residents of the east quay asked for the dredging to wait")
    status, answer, _ = in_thread(qtbot, lambda: call(feature.port, "POST", "/save", body,
                                                      headers={"X-Lectern-Token": token}))
    assert status == 200, answer
    record = window.library.article(answer["article_id"])
    assert PARAGRAPHS[2] in record.text
    # Shown: nothing was open, so the new article opens, with its highlight.
    assert window.current_article is not None and window.current_article.id == record.id
    assert [h.quote for h in AnnotationStore(window.library).for_article(record.id)] == [
        "Residents of the east quay asked for the dredging to wait"]
    assert window.library_panel.model.rowCount() == 1
    assert "From the browser: Saved: A Plan to Widen the Old Channel" in (
        window.statusBar().currentMessage())
    again = in_thread(qtbot, lambda: call(feature.port, "POST", "/save", save_body(),
                                          headers={"X-Lectern-Token": token}))
    assert again[1]["duplicate"] is True and window.library.article_ids() == [record.id]


def test_pages_sent_at_once_are_imported_one_at_a_time(qtbot, listening) -> None:  # type: ignore[no-untyped-def]
    window = listening
    port, token = feature_of(window).port, connector_token(window.library)

    def send_all() -> list[int]:
        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(call(
            port, "POST", "/save", save_body("https://news.example/same"),
            headers={"X-Lectern-Token": token})[0])) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        return results

    assert in_thread(qtbot, send_all) == [200] * 4
    assert len(window.library.article_ids()) == 1  # the same address, stored once


def test_a_refused_request_stores_nothing_in_the_window(qtbot, listening) -> None:  # type: ignore[no-untyped-def]
    window = listening
    port = feature_of(window).port
    status = in_thread(qtbot, lambda: call(port, "POST", "/save", save_body(),
                                           headers={"X-Lectern-Token": "wrong"})[0])
    assert status == 403
    qtbot.wait(100)
    assert window.library.article_ids() == []


def test_closing_the_window_stops_listening(qtbot, listening) -> None:  # type: ignore[no-untyped-def]
    window = listening
    port = feature_of(window).port
    window.close()
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", port))


def test_a_busy_port_is_said_once_and_nothing_breaks(qtbot, monkeypatch, request) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("LECTERN_CONNECTOR_PORT", str(port))
        window = request.getfixturevalue("window")
    feature = feature_of(window)
    assert feature.server is None
    assert window.statusBar().currentMessage() == (
        f"Save from the browser is off: port {port} on 127.0.0.1 is in use (another Lectern, "
        "or another program); set LECTERN_CONNECTOR_PORT to use another port")
    feature.show_dialog()
    dialog = window.findChild(QLabel, "connectorState")
    assert dialog is not None and "is not listening: port" in dialog.text()


def test_help_shows_the_bookmarklet_with_the_token(qtbot, listening, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.features.connector.dialog import BookmarkletButton, SaveFromBrowserDialog

    window = listening
    actions = [a for a in window.menu("help").actions() if "Save from" in a.text()]
    assert len(actions) == 1
    actions[0].trigger()
    dialog = window.findChild(SaveFromBrowserDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    token = connector_token(window.library)
    button = dialog.findChild(BookmarkletButton)
    assert button.code.startswith("javascript:") and token in button.code
    assert f"127.0.0.1:{feature_of(window).port}" in button.code
    assert dialog.token_field.text() == token
    assert "is listening on http://127.0.0.1:" in dialog.state.text()
    dialog.grab().save(str(tmp_path / "save-from-browser.png"))
    QApplication.clipboard().clear()


def test_a_slow_save_is_accepted_and_still_stored(qtbot, listening, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.features.connector import bridge

    monkeypatch.setattr(bridge, "ANSWER_WITHIN_SECONDS", 0.0)  # the browser stops waiting at once
    window = listening
    port, token = feature_of(window).port, connector_token(window.library)
    status, answer, _ = in_thread(qtbot, lambda: call(port, "POST", "/save", save_body(),
                                                      headers={"X-Lectern-Token": token}))
    assert status == 202 and answer["accepted"] is True
    qtbot.waitUntil(lambda: len(window.library.article_ids()) == 1, timeout=60_000)


def test_closing_the_window_answers_a_page_still_waiting(qtbot, listening) -> None:  # type: ignore[no-untyped-def]
    window = listening
    feature = feature_of(window)
    port, token = feature.port, connector_token(window.library)
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(call(
        port, "POST", "/save", save_body(), headers={"X-Lectern-Token": token})), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while feature._arrivals.empty() and time.monotonic() < deadline:
        time.sleep(0.02)  # no event loop here: the GUI thread has not taken it yet
    window.close()
    thread.join(30)
    status, answer, _ = outcome[0]
    assert status == 503 and answer["error"] == "Lectern is closing; the page was not saved"
    assert window.library.article_ids() == []
