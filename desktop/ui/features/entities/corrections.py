"""The reader's entity corrections as user actions: remove, change category, mark
a selection, and the Corrections dialog. Each goes on the window's undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QInputDialog

from desktop.core.entities import corrections as gazetteer
from desktop.core.entities.categories import BY_KEY, CATEGORIES
from desktop.core.entities.mentions import Mention, entity_key
from desktop.core.errors import LecternError
from desktop.ui.features.entities.corrections_dialog import CorrectionsDialog

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost
    from desktop.ui.reader_view import ReaderView


class EntityView(Protocol):
    """What corrections need of the entities controller that owns them."""

    @property
    def host(self) -> FeatureHost: ...
    @property
    def reader(self) -> ReaderView: ...
    @property
    def mentions(self) -> list[Mention]: ...
    @property
    def selected(self) -> str | None: ...
    def refresh(self) -> None: ...
    def selected_mentions(self) -> list[Mention]: ...
    def say(self, message: str) -> None: ...


class CorrectionCommand(QUndoCommand):
    """Set (or, with action None, delete) the correction for one entity text."""

    def __init__(self, controller: EntityView, text: str, action: str | None,
                 label: str = "", title: str = "") -> None:
        super().__init__(title or "Entity correction")
        self.controller, self.entity, self.action, self.label = controller, text, action, label
        self.previous: gazetteer.Correction | None = None

    def redo(self) -> None:
        library = self.controller.host.library
        try:
            if self.action is None:
                self.previous = gazetteer.delete_correction(library, self.entity)
            else:
                effect = gazetteer.correction_effect(library, self.entity, self.action,
                                                     self.label)
                self.previous = gazetteer.set_correction(library, self.entity, self.action,
                                                         self.label)
                # The reader sees what one step did across the library.
                self.controller.say(f"{self.text()}: {effect.describe()}")
        except LecternError as exc:  # e.g. a read-only library: say so, keep nothing
            self.controller.host.say(f"Not corrected: {exc}", 8000)
            self.setObsolete(True)  # the undo stack drops it
            return
        self.controller.refresh()

    def undo(self) -> None:
        library = self.controller.host.library
        if self.previous is not None:
            gazetteer.put_correction(library, self.previous)
        else:
            gazetteer.delete_correction(library, self.entity)
        self.controller.refresh()


_EDGE_PUNCTUATION = " \t,;:!?\"“”‘’'()[]"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection made by hand, widened to whole words and without edge punctuation."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    return start, end


class CorrectionActions(QObject):
    """What the Article menu, the Entities tab and the dialog call to correct entities."""

    def __init__(self, controller: EntityView, parent: QObject) -> None:
        super().__init__(parent)
        self.controller = controller
        self.host = controller.host
        self.reader = controller.reader

    def _say(self, message: str) -> None:
        self.host.say(message, 5000)

    def push(self, text: str, action: str | None, label: str, title: str) -> None:
        command = CorrectionCommand(self.controller, text, action, label, title)
        self.host.undo_stack.push(command)

    def remove(self, text: str) -> None:
        self.push(text, "remove", "", f"Remove entity “{entity_key(text)}”")

    def relabel(self, text: str, category_key: str) -> None:
        category = BY_KEY[category_key]
        key = entity_key(text)
        current = gazetteer.correction_for(self.host.library, key)
        # A text the reader marked everywhere stays marked everywhere, in its new category.
        action = "add" if current is not None and current.action == "add" else "relabel"
        self.push(key, action, category.primary_label, f"“{key}” is {category.name}")

    def _ask_category(self, title: str, text: str) -> str | None:
        names = [c.name for c in CATEGORIES]
        name, ok = QInputDialog.getItem(self.host.as_parent(), title, f"Category of “{text}”:",
                                        names, 0, False)
        return next((c.key for c in CATEGORIES if c.name == name), None) if ok else None

    def mark_selection(self) -> None:
        record, chosen = self.host.current_article, self.reader.selected_range()
        if record is None or chosen is None:
            self._say("Select the text of an entity first")
            return
        start, end = snap_to_words(record.text, *chosen)
        text = record.text[start:end]
        if not text or "\n" in text:
            self._say("An entity is a name within one paragraph")
            return
        key = self._ask_category("Mark as entity", text)
        if key is not None:
            category = BY_KEY[key]
            self.push(text, "add", category.primary_label,
                      f"Mark “{entity_key(text)}” as {category.name}")

    def _mention_at_cursor(self) -> Mention | None:
        """The mention under the selection or the cursor, else the one chosen in the tab."""
        chosen = self.reader.selected_range()
        if chosen is None:
            offset = self.reader.doc_to_text(self.reader.textCursor().position())
            chosen = (offset, offset + 1)
        mentions = self.controller.mentions
        hit = next((m for m in mentions if m.start < chosen[1] and chosen[0] < m.end), None)
        if hit is None and self.controller.selected is not None:
            hit = next(iter(self.controller.selected_mentions()), None)
        return hit

    def remove_at_cursor(self) -> None:
        mention = self._mention_at_cursor()
        if mention is None:
            self._say("Put the cursor on an entity first")
            return
        self.remove(mention.text)

    def relabel_at_cursor(self) -> None:
        mention = self._mention_at_cursor()
        if mention is None:
            self._say("Put the cursor on an entity first")
            return
        key = self._ask_category("Change category", mention.key)
        if key is not None:
            self.relabel(mention.text, key)

    def open_corrections(self) -> None:
        dialog = CorrectionsDialog(self.host.library, self.push, self.host.as_parent())
        self.host.undo_stack.indexChanged.connect(dialog.reload)
        dialog.open()
