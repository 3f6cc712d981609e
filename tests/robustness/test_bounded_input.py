"""Bounded input everywhere: endless stdin, huge ids, bad links are one clear line
(exit 1) and never a traceback; worker processes end with their parent."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_inputs import article_text
from hypothesis import given, settings
from hypothesis import strategies as st
from lectern_testing import REPO, run_cli

from desktop.core.errors import ImportProblem
from desktop.core.importing.bounded_input import BadNumber, parse_id, read_bounded
from desktop.core.links import article_link, parse_link
from desktop.core.operations.import_articles import import_source

HUGE_IDS = ["99999999999999999999999", "9" * 5000, "9223372036854775808", "-1", "0",
            "1e5", "٣", "0x10", " 12a", "", "²"]


class Endless(io.RawIOBase):
    """``yes x`` as a stream: counts what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"x\n" * (len(buffer) // 2) + b"x" * (len(buffer) % 2)
        self.given += len(buffer)
        return len(buffer)


def test_an_endless_stream_is_refused_at_the_limit() -> None:
    stream = Endless()
    with pytest.raises(ImportProblem, match="file size limit"):
        read_bounded(io.BufferedReader(stream), limit=1 << 20)  # type: ignore[type-var]
    assert stream.given <= (1 << 20) + (1 << 20) + 8192  # read to the limit, not beyond


def test_import_from_an_endless_pipe_stops_and_leaves_the_library_free(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "LECTERN_HOME": str(home)}
    producer = subprocess.Popen([sys.executable, "-c",
                                 "import sys\nwhile True: sys.stdout.buffer.write(b'x\\n' * 65536)"],
                                stdout=subprocess.PIPE)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "desktop", "import", "-"],
                                stdin=producer.stdout, capture_output=True, text=True, env=env,
                                cwd=REPO, timeout=120)
        took = time.monotonic() - started
    finally:
        producer.kill()
        producer.wait()
    assert result.returncode == 1
    assert "file size limit" in result.stderr and "unexpected" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert took < 60
    assert run_cli("import", "-", home=home, stdin=article_text("after")).returncode == 0


@pytest.mark.parametrize("command", [
    ["show", "{id}"], ["annotate", "{id}", "--quote", "x"], ["annotations", "{id}"],
    ["update", "{id}", "nothing.txt"], ["images", "{id}"], ["entities", "{id}"],
    ["export", "{id}", "--out", "OUT"], ["cite", "{id}"], ["annotations-json", "{id}"],
])
def test_huge_and_odd_ids_are_one_line_exit_1(tmp_path: Path, command: list[str]) -> None:
    home = tmp_path / "home"
    assert run_cli("import", "-", home=home, stdin=article_text("one")).returncode == 0
    for bad in ("99999999999999999999999", "9" * 5000, "0", "-5", "1.5"):
        args = [a.replace("{id}", bad).replace("OUT", str(tmp_path / "o")) for a in command]
        result = run_cli(*args, home=home)
        assert result.returncode == 1, (args[:2], bad[:30], result.stderr[-300:])
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "unexpected" not in result.stderr, lines
        assert "Traceback" not in result.stderr


