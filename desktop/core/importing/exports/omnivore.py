"""Omnivore: the export ZIP, ``metadata_*.json`` (lists of articles: slug, title,
author, url, state, readingProgress 0-100, labels, savedAt), ``content/<slug>.html``
(the article as Omnivore kept it) and ``highlights/<slug>.md`` (each highlight a
``> quote`` block, possibly ending in a link back to Omnivore, its note below it).

Articles with their content are read at once; the others wait for their page.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import json_list, parse_date, share, tag_list

APP = "Omnivore"
_METADATA = re.compile(r"(^|/)metadata_[^/]*\.json$", re.IGNORECASE)
# A quote's trailing link back to the highlight in Omnivore: " [⤴️](https://…)"
_BACKLINK = re.compile(r"\s*\[[^\]]{0,8}\]\(https?://[^)\s]*omnivore[^)\s]*\)\s*$")


def sniff(export: ExportFile) -> bool:
    if export.archive is not None:
        return any(_METADATA.search(n) for n in export.archive.names)
    value = export.json
    return (isinstance(value, list) and bool(value) and isinstance(value[0], dict)
            and "slug" in value[0] and ("savedAt" in value[0] or "readingProgress" in value[0]))


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    if export.archive is None:
        for number, entry in enumerate(export.json or [], start=1):
            _add(bundle, entry, f"entry {number}", "", "")
        return bundle
    archive = export.archive
    by_stem = {n.rsplit("/", 1)[-1]: n for n in archive.names}
    for name in archive.matching(lambda n: bool(_METADATA.search(n))):
        entries = json_list(archive.read(name), bundle.problem, name, "articles")
        if entries is None:
            continue
        for number, entry in enumerate(entries, start=1):
            slug = str(entry.get("slug") or "") if isinstance(entry, dict) else ""
            content = by_stem.get(f"{slug}.html", "") if slug else ""
            marks = by_stem.get(f"{slug}.md", "") if slug else ""
            _add(bundle, entry, f"{name} entry {number}",
                 archive.read(content).decode("utf-8", "replace") if content else "",
                 archive.read(marks).decode("utf-8-sig", "replace") if marks else "")
    return bundle


def _add(bundle: Bundle, entry: Any, where: str, content: str, marks: str) -> None:
    if not isinstance(entry, dict):
        bundle.problem(where, "is not an article; skipped")
        return
    url = str(entry.get("url") or entry.get("originalUrl") or "").strip()
    if not url and not content:
        bundle.problem(where, "no URL and no content; skipped")
        return
    state = str(entry.get("state") or "").lower()
    if state == "deleted":
        bundle.skip("deleted articles")
        return
    bundle.items.append(Item(
        title=str(entry.get("title") or ""), url=url, author=str(entry.get("author") or ""),
        saved_at=parse_date(entry.get("savedAt") or entry.get("createdAt")),
        tags=tag_list(entry.get("labels")),
        archived=state == "archived" or bool(entry.get("archivedAt")),
        favourite=bool(entry.get("isStarred") or entry.get("starred")),
        progress=share(entry.get("readingProgress") or 0),
        description=str(entry.get("description") or "") if not content else "",
        content=content, content_kind="html" if content else "",
        highlights=tuple(highlights_markdown(marks)), entry=where,
    ))


def highlights_markdown(text: str) -> list[Highlight]:
    """Highlights from Omnivore's Markdown: a run of ``>`` lines is a quote, the lines
    after it (up to the next quote) its note."""
    found: list[tuple[list[str], list[str]]] = []
    in_quote = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(">"):
            if not in_quote:
                found.append(([], []))
            in_quote = True
            found[-1][0].append(line[1:].removeprefix(" "))
        else:  # a blank line ends a quote: the next ">" starts another highlight
            in_quote = False
            if found:
                found[-1][1].append(line)
    result = []
    for quote_lines, note_lines in found:
        quote = _BACKLINK.sub("", "\n".join(quote_lines)).strip()
        if quote:
            result.append(Highlight(quote=quote, note="\n".join(note_lines).strip()))
    return result
