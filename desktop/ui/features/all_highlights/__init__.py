"""All Highlights: every highlight in the library in one filterable list (View ▸
All Highlights…, Ctrl+Shift+H), the window's side of ``lectern annotations --all``.

Anchored, orphaned and waiting highlights alike; type to filter (words in the
quote, note, tags, title, colour or status), pick a status; Enter or a double
click opens the article at the highlight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install(host: FeatureHost) -> None:
    def show() -> None:
        from desktop.ui.features.all_highlights.window import AllHighlightsWindow

        found = host.as_parent().findChild(AllHighlightsWindow)
        if found is None:
            found = AllHighlightsWindow(host)
        found.show()
        found.raise_()
        found.activateWindow()
        found.reload()

    host.menu("view").addSeparator()
    host.add_action("view", "All &Highlights…", show, "Ctrl+Shift+H",
                      "Every highlight in the library, filterable")
