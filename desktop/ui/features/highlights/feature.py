"""Highlights and notes in the reader: select, press H (or a colour, 1–5), add a note (N).

``install`` adds the ``HighlightsController`` (the layer, the panel, undoable
changes) and the ways to drive it: a floating toolbar by the selection or a
clicked highlight, keys that act while the reader has focus, the Article menu and
the reader's right-click menu (``desktop.ui.reader_menu``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QMenu

from desktop.core.annotations import COLORS, Annotation
from desktop.ui.features.highlights.controller import HighlightsController
from desktop.ui.features.highlights.dialogs import NoteDialog
from desktop.ui.features.highlights.toolbar import HighlightToolbar
from desktop.ui.reader_menu import add_reader_menu_hook

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

TOOLBAR_DELAY_MS = 200  # after the selection settles, not on every step of a drag


class HighlightTools(QObject):
    def __init__(self, controller: HighlightsController) -> None:
        super().__init__(controller)
        self.setObjectName("highlightTools")
        self.controller = controller
        self.host = controller.host
        self.reader = controller.reader
        self.toolbar = HighlightToolbar(self.reader.viewport())
        self._target: str | None = None  # the clicked highlight the toolbar acts on
        self._timer = QTimer(self, singleShot=True, interval=TOOLBAR_DELAY_MS)
        self._timer.timeout.connect(self.update_toolbar)
        # The toolbar answers the reader's own mouse and keys, not selections made
        # by the app (stepping through entity mentions, following a link).
        self._by_user = False
        self.reader.viewport().installEventFilter(self)
        self.reader.installEventFilter(self)
        self.reader.selection_range_changed.connect(lambda *_: self._timer.start())
        self.reader.cursorPositionChanged.connect(self._timer.start)
        self.reader.article_shown.connect(lambda _id: self.toolbar.hide())
        self.toolbar.color_chosen.connect(self._toolbar_color)
        self.toolbar.note_requested.connect(self.note_at_cursor)
        self.toolbar.delete_requested.connect(self._toolbar_delete)
        controller.changed.connect(self._changed)
        self._add_actions()
        add_reader_menu_hook(self.reader, self._menu_hook)
        self._changed()

    def _add_actions(self) -> None:
        w, c = self.host, self.controller
        w.menu("article").addSeparator()
        specs: list[tuple[str, Callable[[], object], str, str]] = [
            ("&Highlight Selection", lambda: c.highlight_selection(), "H",
             "Highlight the selected text in the current colour"),
            ("Add &Note to Highlight…", self.note_at_cursor, "N",
             "Attach a note and tags to the selection or the highlight under the cursor"),
            ("Delete Highlight", c.delete_at_cursor, "Del",
             "Delete the highlight under the cursor"),
            ("Ne&xt Highlight", lambda: c.step(1), "]", "Go to the next highlight"),
            ("Pre&vious Highlight", lambda: c.step(-1), "[", "Go to the previous highlight"),
        ]
        self.actions: list[QAction] = []
        for text, slot, key, tip in specs:
            self.actions.append(w.add_action("article", text, slot, key, tip))
        self.colour_menu = w.menu("article").addMenu("Highlight &Colour")
        for number, color in enumerate(COLORS, start=1):
            action = QAction(color.capitalize(), w.as_parent())
            action.setShortcut(QKeySequence(str(number)))
            action.triggered.connect(lambda _=False, col=color: c.use_color(col))
            self.colour_menu.addAction(action)
            self.actions.append(action)
        w.add_action("article", "Rename Highlight Colours…", c.panel.open_rename_dialog)
        w.add_action("article", "Replace with New &Version…", c.replace_with_new_version,
                     tip="Import a newer copy of this page; highlights follow the text")
        # Single keys act only while the reader has focus: typing an "h" in the notes
        # or the search field stays typing.
        for action in self.actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.reader.addAction(action)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.reader, self.toolbar.hide,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _changed(self) -> None:
        meanings = self.controller.meanings
        self.toolbar.set_meanings(meanings)
        current = self.controller.current_color
        self.colour_menu.setTitle(f"Highlight &Colour ({meanings.get(current, current)})")
        for action, color in zip(self.colour_menu.actions(), COLORS, strict=True):
            action.setText(f"{color.capitalize()} — {meanings.get(color, color)}")
        if self._target is not None and self._find(self._target) is None:
            self._target = None
            self.toolbar.hide()

    def _find(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self.controller.annotations if a.id == annotation_id), None)

    def note_at_cursor(self) -> NoteDialog | None:
        """N: a note on the selection (highlighting it first) or the highlight under the cursor."""
        c = self.controller
        target = c.cursor_highlight() if self._target is None else self._find(self._target)
        if self.reader.selected_range() is not None:
            target = c.highlight_selection()
        if target is None:
            c.say("Select text or click a highlight to add a note")
            return None
        return c.open_note_dialog(target.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.KeyRelease):
            self._by_user = True
            self._timer.start()
        return False

    def update_toolbar(self) -> None:
        by_user, self._by_user = self._by_user, False
        if self.reader.record is None or not (by_user or self.toolbar.isVisible()):
            self.toolbar.hide()
            return
        cursor = self.reader.textCursor()
        target = self.controller.cursor_highlight()
        if not cursor.hasSelection() and target is None:
            self._target = None
            self.toolbar.hide()
            return
        self._target = target.id if target is not None else None
        start = QTextCursor(self.reader.document())
        start.setPosition(cursor.selectionStart() if cursor.hasSelection() else cursor.position())
        self.toolbar.show_near(self.reader.cursorRect(start), editing=target is not None)

    def _toolbar_color(self, color: str) -> None:
        c = self.controller
        c.current_color = color
        if self.reader.selected_range() is not None:
            c.highlight_selection(color)
        elif self._target is not None:
            c.edit(self._target, color=color, label="Change Highlight Colour")

    def _toolbar_delete(self) -> None:
        if self._target is not None:
            self.controller.delete(self._target)

    def _menu_hook(self, menu: QMenu, offset: int) -> None:
        c = self.controller
        if c.article_id is None:
            return
        menu.addSeparator()
        if self.reader.selected_range() is not None:
            sub = menu.addMenu("Highlight")
            for color in COLORS:
                sub.addAction(c.meanings[color], lambda col=color: c.highlight_selection(col))
            menu.addAction("Highlight with Note…", self.note_at_cursor)
        target = c.highlight_at(offset)
        if target is not None:
            menu.addAction("Edit Note…", lambda: c.open_note_dialog(target.id))
            sub = menu.addMenu("Change Colour")
            for color in COLORS:
                sub.addAction(c.meanings[color], lambda col=color: c.edit(
                    target.id, color=col, label="Change Highlight Colour"))
            menu.addAction("Delete Highlight", lambda: c.delete(target.id))


def install(host: FeatureHost) -> None:
    """Children of the host: find them with host.findChild(HighlightsController)."""
    HighlightTools(HighlightsController(host))
