"""What every reader of a ZIP it did not write checks, before inflating a byte.

Other apps' exports (importing) and Lectern backups (restore) both arrive from
anywhere. Each keeps its own limits (an export may hold 200,000 small files, a
backup three known members), but the two dangers are the same: a member that is
encrypted, and a member whose declared size is a ratio no real data reaches (a
zip bomb inflates about a thousand times). And a damaged member raises any of
the errors below while it inflates, never just ``BadZipFile``.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib

# What a damaged or hostile member raises while it is opened or inflated
# (bz2 raises OSError or ValueError; RuntimeError: a password is needed).
INFLATE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                  NotImplementedError, ValueError, lzma.LZMAError)


def is_encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def bomb_ratio(info: zipfile.ZipInfo, max_ratio: int, ratio_free_bytes: int) -> int | None:
    """How many times the member inflates, when that is over ``max_ratio`` for a
    member larger than ``ratio_free_bytes`` (small ones are harmless); else None."""
    packed = max(info.compress_size, 1)
    if info.file_size > ratio_free_bytes and info.file_size > max_ratio * packed:
        return info.file_size // packed
    return None
