"""Links in an HTML list: Netscape bookmark files (every browser, Raindrop, Pinboard,
Karakeep, Shaarli), Pocket's ``ril_export.html`` and Instapaper's HTML export.

All are headings and lists of ``<a>`` with attributes; a Netscape file nests
folders as ``<DT><H3>name</H3><DL>…</DL>`` and writes a description in the
``<DD>`` after a link. The walker only collects; each reader says what a heading,
a folder or an attribute means for its app.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

_ROOT_FOLDER_MARKS = ("personal_toolbar_folder", "unfiled_bookmarks_folder")
# The browsers' own top folders, where no attribute marks them (Chrome, Edge,
# Safari, Firefox's menu): where a bookmark sits, not what it is about.
_ROOT_FOLDER_NAMES = frozenset({
    "bookmarks bar", "bookmarks toolbar", "bookmarks menu", "other bookmarks",
    "mobile bookmarks", "favorites bar", "favourites bar", "other favorites",
    "favorites", "lesezeichenleiste", "weitere lesezeichen", "barre de favoris",
    "autres favoris", "barra de marcadores", "otros marcadores"})


@dataclass
class Link:
    url: str
    attrs: dict[str, str]
    title: str = ""
    section: str = ""  # the last <h1>/<h2> heading above it (Pocket, Instapaper)
    folders: tuple[str, ...] = ()  # Netscape <H3> folders it sits in, outermost first
    description: str = ""
    number: int = 0  # 1 for the first link in the file


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._section = ""
        self._folders: list[str | None] = []
        self._pending_folder: str | None = None
        self._capture: str | None = None  # "heading", "folder", "link", "description"
        self._buffer: list[str] = []
        self._heading_tag = ""
        self._root_folder = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("h1", "h2"):
            self._finish_description()
            self._start("heading")
            self._heading_tag = tag
        elif tag == "h3":
            self._finish_description()
            self._root_folder = any(values.get(m, "").lower() == "true"
                                    for m in _ROOT_FOLDER_MARKS)
            self._start("folder")
        elif tag == "dl":
            self._finish_description()
            self._folders.append(self._pending_folder)
            self._pending_folder = None
        elif tag == "a" and values.get("href"):
            self._finish_description()
            folders = tuple(f for f in self._folders if f)
            self.links.append(Link(values["href"].strip(), values, section=self._section,
                                   folders=folders, number=len(self.links) + 1))
            self._start("link")
        elif tag == "dd" and self.links:
            self._finish_description()
            self._start("description")
        elif tag in ("dt", "li") and self._capture == "description":
            self._finish_description()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2") and self._capture == "heading":
            self._section = self._take()
        elif tag == "h3" and self._capture == "folder":
            name = self._take()
            root = self._root_folder or (not self._folders[1:] and
                                         name.casefold() in _ROOT_FOLDER_NAMES)
            self._pending_folder = None if root else (name or None)
        elif tag == "a" and self._capture == "link":
            self.links[-1].title = self._take()
        elif tag == "dl":
            self._finish_description()
            if self._folders:
                self._folders.pop()

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._buffer.append(data)

    def _start(self, what: str) -> None:
        self._capture, self._buffer = what, []

    def _take(self) -> str:
        text = " ".join("".join(self._buffer).split())
        self._capture, self._buffer = None, []
        return text

    def _finish_description(self) -> None:
        if self._capture == "description":
            text = "".join(self._buffer).strip()
            self._capture, self._buffer = None, []
            if text and not self.links[-1].description:
                self.links[-1].description = text


def html_links(text: str) -> list[Link]:
    walker = _Walker()
    walker.feed(text)
    walker.close()
    walker._finish_description()
    return walker.links
