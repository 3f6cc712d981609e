"""Highlights and notes in the reader: select, press H (or a colour, 1–5), add a note (N).

Every change is committed to the database before the window shows it, and is one
step on the window's undo stack. The list of the article's highlights sits above
the free-form notes (``HighlightsPanel``); right-clicking the text offers the same
actions (``desktop.ui.reader_menu``).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from desktop.core.annotations import COLORS, Annotation, AnnotationStore
from desktop.core.errors import LecternError
from desktop.ui.highlight_colors import wash
from desktop.ui.highlight_toolbar import HighlightToolbar
from desktop.ui.highlight_undo import (
    CreateHighlight,
    DeleteHighlight,
    EditHighlight,
    RenameColor,
    ReplaceHighlight,
)
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.reader_menu import add_reader_menu_hook
from desktop.ui.reader_view import Span
from desktop.ui.theme import is_dark

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAYER = "highlights"
# Layers a reader's highlights paint over. The reader stacks layers in the order
# they are first set, so these are registered (with their current spans, which
# changes nothing) before ours.
UNDER = ("entities", "entity-focus")


class NoteDialog(QDialog):
    def __init__(self, quote: str, note: str, tags: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("highlightNoteDialog")
        self.setWindowTitle("Note on Highlight")
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("Your note (Markdown)")
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText("tags, separated by commas")
        quote = " ".join(quote.split())
        form = QFormLayout(self)
        shown = QLabel(f"“{quote[:160]}{'…' if len(quote) > 160 else ''}”")
        shown.setWordWrap(True)
        form.addRow(shown)
        form.addRow("Note", self.note)
        form.addRow("Tags", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(420, 260)

    def tag_list(self) -> list[str]:
        return [t for t in self.tags.text().split(",") if t.strip()]


class HighlightsController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("highlightsController")
        self.window = window
        self.reader = window.reader
        self.store = AnnotationStore(window.library)
        self.current_color = COLORS[0]
        self.annotations: list[Annotation] = []
        self.article_id: int | None = None
        self.panel = HighlightsPanel()
        window.notes_panel.add_section(self.panel)
        self.toolbar = HighlightToolbar(self.reader.viewport())
        self._toolbar_target: str | None = None  # highlight id, or None for the selection
        self._toolbar_timer = QTimer(self, singleShot=True, interval=200)
        self._toolbar_timer.timeout.connect(self._update_toolbar)
        for name in UNDER:
            self.reader.set_layer(name, self.reader.layer(name))
        window.installEventFilter(self)  # to save a half-typed note when the window closes
        self._connect()
        self._add_actions()
        add_reader_menu_hook(self.reader, self._menu_hook)
        self.refresh()

    def _connect(self) -> None:
        w = self.window
        w.article_opened.connect(self._article_opened)
        w.link_opened.connect(self.open_fragment)
        w.theme_changed.connect(lambda _name: self.paint())
        self.reader.selection_range_changed.connect(lambda *_: self._toolbar_timer.start())
        self.reader.cursorPositionChanged.connect(self._toolbar_timer.start)
        self.reader.article_shown.connect(lambda _id: self.toolbar.hide())
        self.toolbar.color_chosen.connect(self._toolbar_color)
        self.toolbar.note_requested.connect(self.note_at_cursor)
        self.toolbar.delete_requested.connect(self._toolbar_delete)
        self.panel.activated.connect(self.show_highlight)
        self.panel.edit_requested.connect(self._panel_edit)
        self.panel.delete_requested.connect(self.delete)
        self.panel.rename_requested.connect(self.rename_color)
        self.panel.attach_requested.connect(self.attach_to_selection)

    def _add_actions(self) -> None:
        w = self.window
        w.menus["article"].addSeparator()
        specs: list[tuple[str, object, str, str]] = [
            ("&Highlight Selection", lambda: self.highlight_selection(), "H",
             "Highlight the selected text in the current colour"),
            ("Add &Note to Highlight", self.note_at_cursor, "N",
             "Attach a note and tags to the selection or the highlight under the cursor"),
            ("Delete Highlight", self.delete_at_cursor, "Del",
             "Delete the highlight under the cursor"),
        ]
        self.actions: list[QAction] = []
        for text, slot, key, tip in specs:
            self.actions.append(w.add_action("article", text, slot, key, tip))
        colours = w.menus["article"].addMenu("Highlight &Colour")
        for number, color in enumerate(COLORS, start=1):
            action = QAction(color.capitalize(), w)
            action.setShortcut(QKeySequence(str(number)))
            action.triggered.connect(lambda _=False, c=color: self.use_color(c))
            colours.addAction(action)
            self.actions.append(action)
        self.colour_menu = colours
        w.add_action("article", "Rename Highlight Colours…", self.panel.open_rename_dialog)
        # Single keys act only while the reader has focus: typing an "h" in the notes
        # or the search field stays typing.
        for action in self.actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.reader.addAction(action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.panel.flush()
        return super().eventFilter(watched, event)

    # -- showing -------------------------------------------------------------

    def _article_opened(self, article_id: int) -> None:
        self.panel.flush()  # a note typed on the previous article's highlight
        self.article_id = article_id
        self.refresh()

    def refresh(self) -> None:
        """Read the open article's highlights again, repaint them, refill the panel."""
        article = self.window.current_article
        self.article_id = article.id if article is not None else None
        self.annotations = self.store.for_article(self.article_id) if self.article_id else []
        meanings = self.store.color_meanings()
        self.panel.set_annotations(self.annotations, meanings)
        self.toolbar.set_meanings(meanings)
        self.colour_menu.setTitle(f"Highlight &Colour ({meanings[self.current_color]})")
        self.paint()

    def paint(self) -> None:
        """The highlight layer: overlapping highlights split into pieces whose colours mix."""
        meanings = self.store.color_meanings()
        anchored = [a for a in self.annotations if a.anchored]
        edges = sorted({x for a in anchored for x in (a.start, a.end)})
        dark = is_dark()
        spans: list[Span] = []
        for left, right in pairwise(edges):
            over = [a for a in anchored if a.start <= left and right <= a.end]
            if not over:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(wash([a.color for a in over], dark))
            tip = "\n".join(
                meanings[a.color] + (f": {a.note}" if a.note else "")
                + (f"  {' '.join('#' + t for t in a.tags)}" if a.tags else "")
                for a in over)
            spans.append(Span(left, right, fmt, tip))
        self.reader.set_layer(LAYER, spans)

    def show_highlight(self, annotation_id: str) -> None:
        found = next((a for a in self.annotations if a.id == annotation_id), None)
        if found is None:
            return
        self.panel.select(found.id)
        if found.anchored:
            self.reader.select_range(found.start, found.end)
            self.reader.scroll_to(found.start)
        else:
            self.window.statusBar().showMessage(
                "This highlight is orphaned: its passage was not found in the current text.",
                6000)

    def open_fragment(self, article_id: int, fragment: str) -> None:
        """A ``lectern://article/ID#hl-...`` link: select and show that highlight."""
        if not fragment.startswith("hl-") or self.article_id != article_id:
            return
        found = self.store.find_by_block_id(article_id, fragment)
        if found is None:
            self.window.statusBar().showMessage("That highlight no longer exists.", 6000)
            return
        self.show_highlight(found.id)

    def highlight_at(self, offset: int) -> Annotation | None:
        """The innermost (shortest) highlight covering ``offset``."""
        over = [a for a in self.annotations if a.anchored and a.start <= offset < a.end]
        return min(over, key=lambda a: a.end - a.start) if over else None

    def _cursor_highlight(self) -> Annotation | None:
        cursor = self.reader.textCursor()
        if cursor.hasSelection():
            return None
        return self.highlight_at(self.reader.doc_to_text(cursor.position()))

    # -- changes (each undoable) ---------------------------------------------

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def create(self, start: int, end: int, color: str | None = None, note: str = "",
               tags: list[str] | None = None) -> Annotation | None:
        if self.article_id is None:
            return None
        try:
            created = self.store.create(self.article_id, start, end, color=color or
                                        self.current_color, note=note, tags=tags or [])
        except LecternError as exc:
            self._say(f"Not highlighted: {exc}")
            return None
        self.window.undo_stack.push(CreateHighlight(created, self.store, self.refresh, self._say))
        self.refresh()
        self._say("Highlight saved")
        return created

    def highlight_selection(self, color: str | None = None) -> Annotation | None:
        chosen = self.reader.selected_range()
        if chosen is None:
            self._say("Select some text to highlight")
            return None
        created = self.create(*chosen, color=color)
        if created is not None:
            self._clear_selection(created.end)
        return created

    def edit(self, annotation_id: str, *, color: str | None = None, note: str | None = None,
             tags: list[str] | None = None, label: str = "Edit Highlight") -> Annotation | None:
        try:
            before = self.store.get(annotation_id)
            after = self.store.update(annotation_id, color=color, note=note, tags=tags)
        except LecternError as exc:
            self._say(f"Not saved: {exc}")
            return None
        if (before.color, before.note, before.tags) != (after.color, after.note, after.tags):
            self.window.undo_stack.push(
                EditHighlight(label, before, after, self.store, self.refresh, self._say))
            self._say("Highlight saved")
        self.refresh()
        return after

    def delete(self, annotation_id: str) -> None:
        try:
            gone = self.store.get(annotation_id)
            self.store.delete(annotation_id)
        except LecternError as exc:
            self._say(f"Not deleted: {exc}")
            return
        self.window.undo_stack.push(DeleteHighlight(gone, self.store, self.refresh, self._say))
        self.refresh()
        self.toolbar.hide()
        self._say("Highlight deleted (Ctrl+Z brings it back)")

    def rename_color(self, color: str, meaning: str) -> None:
        before = self.store.color_meanings()[color]
        try:
            self.store.set_color_meaning(color, meaning)
        except LecternError as exc:
            self._say(f"Not renamed: {exc}")
            return
        self.window.undo_stack.push(
            RenameColor(color, before, meaning, self.store, self.refresh, self._say))
        self.refresh()

    def attach_to_selection(self, annotation_id: str) -> Annotation | None:
        """Place an orphaned highlight (note, tags, colour kept) on the selected passage."""
        chosen = self.reader.selected_range()
        if chosen is None or self.article_id is None:
            self._say("Select the passage to attach the highlight to, then try again")
            return None
        try:
            before = self.store.get(annotation_id)
            after = self.store.place(annotation_id, *chosen)
        except LecternError as exc:
            self._say(f"Not attached: {exc}")
            return None
        self.window.undo_stack.push(ReplaceHighlight(
            "Attach Highlight", before, after, self.store, self.refresh, self._say))
        self.refresh()
        self.show_highlight(after.id)
        self._say("Highlight attached to the selection")
        return after

    def use_color(self, color: str) -> None:
        """1–5: the colour for new highlights; also applied to the selection or the
        highlight under the cursor."""
        self.current_color = color
        target = self._cursor_highlight()
        if self.reader.selected_range() is not None:
            self.highlight_selection(color)
        elif target is not None:
            self.edit(target.id, color=color, label="Change Highlight Colour")
        else:
            self.refresh()

    def _panel_edit(self, annotation_id: str, color: str, note: str, tags: list[str]) -> None:
        self.edit(annotation_id, color=color, note=note, tags=tags)

    # -- note dialog, toolbar, menu --------------------------------------------

    def note_at_cursor(self) -> NoteDialog | None:
        """N: a note on the selection (highlighting it first) or the highlight under the cursor."""
        target = self._cursor_highlight() if self._toolbar_target is None else next(
            (a for a in self.annotations if a.id == self._toolbar_target), None)
        if self.reader.selected_range() is not None:
            target = self.highlight_selection()
        if target is None:
            self._say("Select text or click a highlight to add a note")
            return None
        return self.open_note_dialog(target.id)

    def open_note_dialog(self, annotation_id: str) -> NoteDialog:
        current = self.store.get(annotation_id)
        dialog = NoteDialog(current.quote, current.note, current.tags, self.window)
        dialog.accepted.connect(lambda: self.edit(
            annotation_id, note=dialog.note.toPlainText(), tags=dialog.tag_list(),
            label="Edit Note"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_at_cursor(self) -> None:
        target = self._cursor_highlight()
        if target is not None:
            self.delete(target.id)

    def _clear_selection(self, offset: int) -> None:
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.text_to_doc(offset))
        self.reader.setTextCursor(cursor)

    def _update_toolbar(self) -> None:
        if self.reader.record is None:
            self.toolbar.hide()
            return
        cursor = self.reader.textCursor()
        target = self._cursor_highlight()
        if not cursor.hasSelection() and target is None:
            self._toolbar_target = None
            self.toolbar.hide()
            return
        self._toolbar_target = target.id if target is not None else None
        start = QTextCursor(self.reader.document())
        start.setPosition(cursor.selectionStart() if cursor.hasSelection() else cursor.position())
        self.toolbar.show_near(self.reader.cursorRect(start), editing=target is not None)

    def _toolbar_color(self, color: str) -> None:
        self.current_color = color
        if self.reader.selected_range() is not None:
            self.highlight_selection(color)
        elif self._toolbar_target is not None:
            self.edit(self._toolbar_target, color=color, label="Change Highlight Colour")

    def _toolbar_delete(self) -> None:
        if self._toolbar_target is not None:
            self.delete(self._toolbar_target)

    def _menu_hook(self, menu: QMenu, offset: int) -> None:
        if self.article_id is None:
            return
        menu.addSeparator()
        meanings = self.store.color_meanings()
        if self.reader.selected_range() is not None:
            sub = menu.addMenu("Highlight")
            for color in COLORS:
                sub.addAction(meanings[color], lambda c=color: self.highlight_selection(c))
            menu.addAction("Highlight with Note…", self.note_at_cursor)
        target = self.highlight_at(offset)
        if target is not None:
            menu.addAction("Edit Note…", lambda: self.open_note_dialog(target.id))
            sub = menu.addMenu("Change Colour")
            for color in COLORS:
                sub.addAction(meanings[color], lambda c=color: self.edit(
                    target.id, color=c, label="Change Highlight Colour"))
            menu.addAction("Delete Highlight", lambda: self.delete(target.id))


def install(window: MainWindow) -> None:
    HighlightsController(window)  # a child of the window: window.findChild(HighlightsController)
