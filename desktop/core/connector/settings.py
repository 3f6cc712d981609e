"""The connector's port (from the environment) and the library's token (in its settings)."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

from desktop.core import settings
from desktop.core.connector.protocol import DEFAULT_PORT
from desktop.core.errors import LecternError

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

PORT_ENV = "LECTERN_CONNECTOR_PORT"


class ConnectorOff(LecternError):
    """``LECTERN_CONNECTOR_PORT=off``: the user does not want Lectern to listen."""


def connector_port(environ: dict[str, str] | None = None) -> int:
    """The port to listen on: ``$LECTERN_CONNECTOR_PORT`` or 23200.

    ``0`` asks the system for any free port (tests); ``off`` turns the connector off.
    """
    raw = (os.environ if environ is None else environ).get(PORT_ENV, "").strip()
    if not raw:
        return DEFAULT_PORT
    if raw.lower() in {"off", "no", "false", "none"}:
        raise ConnectorOff(f"the browser connector is off ({PORT_ENV}={raw})")
    if not raw.isdigit() or int(raw) > 65535:
        raise LecternError(f"{PORT_ENV} must be a port number (1-65535) or 'off', not {raw!r}")
    return int(raw)


def connector_token(library: Library) -> str:
    """The library's token, made on first use (32 random bytes, URL-safe).

    It belongs to the library, not the machine: a library moved or restored
    elsewhere keeps working with the browsers set up for it.
    """
    token = settings.read(library, settings.CONNECTOR_TOKEN)
    if token:
        return token
    if library.readonly:  # a token kept for this session only would betray the browser later
        raise LecternError("the library is open read-only (another Lectern is using it), and "
                           "its connector token has not been made yet; ask that Lectern")
    return new_token(library)


def new_token(library: Library) -> str:
    """Replace the token: browsers set up with the old one are refused from now on."""
    if library.readonly:
        raise LecternError("the library is open read-only (another Lectern is using it); "
                           "its connector token cannot be changed now")
    token = secrets.token_urlsafe(32)
    settings.write(library, settings.CONNECTOR_TOKEN, token)
    return token
