"""``lectern fetch``: what waits is downloaded, and a fetch killed mid-way resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from lectern_testing import REPO, run_cli
from page_server import Reply, article_html, page_server

from desktop.core.paths import app_paths
from desktop.core.storage.library import Library
from desktop.core.storage.waiting import NewLink, WaitingLinks


def _add_links(home: Path, urls: list[str]) -> None:
    paths = app_paths()  # LECTERN_HOME is ``home`` (the lectern_home fixture)
    paths.ensure()
    library = Library.open(paths.library)
    try:
        for url in urls:
            WaitingLinks(library).add(NewLink(url=url, saved_at="2024-01-01T00:00:00+00:00",
                                              origin="instapaper"))
    finally:
        library.close()


def test_fetch_killed_mid_way_resumes_where_it_stopped(lectern_home: Path) -> None:
    routes = {f"/slow/{n}": Reply(article_html(f"Slow page {n}").encode(), delay=0.3)
              for n in range(40)}
    with page_server(routes) as server:
        _add_links(lectern_home, [server.url(path) for path in routes])
        env = {**os.environ, "LECTERN_HOME": str(lectern_home)}
        process = subprocess.Popen([sys.executable, "-m", "desktop", "fetch", "--json"],
                                   cwd=REPO, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        assert process.stdout is not None
        first = json.loads(process.stdout.readline())  # one page is in: kill it now
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
        assert first["status"] == "done"
        # Killed mid-way: the downloads never run far ahead of what is stored.
        assert len(server.requests) < len(routes)
        listed = run_cli("fetch", "--list", "--json", home=lectern_home)
        left = [json.loads(line) for line in listed.stdout.splitlines()]
        assert 0 < len(left) < len(routes)
        result = run_cli("fetch", "--json", home=lectern_home)
    assert result.returncode == 0, result.stderr
    resumed = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["status"] for r in resumed} == {"done"}
    assert len(resumed) == len(left)
    articles = [json.loads(line) for line in
                run_cli("list", "--json", home=lectern_home).stdout.splitlines()]
    assert sorted(a["title"] for a in articles) == sorted(f"Slow page {n}" for n in range(40))
    assert run_cli("fetch", "--list", home=lectern_home).stdout == ""
    # Each page was asked for at most twice (once more if it was under way at the kill).
    assert max(server.count(path) for path in routes) <= 2


def test_fetch_reports_a_lasting_failure_and_exits_1(lectern_home: Path) -> None:
    with page_server({"/ok": Reply(article_html("Fine page").encode())}) as server:
        _add_links(lectern_home, [server.url("/ok"), server.url("/missing")])
        result = run_cli("fetch", home=lectern_home)
        assert result.returncode == 1
        assert "Fine page" in result.stdout
        assert f"{server.url('/missing')}: the page does not exist (404 Not Found) (gave up)" \
            in result.stderr
        assert "1 fetched, 0 to try again later, 1 given up; 0 still waiting" in result.stderr
        listed = run_cli("fetch", "--list", home=lectern_home).stdout
        assert "failed" in listed and "404" in listed
        again = run_cli("fetch", "--retry-failed", "--json", home=lectern_home)
    assert json.loads(again.stdout)["status"] == "failed"
