"""Writing a database as an earlier release left it: an empty database is migrated with Alembic
to that release's revision, the seed bureau is added, and rows are written with plain SQL
against the schema as it stood then — only the tables and columns it had (``OldDesk.put``).

``OldDesk`` also knows which release wrote what (``level``): before 0003 only registration was
a service and the demo generator wrote every other state; 0003 added routing, handling and
replies but no closing or merging (its demo still wrote those the 0001 way); from 0004 the
desk itself closed the loop, kept deadlines, callbacks, extensions and supervision.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from alembic import command
from sqlalchemy import Connection, MetaData, insert, select
from sqlalchemy.orm import Session

from hotline_desk.services.admin.setup import seed_bureau
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import migrate
from hotline_desk.store.engine import make_engines
from hotline_desk.store.models import Base
from tests.conftest import Clock

REVISIONS = ("0001", "0002", "0003", "0004", "0005_i7", "0006_facts")
LEVEL = {rev: n for n, rev in enumerate(REVISIONS, start=1)}
"""A revision's place in the history: 1 = 0001 … 6 = 0006_facts."""
NOW = datetime(2026, 12, 5, 9, 0)
"""When the old desk wrote its last row and the upgrade runs."""

# key: (display name, unit code, roles); written as each release's user admin did
USERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "dengji": ("李登记", "BGS", ("intake",)),
    "duban": ("王督办", "BGS", ("desk", "intake")),
    "bgs_head": ("钱主任", "BGS", ("section_head",)),  # approves the office's direct replies
    "lingdao": ("刘局长", "BGS", ("leader",)),
    "zhk_jb": ("陈经办", "ZHK", ("handler",)),
    "zhk_kz": ("赵科长", "ZHK", ("section_head", "handler")),
    "cwk_jb": ("孙经办", "CWK", ("handler",)),
    "cwk_kz": ("周科长", "CWK", ("section_head",)),
    "jnzh_kz": ("吴科长", "JNZH", ("section_head",)),
    "jnjc_jb": ("郑经办", "JNJC", ("handler",)),
}

CASE_COLUMNS_0001 = frozenset({
    "id", "case_no", "query_code", "channel", "received_at", "platform_ref", "caller_name",
    "caller_phone", "caller_address", "caller_id_no", "anonymous", "confidential",
    "publish_consent", "category", "topic_id", "urgency", "important", "title", "content",
    "status", "tier", "lead_unit_id", "registered_by", "created_at", "updated_at", "updated_by",
    "version",
})  # fmt: skip
"""The case row of revision 0001 (and of the demo generator up to 0003)."""


def model_defaults(table: str) -> dict[str, Any]:
    """What the models fill in on insert (scalar defaults; the case's version counter)."""
    out = {c.name: c.default.arg for c in Base.metadata.tables[table].columns
           if c.default is not None and c.default.is_scalar}  # fmt: skip
    return {**out, "version": 1} if table == "cases" else out


def migrate_empty(url: str, revision: str, write: Callable[[Connection], Any]) -> Any:
    """An empty database brought to ``revision`` with the seed bureau (as the desk of that
    release made it on first start), then ``write`` in one transaction; returns its result."""
    engines = make_engines(url)
    try:
        cfg = migrate.alembic_config()
        with engines.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        seed_bureau(ServiceContext.for_engines(engines, Clock(NOW)))
        with engines.writer.begin() as conn:
            return write(conn)
    finally:
        engines.dispose()


class SchemaRows:
    """Inserts into the schema as it stands: each row keeps only the columns its table has;
    a table the schema lacks takes nothing. Remembers what had no place."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.meta = MetaData()
        self.meta.reflect(conn)
        self.no_table: set[str] = set()
        self.no_column: set[str] = set()

    def ids(self, table: str) -> dict[str, int]:
        t = self.meta.tables[table]
        return dict(self.conn.execute(select(t.c.code, t.c.id)).all())  # type: ignore[arg-type]

    def put(self, name: str, **values: Any) -> Any:
        """Insert one row; returns its primary key (None when the table does not exist yet)."""
        if name not in self.meta.tables:
            self.no_table.add(name)
            return None
        table = self.meta.tables[name]
        row = {k: v for k, v in {**model_defaults(name), **values}.items() if k in table.c}
        if name == "cases":
            self.no_column.update(set(values) - set(row))
        return self.conn.execute(insert(table).values(row)).inserted_primary_key[0]  # type: ignore[index]


class OldDesk(SchemaRows):
    """The rows an earlier release wrote, in that release's shape (``level``)."""

    def __init__(self, conn: Connection, revision: str) -> None:
        super().__init__(conn)
        self.revision = revision
        self.level = LEVEL[revision]
        self.units = self.ids("org_units")
        self.topics = self.ids("topics")
        self.users: dict[str, int] = {}
        self.cases: dict[str, int] = {}
        self._audit = Session(bind=conn)

    def add_users(self) -> None:
        for key, (name, unit, roles) in USERS.items():
            uid = self.put("users", username=key, display_name=name, password_hash=None,
                           must_change_password=False, org_unit_id=self.units[unit],
                           active=True, failed_logins=0, is_demo=False, created_at=NOW)  # fmt: skip
            for role in roles:
                self.put("user_roles", user_id=uid, role=role)
            self.users[key] = uid
            self.audit(NOW, "user_create", "user", key, {"roles": list(roles)})

    def audit(self, at: datetime, action: str, obj_type: str, obj_id: object,
              detail: dict[str, Any] | None = None) -> None:  # fmt: skip
        """One row of the hash-chained audit log, as every release wrote it."""
        record_audit(self._audit, at, None, action, obj_type, str(obj_id), detail,
                     actor_name="old-desk")  # fmt: skip
        self._audit.flush()

    def demo_shaped(self, status: str) -> bool:
        """Whether only the demo generator could leave a case in ``status`` at this release
        (then its row has the 0001 columns only, and its timeline the demo's events)."""
        if self.level <= 2:
            return status not in ("registered",)
        return self.level == 3 and status in ("closed", "merged")

    def close(self) -> None:
        self._audit.close()
