"""Export templates: Jinja2, presets shipped in resources/templates, the user's own
in the config folder (``AppPaths.templates``).

Every template, the presets and the user's own alike, renders in Jinja2's
immutable sandbox: a template (perhaps one that came in a backup or from a
web page) can format the values it is given and nothing more: no attribute
of Python's internals, no method that changes anything, no giant string or
number (see ``_Sandbox``).

Autoescaping is off because the output is Markdown, not HTML; text is escaped
explicitly with the filters below, so a template decides what is literal text
(``| md``) and what is the user's own Markdown (free-form notes, left raw).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.core.errors import LecternError
from desktop.core.export.front_matter import front_matter, yaml_scalar
from desktop.core.export.markdown_escape import (
    escape_line,
    escape_text,
    hashtag,
    quote_block,
    tag_name,
    url_destination,
)
from desktop.resources_path import resource_path

SUFFIX = ".md.j2"
PRESETS = ("default", "zotero", "plain")
DEFAULT = "default"


class TemplateProblem(LecternError):
    """A template is missing or cannot be rendered; the message says where."""


def _one_line(text: str) -> str:
    return escape_line(" ".join(str(text).split()))


FILTERS: dict[str, Callable[..., Any]] = {
    "md": lambda s: escape_text(str(s)),
    "md_line": _one_line,
    "md_quote": lambda s: quote_block(str(s)),
    "yaml": yaml_scalar,
    "front_matter": front_matter,
    "url": lambda s: url_destination(str(s)),
    "hashtag": lambda s: hashtag(str(s)),
    "tag": lambda s: tag_name(str(s)),
}


@dataclass(frozen=True)
class TemplateInfo:
    name: str  # what --template and the dialog use
    path: Path
    preset: bool


def preset_folder() -> Path:
    return resource_path("templates")


def available_templates(user_folder: Path | None) -> list[TemplateInfo]:
    """Presets first (in PRESETS order), then the user's, by name. A user template
    with a preset's name replaces the preset."""
    found: dict[str, TemplateInfo] = {}
    for name in PRESETS:
        path = preset_folder() / f"{name}{SUFFIX}"
        if path.is_file():
            found[name] = TemplateInfo(name, path, True)
    if user_folder is not None and user_folder.is_dir():
        for path in sorted(user_folder.glob(f"*{SUFFIX}")):
            name = path.name[: -len(SUFFIX)]
            found[name] = TemplateInfo(name, path, False)
    presets = [found.pop(n) for n in PRESETS if n in found and found[n].preset]
    return presets + sorted(found.values(), key=lambda t: (t.preset, t.name.casefold()))


# The largest string, list or number one operation in a template may make: far over
# any real note, far under what would exhaust memory or time.
MAX_PRODUCT = 10_000_000


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with the operators that can make huge values checked too."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _number(left) and _number(right) and (
                abs(right) > 64 or abs(left) > MAX_PRODUCT):
            raise SecurityError("a power that large is not allowed in a template")
        if operator == "*":
            for item, count in ((left, right), (right, left)):
                if isinstance(item, str | list | tuple | bytes) and _number(count) and (
                        len(item) * max(int(count), 0) > MAX_PRODUCT):
                    raise SecurityError("a repetition that large is not allowed "
                                                       "in a template")
        if operator == "%" and isinstance(left, str) and any(
                len(str(part)) > 6 for part in _digits_in(left)):
            raise SecurityError("a format width that large is not allowed")
        return super().call_binop(context, operator, left, right)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _digits_in(text: str) -> list[str]:
    return re.findall(r"%[-+ #0]*(\d+)", text)


def _environment(folders: list[Path]) -> jinja2.Environment:
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(FILTERS)
    return env


class ExportTemplate:
    """A compiled template; ``render`` a whole note, ``render_addition`` a dated section."""

    def __init__(self, name: str, template: jinja2.Template, fallback: jinja2.Template | None):
        self.name = name
        self._template = template
        self._fallback = fallback

    def render(self, variables: dict[str, Any]) -> str:
        try:
            text = self._template.render(variables)
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"template {self.name!r}: {_describe(exc)}") from exc
        except (ArithmeticError, MemoryError, RecursionError, TypeError, ValueError,
                LookupError) as exc:
            raise TemplateProblem(f"template {self.name!r}: {type(exc).__name__}: "
                                  f"{str(exc)[:200]}") from exc
        return text if text.endswith("\n") else text + "\n"

    def highlight_macro(self, variables: dict[str, Any]) -> Callable[[Any], str]:
        """The template's ``highlight(h)`` macro (the default's if it has none)."""
        for template in (self._template, self._fallback):
            if template is None:
                continue
            macro = getattr(template.make_module(variables), "highlight", None)
            if macro is not None:
                return _as_text(macro)
        raise TemplateProblem(f"template {self.name!r} defines no highlight(h) macro")


def _as_text(macro: Callable[[Any], Any]) -> Callable[[Any], str]:
    def render(h: Any) -> str:
        return str(macro(h))

    return render


def _describe(exc: jinja2.TemplateError) -> str:
    line = getattr(exc, "lineno", None)
    return f"line {line}: {exc.message}" if line else str(exc.message or exc)


def load_template(name_or_file: str, user_folder: Path | None) -> ExportTemplate:
    """A preset or user template by name, or a template file by path."""
    as_path = Path(name_or_file).expanduser()
    folders = [f for f in (user_folder, preset_folder()) if f is not None and f.is_dir()]
    if as_path.suffix in (".j2", ".md", ".jinja", ".jinja2") or as_path.is_file():
        if not as_path.is_file():
            raise TemplateProblem(f"no template file {as_path}")
        env = _environment([as_path.resolve().parent, *folders])
        file_name, label = as_path.resolve().name, str(as_path)
    else:
        names = {t.name: t for t in available_templates(user_folder)}
        if name_or_file not in names:
            known = ", ".join(sorted(names)) or "none"
            raise TemplateProblem(f"no template named {name_or_file!r} (available: {known})")
        info = names[name_or_file]
        env = _environment([info.path.parent, *folders])
        file_name, label = info.path.name, info.name
    try:
        template = env.get_template(file_name)
        fallback = _environment([preset_folder()]).get_template(f"{DEFAULT}{SUFFIX}")
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"template {label!r}, line {exc.lineno}: {exc.message}") from exc
    except (jinja2.TemplateNotFound, OSError) as exc:
        raise TemplateProblem(f"cannot read template {label!r}: {exc}") from exc
    return ExportTemplate(label, template, fallback)


def install_template(file: Path, user_folder: Path, *, replace: bool = False) -> Path:
    """Copy a template file into the user's folder, once it compiles; never over one of
    theirs unless ``replace``. Returns the installed file."""
    file = file.expanduser()
    if not file.is_file():
        raise TemplateProblem(f"no template file {file}")
    if not file.name.endswith(SUFFIX) or file.name.startswith("."):
        raise TemplateProblem(f"{file.name}: a template's file name ends in {SUFFIX}")
    if file.stat().st_size > 1024 * 1024:
        raise TemplateProblem(f"{file.name} is over 1 MB; not a template")
    try:
        source = file.read_text(encoding="utf-8")
        _environment([preset_folder()]).parse(source)
    except UnicodeDecodeError:
        raise TemplateProblem(f"{file.name} is not UTF-8 text") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"template {file.name!r}, line {exc.lineno}: {exc.message}"
                              ) from None
    target = user_folder / file.name
    if target.exists() and not replace:
        raise TemplateProblem(f"you already have a template {file.name} ({target}); "
                              "rename one of them")
    user_folder.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return target
