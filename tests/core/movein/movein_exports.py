"""Building export files for the tests: ZIPs from parts, and the fixtures' path."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def pocket_zip(rows: list[tuple[str, str, int, str, str]],
               annotations: list[dict[str, object]]) -> bytes:
    """Pocket's 2025 export: part_000000.csv and annotations/part_000000.json."""
    lines = ["title,url,time_added,cursor,tags,status"]  # as Pocket wrote it in 2025
    for title, url, added, tags, status in rows:
        lines.append(f'"{title}",{url},{added},c{added},{tags},{status}')
    return zipped({"part_000000.csv": "\n".join(lines) + "\n",
                   "annotations/part_000000.json": json.dumps(annotations)})
