"""Text the reader did not write, shown as text: never as markup that loads something.

Qt shows a label, a tooltip or a message box as rich text whenever the text
merely looks like HTML, and a rich-text document loads every image it names:
``<img src="/dev/zero">`` in a note grew the window to gigabytes, a FIFO froze
it. Qt even falls back to reading an image's name as a file when the document
refuses to load it. So:

- labels that show titles, quotes, notes, tags or file names are plain text
  (``plain_label``, ``plain``);
- tooltips and message texts are escaped into rich text that is only text
  (``escaped``);
- Markdown is rendered to HTML and then sanitised to an allow-list of tags,
  with no image, style, class or source attribute left (``sanitized_html``);
- documents answer every resource request with an empty picture
  (``InertTextBrowser``), so even a name that slips through reads nothing.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from PySide6 import QtGui
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

MAX_TOOLTIP_CHARS = 2000

_ALLOWED_TAGS = frozenset({
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s",
    "del", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub", "a", "dl", "dt", "dd", "abbr", "span", "div",
})
_VOID_TAGS = frozenset({"br", "hr"})
_DROP_WITH_CONTENT = frozenset({"script", "style", "head", "title", "object", "iframe",
                                "svg", "math", "template", "textarea", "select"})
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|lectern://|#)", re.IGNORECASE)


def escaped(text: str, limit: int = MAX_TOOLTIP_CHARS) -> str:
    """``text`` made safe for a tooltip or a message: as it is when Qt would show it as
    plain text anyway, else escaped into rich text that shows exactly it."""
    if len(text) > limit:
        text = text[:limit] + "…"
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    return plain(QLabel(text, parent))


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str,
                      buttons: QMessageBox.StandardButton, parent: QWidget | None,
                      informative: str = "") -> QMessageBox:
    """A message box whose text (and informative text) can hold anything."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(escaped(informative, limit=4000))
    return box


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._dropping = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self._dropping += 1
            return
        if self._dropping:
            return
        if tag == "img":  # never loaded: its description stands in for it
            alt = next((v for k, v in attrs if k == "alt" and v), "")
            self.out.append(html.escape(f"[image: {alt}]" if alt else "[image]"))
            return
        if tag not in _ALLOWED_TAGS:
            return
        kept = ""
        if tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            if href and _SAFE_LINK.match(href.strip()):
                kept = f' href="{html.escape(href.strip(), quote=True)}"'
        self.out.append(f"<{tag}{kept}>")
        if tag not in _VOID_TAGS:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self._open and self._open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self._dropping = max(0, self._dropping - 1)
            return
        if self._dropping or tag not in self._open:
            return
        while self._open:
            closing = self._open.pop()
            self.out.append(f"</{closing}>")
            if closing == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self._open))


def sanitized_html(fragment: str) -> str:
    """``fragment`` with only allow-listed tags, no attribute but a safe link's href,
    every image replaced by its description and every other character escaped."""
    parser = _Sanitizer()
    parser.feed(fragment)
    return parser.result()


class InertTextBrowser(QTextBrowser):
    """A text browser that loads nothing: every resource it is not handed is empty.

    An empty image, not None: given None, Qt reads the image's name as a file.
    """

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return inert_resource(kind)


_BLANK: list[QImage] = []


def inert_resource(kind: int) -> object:
    if int(kind) == int(QTextDocument.ResourceType.ImageResource.value):
        if not _BLANK:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(0)
            _BLANK.append(blank)
        return _BLANK[0]
    return ""
