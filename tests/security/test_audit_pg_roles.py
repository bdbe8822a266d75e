"""PostgreSQL: an ordinary (non-superuser) desk login appends to the audit log only through
``audit_append`` and cannot UPDATE, DELETE or TRUNCATE either audit table, disable their
triggers, take over their owner role or replace the append function. A migrating login without
CREATEROLE still gets the functions and triggers (and a logged warning)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.audit import record_audit, record_audits, verify_chain
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import audit_rows
from hotline_desk.store.engine import make_engines
from tests.conftest import PG_URL, _pg_schema_url

pytestmark = pytest.mark.postgres
APPEND = "audit_append(integer, timestamp, integer, text, text, text, text, text, text, text)"
ATTACKS = {
    "update_log": "UPDATE audit_log SET detail = '{}' WHERE id = 1",
    "delete_log": "DELETE FROM audit_log WHERE id = 1",
    "truncate_log": "TRUNCATE audit_log",
    "insert_log": "INSERT INTO audit_log (id, at, actor_id, actor_name, action, object_type, "
    "object_id, detail, prev_hash, hash) SELECT max(id) + 1, now(), NULL, '', 'x', '', '', '{}', "
    "'0', '0' FROM audit_log",
    "update_head": "UPDATE audit_head SET last_hash = repeat('0', 64)",
    "delete_head": "DELETE FROM audit_head",
    "truncate_head": "TRUNCATE audit_head",
    "disable_triggers": "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "drop_trigger": "DROP TRIGGER audit_log_no_truncate ON audit_log",
    "drop_table": "DROP TABLE audit_log",
    "set_role_owner": "SET ROLE hotline_audit_owner",
    "replace_function": f"ALTER FUNCTION {APPEND} SECURITY INVOKER",
    "replace_rows_function": f"ALTER FUNCTION {audit_rows.SIGNATURE} SECURITY INVOKER",
    "call_rows_function": "SELECT audit_append_rows("
    + ", ".join(f"NULL::{t}[]" for t in audit_rows.TYPES)
    + ")",  # not granted to this login
}


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _pg_schema_url()


def _admin():  # type: ignore[no-untyped-def]
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _login_url(url: str, role: str, password: str) -> str:
    return make_url(url).set(username=role, password=password).render_as_string(False)


@pytest.fixture
def desk_login(pg_url: str, clock, tmp_path) -> Iterator[tuple[str, ServiceContext]]:  # type: ignore[no-untyped-def]
    """The schema migrated by the server's administrator, and a desk login granted what the
    desk needs (the business tables; on the audit tables only SELECT and the functions)."""
    ctx = open_desk(pg_url, backup_dir=tmp_path / "bk", clock=clock)
    ctx.engines.dispose()
    role, password = f"hd_desk_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    schema = make_url(pg_url).query["options"].split("=")[-1]
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f"SET search_path = {schema}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        tables = conn.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = :s "
                "AND tablename NOT IN ('audit_log', 'audit_head')"
            ),
            {"s": schema},  # fmt: skip
        ).scalars()
        for t in list(tables):
            conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {role}"))
        conn.execute(
            text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
        )
        conn.execute(text(f"GRANT SELECT ON audit_log, audit_head TO {role}"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION audit_lock_head(), {APPEND} TO {role}"))
    desk = ServiceContext.for_engines(make_engines(_login_url(pg_url, role, password)), clock)
    yield role, desk
    desk.engines.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))
        conn.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


def test_tables_belong_to_the_audit_owner(desk_login: tuple[str, ServiceContext]) -> None:
    _role, desk = desk_login
    with desk.engines.reader.connect() as conn:
        owners = set(conn.execute(text(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename IN ('audit_log', 'audit_head')")).scalars())  # fmt: skip
    assert owners == {"hotline_audit_owner"}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_desk_login_appends_but_cannot_rewrite(
    desk_login: tuple[str, ServiceContext], attack: str
) -> None:
    _role, desk = desk_login
    with desk.uow.write() as uow:  # the desk's own append works
        record_audit(uow.session, desk.now(), None, "test_event", actor_name="clerk")
        uow.commit()
    with desk.engines.writer.connect() as conn, pytest.raises(DBAPIError) as info:
        with conn.begin():
            conn.execute(text(ATTACKS[attack]))
    assert (
        "privilege" in str(info.value).lower()
        or "must be" in str(info.value).lower()
        or ("permission" in str(info.value).lower())
    ), info.value
    with desk.uow.read() as uow:
        assert verify_chain(uow.session).ok


def test_a_login_not_granted_the_batch_function_appends_row_by_row(
    desk_login: tuple[str, ServiceContext],
) -> None:
    _role, desk = desk_login
    with desk.uow.write() as uow:
        assert not audit_rows.may_append_rows(uow.session.connection())
        record_audits(uow.session, desk.now(), None,
                      [("case_register", "case", f"C{i}", None) for i in range(5)])  # fmt: skip
        uow.commit()
    with desk.uow.read() as uow:
        check = verify_chain(uow.session)
    assert check.ok and check.rows >= 6, check


def test_login_without_createrole_keeps_the_tables_with_a_warning(
    clock,
    tmp_path,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    role, password = f"hd_plain_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f"CREATE SCHEMA {role} AUTHORIZATION {role}"))
    url = _login_url(PG_URL, role, password)
    url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{role}"
    try:
        with caplog.at_level(logging.WARNING):
            ctx = open_desk(url, backup_dir=tmp_path / "bk", clock=clock)
        assert any("CREATEROLE" in r.getMessage() for r in caplog.records)
        with ctx.uow.write() as uow:
            record_audit(uow.session, ctx.now(), None, "test_event", actor_name="clerk")
            uow.commit()
        with ctx.engines.writer.connect() as conn, pytest.raises(DBAPIError):
            with conn.begin():
                conn.execute(text("TRUNCATE audit_log"))  # the statement trigger still refuses
        with ctx.uow.read() as uow:
            assert verify_chain(uow.session).ok
        ctx.engines.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {role} CASCADE"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
