"""Undoable highlight changes (create, note, tags, colour, delete, colour meaning).

Each change is applied (and committed to the database) *before* its command is
pushed, so a failure is reported at once and never leaves a command on the undo
stack for a change that did not happen. Undo and redo go through the store too,
so they are as durable as the first change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desktop.core.annotations import Annotation, AnnotationStore
from desktop.core.errors import LecternError

Refresh = Callable[[Annotation | None], None]  # shows the change (the highlight, if any)
Report = Callable[[str], None]


class _StoreCommand(QUndoCommand):
    def __init__(self, text: str, store: AnnotationStore, refresh: Refresh,
                 report: Report) -> None:
        super().__init__(text)
        self.store, self._refresh, self._report = store, refresh, report
        self._skip_first_redo = True  # the change was made before the push
        self.subject: Annotation | None = None  # the highlight changed, to show after undo

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self.apply, "Redo")

    def undo(self) -> None:
        self._run(self.revert, "Undo")

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except LecternError as exc:
            self._report(f"{verb} failed: {exc}")
        finally:
            self._refresh(self.subject)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class CreateHighlight(_StoreCommand):
    def __init__(self, created: Annotation, store: AnnotationStore, refresh: Refresh,
                 report: Report) -> None:
        super().__init__("Highlight", store, refresh, report)
        self.annotation = self.subject = created

    def apply(self) -> None:
        self.store.restore(self.annotation)

    def revert(self) -> None:
        self.store.delete(self.annotation.id)


class DeleteHighlight(_StoreCommand):
    def __init__(self, deleted: Annotation, store: AnnotationStore, refresh: Refresh,
                 report: Report) -> None:
        super().__init__("Delete Highlight", store, refresh, report)
        self.annotation = self.subject = deleted

    def apply(self) -> None:
        self.store.delete(self.annotation.id)

    def revert(self) -> None:
        self.store.restore(self.annotation)


class EditHighlight(_StoreCommand):
    """A change of note, tags and/or colour, from ``before`` to ``after``."""

    def __init__(self, text: str, before: Annotation, after: Annotation, store: AnnotationStore,
                 refresh: Refresh, report: Report) -> None:
        super().__init__(text, store, refresh, report)
        self.before, self.after = replace(before, tags=list(before.tags)), after
        self.subject = after

    def _set(self, state: Annotation) -> None:
        self.store.update(state.id, color=state.color, note=state.note, tags=state.tags)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class RenameColor(_StoreCommand):
    def __init__(self, color: str, before: str, after: str, store: AnnotationStore,
                 refresh: Refresh, report: Report) -> None:
        super().__init__(f"Rename {color} to “{after}”", store, refresh, report)
        self.color, self.before, self.after = color, before, after

    def apply(self) -> None:
        self.store.set_color_meaning(self.color, self.after)

    def revert(self) -> None:
        self.store.set_color_meaning(self.color, self.before)


class ReplaceHighlight(_StoreCommand):
    """The whole highlight changed (an orphan attached to a new passage)."""

    def __init__(self, text: str, before: Annotation, after: Annotation, store: AnnotationStore,
                 refresh: Refresh, report: Report) -> None:
        super().__init__(text, store, refresh, report)
        self.before, self.after = before, after
        self.subject = after

    def apply(self) -> None:
        self.store.restore(self.after)

    def revert(self) -> None:
        self.store.restore(self.before)
