"""The audit key lives outside the database: in the trusted OS keyring under the database's
random id, else in ``audit.key`` (0600) in the data directory; a machine without it (or with
the wrong one) reads but refuses writes in Chinese until the key is imported; an upgrade
verifies the old plain chain, re-chains it under the new key and refuses a broken one."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import keyring
import pytest
from alembic import command
from keyring.backends import fail
from sqlalchemy import text

from hotline_desk.services import audit
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.store import audit_chain, audit_key, migrate
from hotline_desk.store.engine import make_engines

WRONG = "77" * 32


@pytest.fixture
def own_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No key from the environment: the desk makes and keeps its own (data dir = tmp)."""
    monkeypatch.delenv(audit_key.ENV_AUDIT_KEY, raising=False)
    monkeypatch.setattr(audit_key, "_directory", tmp_path / "data")
    audit_key.forget_cached()
    yield tmp_path / "data"
    audit_key.forget_cached()


def _anchor(ctx) -> audit_chain.Anchor:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        anchor = audit_chain.read_anchor(uow.session.connection())
    assert anchor is not None
    return anchor


def _write(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        audit.record_audit(uow.session, ctx.now(), None, "test_event", actor_name="clerk")
        uow.commit()


def test_key_goes_to_the_trusted_keyring_not_the_database(
    own_keys: Path,
    memory_keyring,
    sqlite_url: str,
    clock,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    ctx = open_desk(sqlite_url, clock=clock)
    anchor = _anchor(ctx)
    stored = memory_keyring.get_password(audit_key.KEYRING_SERVICE, anchor.db_id)
    assert stored and len(bytes.fromhex(stored)) == 32
    assert anchor.key_fp == audit_key.fingerprint(bytes.fromhex(stored))
    assert not (own_keys / audit_key.KEY_FILE_NAME).exists()
    ctx.engines.dispose()
    assert stored.encode() not in (tmp_path / "hotline_desk.db").read_bytes()


def test_without_a_trusted_keyring_the_key_file_is_the_owners_only(
    own_keys: Path,
    sqlite_url: str,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    keyring.set_keyring(fail.Keyring())
    ctx = open_desk(sqlite_url, clock=clock)
    path = own_keys / audit_key.KEY_FILE_NAME
    assert _anchor(ctx).db_id in path.read_text(encoding="utf-8")
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    audit_key.forget_cached()
    _write(ctx)  # found again in the file
    ctx.engines.dispose()


def test_a_desk_without_the_key_reads_refuses_writes_and_imports_it(
    own_keys: Path,
    memory_keyring,
    db_url: str,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    from tests.conftest import add_user

    ctx = open_desk(db_url, clock=clock)
    auditor = add_user(ctx, "audit_admin")
    exported = audit.export_key(ctx, auditor)
    anchor = _anchor(ctx)
    # the second workstation: same database, no key in its keyring
    memory_keyring.store.clear()
    audit_key.forget_cached()
    with pytest.raises(audit_key.AuditKeyMissing) as info:
        _write(ctx)
    assert "audit key import" in info.value.message and "不能写入" in info.value.message
    check = audit.check_audit_chain(ctx, auditor)
    assert not check.ok and check.key_problem and "没有" in check.reason
    assert audit.verify_audit_chain(ctx).key_problem  # no break is recorded for it
    with pytest.raises(audit_key.AuditKeyMissing):
        audit.import_key(ctx, exported.replace(anchor.db_id, "0" * 32), "os:tester")
    assert audit.import_key(ctx, exported, "os:tester") == "系统密钥环"
    _write(ctx)
    assert audit.check_audit_chain(ctx, auditor).ok
    ctx.engines.dispose()


def test_a_wrong_key_is_told_apart_from_tampering(
    monkeypatch: pytest.MonkeyPatch,
    ctx,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    auditor = make_actor("audit_admin")
    monkeypatch.setenv(audit_key.ENV_AUDIT_KEY, WRONG)
    with pytest.raises(audit_key.AuditKeyMissing) as info:
        _write(ctx)
    assert "指纹" in info.value.message
    check = audit.check_audit_chain(ctx, auditor)
    assert check.key_problem and "指纹" in check.reason and check.first_bad_id == 0


def _old_database(url: str) -> None:
    """A 0008 database with a seed row and two more rows of the plain chain."""
    engines = make_engines(url)
    cfg = migrate.alembic_config()
    with engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008_accounts")
    from hotline_desk.services.admin.setup import seed_bureau
    from hotline_desk.services.context import ServiceContext

    ctx = ServiceContext.for_engines(engines)
    seed_bureau(ctx)
    _write(ctx)
    _write(ctx)
    engines.dispose()


def test_upgrade_rechains_a_sound_old_chain(db_url: str, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _old_database(db_url)
    ctx = open_desk(db_url, backup_dir=tmp_path / "bk", clock=clock)
    with ctx.uow.read() as uow:
        check = audit_chain.verify_chain(uow.session)
        detail = uow.session.execute(
            text("SELECT detail FROM audit_log WHERE action = 'audit_rekeyed'")
        ).scalar_one()
    assert check.ok and check.rows == 4 and '"rows": 3' in detail
    ctx.engines.dispose()


def test_upgrade_refuses_a_broken_old_chain_naming_the_row(db_url: str) -> None:
    _old_database(db_url)
    engines = make_engines(db_url)
    with engines.writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = '{\"x\": 1}' WHERE id = 2"))
    cfg = migrate.alembic_config()
    with pytest.raises(audit_chain.ChainBroken) as info:
        with engines.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    assert "第 2 行" in info.value.message
    assert migrate.current_revision(engines) == "0008_accounts"
    engines.dispose()


def test_downgrade_returns_a_plain_chain_and_upgrades_again(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = open_desk(db_url, clock=clock)
    _write(ctx)
    cfg = migrate.alembic_config()
    with ctx.engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008_accounts")
        assert audit_chain.verify_legacy(conn).ok
    with ctx.engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with ctx.uow.read() as uow:
        assert audit.verify_chain(uow.session).ok
    ctx.engines.dispose()
