"""Linux desktop integration: the files pass the freedesktop validators, and
`make install-desktop` / `make uninstall-desktop` work for a user's own folders."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
METAINFO = LINUX / "org.lectern.Lectern.metainfo.xml"


def tool(name: str) -> str:
    """The validator's path. CI installs it (.ci/run, `make desktop-tools`), so there
    a missing tool fails; on a developer's machine without it the test is skipped."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it with `make desktop-tools`")
        pytest.skip(f"{name} not installed (make desktop-tools)")
    return found


def validate_desktop_file(path: Path) -> None:
    done = subprocess.run([tool("desktop-file-validate"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower(), done.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_names_the_launcher_icon_and_a_release_with_the_app_version() -> None:
    import xml.etree.ElementTree as ET

    from desktop import __version__

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == "lectern.desktop"
    assert (LINUX / "lectern.desktop").is_file()
    assert root.findtext("icon") == "lectern"
    versions = [r.get("version") for r in root.iter("release")]
    assert versions and versions[0] == __version__, "the newest release is listed first"
    assert root.find("screenshots/screenshot/image") is not None
    assert "x-scheme-handler/lectern" in [m.text for m in root.iter("mediatype")]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icons_exist_as_svg_and_each_png_size_in_the_icon_theme_layout() -> None:
    assert (ICONS / "lectern.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    pngs = sorted((ICONS / "hicolor").glob("*/apps/lectern.png"))
    sizes = {png_size(p) for p in pngs}
    assert {(n, n) for n in (16, 32, 48, 64, 128, 256, 512)} <= sizes
    for png in pngs:
        width, _height = png_size(png)
        assert png.parent.parent.name == f"{width}x{width}", png


def make_desktop(target: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), **extra}
    return subprocess.run(["make", "-s", "-C", str(REPO), target], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_install_desktop_then_uninstall_desktop_for_the_current_user(tmp_path: Path) -> None:
    program = tmp_path / "bin with space" / "lectern"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    config = tmp_path / "config"
    config.mkdir()
    (config / "mimeapps.list").write_text(
        "[Default Applications]\ntext/html=firefox.desktop;\n", encoding="utf-8")

    done = make_desktop("install-desktop", tmp_path, LECTERN_EXEC=str(program))
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    launcher = data / "applications" / "lectern.desktop"
    assert f'Exec="{program}" %u' in launcher.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        validate_desktop_file(launcher)
    assert (data / "icons/hicolor/scalable/apps/lectern.svg").is_file()
    assert (data / "icons/hicolor/256x256/apps/lectern.png").is_file()
    assert (data / "metainfo" / METAINFO.name).is_file()
    assert (data / "mime/packages/lectern-mime.xml").is_file()
    handlers = (config / "mimeapps.list").read_text(encoding="utf-8")
    assert "x-scheme-handler/lectern=lectern.desktop;" in handlers
    assert "text/html=firefox.desktop;" in handlers  # the user's own choices stay

    again = make_desktop("install-desktop", tmp_path, LECTERN_EXEC=str(program))
    assert again.returncode == 0
    handlers = (config / "mimeapps.list").read_text(encoding="utf-8")
    assert handlers.count("x-scheme-handler/lectern=") == 1, "installing twice adds nothing"

    done = make_desktop("uninstall-desktop", tmp_path)
    assert done.returncode == 0, done.stderr
    assert not launcher.exists()
    assert not list(data.glob("icons/hicolor/*/apps/lectern.*"))
    assert not (data / "metainfo" / METAINFO.name).exists()
    handlers = (config / "mimeapps.list").read_text(encoding="utf-8")
    assert "lectern" not in handlers and "text/html=firefox.desktop;" in handlers


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_install_desktop_refuses_a_program_that_is_not_there(tmp_path: Path) -> None:
    done = make_desktop("install-desktop", tmp_path, LECTERN_EXEC=str(tmp_path / "nothing"))
    assert done.returncode != 0
    assert "is not a program" in done.stderr
    assert not (tmp_path / "data" / "applications").exists()
