"""Opening an export ZIP as the untrusted input it is.

Pocket's 2025 export is a ZIP (even when named ``.csv``), Omnivore's and Matter's
too. Before a byte is inflated every member is checked: not too many, each of a
declared size within the limit, the whole within the limit, and a compression
ratio no text export reaches (a zip bomb inflates a thousand times). While
inflating, bytes are counted again, since a header can lie. Whatever is wrong
is one clear ``ImportProblem``; a damaged ZIP never escapes as a zlib error.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from desktop.core.errors import ImportProblem
from desktop.core.zips import INFLATE_ERRORS, bomb_ratio, is_encrypted

MIB = 1024 * 1024
MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 256 * MIB
MAX_TOTAL_BYTES = 2048 * MIB
# Text deflates 3-10x, highly repetitive CSV up to ~50x; a bomb ~1000x. Small
# members are not held to the ratio (a file of spaces is harmless).
MAX_RATIO = 200
RATIO_FREE_BYTES = 1 * MIB


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


class ExportArchive:
    """The members of a checked ZIP, inflated one at a time on demand."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except INFLATE_ERRORS as exc:
            raise ImportProblem(f"this is a ZIP archive, but a damaged one ({exc}); "
                                "nothing was imported") from None
        check_members(infos)
        self.names = [i.filename for i in infos if not i.is_dir()]

    def read(self, name: str) -> bytes:
        info = self._zip.getinfo(name)
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        try:
            with self._zip.open(info) as member:
                data = member.read(limit + 1)
        except INFLATE_ERRORS as exc:
            raise ImportProblem(f"{name} in the ZIP archive is damaged ({exc}); nothing "
                                "was imported") from None
        if len(data) > limit:  # the header lied about its size
            raise ImportProblem(f"{name} in the ZIP archive is larger than it says (a "
                                "damaged or hostile archive); nothing was imported")
        return data

    def matching(self, predicate: Callable[[str], bool]) -> list[str]:
        """Member names for which ``predicate`` holds, sorted (part_000000 first)."""
        return sorted(n for n in self.names if predicate(n))


def check_members(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose members would inflate past the limits, before any
    inflating (shared with anything else reading ZIPs it did not write)."""
    if len(infos) > MAX_MEMBERS:
        raise ImportProblem(f"the ZIP archive holds {len(infos):,} files, more than an "
                            f"export has ({MAX_MEMBERS:,} at most); nothing was imported")
    total = 0
    for info in infos:
        if is_encrypted(info):
            raise ImportProblem(f"{info.filename} in the ZIP archive is encrypted; "
                                "export again without a password")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ImportProblem(f"{info.filename} in the ZIP archive would inflate to "
                                f"{info.file_size // MIB:,} MB, over the "
                                f"{MAX_MEMBER_BYTES // MIB} MB limit; nothing was imported")
        ratio = bomb_ratio(info, MAX_RATIO, RATIO_FREE_BYTES)
        if ratio is not None:
            raise ImportProblem(f"{info.filename} in the ZIP archive inflates {ratio:,} "
                                "times (a zip bomb, not an export); nothing was imported")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportProblem(f"the ZIP archive would inflate to {total // MIB:,} MB, over "
                            f"the {MAX_TOTAL_BYTES // MIB:,} MB limit; nothing was imported")
