"""Remote images, per article and only on request.

An article's images show as quiet placeholders between its blocks. Article ▸
Load Images for This Article (or the placeholder's "Load images" link) fetches
them off the GUI thread, keeps them in the library and shows them; from then on
the article shows them from the library, offline. Opening an article never
fetches. Article ▸ Remove Loaded Images forgets them again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage, QUndoCommand
from PySide6.QtWidgets import QMenu

from desktop.core.errors import LecternError
from desktop.core.models import ArticleImage, ArticleRecord
from desktop.core.storage.images import (
    LoadedState,
    article_images,
    cached_images,
    cached_sources,
    forget_images,
    images_allowed,
    load_problems,
    loaded_state,
    restore_loaded_state,
)
from desktop.core.storage.library import Library, now_iso
from desktop.ui.reader_images import ReaderImage, decode_picture
from desktop.ui.reader_menu import add_reader_menu_hook
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.core.images.loading import LoadReport
    from desktop.ui.host import FeatureHost

STATUS_MS = 8000

# Pictures wider than this are scaled down once decoded: the reading column is about
# 700 px, so this stays sharp on a 2x display and a 6000 px photo costs 6 MB, not 100.
MAX_SHOWN_WIDTH = 1400


def install(host: FeatureHost) -> None:
    ImagesFeature(host)  # the window owns it (its QObject parent)


def feature_of(window: QObject) -> ImagesFeature | None:
    found = window.findChild(ImagesFeature, "imagesFeature")
    return found if isinstance(found, ImagesFeature) else None


class ImagesFeature(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.setObjectName("imagesFeature")
        self.host = host
        self.loading: dict[int, Progress] = {}  # articles whose images are being fetched
        # The open article's pictures, decoded once: the image, or why it cannot be shown.
        self._decoded: dict[str, QImage | str] = {}
        self._decoded_for: int | None = None
        reader = host.reader
        reader.image_source = self.reader_images
        reader.image_link_clicked.connect(lambda _link: self.load_current())
        host.menu("article").addSeparator()
        host.add_action("article", "Load &Images for This Article", self.load_current,
                          "Ctrl+Shift+I", "Fetch this article's images from the web and keep "
                          "them with it (opening an article never does)")
        host.add_action("article", "Remove Loaded Images", self.remove_current, None,
                          "Forget this article's loaded images; placeholders show again")
        add_reader_menu_hook(reader, self._menu_hook)
        if host.current_article is not None:
            reader.rerender()  # the article shown before features were installed

    # -- what the reader shows -------------------------------------------------

    def reader_images(self, record: ArticleRecord) -> list[ReaderImage]:
        images = article_images(self.host.library, record.id)
        if not images:
            return []
        if self._decoded_for != record.id:
            self._decoded, self._decoded_for = {}, record.id
        allowed = images_allowed(self.host.library, record.id)
        problems = load_problems(self.host.library, record.id) if allowed else {}
        pictures = self._pictures(record.id) if allowed else {}
        loading = record.id in self.loading
        return [self._item(record.id, n, image, pictures.get(image.src),
                           problems.get(image.src, ""), loading)
                for n, image in enumerate(images)]

    def _pictures(self, article_id: int) -> dict[str, QImage | str]:
        """Loaded pictures by address; bytes are read and decoded once per article
        (a re-render for a new text size or theme reuses them)."""
        if cached_sources(self.host.library, article_id) - set(self._decoded):
            for cached in cached_images(self.host.library, article_id).values():
                if cached.src not in self._decoded:
                    self._decoded[cached.src] = decode_picture(cached.data, MAX_SHOWN_WIDTH)
        return self._decoded

    @staticmethod
    def _item(article_id: int, n: int, image: ArticleImage, picture: QImage | str | None,
              problem: str, loading: bool) -> ReaderImage:
        label = f"Image: {image.label} — from {image.host}"
        if isinstance(picture, QImage):
            return ReaderImage(image.position, label, caption=image.caption or image.alt,
                               image=picture, key=f"lectern-image://{article_id}/{n}")
        if picture is not None:  # loaded, but it cannot be shown: loading again won't help
            return ReaderImage(image.position, label, note=f"cannot be shown: {picture}")
        if loading:
            return ReaderImage(image.position, label, note="loading…")
        note = f"could not load: {problem}" if problem else ""
        return ReaderImage(image.position, label, note=note,
                           action="Try again" if problem else "Load images")

    def _menu_hook(self, menu: QMenu, _offset: int) -> None:
        """Right-click in an article with images: load them, or remove them."""
        record = self.host.current_article
        if record is None or not article_images(self.host.library, record.id):
            return
        menu.addSeparator()
        menu.addAction("Stop Loading Images" if record.id in self.loading
                       else "Load Images for This Article", self.load_current)
        if cached_sources(self.host.library, record.id):
            menu.addAction("Remove Loaded Images", self.remove_current)

    # -- actions -----------------------------------------------------------------

    def load_current(self) -> None:
        host = self.host
        record = host.current_article
        if record is None:
            self._say("Open an article to load its images")
            return
        if record.id in self.loading:  # asked again while loading: stop
            self.loading[record.id].cancel()
            self._say("Stopping after the images being loaded…")
            return
        if not article_images(host.library, record.id):
            self._say("This article has no images")
            return
        article_id = record.id

        def work(library: Library, progress: Progress) -> LoadReport:  # off the GUI thread
            # Imported here: the network modules cost nothing until the user asks.
            from desktop.core.images.loading import load_article_images

            return load_article_images(library, article_id, progress=progress.report,
                                       cancelled=lambda: progress.cancelled)

        self.loading[article_id] = host.run_on_library(
            work, self._loaded, lambda exc: self._failed(article_id, exc), self._progress)
        self._show_again(article_id)
        self._say("Loading images… (the same command again stops)")

    def _progress(self, _done: int, _total: int, message: str) -> None:
        if message:
            self._say(message)

    def _loaded(self, report: LoadReport) -> None:
        self.loading.pop(report.article_id, None)
        self._show_again(report.article_id)
        current = self.host.current_article
        if current is not None and current.id == report.article_id:
            self._say(report.summary())
            return
        try:  # the user moved on: say which article the result is about
            title = self.host.library.article(report.article_id).title
        except LecternError:
            return  # deleted meanwhile
        self._say(f"“{title}”: {report.summary()}")

    def _failed(self, article_id: int, exc: BaseException) -> None:
        self.loading.pop(article_id, None)
        self._show_again(article_id)
        reason = str(exc) if isinstance(exc, LecternError) else f"{type(exc).__name__}: {exc}"
        try:
            self.host.library.article(article_id)
        except LecternError:  # NotFound: the failure is only that it is gone
            reason = "the article was deleted while its images were loading"
        self._say(f"Could not load images: {reason}")

    def remove_current(self) -> None:
        record = self.host.current_article
        if record is None:
            self._say("Open an article to remove its loaded images")
            return
        if record.id in self.loading:
            self._say("Wait until this article's images have loaded")
            return
        library = self.host.library
        state = loaded_state(library, record.id)
        if not state.images and not state.problems and state.allowed_at is None:
            self._say("No images were loaded for this article")
            return
        try:
            forget_images(library, record.id)
        except LecternError as exc:
            self._say(f"Could not remove the images: {exc}")
            return
        self.refresh(record.id)
        removed = len(state.images)
        self._say(f"Removed {removed} loaded image{'s' if removed != 1 else ''}; placeholders "
                  "show instead (Undo brings them back)")
        self.host.undo_stack.push(_RemoveLoadedImages(self, record.id, state))

    def refresh(self, article_id: int) -> None:
        """Show the article's images again from the library (after a change to them)."""
        if self._decoded_for == article_id:
            self._decoded_for = None
        self._show_again(article_id)

    def _show_again(self, article_id: int) -> None:
        current = self.host.current_article
        if current is not None and current.id == article_id:
            self.host.reader.rerender()

    def _say(self, message: str) -> None:
        self.host.say(message, STATUS_MS)


class _RemoveLoadedImages(QUndoCommand):
    """Undo puts the removed pictures back (their bytes are kept here), offline."""

    def __init__(self, feature: ImagesFeature, article_id: int, state: LoadedState) -> None:
        super().__init__("Remove Loaded Images")
        self.feature, self.article_id, self.state = feature, article_id, state
        self._done = True  # removed before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(lambda library: forget_images(library, self.article_id), "Redo")

    def undo(self) -> None:
        self._run(lambda library: restore_loaded_state(library, self.article_id, self.state,
                                                       now_iso()), "Undo")

    def _run(self, step: Callable[[Library], object], verb: str) -> None:
        try:
            step(self.feature.host.library)
        except LecternError as exc:
            self.feature.host.say(f"{verb} failed: {exc}", STATUS_MS)
        self.feature.refresh(self.article_id)
