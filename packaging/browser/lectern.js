/* Save to Lectern: what the toolbar button, the context menu and the options page
 * share. Plain JavaScript, no build step; loaded by background.js (Chromium's
 * service worker imports it, Firefox lists it before background.js) and by
 * options.html. Everything talks only to Lectern on 127.0.0.1. */
"use strict";

const LecternSave = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const DEFAULT_PORT = 23200;

  async function settings() {
    const stored = await api.storage.local.get({ token: "", port: DEFAULT_PORT });
    const port = Number.parseInt(stored.port, 10);
    return { token: String(stored.token || "").trim(),
             port: port > 0 && port < 65536 ? port : DEFAULT_PORT };
  }

  function address(port) {
    return `http://127.0.0.1:${port}`;
  }

  /* Is Lectern there? {ok, version} or an Error saying what to do. */
  async function status(port) {
    const chosen = port ?? (await settings()).port;
    let response;
    try {
      response = await fetch(`${address(chosen)}/status`, { cache: "no-store" });
    } catch (error) {
      throw new Error(`Lectern is not answering on ${address(chosen)}: start Lectern ` +
                      "(or `lectern connector`)");
    }
    const answer = await response.json();
    if (!response.ok || answer.app !== "Lectern") {
      throw new Error(`something other than Lectern answers on ${address(chosen)}`);
    }
    return answer;
  }

  /* The page as the reader sees it, read in the tab itself. */
  async function readPage(tabId) {
    const [injected] = await api.scripting.executeScript({
      target: { tabId },
      func: () => {
        const note = document.getElementById("lectern-saved");
        if (note) note.remove();  // our own message is not part of the page
        return { url: location.href, title: document.title,
                 html: document.documentElement.outerHTML,
                 selection: String(window.getSelection() || "").trim() };
      },
    });
    if (!injected || !injected.result) {
      throw new Error("this page cannot be read by an extension");
    }
    return injected.result;
  }

  /* Send the tab's page to Lectern; with ``highlight``, its selected passage too.
   * Resolves to Lectern's answer ({message, article_id, ...}); rejects with an
   * Error whose message is one line for the user. */
  async function saveTab(tab, { highlight = false, selectionText = "" } = {}) {
    const { token, port } = await settings();
    if (!token) {
      throw new Error("no token yet: paste it in this extension's options " +
                      "(Lectern: Help ▸ Save from Browser)");
    }
    const page = await readPage(tab.id);
    if (!/^https?:/i.test(page.url)) {
      throw new Error("only web pages (http and https) can be saved");
    }
    page.selection = highlight ? (page.selection || selectionText || "").trim() : "";
    let response;
    try {
      response = await fetch(`${address(port)}/save`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Lectern-Token": token },
        body: JSON.stringify(page),
      });
    } catch (error) {
      throw new Error(`Lectern is not answering on ${address(port)}: is it running?`);
    }
    let answer = {};
    try {
      answer = await response.json();
    } catch (error) {
      answer = {};
    }
    if (!response.ok) {
      throw new Error(answer.error || `Lectern refused the page (HTTP ${response.status})`);
    }
    return answer;
  }

  /* Say what happened: in the page for a few seconds, and on the toolbar button. */
  async function tell(tab, ok, text) {
    try {
      await api.action.setBadgeBackgroundColor({ tabId: tab.id, color: ok ? "#2e7d32" : "#b71c1c" });
      await api.action.setBadgeText({ tabId: tab.id, text: ok ? "✓" : "!" });
      await api.action.setTitle({ tabId: tab.id, title: `Lectern: ${text}` });
    } catch (error) { /* the tab is gone */ }
    try {
      await api.scripting.executeScript({
        target: { tabId: tab.id },
        args: [`Lectern: ${text}`, ok],
        func: (message, good) => {
          const old = document.getElementById("lectern-saved");
          if (old) old.remove();
          const note = document.createElement("div");
          note.id = "lectern-saved";
          note.textContent = message;
          note.style.cssText = "position:fixed;top:12px;right:12px;z-index:2147483647;" +
            "max-width:360px;padding:10px 14px;border-radius:6px;font:14px/1.4 sans-serif;" +
            "color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.3);background:" +
            (good ? "#2e7d32" : "#b71c1c");
          document.documentElement.appendChild(note);
          setTimeout(() => note.remove(), 6000);
        },
      });
    } catch (error) { /* a page extensions may not touch: the badge says it */ }
  }

  async function saveAndTell(tab, options) {
    try {
      const answer = await saveTab(tab, options);
      await tell(tab, true, answer.message || "saved");
      return answer;
    } catch (error) {
      await tell(tab, false, error.message);
      return { ok: false, error: error.message };
    }
  }

  return { DEFAULT_PORT, settings, status, readPage, saveTab, saveAndTell };
})();
