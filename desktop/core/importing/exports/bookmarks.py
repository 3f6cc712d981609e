"""Netscape bookmark files: what every browser exports, and Raindrop, Pinboard,
Karakeep, Shaarli and others too.

``<DT><A HREF ADD_DATE TAGS …>title</A>`` then an optional ``<DD>`` description;
folders nest as ``<DT><H3>name</H3><DL>…</DL>`` and become tags (``Research/AI``
for a folder in a folder). The browser's own root folders (toolbar, "other
bookmarks") are not tags. ``TAGS`` are comma-separated; Pinboard's ``TOREAD="0"``
means read (archived), Raindrop's ``DATA-IMPORTANT`` a favourite.
"""

from __future__ import annotations

from desktop.core.importing.exports.bundle import Bundle, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import parse_date, split_tags, truthy
from desktop.core.importing.exports.links_html import html_links

APP = "Bookmarks"
_SKIPPED_SCHEMES = ("javascript:", "place:", "about:", "chrome:", "data:", "file:")


def sniff(export: ExportFile) -> bool:
    return "netscape-bookmark-file" in export.head[:1024].lower()


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    for link in html_links(export.text):
        if link.url.lower().startswith(_SKIPPED_SCHEMES):
            bundle.skip("bookmarklets and browser pages")
            continue
        attrs = link.attrs
        folder = "/".join(link.folders)
        tags = ((folder,) if folder else ()) + split_tags(attrs.get("tags", ""), ",")
        bundle.items.append(Item(
            title=link.title, url=link.url,
            saved_at=parse_date(attrs.get("add_date") or attrs.get("time_added")),
            tags=tags, archived=attrs.get("toread", "").strip() == "0",
            favourite=truthy(attrs.get("data-important") or attrs.get("starred")),
            description=link.description, entry=f"link {link.number}",
        ))
    return bundle
