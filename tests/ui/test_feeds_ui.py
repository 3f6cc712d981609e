"""The Feeds tab: follow a feed, see its unread count, refresh it, download waiting links."""

from __future__ import annotations

from page_server import Reply, article_html, page_server

from desktop.core.storage.feeds import Feeds
from desktop.core.storage.waiting import NewLink, WaitingLinks
from desktop.ui.features.feeds import FeedsFeature


def _feature(window) -> FeedsFeature:  # type: ignore[no-untyped-def]
    found = window.findChild(FeedsFeature, "feedsFeature")
    assert isinstance(found, FeedsFeature)
    return found


def _rss(server, paths: list[str]) -> bytes:  # type: ignore[no-untyped-def]
    items = "".join(f"<item><guid>{p}</guid><title>Item {p}</title><link>{server.url(p)}</link>"
                    f"<description>Short.</description></item>" for p in paths)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour log</title>"
            f"{items}</channel></rss>").encode()


def test_follow_a_feed_read_an_item_and_refresh(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    feature = _feature(window)
    assert window.side_tabs.tabText(feature.tab_index) == "Feeds"
    with page_server() as server:
        for n in (1, 2):
            server.routes[f"/item{n}"] = Reply(article_html(f"Harbour item {n}").encode())
        server.routes["/rss"] = Reply(_rss(server, ["/item1", "/item2"]),
                                      content_type="application/rss+xml", etag='"one"')
        dialog = feature.ask_for_feed()
        dialog.setTextValue(server.url("/rss"))
        with qtbot.waitSignal(window.library_changed, timeout=60000):
            dialog.accept()
        qtbot.waitUntil(lambda: not feature.busy, timeout=60000)
        assert window.side_tabs.tabText(feature.tab_index) == "Feeds (2)"
        assert feature.panel.feeds.item(0).text() == "Harbour log  (2)"
        feature.panel.feeds.setCurrentRow(0)
        assert feature.panel.articles.count() == 2
        first = feature.panel.articles.item(0)
        feature.panel.articles.itemClicked.emit(first)
        assert window.current_article is not None
        assert window.side_tabs.tabText(feature.tab_index) == "Feeds (1)"  # read: one left
        with qtbot.waitSignal(window.library_changed, timeout=60000):
            feature.refresh()
        qtbot.waitUntil(lambda: not feature.busy, timeout=60000)
        assert "0 new articles" in window.statusBar().currentMessage()
        assert server.requests.count("/rss") == 2
    window.grab().save(str(tmp_path / "feeds.png"))


def test_download_waiting_links_from_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    feature = _feature(window)
    with page_server({"/a": Reply(article_html("Waited for").encode())}) as server:
        WaitingLinks(window.library).add(NewLink(server.url("/a"), "2024-01-01T00:00:00+00:00",
                                                 origin="pocket", tags=("later",)))
        WaitingLinks(window.library).add(NewLink(server.url("/missing"),
                                                 "2024-01-01T00:00:00+00:00", origin="pocket"))
        with qtbot.waitSignal(window.library_changed, timeout=60000):
            feature.download_waiting()
    assert window.statusBar().currentMessage() == (
        "Downloaded 1 of 2 waiting links; 0 to try again later, 1 given up")
    assert window.library_panel.model.rowCount() == 1
    assert Feeds(window.library).all() == []


def test_the_file_menu_keeps_quit_last(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.menus["file"].actions() if not a.isSeparator()]
    assert texts[-1] == "&Quit"
    assert texts.index("Import from &URL…") == texts.index("&Paste as New Article") + 1
    assert {"Add &Feed…", "&Refresh Feeds", "&Download Waiting Links", "Import &Folder…"} <= set(texts)
