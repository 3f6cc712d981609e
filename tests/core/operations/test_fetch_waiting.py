"""Links waiting in the library come in politely, carry over what they knew, and
passing failures are tried again while lasting ones are given up with a reason."""

from __future__ import annotations

from datetime import UTC, datetime

from page_server import Reply, article_html, page_server

from desktop.core.annotations.store import AnnotationStore
from desktop.core.operations.fetch_waiting import MAX_ATTEMPTS, fetch_waiting
from desktop.core.storage.reading_state import ReadingStates
from desktop.core.storage.waiting import (
    DONE,
    FAILED,
    WAITING,
    NewLink,
    WaitingHighlight,
    WaitingLinks,
)

NO_TITLE_PAGE = ("<!doctype html><html><body><article>" + "".join(
    f"<p>Paragraph {n}: the ferry ran twice a day until the ice came, and the harbour "
    f"master wrote down every crossing in a green ledger kept by the stove.</p>"
    for n in range(5)) + "</article></body></html>").encode()


def _link(url: str, **kwargs: object) -> NewLink:
    return NewLink(url=url, saved_at="2024-03-01T10:00:00+00:00", **kwargs)  # type: ignore[arg-type]


def test_a_fetched_link_becomes_an_article_with_its_tags_state_and_highlights(library) -> None:  # type: ignore[no-untyped-def]
    waiting = WaitingLinks(library)
    with page_server({"/ferry": Reply(NO_TITLE_PAGE)}) as server:
        link_id, _ = waiting.add(_link(
            server.url("/ferry"), title="The winter ferry", origin="pocket",
            tags=("boats", "winter"), archived=True, favourite=True, progress=0.4,
            highlights=(WaitingHighlight("harbour master wrote down every crossing", "ledger!"),
                        WaitingHighlight("a sentence that is not in the page"))))
        outcomes = list(fetch_waiting(library, retry_pauses=()))
    assert [(o.status, o.problem) for o in outcomes] == [(DONE, "")]
    article_id = outcomes[0].article_id
    assert article_id is not None
    record = library.article(article_id)
    assert record.title == "The winter ferry"  # the page had none: the link's is kept
    assert record.url == server.url("/ferry")
    state = ReadingStates(library).get(article_id)
    assert (state.archived, state.favourite, state.progress) == (True, True, 0.4)
    assert state.tags == ("boats", "winter")
    notes = AnnotationStore(library).for_article(article_id, heal=False)
    placed = {a.quote: a for a in notes}
    assert placed["harbour master wrote down every crossing"].note == "ledger!"
    assert len(notes) == 2  # the quote not found is kept (orphaned), not lost
    done = waiting.get(link_id)
    assert done is not None and (done.status, done.article_id) == (DONE, article_id)
    assert waiting.highlights(link_id) == ()
    assert list(fetch_waiting(library)) == []  # nothing left to do


def test_at_most_two_requests_per_site_and_four_at_once(library) -> None:  # type: ignore[no-untyped-def]
    waiting = WaitingLinks(library)
    routes = {f"/p{n}": Reply(article_html(f"Page {n}").encode(), delay=0.3) for n in range(8)}
    with page_server(routes) as server:
        for n in range(8):  # two sites on one server: 127.0.0.1 and localhost
            waiting.add(_link(server.url(f"/p{n}", host="127.0.0.1")))
            waiting.add(_link(server.url(f"/p{n}", host="localhost")))
        outcomes = list(fetch_waiting(library, retry_pauses=()))
    assert [o.status for o in outcomes] == [DONE] * 16
    assert server.peak["127.0.0.1"] == 2
    assert server.peak["localhost"] == 2
    assert server.peak_all <= 4


def test_a_passing_failure_is_retried_and_a_lasting_one_given_up(library) -> None:  # type: ignore[no-untyped-def]
    waiting = WaitingLinks(library)
    routes = {"/flaky": Reply(article_html("Flaky but fine").encode(), fail_first=1),
              "/down": Reply(article_html("Down").encode(), fail_first=100),
              "/gone": Reply(status=404),
              "/picture": Reply(b"GIF89a" + b"\x00" * 40, content_type="image/gif")}
    with page_server(routes) as server:
        ids = {path: waiting.add(_link(server.url(path)))[0] for path in routes}
        outcomes = {o.url: o for o in fetch_waiting(library, retry_pauses=(0.01,))}
        assert outcomes[server.url("/flaky")].status == DONE  # the second try worked
        assert server.count("/flaky") == 2
        down = outcomes[server.url("/down")]
        assert (down.status, down.problem) == (
            WAITING, "the site failed to answer (503 Service Unavailable); try again later")
        assert server.count("/down") == 2  # one retry within the run, then later
        link = waiting.get(ids["/down"])
        assert link is not None and link.attempts == 1
        assert link.next_attempt_at > datetime.now(UTC).isoformat(timespec="seconds")
        assert outcomes[server.url("/gone")].status == FAILED
        assert server.count("/gone") == 1  # a 404 is not asked twice
        gone = waiting.get(ids["/gone"])
        assert gone is not None and gone.problem == "the page does not exist (404 Not Found)"
        assert "an image" in outcomes[server.url("/picture")].problem
        # Not due yet: a second run right away leaves it alone.
        assert list(fetch_waiting(library, retry_pauses=())) == []
        # The last allowed attempt fails too: given up, with the reason.
        library.conn.execute("UPDATE waiting_links SET attempts = ?, next_attempt_at = ''"
                             " WHERE id = ?", (MAX_ATTEMPTS - 1, ids["/down"]))
        [last] = list(fetch_waiting(library, retry_pauses=()))
    assert last.status == FAILED
    assert last.problem.startswith(f"gave up after {MAX_ATTEMPTS} attempts: the site failed")


def test_a_link_already_in_the_library_is_not_downloaded_again(library) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.operations.import_urls import import_urls

    waiting = WaitingLinks(library)
    with page_server({"/known": Reply(article_html("Known already").encode())}) as server:
        [first] = list(import_urls(library, [server.url("/known")]))
        waiting.add(_link(server.url("/known") + "?utm_medium=email", tags=("kept",)))
        waiting.add(_link(server.url("/known")))
        outcomes = list(fetch_waiting(library))
    assert server.count("/known") == 1
    assert {(o.status, o.article_id, o.duplicate) for o in outcomes} == {
        (DONE, first.article_id, True)}
    assert ReadingStates(library).tags(first.article_id) == ["kept"]  # type: ignore[arg-type]