def test_occurrence_is_bounded(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_cli("import", "-", home=home, stdin=article_text("one"))
    result = run_cli("annotate", "1", "--quote", "the", "--occurrence", "9" * 400, home=home)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("text", HUGE_IDS)
def test_parse_id_refuses_what_sqlite_cannot_hold(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_id(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_a_link_or_none(text: str) -> None:
    target = parse_link(text)
    if target is not None:
        assert 1 <= target.article_id <= (1 << 63) - 1
        assert len(target.fragment) <= 200


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
       st.from_regex(r"[A-Za-z0-9_.:-]{0,40}", fullmatch=True))
def test_links_round_trip_only_in_range(number: int, fragment: str) -> None:
    target = parse_link(article_link(number, fragment))
    if 1 <= number <= (1 << 63) - 1:
        assert target is not None and target.article_id == number
        assert target.fragment == fragment
    else:
        assert target is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_the_cleaning_worker_ends_with_its_parent(tmp_path: Path) -> None:
    slow = tmp_path / "slow.html"
    body = "".join(f"<p>Paragraph {i} of a very long report on the harbour survey, with "
                   "enough words to count as prose for any extractor.</p>" for i in range(40_000))
    slow.write_text(f"<html><body><article><h1>Long</h1>{body}</article></body></html>")
    env = {**os.environ, "LECTERN_HOME": str(tmp_path / "home"), "LECTERN_CLEAN_SECONDS": "120"}
    assert _outlived_import([slow], env, "clean_worker") is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_the_cleaners_of_a_large_import_end_with_their_parent(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} of a long report on the harbour survey, with enough "
                   "words to count as prose for any extractor.</p>" for i in range(3_000))
    files = []
    for n in range(16):  # enough files for the import to clean them in worker processes
        files.append(tmp_path / f"report-{n}.html")
        files[-1].write_text(f"<html><body><article><h1>Report {n}</h1>{body}</article>"
                             "</body></html>")
    env = {**os.environ, "LECTERN_HOME": str(tmp_path / "home")}
    assert _outlived_import(files, env, "spawn_main") is False


def _outlived_import(files: list[Path], env: dict[str, str], worker_marker: str) -> bool:
    """Start ``lectern import``, kill it once its worker (found by ``worker_marker`` in
    its command line) runs; whether that worker was still alive 5 s later."""
    parent = subprocess.Popen([sys.executable, "-m", "desktop", "import", *map(str, files)],
                              env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    worker = _wait_for_child(parent.pid, worker_marker, timeout=60)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.05)
    return _alive(worker)


def _wait_for_child(pid: int, marker: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and marker in cmdline:
                return int(entry.name)
        time.sleep(0.05)
    raise AssertionError("the worker never started")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


MIDDLE = """
import os, subprocess, sys, time
from desktop.core.importing.parent_watch import parent_environment
fd = int(sys.argv[1])
# Started as the window starts it (desktop/ui/entity_worker.py): told who its parent is.
worker = subprocess.Popen([sys.executable, "-m", "desktop.core.entities.worker"], stdin=fd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(fd,),
                          env={**os.environ, **parent_environment()})
print(worker.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX process tree")
def test_the_entity_worker_ends_with_its_parent() -> None:
    # The worker's stdin stays open (this test holds the pipe), so only the death of
    # its parent can end it.
    read_end, write_end = os.pipe()
    middle = subprocess.Popen([sys.executable, "-c", MIDDLE, str(read_end)], cwd=REPO,
                              pass_fds=(read_end,), stdout=subprocess.PIPE, text=True)
    assert middle.stdout is not None
    worker = int(middle.stdout.readline())
    try:
        time.sleep(1.0)
        assert _alive(worker) if sys.platform.startswith("linux") else True
        middle.kill()
        middle.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _alive(worker):
            time.sleep(0.05)
        assert not _alive(worker), "the entity worker outlived its parent"
    finally:
        os.close(write_end)
        os.close(read_end)
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


def test_the_window_takes_any_link_without_a_traceback(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.importing import text_source

    article = import_source(window.library, text_source(article_text("linked"))).article
    for link in ("lectern://article/99999999999999999999999", "lectern://article/" + "9" * 5000,
                 "lectern://article/0", "lectern://article/-1", "lectern://article/١٢",
                 "lectern://article/1#" + "x" * 10_000, "lectern://" + "a" * 100_000,
                 f"lectern://article/{article.id}#hl-nothing"):
        window.open_link(link)  # raises nothing; says "Not a Lectern link" or opens
    assert window.current_article is not None and window.current_article.id == article.id
    window.open_article(10 ** 30)  # a huge id from a cache or a setting: ignored
    window.library.set_setting("ui.last_article", "9" * 5000)
    window.restore_reading()
