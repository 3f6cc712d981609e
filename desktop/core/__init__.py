"""Lectern's domain: articles, cleaning, storage. Never imports Qt."""
