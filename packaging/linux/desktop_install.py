"""Install Lectern's desktop integration for the current user, or remove it.

    python3 packaging/linux/desktop_install.py install --exec /path/to/lectern
    python3 packaging/linux/desktop_install.py uninstall

`make install-desktop` / `make uninstall-desktop` run it. Files go under
$XDG_DATA_HOME (default ~/.local/share): the launcher (applications/), the
icons (icons/hicolor/), the AppStream metainfo (metainfo/) and the Markdown
type (mime/packages/); $XDG_CONFIG_HOME/mimeapps.list makes Lectern the handler
of lectern:// links. The desktop's caches are refreshed where their tools
exist. Standard library only: it runs before any virtual environment does.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE.parents[1] / "resources" / "icons"
DESKTOP_ID = "lectern.desktop"
METAINFO = "org.lectern.Lectern.metainfo.xml"
MIME_XML = "lectern-mime.xml"
SCHEME = "x-scheme-handler/lectern"
DEFAULTS = "[Default Applications]"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def installed_files(data: Path) -> dict[Path, Path]:
    """Each file to install (target: source)."""
    files = {
        data / "applications" / DESKTOP_ID: HERE / DESKTOP_ID,
        data / "metainfo" / METAINFO: HERE / METAINFO,
        data / "mime" / "packages" / MIME_XML: HERE / MIME_XML,
        data / "icons" / "hicolor" / "scalable" / "apps" / "lectern.svg": ICONS / "lectern.svg",
    }
    for png in sorted((ICONS / "hicolor").glob("*/apps/lectern.png")):
        files[data / "icons" / "hicolor" / png.relative_to(ICONS / "hicolor")] = png
    return files


def desktop_entry(executable: str) -> str:
    """The launcher with Exec naming this installation's program (quoted as the spec asks)."""
    lines = []
    for line in (HERE / DESKTOP_ID).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={_quote(executable)} %u"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _quote(path: str) -> str:
    if all(c.isalnum() or c in "/._-+" for c in path):
        return path
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in path) + '"'


def install(executable: str, data: Path, config: Path) -> list[Path]:
    written = []
    for target, source in installed_files(data).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.name == DESKTOP_ID:
            target.write_text(desktop_entry(executable), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    set_scheme_handler(config / "mimeapps.list", DESKTOP_ID)
    refresh_caches(data)
    return written


def uninstall(data: Path, config: Path) -> list[Path]:
    removed = []
    for target in installed_files(data):
        if target.exists():
            target.unlink()
            removed.append(target)
    set_scheme_handler(config / "mimeapps.list", None)
    refresh_caches(data)
    return removed


def set_scheme_handler(mimeapps: Path, desktop_id: str | None) -> None:
    """Make ``desktop_id`` the lectern:// handler (None: remove Lectern as handler),
    leaving every other line of the user's mimeapps.list as it was."""
    lines = mimeapps.read_text(encoding="utf-8").splitlines() if mimeapps.exists() else []
    lines = [line for line in lines
             if not (line.startswith(f"{SCHEME}=") and DESKTOP_ID in line)]
    if desktop_id is not None:
        if DEFAULTS not in lines:
            lines += ([""] if lines else []) + [DEFAULTS]
        lines.insert(lines.index(DEFAULTS) + 1, f"{SCHEME}={desktop_id};")
    elif not mimeapps.exists():
        return
    mimeapps.parent.mkdir(parents=True, exist_ok=True)
    mimeapps.write_text("\n".join(lines) + "\n", encoding="utf-8")


def refresh_caches(data: Path) -> None:
    """What desktops read instead of the files themselves, where the tools exist."""
    for command in (["update-desktop-database", "-q", str(data / "applications")],
                    ["update-mime-database", str(data / "mime")],
                    ["gtk-update-icon-cache", "-q", "-t", "-f", str(data / "icons" / "hicolor")]):
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            subprocess.run(command, check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--exec", dest="executable", default="lectern",
                        help="the lectern program the launcher starts (default: lectern on PATH)")
    args = parser.parse_args(argv)
    data, config = data_home(), config_home()
    if args.action == "install":
        executable = args.executable
        if os.sep in executable:
            executable = str(Path(executable).resolve())
            if not os.access(executable, os.X_OK):
                print(f"error: {executable} is not a program; build it first "
                      "(make package, or make setup)", file=sys.stderr)
                return 1
        files = install(executable, data, config)
        print(f"installed {len(files)} files under {data}; the launcher runs "
              f"{shlex.quote(executable)}; lectern:// links open Lectern")
    else:
        files = uninstall(data, config)
        print(f"removed {len(files)} files from {data}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
