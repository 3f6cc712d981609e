"""Search and triage: the library list on the left (views, saved searches, the search
box, filters, the lazy list of 100,000 rows) and the keys that sort an Inbox.

The window assembles the list (``panel.LibraryPanel``: it needs the library, not the
window) and exposes it to features as ``FeatureHost.library_list``; triage (E,
Shift+E, S, reading progress, Continue Reading) installs here and sees the window only
through ``desktop.ui.host.FeatureHost``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install(host: FeatureHost) -> None:
    from desktop.ui.features.search import triage
    from desktop.ui.features.search.search_rows import SearchRowRefresher

    triage.install(host)
    SearchRowRefresher(host)  # the window owns it (its QObject parent)
