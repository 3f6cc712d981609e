"""``lectern connector``: the token, the bookmarklet, and the server without a window."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from connector_testing import call, save_body
from lectern_testing import REPO, run_cli


def test_token_is_made_once_and_printed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_cli("connector", "--token", home=home)
    assert first.returncode == 0, first.stderr
    token = first.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", token)
    assert run_cli("connector", "--token", home=home).stdout.strip() == token
    renewed = run_cli("connector", "--new-token", home=home).stdout.strip()
    assert renewed != token
    assert run_cli("connector", "--token", home=home).stdout.strip() == renewed
    # Another library, another token.
    assert run_cli("connector", "--token", home=tmp_path / "other").stdout.strip() != renewed


def test_bookmarklet_carries_the_token_and_port(tmp_path: Path) -> None:
    home = tmp_path / "home"
    token = run_cli("connector", "--token", home=home).stdout.strip()
    env_port = {**os.environ, "LECTERN_CONNECTOR_PORT": "23999"}
    result = subprocess.run([sys.executable, "-m", "desktop", "connector", "--bookmarklet"],
                            capture_output=True, text=True, cwd=REPO, timeout=60,
                            env={**env_port, "LECTERN_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    assert code.startswith("javascript:") and token in code and "127.0.0.1:23999" in code
    assert "\n" not in code and " " not in code


def start_connector(home: Path, port: str = "0") -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "LECTERN_HOME": str(home), "LECTERN_CONNECTOR_PORT": port}
    process = subprocess.Popen([sys.executable, "-m", "desktop", "connector"], cwd=REPO,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if found is None:
        process.kill()
        raise AssertionError(f"no listening line: {line!r} {process.communicate()}")
    return process, int(found.group(1))


def test_connector_saves_pages_until_ctrl_c(tmp_path: Path) -> None:
    home = tmp_path / "home"
    token = run_cli("connector", "--token", home=home).stdout.strip()
    process, port = start_connector(home)
    try:
        assert call(port, "GET", "/status")[1]["app"] == "Lectern"
        refused = call(port, "POST", "/save", save_body(), headers={"X-Lectern-Token": "no"})
        assert refused[0] == 403
        status, answer, _ = call(port, "POST", "/save",
                                 save_body(selection="the east quay asked for the dredging"),
                                 headers={"X-Lectern-Token": token})
        assert status == 200 and answer["highlight_id"], answer
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Saved: A Plan to Widen the Old Channel (passage highlighted)" in out
    assert "stopped" in err and "Traceback" not in err
    listed = [json.loads(line) for line in run_cli("list", "--json", home=home).stdout.splitlines()]
    assert [a["title"] for a in listed] == ["A Plan to Widen the Old Channel"]
    annotations = run_cli("annotations", str(answer["article_id"]), "--json", home=home)
    assert json.loads(annotations.stdout)["quote"] == "the east quay asked for the dredging"


def test_a_busy_port_is_one_line_and_status_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "LECTERN_HOME": str(tmp_path / "home"),
               "LECTERN_CONNECTOR_PORT": str(port)}
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "desktop", "connector"], cwd=REPO,
                                env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"lectern: error: port {port} on 127.0.0.1 is in use (another Lectern, or another "
        "program); set LECTERN_CONNECTOR_PORT to use another port"]
    assert time.monotonic() - started < 30


def test_a_bad_port_setting_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "LECTERN_HOME": str(tmp_path / "home"),
           "LECTERN_CONNECTOR_PORT": "http"}
    result = subprocess.run([sys.executable, "-m", "desktop", "connector"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == ("lectern: error: LECTERN_CONNECTOR_PORT must be a port "
                                     "number (1-65535) or 'off', not 'http'")


def test_connector_refuses_a_library_another_lectern_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_cli("connector", "--token", home=home)
    first, _port = start_connector(home)
    try:
        second = run_cli("connector", home=home)
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=30)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines()[-1] == (
        "lectern: error: not listening: the Lectern that has this library open receives the "
        "browser's pages itself (a window, or `lectern connector`)")
