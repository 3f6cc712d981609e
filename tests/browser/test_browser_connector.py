"""Saving from a real headless Chromium: the bookmarklet run in a page, and the
extension (loaded unpacked) saving a tab and a selected passage."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest
from browser_testing import TOKEN, library_path, wait_for
from site_server import ADDED_BY_SCRIPT, MEMBERS_ONLY, Site

from desktop.core.annotations import AnnotationStore
from desktop.core.connector.bookmarklet import bookmarklet, bookmarklet_script
from desktop.core.storage.library import Library


def articles(lectern: Any) -> dict[str, Any]:
    library = Library.open(library_path(lectern))
    try:
        return {library.article(i).url: library.article(i) for i in library.article_ids()}
    finally:
        library.close()


def highlights(lectern: Any, article_id: int) -> list[str]:
    library = Library.open(library_path(lectern))
    try:
        return [h.quote for h in AnnotationStore(library).for_article(article_id)]
    finally:
        library.close()


def note_text(browser: Any) -> str:
    """The message the bookmarklet or the extension shows in the page, once final."""
    def final() -> str:
        text = str(browser.execute_script(
            "const n = document.getElementById('lectern-saved'); return n ? n.textContent : '';"))
        return "" if text.endswith("…") else text
    return str(wait_for(final, what="Lectern's note in the page"))


def select_text(browser: Any, words: str) -> None:
    """Select ``words`` in the page as a reader would, with the mouse."""
    browser.execute_script("""
        const words = arguments[0];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const at = walker.currentNode.textContent.indexOf(words);
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(walker.currentNode, at);
            range.setEnd(walker.currentNode, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
        }
        throw new Error("not on the page: " + words);""", words)


def test_bookmarklet_saves_the_page_as_rendered(browser, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    url = f"{site.base}/article-rendered"
    browser.get(url)
    # What a click on the bookmark runs: its javascript: address, percent-decoded.
    bookmark = bookmarklet(TOKEN, lectern.port)
    browser.execute_script(unquote(bookmark.removeprefix("javascript:")))
    assert note_text(browser) == "Lectern: Saved: A Plan to Widen the Old Channel"
    saved = articles(lectern)[url]
    assert ADDED_BY_SCRIPT in saved.text  # what the page's script added, the reader saw
    assert "harbour commission" in saved.text and "Subscribe" not in saved.text


def test_bookmarklet_saves_a_page_behind_a_login_with_a_highlight(browser, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    browser.get(f"{site.base}/login")  # the site's cookie: the reader is signed in
    passage = "the silt deepest near the east quay"
    select_text(browser, passage)
    browser.execute_script(bookmarklet_script(TOKEN, lectern.port))
    assert note_text(browser) == "Lectern: Saved: The Survey of the Channel (passage highlighted)"
    saved = articles(lectern)[f"{site.base}/members/survey"]
    assert MEMBERS_ONLY in saved.text  # Lectern never fetched it: the browser sent it whole
    assert highlights(lectern, saved.id) == [passage]


def test_bookmarklet_with_a_wrong_token_stores_nothing(browser, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    before = articles(lectern)
    browser.get(f"{site.base}/article-wrong-token")
    browser.execute_script(bookmarklet_script("not-the-token", lectern.port))
    assert note_text(browser).startswith("Lectern: wrong token")
    assert articles(lectern).keys() == before.keys()


def test_bookmarklet_says_when_lectern_is_not_running(browser, site: Site) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    browser.get(f"{site.base}/article-no-lectern")
    browser.execute_script(bookmarklet_script(TOKEN, free))
    assert note_text(browser).startswith(f"Lectern: Lectern is not answering on "
                                         f"http://127.0.0.1:{free}")


# -- the extension ------------------------------------------------------------------

@pytest.fixture(scope="module")
def extension_id(browser) -> str:  # type: ignore[no-untyped-def]
    """The unpacked extension's id, from its service worker (headless=new loads it)."""
    def worker() -> str:
        targets = browser.execute_cdp_cmd("Target.getTargets", {})["targetInfos"]
        for target in targets:
            if target["url"].startswith("chrome-extension://") and target["url"].endswith(
                    "/background.js"):
                return str(target["url"].split("/")[2])
        return ""
    return str(wait_for(worker, what="the extension's service worker"))


def open_options(browser, extension_id: str, port: int, token: str = TOKEN) -> None:  # type: ignore[no-untyped-def]
    """Set the token and port as a user does, in the extension's options page."""
    from selenium.webdriver.common.by import By

    browser.get(f"chrome-extension://{extension_id}/options.html")
    wait_for(lambda: browser.find_element(By.ID, "port").get_attribute("value"),
             what="the options page")
    for field, value in (("token", token), ("port", str(port))):
        element = browser.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: browser.find_element(By.ID, "said").text == "Saved.", what="saved options")
    browser.find_element(By.ID, "check").click()
    wait_for(lambda: "is running" in browser.find_element(By.ID, "said").text,
             what="the connection check")


def run_in_extension(browser, call: str, page_url: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What the toolbar button or the context menu does, for the tab showing page_url
    (headless Chromium has no toolbar to click)."""
    return dict(browser.execute_async_script("""
        const [call, url, done] = arguments;
        chrome.tabs.query({}).then((tabs) => {
          const tab = tabs.find((t) => t.url === url);
          return LecternSave.saveAndTell(tab, JSON.parse(call));
        }).then(done, (error) => done({ok: false, error: String(error)}));""", call, page_url))


def test_extension_toolbar_button_saves_the_tab(browser, extension_id: str, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    url = f"{site.base}/article-extension"
    browser.get(url)
    page = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_options(browser, extension_id, lectern.port)
    answer = run_in_extension(browser, '{"highlight": false}', url)
    assert answer.get("ok") is True, answer
    assert answer["message"] == "Saved: A Plan to Widen the Old Channel"
    assert ADDED_BY_SCRIPT in articles(lectern)[url].text
    browser.close()
    browser.switch_to.window(page)
    assert note_text(browser) == "Lectern: Saved: A Plan to Widen the Old Channel"


def test_extension_context_menu_saves_the_selection_as_a_highlight(browser, extension_id: str, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    url = f"{site.base}/article-extension-selection"
    browser.get(url)
    passage = "the birds that nest on the sandbanks have left for the south"
    select_text(browser, passage)
    page = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_options(browser, extension_id, lectern.port)
    answer = run_in_extension(browser, '{"highlight": true}', url)
    assert answer.get("highlight_id"), answer
    assert highlights(lectern, answer["article_id"]) == [passage]
    browser.close()
    browser.switch_to.window(page)


def test_extension_with_a_wrong_token_says_so_and_stores_nothing(browser, extension_id: str, lectern, site: Site) -> None:  # type: ignore[no-untyped-def]
    url = f"{site.base}/article-extension-wrong"
    browser.get(url)
    before = articles(lectern)
    browser.switch_to.new_window("tab")
    open_options(browser, extension_id, lectern.port, token="stale-token")
    answer = run_in_extension(browser, '{"highlight": false}', url)
    assert answer["ok"] is False and answer["error"].startswith("wrong token")
    assert articles(lectern).keys() == before.keys()
    open_options(browser, extension_id, lectern.port)  # the right token again
    browser.close()
    browser.switch_to.window(browser.window_handles[0])
