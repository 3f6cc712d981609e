"""Feeds the reader follows: RSS, Atom and JSON Feed, refreshed on request."""
