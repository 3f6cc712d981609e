"""``lectern feeds``: RSS, Atom and JSON feeds followed; a refresh adds only what is new."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lectern_testing import run_cli
from page_server import PageServer, Reply, article_html, page_server

LONG_TEXT = "".join(
    f"<p>Part {n} of the long dispatch: the lighthouse keeper's log records each ship that "
    f"passed the point in the great storm, with its flag, its cargo and the hour.</p>"
    for n in range(12))


def rss(server: PageServer, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (guid, path, 'full' or 'summary')."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>Item {guid}</title>"
        f"<link>{server.url(path)}?utm_source=rss</link>"
        f"<description>A short summary of item {guid}.</description>"
        + (f"<content:encoded><![CDATA[{LONG_TEXT}]]></content:encoded>" if kind == "full" else "")
        + "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for guid, path, kind in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Coast notes</title><link>{server.url('/')}</link>"
            f"{entries}</channel></rss>").encode()


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_feed_is_followed_and_an_unchanged_feed_adds_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with page_server() as server:
        server.routes["/page-b"] = Reply(article_html("Summary-only item, whole page").encode())
        server.routes["/feed.xml"] = Reply(rss(server, [("a", "/page-a", "full"),
                                                        ("b", "/page-b", "summary")]),
                                           content_type="application/rss+xml", etag='"v1"')
        added = run_cli("feeds", "add", server.url("/feed.xml"), "--json", home=home)
        assert added.returncode == 0, added.stderr
        feed = json.loads(added.stdout)
        assert (feed["title"], feed["added"], feed["waiting"]) == ("Coast notes", 2, 0)
        assert server.count("/page-a") == 0  # its text came with the feed
        assert server.count("/page-b") == 1  # only a summary: its page was fetched
        articles = _json_lines(run_cli("list", "--json", home=home).stdout)
        assert sorted(a["url"] for a in articles) == [server.url("/page-a"), server.url("/page-b")]
        listed = _json_lines(run_cli("feeds", "list", "--json", home=home).stdout)
        assert [(f["title"], f["unread"], f["articles"]) for f in listed] == [("Coast notes", 2, 2)]

        again = run_cli("feeds", "refresh", "--json", home=home)
        assert again.returncode == 0, again.stderr
        assert _json_lines(again.stdout) == [{"id": feed["id"], "title": "Coast notes",
                                              "added": 0, "waiting": 0, "unchanged": True,
                                              "problem": ""}]
        assert server.request_headers[-1].get("If-None-Match") == '"v1"'  # answered 304

        # The feed changes: one new item, the old ones still listed.
        server.routes["/page-c"] = Reply(article_html("A third item").encode())
        server.routes["/feed.xml"] = Reply(rss(server, [("c", "/page-c", "summary"),
                                                        ("a", "/page-a", "full"),
                                                        ("b", "/page-b", "summary")]),
                                           content_type="application/rss+xml", etag='"v2"')
        third = _json_lines(run_cli("feeds", "refresh", "--json", home=home).stdout)
        assert (third[0]["added"], third[0]["unchanged"]) == (1, False)
        assert server.count("/page-b") == 1  # seen before: not fetched again
    assert len(_json_lines(run_cli("list", "--json", home=home).stdout)) == 3


def test_atom_and_json_feeds_with_last_modified(tmp_path: Path) -> None:
    home = tmp_path / "home"
    stamp = "Wed, 06 Mar 2024 08:00:00 GMT"
    with page_server() as server:
        atom = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Atom shore</title><id>urn:shore</id>"
                f'<entry><id>urn:shore:1</id><title>Atom entry</title>'
                f'<link href="{server.url("/atom-1")}"/><updated>2024-03-01T00:00:00Z</updated>'
                f'<content type="html"><![CDATA[{LONG_TEXT}]]></content></entry></feed>').encode()
        feed_json = json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "JSON harbour",
            "items": [{"id": "j1", "url": server.url("/json-1"), "title": "JSON item",
                       "summary": "Only a summary."},
                      {"id": "j2", "url": server.url("/json-2"), "title": "JSON full",
                       "content_html": LONG_TEXT}]}).encode()
        server.routes.update({
            "/atom": Reply(atom, content_type="application/atom+xml", last_modified=stamp),
            "/feed.json": Reply(feed_json, content_type="application/feed+json"),
            "/json-1": Reply(article_html("The first JSON item").encode()),
        })
        for path in ("/atom", "/feed.json"):
            result = run_cli("feeds", "add", server.url(path), home=home)
            assert result.returncode == 0, result.stderr
        titles = sorted(a["title"] for a in
                        _json_lines(run_cli("list", "--json", home=home).stdout))
        assert titles == ["Atom entry", "JSON full", "The first JSON item"]
        refresh = _json_lines(run_cli("feeds", "refresh", "--json", home=home).stdout)
        assert all(r["unchanged"] and r["added"] == 0 for r in refresh)
        atom_asks = [h for h, p in zip(server.request_headers, server.requests, strict=True)
                     if p == "/atom"]
        assert atom_asks[-1].get("If-Modified-Since") == stamp


def test_an_item_already_in_the_library_is_not_added_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with page_server() as server:
        server.routes["/page-b"] = Reply(article_html("Read it already").encode())
        server.routes["/feed.xml"] = Reply(rss(server, [("b", "/page-b", "summary")]),
                                           content_type="application/rss+xml")
        run_cli("import", server.url("/page-b"), home=home)
        result = run_cli("feeds", "add", server.url("/feed.xml"), "--json", home=home)
        assert json.loads(result.stdout)["added"] == 0
        assert server.count("/page-b") == 1
    assert len(_json_lines(run_cli("list", "--json", home=home).stdout)) == 1


def test_a_page_naming_its_feed_is_followed_and_a_page_without_one_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with page_server() as server:
        server.routes["/feed.xml"] = Reply(rss(server, []), content_type="application/rss+xml")
        server.routes["/blog"] = Reply(
            b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            b"</head><body>A blog</body></html>")
        server.routes["/plain"] = Reply(article_html("No feed here").encode())
        found = run_cli("feeds", "add", server.url("/blog"), "--json", home=home)
        assert json.loads(found.stdout)["url"] == server.url("/feed.xml")
        refused = run_cli("feeds", "add", server.url("/plain"), home=home)
        assert refused.returncode == 1
        assert refused.stderr.strip() == ("lectern: error: this is not a feed "
                                          "(RSS, Atom or JSON Feed)")
        missing = run_cli("feeds", "add", server.url("/nowhere.xml"), home=home)
        assert missing.returncode == 1 and "404" in missing.stderr


def test_opml_in_and_out_and_remove(tmp_path: Path) -> None:
    home = tmp_path / "home"
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head/><body>'
        '<outline text="Science"><outline text="Tides" xmlUrl="https://tides.example.org/rss?utm_source=x"/>'
        '<outline text="Ice" xmlUrl="https://ice.example.org/feed.atom"/></outline>'
        '<outline text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>', encoding="utf-8")
    result = run_cli("feeds", "import-opml", str(opml), home=home)
    assert result.returncode == 0, result.stderr
    assert "following 2 new feeds" in result.stderr
    exported = run_cli("feeds", "export-opml", home=home).stdout
    assert 'xmlUrl="https://tides.example.org/rss"' in exported
    assert 'xmlUrl="https://ice.example.org/feed.atom"' in exported
    again = tmp_path / "again.opml"
    again.write_text(exported, encoding="utf-8")
    assert "following 0 new feeds (2 already followed)" in run_cli(
        "feeds", "import-opml", str(again), home=home).stderr
    feeds = _json_lines(run_cli("feeds", "list", "--json", home=home).stdout)
    removed = run_cli("feeds", "remove", str(feeds[0]["id"]), home=home)
    assert removed.returncode == 0
    assert len(_json_lines(run_cli("feeds", "list", "--json", home=home).stdout)) == 1
    assert run_cli("feeds", "remove", "999", home=home).stderr.strip() == \
        "lectern: error: no feed with id 999"
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline", encoding="utf-8")
    bad = run_cli("feeds", "import-opml", str(broken), home=home)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
