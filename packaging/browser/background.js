/* The toolbar button saves the page; the context menu on a selection saves the
 * page with that passage as a highlight. */
"use strict";

if (typeof LecternSave === "undefined" && typeof importScripts === "function") {
  importScripts("lectern.js");  // Chromium's service worker; Firefox loads it first
}

const lecternApi = globalThis.browser ?? globalThis.chrome;
const MENU_ID = "lectern-save-selection";

lecternApi.runtime.onInstalled.addListener(() => {
  lecternApi.contextMenus.create({
    id: MENU_ID,
    title: "Save Selection to Lectern as a Highlight",
    contexts: ["selection"],
  });
});

lecternApi.action.onClicked.addListener((tab) => {
  LecternSave.saveAndTell(tab, { highlight: false });
});

lecternApi.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && tab) {
    LecternSave.saveAndTell(tab, { highlight: true, selectionText: info.selectionText || "" });
  }
});
