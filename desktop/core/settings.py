"""Every setting Lectern keeps, declared once: its name, type, default and purpose.

Code reads and writes settings only through ``read``/``write`` with one of the
``Setting`` objects below, never by a string key, so a value is parsed in one
place and a typo is a NameError. Most live in the library database (they travel
with its backups); the window's geometry lives in this machine's settings file
(``AppPaths.settings_file``, read by the window through QSettings) and is
declared here too, with ``scope="window"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar

T = TypeVar("T")
Scope = Literal["library", "window"]


class SettingsStore(Protocol):
    """Where library settings are kept: ``desktop.core.storage.library.Library``."""

    def raw_setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    description: str
    parse: Callable[[str], T]  # raises ValueError on a value it cannot read
    format: Callable[[T], str]
    scope: Scope = "library"


def read(store: SettingsStore, setting: Setting[T]) -> T:
    """The setting's value, or its default when unset or unreadable."""
    raw = store.raw_setting(setting.key)
    if raw is None:
        return setting.default
    try:
        return setting.parse(raw)
    except ValueError:
        return setting.default


def write(store: SettingsStore, setting: Setting[T], value: T) -> None:
    store.set_setting(setting.key, setting.format(value))


def _count(raw: str) -> int:
    # A setting can come from a restored backup: 18 ASCII digits at most (an id
    # SQLite can hold; int() of 5,000 digits raises, of 30 overflows a query).
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise ValueError(raw)
    return int(raw)


def _flag(raw: str) -> bool:
    return raw not in ("", "0")


def _bytes(_raw: str) -> bytes:
    raise ValueError("window settings are read by QSettings, not from text")


def text(key: str, default: str, description: str) -> Setting[str]:
    return Setting(key, default, description, str, str)


def count(key: str, default: int, description: str) -> Setting[int]:
    return Setting(key, default, description, _count, str)


def flag(key: str, default: bool, description: str) -> Setting[bool]:
    return Setting(key, default, description, _flag, lambda on: "1" if on else "0")


def window_state(key: str, description: str) -> Setting[bytes]:
    return Setting(key, b"", description, _bytes, bytes.hex, scope="window")


# -- the library's settings --------------------------------------------------------

THEME = text("ui.theme", "system", "Colour theme of the window: system, light or dark.")
TEXT_SIZE = count("ui.text_size", 0, "The reader's text size in points; 0: its default.")
LAST_ARTICLE = count("ui.last_article", 0, "The article open when Lectern last closed "
                     "(0: none); it opens again at the next start.")
SAMPLES_SEEDED = flag("samples.seeded", False, "The sample articles were given to this "
                      "library once; never again, even if the user deletes them.")
EXPORT_FOLDER = text("export.folder", "", "Folder of the last export (empty: ask in the "
                     "home folder).")
EXPORT_TEMPLATE = text("export.template", "default", "Name of the export template last "
                       "chosen.")
ENTITY_HIGHLIGHTS = flag("entities.highlights", True, "Whether named entities are "
                         "highlighted in the reader.")
ENTITY_CATEGORIES = Setting[str | None](
    "entities.categories", None, "Entity categories shown, as comma-separated keys "
    "(desktop.core.entities.categories); unset: the default ones.", str,
    lambda keys: keys or "")
FEEDS_REFRESH_MINUTES = count("feeds.refresh_minutes", 60, "Minutes between refreshes of "
                              "the feeds followed while the window is open (0: only on "
                              "request, with File ▸ Refresh Feeds or lectern feeds refresh).")
CONNECTOR_TOKEN = text("connector.token", "", "The token the browser's bookmarklet and "
                       "extension send to save pages to this library (made on first use; "
                       "`lectern connector --new-token` replaces it).")
ENTITY_BACKLOG_PAUSED = flag("entities.backlog_paused", False, "Finding entities in the "
                             "rest of the library is paused (the open article still gets "
                             "them).")
SAVED_SEARCHES = text("library.saved_searches", "[]", "Searches kept in the library's "
                      "sidebar, as JSON: [{name, query}] (desktop.core.search.saved).")

# -- this machine's window state (QSettings file) ------------------------------------

GEOMETRY = window_state("geometry", "The main window's size and position.")
SPLITTER = window_state("splitter", "Widths of the library, reader and notes panes.")
NOTES_SPLITTER = window_state("notes_splitter", "Heights of the notes and highlights panes.")

SETTINGS: tuple[Setting[object], ...] = (
    THEME, TEXT_SIZE, LAST_ARTICLE, SAMPLES_SEEDED, EXPORT_FOLDER, EXPORT_TEMPLATE,
    ENTITY_HIGHLIGHTS, ENTITY_CATEGORIES, FEEDS_REFRESH_MINUTES, CONNECTOR_TOKEN,
    ENTITY_BACKLOG_PAUSED, SAVED_SEARCHES, GEOMETRY,
    SPLITTER, NOTES_SPLITTER,
)  # type: ignore[assignment]
