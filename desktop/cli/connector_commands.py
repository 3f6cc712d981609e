"""``lectern connector``: receive pages from the browser without a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, fail, open_library, warn


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "connector", help="save pages from the browser (runs until Ctrl+C)",
        description="Listen on 127.0.0.1 (port 23200, or LECTERN_CONNECTOR_PORT) for pages "
                    "sent by the Lectern bookmarklet or browser extension, and save them to "
                    "the library. The window does the same while it is open.")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--token", action="store_true",
                       help="print the library's token (for the extension's options) and exit")
    which.add_argument("--new-token", action="store_true",
                       help="replace the token (browsers set up with the old one stop working)")
    which.add_argument("--bookmarklet", action="store_true",
                       help="print the bookmarklet (a javascript: address) and exit")
    p.add_argument("--json", action="store_true", help="one JSON object per saved page")
    p.set_defaults(func=cmd_connector)


def cmd_connector(args: argparse.Namespace) -> int:
    from desktop.core.connector import connector_port, connector_token, new_token

    # Listening needs the library to itself: the Lectern that has it open (a window, or
    # another `lectern connector`) receives the browser's pages, so this one says so at
    # once instead of waiting its turn. Printing or replacing the token is a plain write.
    listening = not (args.new_token or args.token or args.bookmarklet)
    library = open_library(write=not listening)
    if args.new_token:
        print(new_token(library))
        return 0
    token = connector_token(library)
    if args.token:
        print(token)
        return 0
    if args.bookmarklet:
        from desktop.core.connector.bookmarklet import bookmarklet

        print(bookmarklet(token, connector_port()))
        return 0
    if library.readonly:
        return fail("not listening: the Lectern that has this library open receives the "
                    "browser's pages itself (a window, or `lectern connector`)")
    return _serve(library.path, token, connector_port(), as_json=args.json)


def _serve(library_path: Path, token: str, port: int, *, as_json: bool) -> int:
    from desktop.core.connector import SaveRequest
    from desktop.core.connector.server import ConnectorServer, Reply, library_saver

    def said(request: SaveRequest, reply: Reply) -> None:  # in the request's thread
        status, payload = reply
        if status != 200:
            warn(f"not saved: {request.url}: {payload['error']}")
        elif as_json:
            emit_json({"url": request.url, **payload})
        else:
            print(f"{payload['message']} (article {payload['article_id']})", flush=True)

    server = ConnectorServer(port, token, library_saver(library_path, said))
    sys.stderr.write(f"lectern: listening on {server.address} for pages from the browser; "
                     "Ctrl+C stops\n")
    sys.stderr.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        sys.stderr.write("lectern: stopped\n")
    finally:
        server.server_close()
    return 0
