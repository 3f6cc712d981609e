"""Reading the fields other apps write: dates in any of their forms, tag lists in
any separator, CSV with columns in any order or case, booleans and shares.

Exports are read liberally: a real export differs from its description (a column
added, renamed in case, a date in seconds or milliseconds or ISO), and a user's
years of reading must not be refused for it.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from desktop.core.importing.decoding import decode

csv.field_size_limit(64 * 1024 * 1024)  # an article's text may sit in one cell


def text_of(data: bytes) -> str:
    """The export's text in whatever encoding it came, byte-order marks dropped
    (Kindle repeats one inside the file, before entries)."""
    return decode(data).text.replace("\ufeff", "")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


_MONTHS = {
    # English, German, French, Spanish, Italian, Portuguese, Dutch (full and short)
    "january": 1, "jan": 1, "januar": 1, "janvier": 1, "enero": 1, "gennaio": 1,
    "janeiro": 1, "januari": 1, "jänner": 1,
    "february": 2, "feb": 2, "februar": 2, "février": 2, "fevrier": 2, "febrero": 2,
    "febbraio": 2, "fevereiro": 2, "februari": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mars": 3, "marzo": 3, "março": 3,
    "marco": 3, "maart": 3,
    "april": 4, "apr": 4, "avril": 4, "abril": 4, "aprile": 4,
    "may": 5, "mai": 5, "mayo": 5, "maggio": 5, "maio": 5, "mei": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "junho": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7, "julho": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8, "agosto": 8, "augustus": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9, "septiembre": 9,
    "settembre": 9, "setembro": 9,
    "october": 10, "oct": 10, "oktober": 10, "octobre": 10, "octubre": 10,
    "ottobre": 10, "outubro": 10,
    "november": 11, "nov": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "december": 12, "dec": 12, "dezember": 12, "décembre": 12, "decembre": 12,
    "diciembre": 12, "dicembre": 12, "dezembro": 12,
}
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NUMERIC_DAY_FIRST = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def parse_date(raw: str | float | int | None) -> str:
    """An ISO 8601 UTC stamp for any date an export writes; '' when there is none
    (or it cannot be read: an unknown date never stops an import)."""
    if raw is None or raw == "":
        return ""
    if isinstance(raw, int | float):
        return _from_number(float(raw))
    text = str(raw).strip()
    if not text:
        return ""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_number(float(text))
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "")))
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _from_words(text)


def _from_number(value: float) -> str:
    if value <= 0:
        return ""
    if value > 1e11:  # milliseconds (JavaScript), not seconds
        value /= 1000
    try:
        return _iso(datetime.fromtimestamp(value, UTC))
    except (OverflowError, OSError, ValueError):
        return ""


def _from_words(text: str) -> str:
    """Dates written for people: "Sunday, 3 March 2019 14:22:10", "March 15, 2011,
    10:00 PM", "3. März 2019", "3 de marzo de 2019", "2019年3月3日 14:22"."""
    lowered = text.lower()
    year = month = day = 0
    ymd = _YEAR_FIRST.search(lowered)
    dmy = _NUMERIC_DAY_FIRST.search(lowered)
    if ymd:
        year, month, day = int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3))
        rest = lowered[ymd.end():]
    elif dmy:
        day, month, year = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
        rest = lowered[dmy.end():]
    else:
        words = re.findall(r"[^\W\d_]+\.?|\d+", lowered)
        for word in words:
            bare = word.rstrip(".")
            if not month and bare in _MONTHS:
                month = _MONTHS[bare]
            elif bare.isdigit():
                number = int(bare)
                if number > 31 and not year:
                    year = number
                elif 1 <= number <= 31 and not day:
                    day = number
        year_at = re.search(r"\b\d{4}\b", lowered)
        rest = lowered[year_at.end():] if year_at else ""
    hour = minute = second = 0
    clock = _TIME.search(rest)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        meridiem = (clock.group(4) or "").lower()
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
        elif "nachm" in rest or "午後" in rest:
            hour += 12 if hour < 12 else 0
    try:
        return _iso(datetime(year, month, day, hour, minute, second))
    except ValueError:
        return ""


