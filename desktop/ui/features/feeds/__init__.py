"""Feeds and links waiting to download, in the window.

A Feeds tab lists the feeds followed with their unread counts (articles never
opened) and a feed's articles; File ▸ Add Feed…, Refresh Feeds (F5) and Download
Waiting Links run the same core operations as ``lectern feeds`` and ``lectern
fetch``, off the GUI thread with a cancellable progress window. While Lectern
runs, feeds refresh every ``settings.FEEDS_REFRESH_MINUTES`` (default 60; 0: never) in the
background, with a line in the status bar and no window. Nothing here touches the
network otherwise: opening and reading never do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.core import settings
from desktop.core.storage.feeds import Feeds
from desktop.core.storage.library import now_iso
from desktop.core.storage.reading_state import ReadingStates
from desktop.ui.features.feeds.panel import FeedsPanel
from desktop.ui.features.feeds.work import fetch_links_job, refresh_job
from desktop.ui.progress_dialog import TaskProgressDialog

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

STATUS_MS = 8000


def install(host: FeatureHost) -> None:
    FeedsFeature(host)  # the window owns it (its QObject parent)


class FeedsFeature(QObject):
    def __init__(self, window: FeatureHost) -> None:
        super().__init__(window.as_parent())
        self.setObjectName("feedsFeature")
        self.window = window
        self.busy = False  # one refresh or download at a time
        self.panel = FeedsPanel()
        self.tab_index = window.side_tabs.addTab(self.panel, "Feeds")
        window.add_menu_separator("file")
        window.add_action("file", "Add &Feed…", self.ask_for_feed, None,
                          "Follow a feed (RSS, Atom, JSON Feed) or the feed a site names")
        window.add_action("file", "&Refresh Feeds", self.refresh, "F5",
                          "Fetch what is new in every feed followed")
        window.add_action("file", "&Download Waiting Links", self.download_waiting,
                          "Ctrl+Shift+D", "Download the pages of links saved without one "
                          "(other apps' exports, feed items)")
        self.panel.add_requested.connect(self.ask_for_feed)
        self.panel.refresh_requested.connect(self.refresh)
        self.panel.remove_requested.connect(self.remove)
        self.panel.feed_selected.connect(self._show_feed)
        self.panel.article_activated.connect(window.open_article)
        window.library_changed.connect(self.reload)
        window.article_opened.connect(self._opened)
        self.timer = QTimer(self)
        self.timer.setObjectName("feedsRefreshTimer")
        self.timer.timeout.connect(lambda: self.refresh(background=True))
        minutes = settings.read(window.library, settings.FEEDS_REFRESH_MINUTES)
        if minutes:
            self.timer.start(minutes * 60_000)
        self.reload()

    # -- showing -----------------------------------------------------------------

    def reload(self) -> None:
        feeds = Feeds(self.window.library).all()
        self.panel.show_feeds(feeds)
        unread = sum(feed.unread for feed in feeds)
        self.window.side_tabs.setTabText(self.tab_index,
                                         f"Feeds ({unread})" if unread else "Feeds")
        current = self.panel.current_feed()
        if current is not None:
            self._show_feed(current)

    def _show_feed(self, feed_id: int) -> None:
        library = self.window.library
        rows = []
        for article_id in Feeds(library).articles_of(feed_id):
            state = ReadingStates(library).get(article_id)
            rows.append((article_id, library.article(article_id).title, not state.opened_at))
        self.panel.show_articles(rows)

    def _opened(self, article_id: int) -> None:
        """An article opened is read: its feed's unread count goes down."""
        library = self.window.library
        if library.readonly:
            return
        states = ReadingStates(library)
        state = states.get(article_id)
        if not state.opened_at:
            states.set_progress(article_id, state.progress, now_iso())
            if Feeds(library).feed_of(article_id) is not None:
                self.reload()

    # -- actions -----------------------------------------------------------------

    def ask_for_feed(self) -> QInputDialog:
        dialog = QInputDialog(self.window.as_parent())
        dialog.setObjectName("addFeedDialog")
        dialog.setWindowTitle("Add Feed")
        dialog.setLabelText("Address of the feed, or of a site that names its feed:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.resize(520, 120)
        dialog.textValueSelected.connect(lambda text: self.add(text.strip()))
        dialog.open()
        return dialog

    def add(self, url: str) -> None:
        if not url or self.busy:
            return
        self._run("Adding feed", "Downloading", lambda path, p: refresh_job(path, p, add=url))

    def refresh(self, background: bool = False) -> None:
        if self.busy:
            return
        if background and not Feeds(self.window.library).all():
            return
        self._run("Refreshing feeds", "Refreshing", lambda path, p: refresh_job(path, p),
                  background=background)

    def download_waiting(self) -> None:
        if not self.busy:
            self._run("Downloading waiting links", "Downloading", fetch_links_job)

    def remove(self, feed_id: int) -> None:
        feeds = Feeds(self.window.library)
        feed = feeds.get(feed_id)
        answer = QMessageBox.question(
            self.window.as_parent(), "Stop following",
            f"Stop following “{feed.title}”? Its articles stay in the library.")
        if answer == QMessageBox.StandardButton.Yes:
            feeds.remove(feed_id)
            self.panel.show_articles([])
            self.reload()

    def _run(self, title: str, verb: str, job: object, *, background: bool = False) -> None:
        self.busy = True
        dialog = None if background else TaskProgressDialog(self.window.as_parent(), title, verb, 0)
        library_path: Path = self.window.library_path

        def finished(summary: str) -> None:
            self.busy = False
            if dialog is not None:
                dialog.finish()
            self.window.library_changed.emit()
            self.window.say(summary, STATUS_MS)

        def failed(exc: BaseException) -> None:
            self.busy = False
            if dialog is not None:
                dialog.finish()
                self.window.show_error(title, str(exc), name="feedsError")
            else:
                self.window.say(f"Feeds: {exc}", STATUS_MS)

        assert callable(job)
        progress = self.window.tasks.run(
            lambda p: job(library_path, p), on_success=finished, on_failure=failed,
            on_progress=dialog.progressed if dialog is not None else None)
        if dialog is not None:
            dialog.canceled.connect(progress.cancel)
