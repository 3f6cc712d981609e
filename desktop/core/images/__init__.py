"""Remote images of an article: found at import, shown as placeholders, fetched only
when the user asks (per article), cached in the library so they read offline.

Kept light: the cleaners import ``model`` and ``placement`` from here, so nothing
in this package imports the network or the database at module level except the
modules that are about them (``fetch``, ``store``, ``loading``).
"""
