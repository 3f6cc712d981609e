"""The Filter menu above the library list: tag, site, highlight colour, notes, dates, entity.

Its choices are kept here and laid over the sidebar's view or saved search by
``apply``; the tag and site lists are read when the menu opens (a GROUP BY over
an index, milliseconds at 100,000 articles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QMenu, QToolButton

from desktop.core.annotations.model import COLORS
from desktop.core.search.listing import ListQuery
from desktop.core.storage.library import Library

_PERIODS = (("Any time", 0), ("Last 7 days", 7), ("Last 30 days", 30), ("Last year", 365))
TOP_SITES = 30


@dataclass(frozen=True)
class Filters:
    tag: str = ""
    site: str = ""
    color: str = ""
    entity: str = ""
    has_notes: bool = False
    saved_days: int = 0
    published_days: int = 0


def _since(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).date().isoformat() if days else ""


class FilterButton(QToolButton):
    def __init__(self, library: Library, changed: Callable[[], None]) -> None:
        super().__init__()
        self.library = library
        self.current = Filters()
        self._changed = changed
        self.setText("Filter")
        self.setObjectName("libraryFilter")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._build_menu)

    def set(self, **changes: object) -> None:
        self.current = replace(self.current, **changes)  # type: ignore[arg-type]
        active = sum(1 for f in fields(Filters)
                     if getattr(self.current, f.name) != getattr(Filters(), f.name))
        self.setText(f"Filter ({active})" if active else "Filter")
        self._changed()

    def clear(self) -> None:
        self.set(**{f.name: getattr(Filters(), f.name) for f in fields(Filters)})

    def apply(self, query: ListQuery) -> ListQuery:
        f = self.current
        return query.with_changes(
            tag=f.tag or query.tag, site=f.site or query.site, color=f.color or query.color,
            entity=f.entity or query.entity, has_notes=f.has_notes or query.has_notes,
            saved_from=_since(f.saved_days) or query.saved_from,
            published_from=_since(f.published_days) or query.published_from)

    def _build_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        f = self.current
        conn = self.library.conn
        tags = [str(r[0]) for r in conn.execute(
            "SELECT tag FROM article_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 40")]
        sites = [str(r[0]) for r in conn.execute(
            "SELECT site FROM articles WHERE site != '' GROUP BY site COLLATE NOCASE"
            f" ORDER BY count(*) DESC LIMIT {TOP_SITES}")]
        self._choices(menu.addMenu("&Tag"), "tag", f.tag, sorted(tags, key=str.casefold))
        self._choices(menu.addMenu("&Site"), "site", f.site, sorted(sites, key=str.casefold))
        self._choices(menu.addMenu("Highlight &colour"), "color", f.color, list(COLORS))
        notes = menu.addAction("Has &notes")
        notes.setCheckable(True)
        notes.setChecked(f.has_notes)
        notes.toggled.connect(lambda on: self.set(has_notes=on))
        for title, name in (("Sa&ved", "saved_days"), ("&Published", "published_days")):
            sub = menu.addMenu(title)
            for label, days in _PERIODS:
                action = sub.addAction(label)
                action.setCheckable(True)
                action.setChecked(getattr(f, name) == days)
                action.triggered.connect(lambda _=False, n=name, d=days: self.set(**{n: d}))
        if f.entity:
            action = menu.addAction(f"Mentions “{f.entity}” ✕")
            action.triggered.connect(lambda: self.set(entity=""))
        menu.addSeparator()
        menu.addAction("C&lear Filters", self.clear)

    def _choices(self, menu: QMenu, name: str, chosen: str, values: list[str]) -> None:
        every = menu.addAction("Any")
        every.setCheckable(True)
        every.setChecked(not chosen)
        every.triggered.connect(lambda: self.set(**{name: ""}))
        if not values:
            menu.addAction("(none yet)").setEnabled(False)
        for value in values:
            action = menu.addAction(value)
            action.setCheckable(True)
            action.setChecked(value == chosen)
            action.triggered.connect(lambda _=False, v=value: self.set(**{name: v}))


def describe_filters(query: ListQuery) -> list[str]:
    """Short words for the filters in force, shown under the search box."""
    said = []
    for label, value in (("tag", query.tag), ("site", query.site), ("colour", query.color),
                         ("mentions", query.entity), ("saved since", query.saved_from),
                         ("published since", query.published_from)):
        if value:
            said.append(f"{label}: {value}")
    if query.has_notes:
        said.append("with notes")
    return said
