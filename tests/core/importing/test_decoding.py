"""Text encodings a saved article arrives in, and binaries that are not articles."""

from __future__ import annotations

import codecs

import pytest

from desktop.core.errors import ImportProblem
from desktop.core.importing.decoding import decode

SAMPLE = "Café society: naïve “quotes” — and an em dash, 12 €."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-bom"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_cp1252_is_read_as_cp1252() -> None:
    text = ("The café’s owner said “no comment” — twice. " * 20).strip()
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text


def test_nul_bytes_and_crlf_are_dropped() -> None:
    assert decode(b"one\x00 two\r\nthree\rfour").text == "one two\nthree\nfour"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binaries_are_named_not_decoded(data: bytes, kind: str) -> None:
    with pytest.raises(ImportProblem, match=kind):
        decode(data + bytes(range(256)) * 4)


def test_empty_and_blank_files_say_so() -> None:
    for data in (b"", b"   \n\t  "):
        with pytest.raises(ImportProblem, match="empty"):
            decode(data)