def split_tags(raw: str, separators: str = ",") -> tuple[str, ...]:
    """Tags from one cell: a JSON or Python list (``["a", "b"]``, ``['a']``), a
    bracketed list (``[a, b]``), else split on any of ``separators``."""
    text = raw.strip()
    if not text:
        return ()
    if text.startswith("[") and text.endswith("]"):
        for parse in (json.loads, ast.literal_eval):
            try:
                value = parse(text)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
            if isinstance(value, list):
                return tuple(t for t in (_tag_name(v) for v in value) if t)
        text = text[1:-1]
    pattern = "|".join(re.escape(s) for s in separators)
    return tuple(t for t in (p.strip().strip("\"'") for p in re.split(pattern, text)) if t)


def _tag_name(value: object) -> str:
    if isinstance(value, dict):  # {"name": ...} or {"label": ...}
        value = value.get("name") or value.get("label") or value.get("slug") or ""
    return str(value).strip()


def tag_list(value: object) -> tuple[str, ...]:
    """Tags from JSON: a list of names or of objects with a name, or a string."""
    if isinstance(value, str):
        return split_tags(value)
    if isinstance(value, list):
        return tuple(t for t in (_tag_name(v) for v in value) if t)
    return ()


_TRUE = frozenset({"1", "true", "yes", "y", "t", "x", "starred", "favorite", "favourite"})


def truthy(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return raw != 0
    return str(raw or "").strip().lower() in _TRUE


def share(raw: object) -> float:
    """Reading progress as 0..1, from a share (0.4), a percentage (40, "40%")."""
    try:
        value = float(str(raw).strip().rstrip("%") or 0)
    except ValueError:
        return 0.0
    if value > 1:
        value /= 100
    return min(1.0, max(0.0, value))


def header_key(name: str) -> str:
    """A column name as compared: case, spaces, dashes and underscores ignored."""
    return re.sub(r"[\s_\-]+", "", name.replace("\ufeff", "")).lower()


class Row:
    """One CSV row, read by column name whatever the file's order or case."""

    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number = number  # the row's line number in the file's data, from 1
        self.values = values

    def get(self, *names: str) -> str:
        for name in names:
            value = self.values.get(header_key(name))
            if value is not None:
                return value.strip()
        return ""

    def has(self, *names: str) -> bool:
        return any(header_key(n) in self.values for n in names)

    @property
    def entry(self) -> str:
        return f"row {self.number}"


def csv_header(text: str) -> list[str]:
    """The first row's column names, compared with ``header_key``."""
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    return [header_key(c) for c in first]


def csv_rows(text: str) -> Iterator[Row | str]:
    """Rows by column name; a row that cannot be read is yielded as its problem
    (a message), so the reader reports it and goes on with the next."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [header_key(c) for c in next(reader)]
    except (StopIteration, csv.Error):
        return
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield f"row {number}: cannot be read as CSV ({exc})"
            continue
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) + 1 or len(cells) < min(2, len(header)):
            yield (f"row {number}: has {len(cells)} columns where the header has "
                   f"{len(header)}")
            continue
        yield Row(number, dict(zip(header, cells, strict=False)))


def readable_rows(text: str, problem: Callable[[str, str], None],
                  where: str = "") -> Iterator[Row]:
    """The rows of ``csv_rows`` that can be read. Each that cannot is reported as
    ``problem(entry, message)``, its entry prefixed by ``where`` (the file inside an
    archive), and the reading goes on."""
    for row in csv_rows(text):
        if isinstance(row, str):
            entry, _sep, message = row.partition(": ")
            problem(where + entry, message)
        else:
            yield row


def json_list(data: bytes, problem: Callable[[str, str], None], name: str,
              what: str) -> list[Any] | None:
    """A JSON file inside an archive that should hold a list of ``what`` (say
    "articles"); anything else is reported once, as skipping them, and gives None."""
    try:
        entries = json.loads(data.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError) as exc:
        problem(name, f"cannot be read as JSON ({exc}); its {what} were skipped")
        return None
    if not isinstance(entries, list):
        problem(name, f"is not a list of {what}; skipped")
        return None
    return entries
