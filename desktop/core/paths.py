"""Where Lectern keeps its files: resolved here and nowhere else.

``LECTERN_HOME`` overrides everything (tests and the sample library use it);
otherwise the platform's user data and config directories (platformdirs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Lectern"
HOME_ENV = "LECTERN_HOME"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path

    @property
    def library(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def templates(self) -> Path:
        return self.config_dir / "templates"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "window.ini"

    def ensure(self) -> None:
        """Create the folders, readable only by their owner (the library is private)."""
        for folder in (self.data_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """The paths for ``home`` if given, else ``$LECTERN_HOME``, else the platform's."""
    chosen = home if home is not None else os.environ.get(HOME_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
