"""SQLite storage: connection settings and schema migrations."""

from desktop.core.storage.db import SCHEMA_VERSION, connect, migrate

__all__ = ["SCHEMA_VERSION", "connect", "migrate"]
