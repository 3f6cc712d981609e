"""Save from the browser, while the window is open (desktop/core/connector).

The window runs the connector's server: pages the bookmarklet or the extension
send are imported like any other import (off the GUI thread, through the
window's task runner), appear in the library and are announced in the status
bar. Help ▸ Save from Browser shows the bookmarklet, the token and the port.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install(window: FeatureHost) -> None:
    from desktop.ui.features.connector.bridge import ConnectorFeature

    feature = ConnectorFeature(window)  # the window owns it (its QObject parent)
    help_menu = window.menu("help")
    action = window.add_action("help", "Save from &Browser…", feature.show_dialog, None,
                               "The bookmarklet and the browser extension that save pages "
                               "to Lectern as you see them")
    others = [a for a in help_menu.actions() if a is not action]
    if others:  # before About, which stays last
        help_menu.removeAction(action)
        help_menu.insertAction(others[-1], action)
    feature.start()
