"""Triage like a read-later app: archive (E), favourite (S), reading progress, continue.

E archives what is selected in the list (or the open article) and Shift+E moves it
back to the Inbox; both undo (Ctrl+Z). Archiving the open article from the Inbox
opens the next one, as a read-later app does. How far each article was read is saved
a moment after scrolling stops and restored when it opens again; Article ▸ Continue
Reading opens the article last left unfinished, where it was left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QUndoCommand

from desktop.core.errors import LecternError
from desktop.core.storage.library import now_iso
from desktop.core.storage.reading_state import ReadingStates

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

SAVE_PROGRESS_AFTER_MS = 1500
FINISHED = 0.98  # read to here: nothing left to continue


class _StateCommand(QUndoCommand):
    """Set one flag (archived or favourite) on some articles; undo gives each its own back."""

    def __init__(self, triage: Triage, ids: list[int], flag: str, value: bool, text: str) -> None:
        super().__init__(text)
        self.triage, self.ids, self.flag, self.value = triage, ids, flag, value
        states = triage.states
        self.before = {i: bool(getattr(states.get(i), flag)) for i in ids}

    def redo(self) -> None:
        self.triage.set_flag(self.flag, self.ids, self.value)

    def undo(self) -> None:
        for value in (True, False):
            ids = [i for i, was in self.before.items() if was is value]
            if ids:
                self.triage.set_flag(self.flag, ids, value)


class Triage(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.host = host
        self.states = ReadingStates(host.library)
        self._progress: tuple[int, float] | None = None  # (article, share) not yet saved
        self._tracking: int | None = None  # the article whose scrolling is the reader's
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_PROGRESS_AFTER_MS)
        self._save_timer.timeout.connect(self.save_progress)
        host.reader.progress_changed.connect(self._scrolled)
        host.article_opened.connect(self._opened)
        self._add_actions()

    def _add_actions(self) -> None:
        w = self.host
        w.menu("article").addSeparator()
        single = [
            w.add_action("article", "&Archive", lambda: self.archive(True), "E",
                         "Move the selected articles (or this one) out of the Inbox"),
            w.add_action("article", "Move to &Inbox", lambda: self.archive(False), "Shift+E",
                         "Bring the selected articles (or this one) back to the Inbox"),
            w.add_action("article", "&Favourite", self.toggle_favourite, "S",
                         "Star the selected articles (or this one); again to unstar"),
        ]
        # Single keys act only where reading and choosing happen (the reader and the
        # list): an "e" typed in the search box or the notes stays typing.
        for action in single:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.reader.addAction(action)
            w.library_list.list_widget.addAction(action)
        w.add_action("article", "&Continue Reading", self.continue_reading, "Ctrl+R",
                     "Open the article you last left unfinished, where you left it")

    # -- archive and favourite ---------------------------------------------------

    def _targets(self) -> list[int]:
        selected = self.host.selected_article_ids()
        current = self.host.current_article
        return selected or ([current.id] if current is not None else [])

    def archive(self, archived: bool) -> None:
        ids = self._targets()
        if not ids or self.host.library.readonly:
            return
        noun = f"{len(ids)} articles" if len(ids) > 1 else "article"
        text = f"Archive {noun}" if archived else f"Move {noun} to Inbox"
        self.host.undo_stack.push(_StateCommand(self, ids, "archived", archived, text))
        self.host.say(f"{text[0].lower()}{text[1:]}d" if archived else text, 3000)

    def toggle_favourite(self) -> None:
        ids = self._targets()
        if not ids or self.host.library.readonly:
            return
        value = not all(self.states.get(i).favourite for i in ids)
        text = "Favourite" if value else "Remove from Favourites"
        self.host.undo_stack.push(_StateCommand(self, ids, "favourite", value, text))

    def set_flag(self, flag: str, ids: list[int], value: bool) -> None:
        if flag == "archived":
            self.states.set_archived(ids, value)
        else:
            self.states.set_favourite(ids, value)
        # The open article left the list (archived from the Inbox): the next one opens.
        self.host.library_list.reload(next_if_gone=self.host.current_article is not None)

    # -- reading progress ----------------------------------------------------------

    def _scrolled(self, percent: int) -> None:
        current = self.host.current_article
        if current is None or current.id != self._tracking or self.host.library.readonly:
            return  # opening resets the scroll before article_opened: not the reader's doing
        if self.host.reader.verticalScrollBar().maximum() <= 0:
            return  # not laid out yet, or all of it fits: no place to keep
        self._progress = (current.id, percent / 100)
        self._save_timer.start()

    def save_progress(self) -> None:
        if self._progress is None:
            return
        (article_id, share), self._progress = self._progress, None
        try:
            self.states.set_progress(article_id, share, now_iso())
        except LecternError:  # deleted meanwhile, or the disk refused: only a position
            return
        self.host.library_list.refresh_rows()

    def _opened(self, article_id: int) -> None:
        self.save_progress()  # the article left behind keeps where it was
        self._tracking = None
        try:
            share = self.states.get(article_id).progress
        except LecternError:
            return
        # After the reader has laid the text out (the next turn of the event loop).
        QTimer.singleShot(0, lambda: self._restore(article_id, share))

    def _restore(self, article_id: int, share: float) -> None:
        current = self.host.current_article
        if current is None or current.id != article_id:
            return
        if 0 < share < FINISHED:
            bar = self.host.reader.verticalScrollBar()
            bar.setValue(round(share * bar.maximum()))
        self._tracking = article_id

    def continue_reading(self) -> None:
        row = self.host.library.conn.execute(
            "SELECT id FROM articles WHERE progress > 0 AND progress < ? AND archived = 0"
            " ORDER BY opened_at DESC LIMIT 1", (FINISHED,)).fetchone()
        if row is None:
            self.host.say("Nothing left unfinished", 3000)
            return
        self.host.open_article(int(row[0]))


def install(host: FeatureHost) -> None:
    triage = Triage(host)
    triage.setObjectName("triage")
