"""Schema upgrades through Alembic (``db/``), with a backup of an existing SQLite file first."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from hotline_desk.settings import migrations_dir
from hotline_desk.store.engine import Engines


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("version_locations", str(migrations_dir() / "versions"))
    return cfg


def current_revision(engines: Engines) -> str | None:
    with engines.reader.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def backup_sqlite(db_path: Path, backup_dir: Path, tag: str) -> Path:
    """Online copy of the database through SQLite's backup API."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"{db_path.stem}-{tag}-{datetime.now():%Y%m%d-%H%M%S}.db"
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engines: Engines, backup_dir: Path | None = None) -> bool:
    """Bring the schema to head; returns True when anything was applied."""
    current = current_revision(engines)
    head = head_revision()
    if current == head:
        return False
    db = engines.url.database
    if engines.is_sqlite and current is not None and backup_dir and db and db != ":memory:":
        backup_sqlite(Path(db), backup_dir, f"before-{head}")
    cfg = alembic_config()
    with engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
