"""Shared pieces of the audit tampering tests: a filled chain, the attacker's raw access to the
database (triggers dropped on SQLite, ``session_replication_role = replica`` on PostgreSQL, as
the file's or the server's owner could), and the plain-SHA-256 re-chain an attacker without
the key would try."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.audit_chain import GENESIS

AUDIT_TABLES = ("audit_log", "audit_head")


def fill(ctx: ServiceContext, n: int = 5) -> None:
    """``n`` more audit rows after the seed row."""
    for i in range(n):
        with ctx.uow.write() as uow:
            record_audit(uow.session, ctx.now(), None, "test_event", "case", i, {"n": i},
                         actor_name="clerk")  # fmt: skip
            uow.commit()


def is_pg(ctx: ServiceContext) -> bool:
    return ctx.engines.writer.dialect.name == "postgresql"


@contextmanager
def desk_connection(ctx: ServiceContext) -> Iterator[Connection]:
    """The desk's own connection, guards in place (rolled back at the end)."""
    with ctx.engines.writer.connect() as conn:
        trans = conn.begin()
        try:
            yield conn
        finally:
            trans.rollback()


@contextmanager
def raw(ctx: ServiceContext) -> Iterator[Connection]:
    """An attacker holding the file or the server: every guard off, changes committed."""
    with ctx.engines.writer.begin() as conn:
        if is_pg(ctx):
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            names = conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                    "('audit_log', 'audit_head')"
                )  # fmt: skip
            ).scalars()
            for name in list(names):
                conn.execute(text(f"DROP TRIGGER {name}"))
        yield conn


def plain(prev: str, row: dict[str, object]) -> str:
    """What an attacker without the key computes for a row: SHA-256 over every field."""
    fields = ("actor_id", "actor_name", "action", "object_type", "object_id", "detail")
    payload = json.dumps([row["id"], prev, str(row["at"]), *(row[f] for f in fields)])
    return hashlib.sha256(payload.encode()).hexdigest()


def rechain_plain(conn: Connection) -> None:
    """Re-hash every row and the head without the key (after rewriting history)."""
    prev = GENESIS
    rows = conn.execute(text("SELECT * FROM audit_log ORDER BY id")).mappings().all()
    for row in rows:
        new = plain(prev, dict(row))
        conn.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
                     {"p": prev, "h": new, "i": row["id"]})  # fmt: skip
        prev = new
    conn.execute(text("UPDATE audit_head SET last_hash = :h WHERE id = 1"), {"h": prev})


def last_two(conn: Connection) -> list[tuple[int, str]]:
    rows = conn.execute(text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 2")).all()
    return [(r[0], r[1]) for r in rows]
