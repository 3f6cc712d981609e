"""Named entities in the reader: highlights, the Entities tab, corrections.

Stored results show at once when an article opens; anything missing or stale
goes to the entity worker process (desktop/ui/features/entities/worker.py) and appears
when ready. Nothing here imports spaCy.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QToolButton

from desktop.core import settings
from desktop.core.entities.analysis import StoredReply, store_replies
from desktop.core.entities.categories import BY_KEY, CATEGORIES, category_for, describe
from desktop.core.entities.corrections import apply_corrections, list_corrections
from desktop.core.entities.knowledge import knowledge
from desktop.core.entities.mentions import Mention, entity_key
from desktop.core.entities.store import (
    Freshness,
    article_entities,
    articles_mentioning,
    articles_needing_analysis,
    enabled_categories,
    freshness,
    set_enabled_categories,
    summarise,
    visible,
)
from desktop.core.storage import connect
from desktop.core.storage.library import Library
from desktop.ui.features.entities.corrections import CorrectionActions
from desktop.ui.features.entities.panel import KEY_ROLE, EntityPanel, entity_format
from desktop.ui.features.entities.worker import EntityWorker
from desktop.ui.reader_view import Span
from desktop.ui.tasks import Progress
from desktop.ui.theme import is_dark

if TYPE_CHECKING:
    from desktop.core.operations.import_articles import ImportReport
    from desktop.ui.host import FeatureHost

LAYER = "entities"
FOCUS_LAYER = "entity-focus"
BACKGROUND_DELAY_MS = 1500  # let the window settle before analysing the rest
OPEN_DELAY_MS = 250  # paging quickly through articles analyses only where the reader stops


class EntitiesController(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.host = host
        self.reader = host.reader
        self.mentions: list[Mention] = []  # the open article's, corrected, all categories
        self.selected: str | None = None
        self.step_index = -1
        self.last_message = ""  # what the last correction changed, shown once in the panel
        self.highlights_shown = settings.read(host.library, settings.ENTITY_HIGHLIGHTS)
        self.panel = EntityPanel()
        self.panel.set_enabled(enabled_categories(host.library))
        self.panel.set_legend_style(is_dark())
        host.side_tabs.addTab(self.panel, "Entities")
        self.worker = EntityWorker(host.library.path, self)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("entityProgress")
        self.progress_label.hide()
        host.add_status_widget(self.progress_label)
        # A large backlog (an import of thousands) can be paused; the article being read
        # is still analysed, and the backlog resumes where it was, after a restart too.
        self.pause_button = QToolButton()
        self.pause_button.setObjectName("entityPause")
        self.pause_button.setAutoRaise(True)
        self.pause_button.clicked.connect(self.toggle_backlog)
        self.pause_button.hide()
        host.add_status_widget(self.pause_button)
        self.worker.set_paused(settings.read(host.library, settings.ENTITY_BACKLOG_PAUSED))
        self._progress_seen = (0, 0)
        self.corrections = CorrectionActions(self, self)
        self._connect()
        self._background = QTimer(self, singleShot=True, interval=BACKGROUND_DELAY_MS)
        self._background.timeout.connect(self.analyse_stale)
        self._background.start()
        # What the data packages know (~0.5 s to read) is read now, off the GUI thread,
        # so that no open or store of an article waits for it later.
        host.tasks.run(lambda _progress: knowledge())
        self._pending_open: int | None = None
        self._to_store: list[dict[str, Any]] = []
        self._storing = False
        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._request_open)

    def _connect(self) -> None:
        w, p = self.host, self.panel
        w.article_opened.connect(self.show_article)
        w.library_changed.connect(self._library_changed)
        w.imports_done.connect(self._imported)
        w.theme_changed.connect(lambda _name: self._restyle())
        w.closing.connect(self.worker.stop)
        p.categories_changed.connect(self._categories_changed)
        p.entity_chosen.connect(self.choose)
        p.step_requested.connect(self.step)
        p.article_requested.connect(w.open_article)
        p.remove_requested.connect(self.corrections.remove)
        p.relabel_requested.connect(self.corrections.relabel)
        p.corrections_requested.connect(self.corrections.open_corrections)
        self.worker.article_ready.connect(self._analysed)
        self.worker.progress.connect(self._progress)
        self.worker.idle.connect(self.progress_label.hide)
        self.worker.failed.connect(self._failed)
        add, fix = w.add_action, self.corrections
        toggle = add("view", "Show Entity &Highlights", self.show_highlights, "Ctrl+Alt+E",
                     "Show or hide the named-entity highlights in the article")
        toggle.setCheckable(True)
        toggle.setChecked(self.highlights_shown)
        w.menu("article").addSeparator()
        add("article", "Mark Selection as &Entity…", fix.mark_selection, "Ctrl+Shift+E",
            "Mark the selected text as an entity, everywhere in the library")
        add("article", "&Remove Entity", fix.remove_at_cursor, "Ctrl+Shift+R",
            "This is not an entity (everywhere in the library)")
        add("article", "Change Entity &Category…", fix.relabel_at_cursor, "Ctrl+Shift+K")
        add("article", "&Next Entity Mention", lambda: self.step(1), "F8")
        add("article", "&Previous Entity Mention", lambda: self.step(-1), "Shift+F8")
        add("article", "Entity Co&rrections…", self.corrections.open_corrections)

    def _library_open(self) -> bool:
        """False once the window's library is closed (the window is going away)."""
        try:
            self.host.library.conn.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            self.worker.stop()
            return False
        return True

    # -- showing -----------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        record = self.host.current_article
        if record is None or record.id != article_id or not self._library_open():
            return
        self.selected, self.step_index = None, -1
        library = self.host.library
        found = article_entities(library, article_id, record.text)
        self.mentions = found or []
        self.render()
        self._show_selection(select_text=False)  # clears the last article's selection
        state = freshness(library, article_id, record.text)
        if state in (Freshness.MISSING, Freshness.STALE_TEXT, Freshness.STALE_MODEL):
            if found is None:
                self.panel.set_status("Finding entities…")
            self._pending_open = article_id
            self._open_timer.start()

    def _analyse(self, article_ids: list[int], first: bool = False) -> None:
        """Hand articles to the worker process (the one way entity work leaves the GUI)."""
        self.worker.request(article_ids, first=first)

    def _failed(self, message: str) -> None:
        self.host.say(message, 10000)
        record = self.host.current_article
        if record is not None and not self.mentions:
            self.panel.set_status(message)

    def _request_open(self) -> None:
        record = self.host.current_article
        if record is not None and record.id == self._pending_open and self._library_open():
            self._analyse([record.id], first=True)
        self._pending_open = None

    def refresh(self) -> None:
        """Re-read the open article's entities (after a correction) and keep the selection."""
        record = self.host.current_article
        if record is None:
            return
        self.mentions = article_entities(self.host.library, record.id, record.text) or []
        if not any(m.key == self.selected for m in self.mentions):
            self.selected = None  # corrected away
        self.render()
        self._show_selection(select_text=False)

    def say(self, message: str) -> None:
        """A result the reader should see: the status bar, and the panel until it next changes."""
        self.host.say(message, 10000)
        self.last_message = message

    def render(self) -> None:
        record = self.host.current_article
        dark = is_dark()
        enabled = self.panel.enabled()
        shown = visible(self.mentions, enabled)
        formats = {(c.key, doubt): entity_format(c, dark, uncertain=doubt)
                   for c in CATEGORIES for doubt in (False, True)}
        spans = []
        for m in shown:
            category = category_for(m.label)
            if category is not None:
                spans.append(Span(m.start, m.end, formats[category.key, m.uncertain],
                                  f"{m.text} — {describe(m.label, m.uncertain)}"))
        self.reader.set_layer(LAYER, spans if self.highlights_shown else [])
        summaries = summarise(shown)
        self.panel.set_entities(summaries, self.selected)
        if record is None:
            self.panel.set_status("Open an article to see who and what it mentions.")
        elif self.mentions or freshness(self.host.library, record.id, record.text) not in (
                Freshness.MISSING, Freshness.STALE_TEXT):
            hidden = len(self.mentions) - len(shown)
            note = f" ({hidden} in hidden categories)" if hidden else ""
            if not self.highlights_shown:
                note += "; highlights off (View ▸ Show Entity Highlights)"
            doubtful = sum(1 for m in shown if m.uncertain)
            if doubtful:
                note += f"; {doubtful} uncertain (fainter, “?” on hover)"
            if self.last_message:
                note += f". {self.last_message}"
                self.last_message = ""
            self.panel.set_status(f"{len(summaries)} entities, {len(shown)} mentions{note}")

    def show_highlights(self, shown: bool) -> None:
        """The View menu's switch for all entity highlights (the list stays)."""
        self.highlights_shown = shown
        settings.write(self.host.library, settings.ENTITY_HIGHLIGHTS, shown)
        self.render()

    def _restyle(self) -> None:
        self.panel.set_legend_style(is_dark())
        self.render()
        self._show_selection(select_text=False)

    def _categories_changed(self, keys: frozenset[str]) -> None:
        set_enabled_categories(self.host.library, keys)
        self.render()

    # -- choosing and stepping ---------------------------------------------------

    def selected_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if m.key == self.selected]

    def choose(self, text: str) -> None:
        self.selected, self.step_index = entity_key(text), 0
        self._show_selection(select_text=True)

    def step(self, delta: int) -> None:
        if self.selected is None:
            chosen = self.panel.selected_entity() or next(
                (item.data(0, KEY_ROLE) for item in self.panel.entity_items()), None)
            if chosen:
                self.choose(str(chosen))
            return
        mentions = self.selected_mentions()
        if mentions:
            self.step_index = (self.step_index + delta) % len(mentions)
            self._show_selection(select_text=True)

    def _show_selection(self, select_text: bool) -> None:
        mentions = self.selected_mentions()
        record = self.host.current_article
        if not mentions or record is None:
            self.reader.clear_layer(FOCUS_LAYER)
            self.panel.set_position(0, 0)
            self.panel.set_articles(None, [], None)
            return
        self.step_index = min(max(self.step_index, 0), len(mentions) - 1)
        category = category_for(mentions[0].label) or BY_KEY["other"]
        focus = entity_format(category, is_dark(), focused=True)
        self.reader.set_layer(FOCUS_LAYER, [Span(m.start, m.end, focus) for m in mentions])
        if select_text:
            current = mentions[self.step_index]
            self.reader.select_range(current.start, current.end)
            self.reader.scroll_to(current.start)
        self.panel.set_position(self.step_index + 1, len(mentions))
        found = articles_mentioning(self.host.library, mentions[0].text)
        self.panel.set_articles(mentions[0].key, found, record.id)

    # -- analysis ----------------------------------------------------------------

    def _analysed(self, reply: dict[str, Any]) -> None:
        """A worker reply: stored off the GUI thread (host.tasks), then shown."""
        self._to_store.append(reply)
        self._store_next()

    def _store_next(self) -> None:
        if self._storing or not self._to_store:
            return
        batch, self._to_store = self._to_store, []
        self._storing = True
        # This process holds the library's lock: the worker's connection may write.
        self.host.run_on_library(lambda library, _progress: store_replies(library, batch),
                                 on_success=self._stored, on_failure=self._store_failed)

    def _stored(self, results: list[StoredReply]) -> None:
        self._storing = False
        if not self._library_open():
            return
        changed = [r.article_id for r in results if r.mentions is None]
        if changed:  # edited while being analysed: once more
            self._analyse(changed)
        record = self.host.current_article
        for result in results:
            if record is None or result.article_id != record.id or result.mentions is None:
                continue
            if result.text != record.text:
                continue
            selected, index = self.selected, self.step_index
            corrections = list_corrections(self.host.library)
            self.mentions = apply_corrections(record.text, result.mentions, corrections)
            self.render()
            self.selected, self.step_index = selected, index
            self._show_selection(select_text=False)
        self._store_next()

    def _store_failed(self, exc: BaseException) -> None:
        self._storing = False
        self._failed(f"Entities not saved: {exc}")
        self._store_next()

    def _progress(self, done: int, total: int) -> None:
        self._progress_seen = (done, total)
        if total > 1 and done < total:
            paused = self.worker.paused
            self.progress_label.setText(f"Entities paused: {done:,} of {total:,} done" if paused
                                        else f"Finding entities… {done:,} of {total:,}")
            self.pause_button.setText("Resume" if paused else "Pause")
            self.pause_button.setToolTip("Go on finding entities in the rest of the library"
                                         if paused else "Stop finding entities in the rest of "
                                         "the library for now (the open article still gets them)")
            self.progress_label.show()
            self.pause_button.show()
        elif done >= total:
            self.progress_label.hide()
            self.pause_button.hide()

    def toggle_backlog(self) -> None:
        paused = not self.worker.paused
        self.worker.set_paused(paused)
        settings.write(self.host.library, settings.ENTITY_BACKLOG_PAUSED, paused)
        self._progress(*self._progress_seen)

    def _library_changed(self) -> None:
        if self.host.current_article is None:  # the open article was deleted
            self.mentions, self.selected = [], None
            self.reader.clear_layer(FOCUS_LAYER)
            self.render()
            self._show_selection(select_text=False)
        self._background.start()

    def _imported(self, report: ImportReport) -> None:
        ids = [article_id for _name, article_id, duplicate in report.imported if not duplicate]
        if ids:
            self._analyse(ids)

    def analyse_stale(self) -> None:
        """Articles never analysed, or analysed by another model or on other text."""
        if not self._library_open() or self.host.library.readonly:
            return  # read-only: results could not be kept; only the open article is done
        path = self.host.library.path

        def find(_progress: Progress) -> list[int]:
            # Off the GUI thread, on its own connection: at 100,000 articles this reads
            # two indexes and the analyses, far too long for the window to wait.
            library = Library(connect(path, readonly=True), path, readonly=True)
            try:
                return articles_needing_analysis(library)
            finally:
                library.close()

        def failed(exc: BaseException) -> None:  # a damaged table must not break the window
            self.host.say(f"Entities unavailable: {exc}", 10000)

        def found(stale: list[int]) -> None:
            if stale and self._library_open():
                self._analyse(stale)

        self.host.tasks.run(find, found, failed)


def install(host: FeatureHost) -> None:
    controller = EntitiesController(host)
    # The window owns the controller (its QObject parent); tests reach it by name.
    controller.setObjectName("entitiesController")


def controller_of(window: QObject) -> EntitiesController | None:
    found = window.findChild(EntitiesController, "entitiesController")
    return found if isinstance(found, EntitiesController) else None

