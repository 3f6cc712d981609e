"""The open article's highlights in the host: painted in the reader, listed in the
notes panel, and changed (each change committed, then one step on the undo stack).

The floating toolbar, the keys and the context menu that drive it live in
``desktop.ui.features.highlights.feature``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from desktop.core.annotations import COLORS, Annotation, AnnotationStore, normalize_tags
from desktop.core.errors import LecternError
from desktop.core.importing import read_source
from desktop.core.operations.update_article import UpdateOutcome, update_article
from desktop.ui.features.highlights.dialogs import NoteDialog
from desktop.ui.features.highlights.layer import (
    Loaded,
    Piece,
    layer_pieces,
    layer_spans,
    load_highlights,
)
from desktop.ui.features.highlights.new_version import ask_for_new_version
from desktop.ui.features.highlights.panel import HighlightsPanel
from desktop.ui.features.highlights.undo import (
    CreateHighlight,
    DeleteHighlight,
    EditHighlight,
    RenameColor,
    ReplaceHighlight,
)
from desktop.ui.reader_view import USER_MARKS, Span
from desktop.ui.tasks import TaskRunner, on_library
from desktop.ui.theme import is_dark

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

LAYER = "highlights"
# An article with more highlights than this opens at once and they follow from a
# worker: reading and cutting 20,000 of them took ~0.6 s of the GUI thread.
READ_IN_BACKGROUND_FROM = 1_000


class HighlightsController(QObject):
    """The open article's highlights: shows them (reader layer, panel) and changes them."""

    changed = Signal()  # after the highlights or the colour meanings were read again
    article_updated = Signal(object)  # an operations.update_article.UpdateOutcome, or the exception

    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.setObjectName("highlightsController")
        self.host = host
        self.reader = host.reader
        self.store = AnnotationStore(host.library)
        self.current_color = COLORS[0]
        self.annotations: list[Annotation] = []
        self.meanings: dict[str, str] = {}
        self.article_id: int | None = None
        self.updating: int | None = None  # an article whose text is being replaced
        self.loading: int | None = None  # an article whose highlights a worker reads
        self._pieces: list[Piece] | None = None  # the layer of self.annotations, once cut
        self._reads = 0  # numbers each reading; an older one arriving late is dropped
        self._select_after: str | None = None  # an undone change, shown once read again
        # Its own worker: reading an article's highlights never waits behind an
        # import or a recognition in the window's runner.
        self._tasks = TaskRunner(self, max_threads=1)
        self.panel = HighlightsPanel()
        host.notes_panel.add_section(self.panel)
        self._connect()
        self.refresh()

    def _connect(self) -> None:
        w = self.host
        w.article_opened.connect(self._article_opened)
        w.link_opened.connect(self.open_fragment)
        w.theme_changed.connect(lambda _name: self.paint())  # the pieces kept, recoloured
        w.closing.connect(self.panel.flush)  # a half-typed note is saved
        self.panel.activated.connect(self.show_highlight)
        self.panel.edit_requested.connect(self._panel_edit)
        self.panel.delete_requested.connect(self.delete)
        self.panel.rename_requested.connect(self.rename_color)
        self.panel.attach_requested.connect(self.attach_to_selection)

    # -- showing -------------------------------------------------------------

    def _article_opened(self, article_id: int) -> None:
        self.panel.flush()  # a note typed on the previous article's highlight
        self.article_id = article_id
        if self.store.count(article_id) <= READ_IN_BACKGROUND_FROM:
            self.refresh()
            return
        self.annotations, self._pieces = [], []
        self.panel.set_annotations([], self.meanings)
        self.panel.heading.setText("Highlights (loading…)")
        self.reader.set_layer(LAYER, [], depth=USER_MARKS)
        self._read_in_background(article_id)

    def _read_in_background(self, article_id: int) -> None:
        """Read the article's highlights in the controller's worker; shown on arrival."""
        self._reads += 1
        reading = self._reads
        self.loading = article_id
        dark = is_dark()
        self._tasks.run(
            on_library(self.host.library_path,
                       lambda library, _p: load_highlights(library, article_id, dark)),
            lambda loaded: self._loaded(reading, loaded, dark),
            lambda exc: self._load_failed(reading, exc))

    def _loaded(self, reading: int, loaded: Loaded, dark: bool) -> None:
        if reading != self._reads or loaded.article_id != self.article_id:
            return  # another article opened, or the highlights were read again since
        # The cards now, the reader's layer on the next turn of the event loop: two
        # short waits for the window instead of one longer one.
        self.annotations, self.meanings, self._pieces = (
            loaded.annotations, loaded.meanings, loaded.pieces)
        self.panel.set_annotations(loaded.annotations, loaded.meanings)
        self.panel.tag_completer.set_tags(loaded.tags)
        spans = loaded.spans if dark == is_dark() else None  # else the theme changed since
        QTimer.singleShot(0, self, lambda: self._painted(reading, spans))

    def _painted(self, reading: int, spans: list[Span] | None) -> None:
        if reading != self._reads:
            return
        self.loading = None
        self.paint(spans)
        self.changed.emit()
        chosen, self._select_after = self._select_after, None
        if chosen is not None:
            self._reveal(chosen)

    def _load_failed(self, reading: int, exc: BaseException) -> None:
        if reading != self._reads:
            return
        self.loading = None
        self.panel.heading.setText("Highlights")
        self.say(f"Highlights not shown: {exc}")

    def refresh(self) -> None:
        """Read the open article's highlights again, repaint them, refill the panel.
        Thousands of them are read again in the worker (after an edit: ~0.8 s at
        20,000), the ones shown staying until then."""
        article = self.host.current_article
        current = article.id if article is not None else None
        if current is not None and current == self.article_id and (
                len(self.annotations) > READ_IN_BACKGROUND_FROM or self.loading == current):
            self._read_in_background(current)
            return
        self._reads += 1  # a reading still in a worker is older than this one
        self.loading = None
        self._select_after = None
        self.article_id = current
        annotations = self.store.for_article(self.article_id) if self.article_id else []
        self._show(annotations, self.store.color_meanings(), None, self.store.all_tags())

    def _show(self, annotations: list[Annotation], meanings: dict[str, str],
              cut: list[Piece] | None, tags: list[str], spans: list[Span] | None = None) -> None:
        self.annotations, self.meanings, self._pieces = annotations, meanings, cut
        self.panel.set_annotations(annotations, meanings)
        self.panel.tag_completer.set_tags(tags)
        self.paint(spans)
        self.changed.emit()

    def paint(self, spans: list[Span] | None = None) -> None:
        """The highlight layer: overlapping highlights split into pieces whose colours mix."""
        if spans is None:
            if self._pieces is None:
                self._pieces = layer_pieces(self.annotations, self.meanings)
            spans = layer_spans(self._pieces, is_dark())
        self.reader.set_layer(LAYER, spans, depth=USER_MARKS)

    def _show_change(self, subject: Annotation | None) -> None:
        """After an undo or redo: show the article and the highlight it changed."""
        if subject is not None and subject.article_id != self.article_id:
            self.host.open_article(subject.article_id)  # refreshes through article_opened
        else:
            self.refresh()
        if subject is not None and self.loading is not None:
            self._select_after = subject.id  # once the highlights read again arrive
            return
        if subject is not None:
            self._reveal(subject.id)

    def _reveal(self, annotation_id: str) -> None:
        found = next((a for a in self.annotations if a.id == annotation_id), None)
        if found is not None:
            self.panel.select(found.id)
            if found.anchored:
                self.reader.scroll_to(found.start)

    def show_highlight(self, annotation_id: str) -> None:
        found = next((a for a in self.annotations if a.id == annotation_id), None)
        if found is None:
            return
        self.panel.select(found.id)
        if found.anchored:
            self.reader.select_range(found.start, found.end)
            self.reader.scroll_to(found.start)
        else:
            self.host.say(
                "This highlight is orphaned: its passage was not found in the current text.",
                6000)

    def open_fragment(self, article_id: int, fragment: str) -> None:
        """A ``lectern://article/ID#hl-...`` link: select and show that highlight."""
        if not fragment.startswith("hl-") or self.article_id != article_id:
            return
        found = self.store.find_by_block_id(article_id, fragment)
        if found is None:
            self.host.say("That highlight no longer exists.", 6000)
            return
        self.show_highlight(found.id)

    def step(self, direction: int) -> Annotation | None:
        """Select the next (1) or previous (-1) highlight from the cursor, in reading order."""
        anchored = [a for a in self.annotations if a.anchored]
        if not anchored:
            self.say("No highlights in this article")
            return None
        cursor = self.reader.textCursor()
        here = self.reader.doc_to_text(cursor.selectionStart())
        if direction > 0:
            found = next((a for a in anchored if a.start > here), anchored[0])
        else:
            found = next((a for a in reversed(anchored) if a.start < here), anchored[-1])
        self.show_highlight(found.id)
        return found

    def highlight_at(self, offset: int) -> Annotation | None:
        """The innermost (shortest) highlight covering ``offset``."""
        over = [a for a in self.annotations if a.anchored and a.start <= offset < a.end]
        return min(over, key=lambda a: a.end - a.start) if over else None

    def cursor_highlight(self) -> Annotation | None:
        cursor = self.reader.textCursor()
        if cursor.hasSelection():
            return None
        return self.highlight_at(self.reader.doc_to_text(cursor.position()))

    # -- changes (each undoable) ---------------------------------------------

    def say(self, message: str) -> None:
        self.host.say(message, 5000)

    def create(self, start: int, end: int, color: str | None = None, note: str = "",
               tags: list[str] | None = None) -> Annotation | None:
        if self.article_id is None or self._busy():
            return None
        try:
            created = self.store.create(self.article_id, start, end, color=color or
                                        self.current_color, note=note, tags=tags or [])
        except LecternError as exc:
            self.say(f"Not highlighted: {exc}")
            return None
        self.host.undo_stack.push(
            CreateHighlight(created, self.store, self._show_change, self.say))
        self.refresh()
        self.say("Highlight saved")
        return created

    def highlight_selection(self, color: str | None = None) -> Annotation | None:
        chosen = self.reader.selected_range()
        if chosen is None:
            self.say("Select some text to highlight")
            return None
        created = self.create(*chosen, color=color)
        if created is not None:
            self._clear_selection(created.end)
        return created

    def edit(self, annotation_id: str, *, color: str | None = None, note: str | None = None,
             tags: list[str] | None = None, label: str = "Edit Highlight") -> Annotation | None:
        try:
            before = self.store.get(annotation_id)
            if (color in (None, before.color) and note in (None, before.note)
                    and (tags is None or normalize_tags(tags) == before.tags)):
                return before  # nothing to save
            after = self.store.update(annotation_id, color=color, note=note, tags=tags)
        except LecternError as exc:
            self.say(f"Not saved: {exc}")
            return None
        if (before.color, before.note, before.tags) != (after.color, after.note, after.tags):
            self.host.undo_stack.push(
                EditHighlight(label, before, after, self.store, self._show_change, self.say))
            self.say("Highlight saved")
        self.refresh()
        return after

    def delete(self, annotation_id: str) -> None:
        try:
            gone = self.store.get(annotation_id)
            self.store.delete(annotation_id)
        except LecternError as exc:
            self.say(f"Not deleted: {exc}")
            return
        self.host.undo_stack.push(
            DeleteHighlight(gone, self.store, self._show_change, self.say))
        self.refresh()
        self.say("Highlight deleted (Ctrl+Z brings it back)")

    def rename_color(self, color: str, meaning: str) -> None:
        before = self.store.color_meanings()[color]
        try:
            self.store.set_color_meaning(color, meaning)
        except LecternError as exc:
            self.say(f"Not renamed: {exc}")
            return
        self.host.undo_stack.push(
            RenameColor(color, before, meaning, self.store, self._show_change, self.say))
        self.refresh()

    def attach_to_selection(self, annotation_id: str) -> Annotation | None:
        """Place an orphaned highlight (note, tags, colour kept) on the selected passage."""
        chosen = self.reader.selected_range()
        if self._busy():
            return None
        if chosen is None or self.article_id is None:
            self.say("Select the passage to attach the highlight to, then try again")
            return None
        try:
            before = self.store.get(annotation_id)
            after = self.store.place(annotation_id, *chosen)
        except LecternError as exc:
            self.say(f"Not attached: {exc}")
            return None
        self.host.undo_stack.push(ReplaceHighlight(
            "Attach Highlight", before, after, self.store, self._show_change, self.say))
        self.refresh()
        self.show_highlight(after.id)
        self.say("Highlight attached to the selection")
        return after

    def _busy(self) -> bool:
        """While the open article's text is being replaced, offsets in the reader are
        about to point into the old text: no new highlights until it is shown again."""
        if self.updating is not None and self.updating == self.article_id:
            self.say("The article is being updated; highlight again in a moment")
            return True
        return False

    def replace_with_new_version(self) -> None:
        """The menu action: choose the newer file, confirm, update."""
        article = self.host.current_article
        if article is None:
            self.say("Open the article to replace first")
            return
        path = ask_for_new_version(self.host, article)
        if path is not None:
            self.update_article(article.id, path)

    def update_article(self, article_id: int, path: Path) -> None:
        """Replace an article with a new version of its page and re-anchor its highlights
        (off the GUI thread); ``article_updated`` says how it went."""
        self.panel.flush()
        self.updating = article_id
        self.say(f"Updating from {path.name}…")
        self.host.run_on_library(
            lambda library, _progress: update_article(library, article_id, read_source(path)),
            self._updated, self._update_failed)

    def _updated(self, outcome: UpdateOutcome) -> None:
        self.updating = None
        self.host.library_changed.emit()
        if self.host.current_article is not None and \
                self.host.current_article.id == outcome.article_id:
            self.host.open_article(outcome.article_id)  # the new text, highlights re-read
        self.host.say(outcome.summary(), 10000)
        self.article_updated.emit(outcome)

    def _update_failed(self, exc: BaseException) -> None:
        self.updating = None
        message = str(exc) if isinstance(exc, LecternError) else \
            f"unexpected error: {type(exc).__name__}: {exc}"
        self.host.say(f"Not updated: {message}", 10000)
        self.article_updated.emit(exc)

    def use_color(self, color: str) -> None:
        """1–5: the colour for new highlights; also applied to the selection or the
        highlight under the cursor."""
        self.current_color = color
        target = self.cursor_highlight()
        if self.reader.selected_range() is not None:
            self.highlight_selection(color)
        elif target is not None:
            self.edit(target.id, color=color, label="Change Highlight Colour")
        else:
            self.refresh()

    def _panel_edit(self, annotation_id: str, color: str, note: str, tags: list[str]) -> None:
        self.edit(annotation_id, color=color, note=note, tags=tags)

    # -- dialogs and helpers ------------------------------------------------

    def open_note_dialog(self, annotation_id: str) -> NoteDialog:
        current = self.store.get(annotation_id)
        dialog = NoteDialog(current.quote, current.note, current.tags, self.host.as_parent(),
                            known_tags=self.store.all_tags())
        dialog.accepted.connect(lambda: self.edit(
            annotation_id, note=dialog.note.toPlainText(), tags=dialog.tag_list(),
            label="Edit Note"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_at_cursor(self) -> None:
        target = self.cursor_highlight()
        if target is not None:
            self.delete(target.id)

    def _clear_selection(self, offset: int) -> None:
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.text_to_doc(offset))
        self.reader.setTextCursor(cursor)
