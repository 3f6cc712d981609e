"""Turning a file's bytes into text: encodings detected, binaries refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from desktop.core.errors import ImportProblem

# Magic numbers of the files people most often mistake for articles.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/EPUB file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"RIFF", "a media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon image"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Decoded text with more than this share of U+FFFD or control characters is a binary
# file under a text name (an encrypted file, a database, a font), not an article.
_MAX_UNREADABLE_SHARE = 0.10
_UNREADABLE_SAMPLE = 65536
_UNREADABLE = frozenset([*(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"), "\ufffd"])


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def describe_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` is, or None if it may be text."""
    for signature, description in _BINARY_SIGNATURES:
        if data.startswith(signature):
            # "MZ" and "RIFF" are short; only trust them with more evidence.
            if signature in (b"MZ", b"RIFF") and b"\x00" not in data[:512]:
                continue
            return description
    return None


_UTF16_MIN_BYTES = 32
_UTF16_MIN_NULS = 12


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte of ASCII text."""
    sample = data[:4096]
    # A few stray NULs in a short file are damage, not UTF-16: ask for real evidence.
    # (Tiny UTF-16 files still read right: as UTF-8 with their NULs dropped.)
    if len(sample) < _UTF16_MIN_BYTES or sample.count(0) < _UTF16_MIN_NULS:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> DecodedText:
    """Decode ``data``; raise ImportProblem for binaries and empty files."""
    decoded = _decode(data)
    if not decoded.text.strip():
        raise ImportProblem("the file holds no text (only invisible characters)")
    sample = decoded.text[:_UNREADABLE_SAMPLE]
    unreadable = sum(1 for ch in sample if ch in _UNREADABLE)
    if unreadable > _MAX_UNREADABLE_SHARE * len(sample):
        raise ImportProblem("this is a binary file (mostly unreadable characters), not an article")
    return decoded


def _decode(data: bytes) -> DecodedText:
    if not data.strip():
        raise ImportProblem("the file is empty")
    binary = describe_binary(data)
    if binary:
        raise ImportProblem(f"this is {binary}, not an article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            return DecodedText(_tidy(text), encoding + "-bom" if encoding == "utf-8" else encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return DecodedText(_tidy(data.decode(utf16, errors="replace")), utf16)
    try:
        return DecodedText(_tidy(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return DecodedText(_tidy(damaged), "utf-8")
    if data[:65536].count(0) > 64:
        raise ImportProblem("this is a binary file, not an article")
    legacy = _guess_legacy(data)
    return DecodedText(_tidy(data.decode(legacy, errors="replace")), legacy)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated download, a bad copy) stays UTF-8.

    Read as a legacy encoding it would turn every accent and curly quote into
    mojibake; a legacy file, read as UTF-8, has almost no valid multi-byte characters.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    return text if 0 < broken <= multibyte else None


# Legacy encodings web pages are really written in. charset-normalizer also weighs
# DOS and Mac code pages, and on a short Western text it picks cp850 or cp1250 and
# turns "café" into "caf├⌐"; pages are (almost) never in those.
_WEB_LEGACY = frozenset({
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5",
    "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_10", "iso8859_11",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "tis_620",
    "shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949", "gb2312", "gbk",
    "gb18030", "big5", "big5hkscs", "cp950",
})
# Latin-script code pages that, with no language recognised, are a worse bet than cp1252.
_LATIN_LOOKALIKES = frozenset({
    "cp1250", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16",
})


def _guess_legacy(data: bytes) -> str:
    """A legacy encoding for text that is not UTF-8: charset-normalizer's guess when it
    is one web pages use (and, for Latin look-alikes, it recognised a language), else
    cp1252 (what most such pages really are)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding not in _WEB_LEGACY:
        return "cp1252"
    if best.encoding in _LATIN_LOOKALIKES and best.language == "Unknown":
        return "cp1252"
    return str(best.encoding)


def _tidy(text: str) -> str:
    """Drop NUL bytes and normalise line endings: neither means anything in an article."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
