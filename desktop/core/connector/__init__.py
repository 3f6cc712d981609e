"""Save from the browser: a small HTTP server on 127.0.0.1 that the bookmarklet and
the browser extension (packaging/browser/) send pages to.

The browser sends the page as the reader sees it (``document.documentElement
.outerHTML``: a page behind a login arrives whole), with its address and, when the
reader selected a passage, that passage, which becomes a highlight. The library's
token (``lectern connector --token``) is what lets a request in; see
``protocol`` for every other check; the saving itself is the operation
``desktop.core.operations.save_from_browser`` and docs/connector.md for what is trusted.
"""

from desktop.core.connector.protocol import (
    DEFAULT_PORT,
    MAX_BODY_BYTES,
    TOKEN_HEADER,
    Refusal,
    parse_save,
)
from desktop.core.connector.settings import (
    ConnectorOff,
    connector_port,
    connector_token,
    new_token,
)
from desktop.core.operations.save_from_browser import SaveRequest, SaveResult, save_page

__all__ = [
    "DEFAULT_PORT", "MAX_BODY_BYTES", "TOKEN_HEADER", "ConnectorOff", "Refusal", "SaveRequest",
    "SaveResult", "connector_port", "connector_token", "new_token", "parse_save", "save_page",
]
