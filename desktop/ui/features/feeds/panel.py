"""The Feeds tab: the feeds followed with their unread counts, and a feed's articles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.storage.feeds import Feed

ROLE_ID = Qt.ItemDataRole.UserRole


class FeedsPanel(QWidget):
    """Lists only; the feature (``FeedsFeature``) fills them and does the work."""

    feed_selected = Signal(int)  # feed id
    article_activated = Signal(int)  # article id
    add_requested = Signal()
    refresh_requested = Signal()
    remove_requested = Signal(int)  # feed id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("feedsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.refresh_button = QPushButton("Refresh")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setEnabled(False)
        for button in (self.add_button, self.refresh_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel("")
        self.status.setObjectName("feedsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.feeds = QListWidget()
        self.feeds.setObjectName("feedList")
        self.articles = QListWidget()
        self.articles.setObjectName("feedArticles")
        splitter.addWidget(self.feeds)
        splitter.addWidget(self.articles)
        splitter.setSizes([200, 300])
        layout.addWidget(splitter, 1)
        self.empty = QLabel("No feeds yet. Add one (its address, or a site that names "
                            "its feed), or import an OPML list with lectern feeds import-opml.")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)

        self.add_button.clicked.connect(self.add_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.remove_button.clicked.connect(self._remove_current)
        self.feeds.currentItemChanged.connect(self._feed_changed)
        self.articles.itemActivated.connect(
            lambda item: self.article_activated.emit(int(item.data(ROLE_ID))))
        self.articles.itemClicked.connect(
            lambda item: self.article_activated.emit(int(item.data(ROLE_ID))))

    def show_feeds(self, feeds: list[Feed]) -> None:
        current = self.current_feed()
        self.feeds.blockSignals(True)
        self.feeds.clear()
        for feed in feeds:
            item = QListWidgetItem(feed_label(feed))
            item.setData(ROLE_ID, feed.id)
            item.setToolTip(feed.problem or feed.url)
            if feed.unread:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.feeds.addItem(item)
            if feed.id == current:
                self.feeds.setCurrentItem(item)
        self.feeds.blockSignals(False)
        self.empty.setVisible(not feeds)
        self.remove_button.setEnabled(self.current_feed() is not None)

    def show_articles(self, articles: list[tuple[int, str, bool]]) -> None:
        """(article id, title, unread) in the order to show."""
        self.articles.clear()
        for article_id, title, unread in articles:
            item = QListWidgetItem(title)
            item.setData(ROLE_ID, article_id)
            if unread:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.articles.addItem(item)

    def current_feed(self) -> int | None:
        item = self.feeds.currentItem()
        return None if item is None else int(item.data(ROLE_ID))

    def _feed_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.remove_button.setEnabled(item is not None)
        if item is not None:
            self.feed_selected.emit(int(item.data(ROLE_ID)))

    def _remove_current(self) -> None:
        feed_id = self.current_feed()
        if feed_id is not None:
            self.remove_requested.emit(feed_id)


def feed_label(feed: Feed) -> str:
    unread = f"  ({feed.unread})" if feed.unread else ""
    warning = "  ⚠" if feed.problem else ""
    return f"{feed.title or feed.url}{unread}{warning}"
