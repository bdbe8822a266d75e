"""Attacks on the audit chain that pretend the database is older than it is (security test of
issue 14, A1): an attacker who holds the file or the server but not the key drops the key's
marks (``audit_head.db_id``/``key_fp``), rewrites a row and re-chains with the plain SHA-256 of
schemas before 0009. The database's recorded revision (``alembic_version``) still says 0009, so
the keyed chain is required: the check reports a break and the desk writes no unkeyed row."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hotline_desk.domain.errors import DeskError
from hotline_desk.services import audit
from hotline_desk.services.audit import check_audit_chain, record_audit, verify_audit_chain
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import audit_anchor, audit_chain, audit_key
from tests.security.audit_attacks import fill, raw


def _plain_history(conn, drop_columns: bool) -> None:  # type: ignore[no-untyped-def]
    """Edit row 3, re-chain every row with the old plain SHA-256, unmark the head."""
    conn.execute(text("UPDATE audit_log SET detail = '{\"n\": 99}' WHERE id = 3"))
    if drop_columns:
        conn.execute(text("ALTER TABLE audit_head DROP COLUMN db_id"))
        conn.execute(text("ALTER TABLE audit_head DROP COLUMN key_fp"))
    else:
        conn.execute(text("UPDATE audit_head SET db_id = NULL, key_fp = NULL"))
    audit_chain.rechain_legacy(conn)


@pytest.mark.parametrize("drop_columns", [True, False], ids=["columns_dropped", "marks_nulled"])
def test_plain_rechain_of_a_keyed_database_is_a_break(
    ctx: ServiceContext,
    make_actor,  # type: ignore[no-untyped-def]
    drop_columns: bool,
) -> None:
    auditor = make_actor("audit_admin")
    fill(ctx)
    with raw(ctx) as conn:
        _plain_history(conn, drop_columns)
        assert audit_chain.verify_legacy(conn).ok  # the forgery is a sound plain chain
    found = check_audit_chain(ctx, auditor)
    assert not found.ok and not found.key_problem
    assert "审计链头缺少密钥标识" in found.reason
    audit._KEYED.clear()  # as after the desk's next start: nothing remembered of the schema
    assert verify_audit_chain(ctx).first_bad_id == -1
    with ctx.uow.write() as uow, pytest.raises(DeskError, match="审计链头缺少密钥标识"):
        record_audit(uow.session, ctx.now(), None, "after_forgery", "case", 1, {})
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            text(
                "SELECT count(*) FROM audit_log WHERE action IN ('after_forgery', "
                "'audit_chain_broken')"
            )  # fmt: skip
        ).scalar()
    assert rows == 0  # no unkeyed row was appended to the forged chain


def test_a_copy_from_before_0009_is_still_checked_the_old_way(ctx: ServiceContext) -> None:
    """A pre-upgrade backup (revision 0008, plain chain) still verifies."""
    fill(ctx, 2)
    with raw(ctx) as conn:
        _plain_history(conn, drop_columns=True)
        conn.execute(text("UPDATE alembic_version SET version_num = '0008_accounts'"))
    with ctx.engines.writer.connect() as conn:
        assert audit_chain.verify_connection(conn).ok


def _cut_tail(conn, n: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Delete the last ``n`` rows and set the head to the new last row (guards lifted)."""
    top = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
    conn.execute(text("DELETE FROM audit_log WHERE id > :t"), {"t": top - n})
    conn.execute(
        text(
            "UPDATE audit_head SET last_hash = (SELECT hash FROM audit_log ORDER BY id DESC "
            "LIMIT 1) WHERE id = 1"
        )  # fmt: skip
    )


def test_a_cut_tail_is_caught_by_the_local_checkpoint(
    ctx: ServiceContext,
    make_actor,  # type: ignore[no-untyped-def]
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A3: no exported checkpoint, yet the tail cut with the head reset is found, because the
    last sound check (start-up, daily, ``audit verify``) left its (id, hash) on this machine."""
    monkeypatch.setattr(audit_key, "_directory", tmp_path / "data")
    auditor = make_actor("audit_admin")
    fill(ctx)
    assert verify_audit_chain(ctx).ok  # the system's own check notes the local checkpoint
    assert (tmp_path / "data" / audit_anchor.ANCHOR_FILE_NAME).exists()
    with raw(ctx) as conn:
        top = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
        _cut_tail(conn)
    found = check_audit_chain(ctx, auditor)
    assert not found.ok and found.first_bad_id == top
    assert "截断或改写（与本机记录的检查点不符）" in found.reason


def test_rows_after_the_local_checkpoint_and_a_sound_chain_still_pass(
    ctx: ServiceContext,
    make_actor,  # type: ignore[no-untyped-def]
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit_key, "_directory", tmp_path / "data")
    auditor = make_actor("audit_admin")
    fill(ctx, 2)
    assert check_audit_chain(ctx, auditor).ok
    fill(ctx, 3)  # written after the checkpoint: the chain goes on
    assert check_audit_chain(ctx, auditor).ok
    assert verify_audit_chain(ctx).ok


def test_setting_the_revision_back_to_0008_is_refused_at_the_next_start(
    tmp_path,  # type: ignore[no-untyped-def]
    clock,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A2: a forged plain history with ``alembic_version`` set back to 0008 would be re-keyed
    by 0009 at the next start; this machine remembers it keyed the file, so 0009 refuses."""
    import shutil

    from hotline_desk.services.admin.setup import open_desk

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(audit_key, "_directory", data)
    url = f"sqlite+pysqlite:///{data / 'hotline_desk.db'}"
    desk = open_desk(url, backup_dir=tmp_path / "backups", clock=clock)
    fill(desk, 3)
    with raw(desk) as conn:
        _plain_history(conn, drop_columns=True)
        conn.execute(text("UPDATE alembic_version SET version_num = '0008_accounts'"))
    with desk.engines.writer.connect() as conn:  # the old-style check alone is not fooled
        assert audit_chain.DOWNGRADED in audit_chain.verify_connection(conn).reason
    desk.engines.dispose()
    audit._KEYED.clear()
    moved = tmp_path / "moved"  # the data directory copied elsewhere keeps its anchor
    shutil.copytree(data, moved)
    for where in (data, moved):
        monkeypatch.setattr(audit_key, "_directory", where)
        with pytest.raises(DeskError, match="该数据库曾启用审计密钥，现被改回旧版本结构"):
            open_desk(f"sqlite+pysqlite:///{where / 'hotline_desk.db'}",
                      backup_dir=tmp_path / "backups", clock=clock)  # fmt: skip
