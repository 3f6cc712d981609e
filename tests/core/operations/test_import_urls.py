"""Importing many addresses at once: several downloads per site, never more than six."""

from __future__ import annotations

from page_server import Reply, article_html, page_server

from desktop.core.net.polite import EXPLICIT_PER_HOST
from desktop.core.operations.import_urls import import_urls


def test_an_explicit_import_downloads_up_to_six_per_site(library) -> None:  # type: ignore[no-untyped-def]
    routes = {f"/p{n}": Reply(article_html(f"Page {n}").encode(), delay=0.3) for n in range(14)}
    with page_server(routes) as server:
        outcomes = list(import_urls(library, [server.url(p) for p in routes]))
    assert [o.problem for o in outcomes] == [""] * 14
    assert len({o.article_id for o in outcomes}) == 14
    assert server.peak["127.0.0.1"] == EXPLICIT_PER_HOST == 6


class _Cancel:
    cancelled = False

    def report(self, done: int, total: int, message: str = "") -> None:
        if done >= 2:
            self.cancelled = True


def test_a_cancelled_import_starts_no_new_download(library) -> None:  # type: ignore[no-untyped-def]
    routes = {f"/p{n}": Reply(article_html(f"Page {n}").encode(), delay=0.2) for n in range(40)}
    with page_server(routes) as server:
        outcomes = list(import_urls(library, [server.url(p) for p in routes], progress=_Cancel()))
    assert 2 <= len(outcomes) < 40
    assert len(server.requests) < 40
    assert len(library.list_articles()) == len(outcomes)  # what came in was kept
