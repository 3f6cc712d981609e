"""Full-text search over everything in the library (titles, text, highlights, notes,
tags, sites): a small query language (``query``) and ranked results (``engine``)."""

from desktop.core.search.engine import SearchHit, count, ranked_ids, search
from desktop.core.search.query import ParsedQuery, QueryError, parse

__all__ = ["ParsedQuery", "QueryError", "SearchHit", "count", "parse", "ranked_ids", "search"]
