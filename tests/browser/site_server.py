"""A small site on 127.0.0.1 for the browser tests: an article that finishes
rendering in the browser (a script adds a paragraph), and one behind a login
(a cookie) whose text the server never gives without it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from connector_testing import article_page
from loopback import QuietHandler, serving

ADDED_BY_SCRIPT = ("A paragraph the page's own script added after loading: the reader saw it, "
                   "so Lectern keeps it.")
MEMBERS_ONLY = ("Subscribers learned that the commission will publish the survey in full, "
                "with every sounding of the channel since the ferries stopped.")


def _rendered_article(path: str) -> str:
    """The same story at each address, each with a line of its own (so no two addresses
    hold the same text, which Lectern would recognise as one article)."""
    script = ("<script>document.addEventListener('DOMContentLoaded', () => {"
              "const p = document.createElement('p');"
              f"p.textContent = {ADDED_BY_SCRIPT!r};"
              "document.querySelector('article').appendChild(p);});</script>")
    own = f"<p>This copy of the story was printed for the readers of {path}.</p>"
    return article_page().replace("</head>", script + "</head>").replace("</article>",
                                                                          own + "</article>")


def _members_page(logged_in: bool) -> str:
    if not logged_in:
        return ("<!doctype html><html><head><title>Sign in</title></head><body>"
                "<p>Sign in to read this article.</p></body></html>")
    return article_page(title="The Survey of the Channel", paragraphs=[
        MEMBERS_ONLY,
        "The board met again on Thursday and heard from the surveyors, who had spent a week "
        "on the water measuring the depth of the old channel.",
        "Their report found the silt deepest near the east quay, where the current slows as "
        "it meets the harbour wall and drops what it carries.",
        "The board will vote on the dredging plan once the cost of moving the spoil out to "
        "sea is known, which the engineers expect within weeks.",
    ])


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        logged_in = "member=yes" in (self.headers.get("Cookie") or "")
        if self.path == "/login":
            self.send_response(302)
            self.send_header("Set-Cookie", "member=yes; Path=/; HttpOnly")
            self.send_header("Location", "/members/survey")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/article"):
            body = _rendered_article(self.path)
        elif self.path.startswith("/members/survey"):
            body = _members_page(logged_in)
        else:
            self.send_error(404)
            return
        data = body.encode("cp1252", "replace")  # as the page's <meta charset> says
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=windows-1252")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@dataclass
class Site:
    base: str


@contextmanager
def serving_site() -> Iterator[Site]:
    with serving(_Handler) as base:
        yield Site(base)
