"""The article's highlights above the free-form notes: reading order, edit in place.

The panel only shows and asks: every change goes out as a signal, and the
highlights feature makes it (undoably) and hands the new list back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotations import COLORS, Annotation, normalize_tags
from desktop.ui.features.highlights.cards import ID_ROLE, CardList
from desktop.ui.features.highlights.colors import swatch
from desktop.ui.features.highlights.dialogs import ColourMeaningsDialog, TagCompleter


class HighlightsPanel(QWidget):
    activated = Signal(str)  # annotation id: show it in the reader
    edit_requested = Signal(str, str, str, list)  # id, colour, note, tags
    delete_requested = Signal(str)
    rename_requested = Signal(str, str)  # colour, new meaning
    attach_requested = Signal(str)  # orphaned highlight id: attach it to the reader's selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self._meanings: dict[str, str] = {}
        self._by_id: dict[str, Annotation] = {}
        self.heading = QLabel("Highlights")
        self.heading.setObjectName("panelHeading")
        self.colours_button = QPushButton("Colours…")
        self.colours_button.setToolTip("Rename what each highlight colour means")
        self.colours_button.clicked.connect(self.open_rename_dialog)
        self.list = CardList()
        self.list.setObjectName("highlightsList")
        self.list.setMinimumHeight(150)
        self.empty = QLabel("Select text in the article and press H to highlight it, "
                            "or N to add a note.")
        self.empty.setObjectName("highlightsEmpty")
        self.empty.setWordWrap(True)
        self.orphan_heading = QLabel("Orphaned highlights")
        self.orphan_heading.setObjectName("panelHeading")
        self.orphan_heading.setToolTip("The article's text changed and these passages could not "
                                       "be found again with confidence. They are kept here.")
        self.orphans = CardList()
        self.orphans.setObjectName("orphanedList")
        self.orphans.setMaximumHeight(140)
        self.editor = self._build_editor()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.colours_button)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.orphan_heading)
        layout.addWidget(self.orphans)
        layout.addWidget(self.editor)
        for view in (self.list, self.orphans):
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, v=view: self._current_changed(v, current))
            view.clicked.connect(self._clicked)
            view.doubleClicked.connect(lambda _index: self.note_edit.setFocus())
            QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, self.delete_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self._editing: str | None = None
        self.set_annotations([], {})

    def _build_editor(self) -> QWidget:
        box = QWidget()
        box.setObjectName("highlightEditor")
        self.color_box = QComboBox()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Note on this highlight (Ctrl+Enter saves)")
        self.note_edit.setMaximumHeight(90)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("tags, separated by commas")
        self.tag_completer = TagCompleter([], self.tags_edit)
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.attach_button = QPushButton("Attach to Selection")
        self.attach_button.setToolTip("Select the passage in the article, then attach this "
                                      "orphaned highlight (with its note and tags) to it")
        self.attach_button.clicked.connect(self._attach)
        self.color_box.activated.connect(lambda _i: self.save_current())
        self.tags_edit.returnPressed.connect(self.save_current)
        # A note typed here is never lost: leaving the editor saves it.
        self.note_edit.installEventFilter(self)
        self.tags_edit.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.note_edit, self.save_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow("Colour", self.color_box)
        form.addRow("Note", self.note_edit)
        form.addRow("Tags", self.tags_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        return box

    # -- showing -------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation], meanings: dict[str, str]) -> None:
        """Show these highlights (anchored in reading order, then orphaned), keeping the
        selected one selected. Anything typed and not yet saved is saved right after."""
        pending = self._pending()
        self._editing = None  # the editor's text is about to be replaced
        chosen = self.current_id()
        self._meanings = dict(meanings)
        self._by_id = {a.id: a for a in annotations}
        self.color_box.clear()
        for color in COLORS:
            self.color_box.addItem(swatch(color), meanings.get(color, color), color)
        # Two models reset, not thousands of items made: a card is drawn when shown.
        for view in (self.list, self.orphans):
            view.selectionModel().blockSignals(True)
        placed: list[Annotation] = []
        lost: list[Annotation] = []
        for annotation in annotations:
            (placed if annotation.anchored else lost).append(annotation)
        self.list.cards.set_highlights(placed, meanings)
        self.orphans.cards.set_highlights(lost, meanings)
        anchored, orphaned = len(placed), len(lost)
        self.heading.setText(f"Highlights ({anchored})" if anchored else "Highlights")
        self.orphan_heading.setText(f"Orphaned highlights ({orphaned})")
        self.empty.setVisible(not annotations)
        for widget in (self.orphan_heading, self.orphans):
            widget.setVisible(orphaned > 0)
        for view in (self.list, self.orphans):
            view.selectionModel().blockSignals(False)
        if chosen in self._by_id:
            self._select(chosen)
        else:
            self._show_editor(None)
        if pending is not None:
            self._save_later(pending)

    def current_id(self) -> str | None:
        return self.list.current_id() or self.orphans.current_id()

    def select(self, annotation_id: str) -> None:
        """Select a highlight and show it in the editor (saving what was typed first)."""
        self.flush()
        self._select(annotation_id)

    def _select(self, annotation_id: str) -> None:
        for view, other in ((self.list, self.orphans), (self.orphans, self.list)):
            if view.cards.row_of(annotation_id) is not None:
                other.clearSelection()
                view.select_id(annotation_id)
                self._show_editor(self._by_id.get(annotation_id))
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.note_edit, self.tags_edit):
            self.flush()
        return super().eventFilter(watched, event)

    def _tags_typed(self) -> list[str]:
        return [t for t in self.tags_edit.text().split(",") if t.strip()]

    def dirty(self) -> bool:
        """The editor holds a note or tags not yet saved."""
        shown = self._by_id.get(self._editing or "")
        if shown is None:
            return False
        return (self.note_edit.toPlainText() != shown.note
                or normalize_tags(self._tags_typed()) != shown.tags)

    def flush(self) -> None:
        """Save what is typed in the editor, if anything changed."""
        if self.dirty():
            self.save_current()

    def _pending(self) -> tuple[str, str, str, list[str]] | None:
        """What is typed in the editor, if it differs from the highlight it shows."""
        if self._editing is None or not self.dirty():
            return None
        return (self._editing, str(self.color_box.currentData()), self.note_edit.toPlainText(),
                self._tags_typed())

    def _save_later(self, typed: tuple[str, str, str, list[str]]) -> None:
        # Saving refills the lists, which must not happen while they are being filled
        # or inside their own signals: save as soon as the current event is done.
        QTimer.singleShot(0, lambda: self.edit_requested.emit(*typed))

    def _current_changed(self, view: CardList, current: QModelIndex) -> None:
        pending = self._pending()
        if pending is not None:
            self._save_later(pending)
        if not current.isValid():
            return
        other = self.orphans if view is self.list else self.list
        other.selectionModel().blockSignals(True)
        other.clearSelection()
        other.setCurrentIndex(QModelIndex())
        other.selectionModel().blockSignals(False)
        self._show_editor(self._by_id.get(str(current.data(ID_ROLE))))

    def _clicked(self, index: QModelIndex) -> None:
        self.activated.emit(str(index.data(ID_ROLE)))

    def _show_editor(self, annotation: Annotation | None) -> None:
        self.editor.setVisible(annotation is not None)
        self._editing = annotation.id if annotation is not None else None
        if annotation is None:
            return
        self.attach_button.setVisible(not annotation.anchored)
        self.color_box.setCurrentIndex(COLORS.index(annotation.color))
        self.note_edit.setPlainText(annotation.note)
        self.tags_edit.setText(", ".join(annotation.tags))

    # -- asking for changes --------------------------------------------------

    def save_current(self) -> None:
        if self._editing is None:
            return
        self.edit_requested.emit(self._editing, str(self.color_box.currentData()),
                                 self.note_edit.toPlainText(), self._tags_typed())

    def _attach(self) -> None:
        if self._editing is not None:
            self.attach_requested.emit(self._editing)

    def delete_current(self) -> None:
        if self._editing is not None:
            self.delete_requested.emit(self._editing)

    def open_rename_dialog(self) -> QDialog:
        dialog = ColourMeaningsDialog(self._meanings, self)
        dialog.accepted.connect(lambda: self._renamed(dialog.meanings()))
        dialog.open()
        return dialog

    def _renamed(self, meanings: dict[str, str]) -> None:
        for color, meaning in meanings.items():
            if meaning and meaning != self._meanings.get(color):
                self.rename_requested.emit(color, meaning)
