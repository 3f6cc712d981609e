"""The bookmarklet: a ``javascript:`` bookmark that sends the open page to Lectern.

It runs in the page, so it sends the page as the reader sees it (logged in,
scrolled, expanded) and the selected passage. It says what happened in a small
note at the top right of the page (id ``lectern-saved``) for a few seconds.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from desktop.core.connector.protocol import TOKEN_HEADER

# Kept readable: the code a user may inspect before dragging it to the bookmarks bar.
_SCRIPT = """(() => {
  const clear = () => {
    const old = document.getElementById("lectern-saved");
    if (old) old.remove();
  };
  const show = (text, ok) => {
    clear();
    const note = document.createElement("div");
    note.id = "lectern-saved";
    note.textContent = "Lectern: " + text;
    note.style.cssText = "position:fixed;top:12px;right:12px;z-index:2147483647;"
      + "max-width:360px;padding:10px 14px;border-radius:6px;font:14px/1.4 sans-serif;"
      + "color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.3);background:" + (ok ? "#2e7d32" : "#b71c1c");
    document.documentElement.appendChild(note);
    setTimeout(() => note.remove(), 6000);
  };
  clear();  /* the page is taken before Lectern's note is added to it */
  const selection = String(window.getSelection() || "").trim();
  const page = JSON.stringify({url: location.href, title: document.title,
                               html: document.documentElement.outerHTML, selection: selection});
  show(selection ? "saving the page and the passage…" : "saving…", true);
  fetch(ADDRESS + "/save", {
    method: "POST", headers: {"Content-Type": "application/json", HEADER: TOKEN}, body: page,
  }).then((r) => r.json().then((j) => show(j.message || j.error, r.ok)))
    .catch(() => show("Lectern is not answering on " + ADDRESS + " (is it running? "
                      + "this site may also forbid it: use the extension)", false));
})();"""


def bookmarklet_script(token: str, port: int) -> str:
    """The bookmarklet's JavaScript, with the library's token and the port filled in."""
    return (_SCRIPT.replace("ADDRESS", json.dumps(f"http://127.0.0.1:{port}"))
            .replace("HEADER", json.dumps(TOKEN_HEADER)).replace("TOKEN", json.dumps(token)))


def bookmarklet(token: str, port: int) -> str:
    """The ``javascript:`` address to keep as a bookmark."""
    code = " ".join(line.strip() for line in bookmarklet_script(token, port).splitlines())
    return "javascript:" + quote(code, safe="!$&'()*+,-./:;=?@_~{}[]<>|^\"")
