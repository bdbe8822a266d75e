"""Typed settings and the one place where paths are resolved.

Paths come from platformdirs, overridable by ``--data-dir`` / ``HOTLINE_DESK_DATA_DIR`` (tests,
portable installs). Settings are a typed registry stored as JSON in the data directory; case
data never lives here, and neither does a database password (that goes to the OS keyring).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

APP_NAME = "hotline_desk"
DB_FILE_NAME = "hotline_desk.db"
ENV_DATA_DIR = "HOTLINE_DESK_DATA_DIR"
ENV_DATABASE_URL = "HOTLINE_DESK_DATABASE_URL"

T = TypeVar("T")


def bundle_root() -> Path:
    """Where ``db/`` and ``resources/`` live: the PyInstaller bundle or the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    return bundle_root() / "db"


def resources_dir() -> Path:
    return bundle_root() / "resources"


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
        base = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, False))
        return cls(base.expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    def ensure(self) -> None:
        """Make the data directory and its folders, for the desk's user only: the database,
        backups and exports hold callers' personal data. On POSIX the folders are 0700 (an
        existing, looser one is tightened); on Windows the mode bits mean little and the
        protection is the ACL of the user's profile, where platformdirs puts the directory
        (only that user and the system may read it)."""
        for p in (self.data_dir, self.logs, self.backups, self.exports):
            p.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            if os.name == "posix":
                p.chmod(PRIVATE_DIR)

    def ensure_database_file(self) -> None:
        """Create the SQLite file empty and 0600 before SQLite opens it (else it would be made
        0644 under the usual umask); an existing one is tightened to 0600. SQLite gives its
        -wal and -shm files the database file's mode."""
        path = self.database
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            pass
        if os.name == "posix":
            path.chmod(PRIVATE_FILE)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    description: str


class Settings:
    """Typed key/value settings persisted as JSON; unknown or ill-typed values fall back."""

    DATABASE_URL = Setting("database/url", str, "", "PostgreSQL URL (no password); empty: SQLite")
    DATABASE_USER = Setting("database/keyring_user", str, "", "keyring entry for the DB password")
    PG_BIN = Setting("database/pg_bin", str, "", "folder of pg_dump / pg_restore (else PATH)")
    LAST_USERNAME = Setting("login/last_username", str, "", "username prefilled at login")
    LANGUAGE = Setting("ui/language", str, "zh_CN", "UI language: zh_CN or en")
    BUREAU_NAME = Setting("bureau/name", str, "市经济和信息化局", "bureau name on slips")

    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self._values = loaded
            except (OSError, ValueError):
                self._values = {}

    def get(self, setting: Setting[T]) -> T:
        value = self._values.get(setting.key, setting.default)
        return value if isinstance(value, setting.type) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(f"{setting.key} expects {setting.type.__name__}")
        self._values[setting.key] = value
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self._path)


def chosen_database_url(settings: Settings, database_url: str | None) -> str:
    """The flag, else the environment, else the saved server; '' means the SQLite file."""
    return database_url or os.environ.get(ENV_DATABASE_URL) or settings.get(Settings.DATABASE_URL)


def embedded_database(data_dir: str | None, database_url: str | None) -> Path | None:
    """The SQLite file the desk opens: its own when no server is chosen, or the file a plain
    ``sqlite:///`` URL names (None: a server, or a URL with options)."""
    paths = Paths.resolve(data_dir)
    url = chosen_database_url(Settings(paths.settings_file), database_url)
    if not url:
        return paths.database
    scheme, _, rest = url.partition(":///")
    if scheme in ("sqlite", "sqlite+pysqlite") and rest and "?" not in rest:
        return Path(rest)  # sqlite:///relative, sqlite:////absolute (as SQLAlchemy reads them)
    return None
