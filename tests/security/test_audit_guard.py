"""The desk reports what weakens the audit tables' database guard, by trying each weakness:
a properly set up PostgreSQL desk login has none; CREATEROLE, membership of the owner role, a
superuser login, owning an audit table, a disabled trigger each name one. On SQLite a dropped
audit trigger is named. A new set of problems is audited once (``audit_guard_weak``)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from hotline_desk.services.audit_guard import audit_guard_report
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.audit_guard import guard_problems
from hotline_desk.store.models import AuditLog
from tests.security import test_audit_pg_roles as roles

_admin = roles._admin
pg_url, desk_login = roles.pg_url, roles.desk_login  # the fixtures: a proper desk login


def _problems(ctx: ServiceContext) -> list[str]:
    with ctx.engines.reader.connect() as conn:
        return guard_problems(conn)


def _as_admin(sql: str, schema_of: ServiceContext | None = None) -> None:
    admin = _admin()
    with admin.connect() as conn:
        if schema_of is not None:
            with schema_of.engines.reader.connect() as c:
                schema = c.execute(text("SELECT current_schema()")).scalar_one()
            conn.execute(text(f"SET search_path = {schema}"))
        conn.execute(text(sql))
    admin.dispose()


def _events(ctx: ServiceContext) -> list[str]:
    with ctx.uow.read() as uow:
        query = select(AuditLog.detail).where(AuditLog.action == "audit_guard_weak")
        return list(uow.session.execute(query).scalars())


@pytest.mark.postgres
def test_proper_desk_login_has_no_problem(desk_login) -> None:  # type: ignore[no-untyped-def]
    _role, desk = desk_login
    assert _problems(desk) == []
    assert audit_guard_report(desk) == [] and _events(desk) == []


@pytest.mark.postgres
def test_createrole_login_is_reported(desk_login) -> None:  # type: ignore[no-untyped-def]
    role, desk = desk_login
    _as_admin(f"ALTER ROLE {role} CREATEROLE")
    problems = _problems(desk)
    assert len(problems) == 1 and "CREATEROLE" in problems[0] and role in problems[0]
    # the attack it names (d1): grant itself the owner role, then rewrite
    with desk.engines.writer.connect() as conn, conn.begin():
        conn.execute(text(f"GRANT hotline_audit_owner TO {role}"))
    assert any("成员" in p for p in _problems(desk))


@pytest.mark.postgres
def test_member_of_the_owner_role_is_reported(desk_login) -> None:  # type: ignore[no-untyped-def]
    role, desk = desk_login
    if not _role_exists("hd_guard_mid"):
        _as_admin("CREATE ROLE hd_guard_mid NOLOGIN")
    _as_admin("GRANT hotline_audit_owner TO hd_guard_mid")
    _as_admin(f"GRANT hd_guard_mid TO {role}")  # indirectly
    try:
        problems = _problems(desk)
        assert len(problems) == 1 and "hotline_audit_owner" in problems[0]
        assert "成员" in problems[0]
        with desk.engines.writer.connect() as conn, conn.begin():  # what it allows
            conn.execute(text("SET ROLE hotline_audit_owner"))
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate"))
            assert any("停用" in p for p in guard_problems(conn))
            conn.rollback()
    finally:
        _as_admin(f"REVOKE hd_guard_mid FROM {role}")
        _as_admin("DROP ROLE hd_guard_mid")


def _role_exists(name: str) -> bool:
    admin = _admin()
    with admin.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name})
        exists = found.scalar() is not None
    admin.dispose()
    return exists


@pytest.mark.postgres
def test_owning_an_audit_table_is_reported(desk_login) -> None:  # type: ignore[no-untyped-def]
    role, desk = desk_login  # P3: the migrating login kept the tables
    _as_admin(f"ALTER TABLE audit_log OWNER TO {role}", desk)
    problems = _problems(desk)
    assert len(problems) == 1 and "拥有审计表 audit_log" in problems[0]


@pytest.mark.postgres
def test_superuser_login_and_one_event_per_set(ctx: ServiceContext) -> None:
    if ctx.engines.writer.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    problems = _problems(ctx)  # the suite's own login is postgres, a superuser
    assert len(problems) == 1 and "超级用户" in problems[0]
    assert audit_guard_report(ctx) == problems
    assert audit_guard_report(ctx) == problems  # the second check records nothing new
    events = _events(ctx)
    assert len(events) == 1 and json.loads(events[0])["problems"] == problems
    with ctx.engines.writer.connect() as conn, conn.begin():
        conn.execute(text("ALTER TABLE audit_head DISABLE TRIGGER audit_head_no_delete"))
    assert any("audit_head_no_delete" in p for p in audit_guard_report(ctx))
    assert len(_events(ctx)) == 2


def test_sqlite_triggers_present_then_dropped(ctx: ServiceContext) -> None:
    if ctx.engines.writer.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert _problems(ctx) == [] and audit_guard_report(ctx) == []
    with ctx.engines.writer.connect() as conn, conn.begin():
        conn.execute(text("DROP TRIGGER audit_head_update_guard"))
    problems = _problems(ctx)
    assert len(problems) == 1 and "audit_head_update_guard" in problems[0]
    assert audit_guard_report(ctx) == problems == json.loads(_events(ctx)[0])["problems"]
    assert audit_guard_report(ctx) == problems and len(_events(ctx)) == 1


@pytest.mark.postgres
def test_migrating_login_without_createrole_is_reported(clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """P3: 0009 run by a login without CREATEROLE leaves it owning both audit tables; the guard
    report names that, and the attack it allows (disable the triggers, cut the tail, fix the
    head) leaves a chain that still verifies — the report is what tells."""
    import uuid

    from hotline_desk.services.admin.setup import open_desk
    from hotline_desk.services.audit import record_audit, verify_chain

    role, password = f"hd_plain_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f"CREATE SCHEMA {role} AUTHORIZATION {role}"))
    url = roles._login_url(roles.PG_URL, role, password)
    url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{role}"
    try:
        ctx = open_desk(url, backup_dir=tmp_path / "bk", clock=clock)
        for n in range(3):
            with ctx.uow.write() as uow:
                record_audit(uow.session, ctx.now(), None, f"test_{n}", actor_name="clerk")
                uow.commit()
        problems = _problems(ctx)
        assert len(problems) == 1 and "拥有审计表 audit_log、audit_head" in problems[0]
        with ctx.engines.writer.connect() as conn, conn.begin():
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            assert any("已被停用" in p for p in guard_problems(conn))
            conn.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
            conn.execute(text("ALTER TABLE audit_head DISABLE TRIGGER USER"))
            conn.execute(text(
                "UPDATE audit_head SET last_hash = (SELECT hash FROM audit_log "
                "ORDER BY id DESC LIMIT 1)"))  # fmt: skip
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE audit_head ENABLE TRIGGER USER"))
        with ctx.uow.read() as uow:
            assert verify_chain(uow.session).ok  # the cut tail is not seen by the chain
        assert audit_guard_report(ctx) == problems and len(_events(ctx)) == 1
        ctx.engines.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {role} CASCADE"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
