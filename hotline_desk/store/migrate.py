"""Schema upgrades through Alembic (``db/``), with a backup of an existing database first: a
checked SQLite copy, or on PostgreSQL a fresh ``pg_dump`` without which the upgrade is refused
(``store/backup/make.py`` ``before_upgrade``).

Alembic (and Mako under it) is imported only when the schema is behind: a desk whose database
is already at ``SCHEMA_HEAD`` starts without loading it (about 100 ms of the cold start).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from hotline_desk.domain.errors import DeskError
from hotline_desk.settings import migrations_dir
from hotline_desk.store.engine import Engines

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in db/versions; tests/unit check it equals Alembic's head.
SCHEMA_HEAD = "0028_import_audit"


class SchemaTooNew(DeskError):
    """The database was upgraded by a newer hotline_desk than this one."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            "数据库结构版本 {revision} 比本程序支持的 {head} 新："
            "请安装与其他工作站相同或更新版本的办件台。",
            revision=revision,
            head=SCHEMA_HEAD,
        )
        self.revision = revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("version_locations", str(migrations_dir() / "versions"))
    return cfg


def current_revision(engines: Engines) -> str | None:
    """The database's schema revision, or None for an empty database."""
    with engines.reader.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str | None:
    """Alembic's own idea of the head (loads Alembic; used by tests and checks)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engines: Engines, backup_dir: Path | None = None) -> bool:
    """Bring the schema to head; returns True when anything was applied."""
    current = current_revision(engines)
    if current == SCHEMA_HEAD:
        return False
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise SchemaTooNew(current)
    if current is not None:  # an existing schema: back it up first (store/backup)
        from hotline_desk.store.backup.make import before_upgrade

        before_upgrade(engines.url, backup_dir, current)
    with engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
