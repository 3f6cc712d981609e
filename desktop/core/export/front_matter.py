"""YAML front matter written by hand, so any value reads back exactly.

Every string is a double-quoted YAML scalar with JSON-compatible escapes; the
characters YAML would fold or refuse (line breaks of any kind, controls, the
BOM, non-characters, lone surrogates) are written as ``\\uXXXX``. Lists are flow
sequences and mappings block mappings, which Obsidian's Properties view reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

FrontMatterValue = str | int | float | bool | None | Sequence["FrontMatterValue"] | Mapping[
    str, "FrontMatterValue"
]

_SIMPLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _needs_code(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or ch in "\u2028\u2029\ufeff\ufffe\uffff"
    )


def yaml_string(value: str) -> str:
    out: list[str] = ['"']
    for ch in value:
        if ch in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[ch])
        elif _needs_code(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def yaml_scalar(value: FrontMatterValue) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return yaml_string(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{yaml_string(k)}: {yaml_scalar(v)}" for k, v in value.items())
        return "{" + items + "}"
    return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"


def _key(name: str) -> str:
    plain = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if plain and not name[:1].isdigit() else yaml_string(name)


def front_matter(fields: Mapping[str, FrontMatterValue]) -> str:
    """``---``-fenced YAML for ``fields`` (nested mappings become indented blocks)."""
    lines = ["---"]
    for name, value in fields.items():
        if isinstance(value, Mapping) and value:
            lines.append(f"{_key(name)}:")
            lines.extend(f"  {yaml_string(str(k))}: {yaml_scalar(v)}" for k, v in value.items())
        else:
            lines.append(f"{_key(name)}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines)
