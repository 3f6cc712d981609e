"""The ``lectern`` command line.

``lectern [PATH|URL ...]`` opens the window; ``lectern COMMAND ...`` runs a
command without one. Commands live in the modules of this package: each defines
``register(subcommands)`` adding its parsers, with ``func`` set to a handler
``(args) -> int``. Handlers import heavy modules lazily so the window opens fast.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli.output import fail

_GUI_DESCRIPTION = (
    "Lectern: read saved web articles clean, with their named entities highlighted, "
    "and keep highlights and notes that export as Markdown.\n\n"
    "Run without a command to open the window (importing any files given)."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lectern",
        description=_GUI_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lectern {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    import pkgutil  # here, not at the top: opening the window never needs it

    # The library commands first in --help: they are what a new user looks for.
    modules = sorted(
        pkgutil.iter_modules(__path__), key=lambda m: (m.name != "library_commands", m.name)
    )
    for module_info in modules:
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subcommands)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lectern", add_help=False)
    parser.add_argument("paths", nargs="*")
    return parser


_COMMAND_WORD = re.compile(r"^[a-z][a-z0-9-]*$")


def _surely_opens_window(args_list: list[str]) -> bool:
    """True when the arguments cannot name a command: no need to import every
    command module (and what they import) on the way to the first window."""
    if not args_list or args_list[0] == "--":
        return True
    first = args_list[0]
    return not first.startswith("-") and not _COMMAND_WORD.match(first)


def _open_window(args_list: list[str]) -> int:
    gui_args = _gui_parser().parse_args([a for a in args_list if a != "--"])
    from desktop.ui.app import run_app

    return run_app(gui_args.paths)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--self-check"]:  # the spelling installers and packagers know
        args_list[0] = "self-check"
    if _surely_opens_window(args_list):
        return _open_window(args_list)
    parser = build_parser()
    if args_list[0] not in set(_subcommand_names(parser)) and not args_list[0].startswith("-"):
        return _open_window(args_list)  # a file whose name looks like a word
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, never a traceback
        from desktop.core.errors import LecternError

        if isinstance(exc, LecternError):
            return fail(str(exc))
        return fail(f"unexpected error: {type(exc).__name__}: {exc}", status=2)


def _subcommand_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []
