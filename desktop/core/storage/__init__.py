"""SQLite storage: connection settings and schema migrations."""

from desktop.core.storage.db import MIGRATION_VERSIONS, SCHEMA_VERSION, connect, migrate

__all__ = ["MIGRATION_VERSIONS", "SCHEMA_VERSION", "connect", "migrate"]
