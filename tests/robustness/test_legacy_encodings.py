"""Short pages in legacy encodings read right: no DOS or Mac code page mojibake."""

from __future__ import annotations

import pytest

from desktop.core.importing.decoding import decode

CASES = [
    ("“Café” — naïve", "cp1252"),
    ("The café’s owner said “no comment” — twice.", "cp1252"),
    ("Größe, Müller, Straße — schön und teuer: 12 €.", "cp1252"),
    ("Ça va? Très bien, merci. L’été à Paris.", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Zażółć gęślą jaźń. Dobrý den, jak se máte?",
     "cp1250"),
    ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "cp1251"),
    ("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Καλημέρα σας, τι κάνετε;", "cp1253"),
    ("いろはにほへと ちりぬるを わかよたれそ つねならむ。日本語の文章です。", "shift_jis"),
]


@pytest.mark.parametrize(("text", "encoding"), CASES)
def test_short_legacy_text_decodes_exactly(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)).text == text


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    text = "“Café” — naïve, and the rest of a long UTF-8 article. " * 5
    data = text.encode() + b"\xff" + text.encode()
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(text) and decoded.text.count("\ufffd") == 1
