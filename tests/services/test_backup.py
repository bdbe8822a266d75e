"""Backups and restores on SQLite and PostgreSQL: a backup is checked and described by its
manifest, audited (also when it fails), pruned to the office's number of generations, can be
cancelled without leaving anything; a restore checks a backup in a new place, refuses a damaged
one readably, keeps the old data and upgrades a backup of the previous schema."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.errors import DeskError, PermissionDenied
from hotline_desk.services.admin import office
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.audit import verify_chain
from hotline_desk.services.backup import backups, restore
from hotline_desk.services.backup.backups import BackupKind, DeskPlace
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import migrate
from hotline_desk.store.backup import layout
from hotline_desk.store.engine import make_engines
from hotline_desk.store.models import AuditLog, Case
from tests.conftest import Clock
from tests.factories import case_input


class StopAfter:
    """A cancel token that cancels at its ``n``-th check."""

    class Stopped(Exception):
        pass

    def __init__(self, n: int) -> None:
        self.n = n

    def check(self) -> None:
        self.n -= 1
        if self.n <= 0:
            raise self.Stopped()


def _audit(ctx: ServiceContext, action: str) -> list[Any]:
    """The audit rows of ``action``: (actor_name, object_id, detail)."""
    with ctx.uow.read() as uow:
        cols = (AuditLog.actor_name, AuditLog.object_id, AuditLog.detail)
        return list(uow.session.execute(select(*cols).where(AuditLog.action == action)).all())


def _cases(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Case)) or 0)


def previous_revision() -> str:
    """The schema before ``SCHEMA_HEAD`` (the previous release's)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    down = script.get_revision(migrate.SCHEMA_HEAD).down_revision
    assert isinstance(down, str)
    return down


def drop_kept(place: DeskPlace, kept: str) -> None:
    """A PostgreSQL test's old schema, kept by the swap, goes with the test's own schema."""
    if place.is_sqlite or not kept:
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(place.url.split("?")[0], isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{kept}" CASCADE'))
    engine.dispose()


@pytest.fixture
def place(db_url: str, tmp_path: Path) -> DeskPlace:
    (tmp_path / "settings.json").write_text('{"ui/language": "zh_CN"}', encoding="utf-8")
    (tmp_path / "attachments" / "2026").mkdir(parents=True)
    (tmp_path / "attachments" / "2026" / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    (tmp_path / "logs").mkdir(exist_ok=True)
    (tmp_path / "logs" / "hotline_desk.log").write_text("log", encoding="utf-8")
    return DeskPlace(db_url, tmp_path)


def test_a_backup_is_checked_and_described_by_its_manifest(ctx, place, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk, admin = make_actor("intake"), make_actor("sys_admin")
    for _ in range(3):
        registration.register_case(ctx, clerk, case_input(ctx))
    with ctx.uow.read() as uow:
        chain = verify_chain(uow.session)  # the backup's own audit row comes after the copy
    info = backups.run_backup(ctx, place, BackupKind.MANUAL, admin)
    assert info.ok and info.cases == 3 and info.kind == "manual"
    assert info.path.parent == place.backups and info.path.name.endswith("_manual")
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] is True and manifest["schema_revision"] == migrate.SCHEMA_HEAD
    assert {c["name"] for c in manifest["checks"]} >= {"audit_chain"}
    assert all(c["ok"] for c in manifest["checks"])
    copy = info.path / manifest["database_file"]
    from hotline_desk.store.backup.sqlite_files import sha256_file

    assert manifest["sha256"] == sha256_file(copy) and manifest["size"] == copy.stat().st_size
    assert manifest["row_counts"]["cases"] == 3
    assert manifest["audit_rows"] == chain.rows and manifest["audit_head"] == chain.head
    carried = {f["path"] for f in manifest["files"]}
    assert carried == {"settings.json", "attachments/2026/scan.pdf"}, "logs/ and backups/ not"
    (row,) = _audit(ctx, "backup")
    assert row.actor_name == admin.username and json.loads(row.detail)["ok"] is True
    assert [b.name for b in backups.list_backups(place)] == [info.name]


def test_only_the_system_administrator_backs_up(ctx, place, make_actor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied, match="备份数据库"):
        backups.run_backup(ctx, place, BackupKind.MANUAL, make_actor("desk"))
    with pytest.raises(PermissionDenied, match="恢复数据库"):
        restore.prepare_restore(place, place.backups, make_actor("audit_admin"))


def test_generations_are_pruned_to_the_office_setting(ctx, place, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    office.save_setting(ctx, admin, office.BACKUP_KEEP.key, 2)
    made = []
    for _ in range(4):
        clock.now += timedelta(hours=1)
        made.append(backups.run_backup(ctx, place, BackupKind.AUTO).name)
    clock.now += timedelta(hours=1)
    manual = backups.run_backup(ctx, place, BackupKind.MANUAL, admin).name
    kept = [b.name for b in backups.list_backups(place)]
    assert kept == [manual, made[3], made[2]], "two automatic ones and the manual one"
    assert all(b.ok for b in backups.list_backups(place))


def test_cancel_leaves_no_partial_backup(ctx, place) -> None:  # type: ignore[no-untyped-def]
    counting = StopAfter(10**9)
    backups.run_backup(ctx, place, BackupKind.MANUAL, actor_name="t", token=counting)
    checks = 10**9 - counting.n  # the copy, each file, the checksum, the checks: each can stop
    for folder in backups.list_backups(place):
        shutil.rmtree(folder.path)
    assert checks >= 4
    # pg_dump is asked at every 0.2 s it runs: the count of checks varies there by a few
    sure = checks if place.is_sqlite else 4
    for n in range(1, sure + 1):
        with pytest.raises(StopAfter.Stopped):
            backups.run_backup(ctx, place, BackupKind.MANUAL, actor_name="t", token=StopAfter(n))
        assert [p.name for p in place.backups.iterdir() if p.name != layout.LOCK] == []
    assert backups.last_failure(place) is None, "a cancel is not a failure"
    assert _audit(ctx, "backup_failed") == []
    assert backups.run_backup(ctx, place, BackupKind.MANUAL, actor_name="t").ok  # lock freed


def test_a_failed_backup_is_audited_and_kept_for_the_administrator(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "backups").write_text("a file where the folder should be", encoding="utf-8")
    place = DeskPlace(str(ctx.engines.url.render_as_string(hide_password=False)), blocked)
    with pytest.raises(DeskError, match="备份失败") as info:
        backups.run_backup(ctx, place, BackupKind.AUTO)
    assert "Traceback" not in info.value.message
    (row,) = _audit(ctx, "backup_failed")
    assert row.actor_name == "system" and json.loads(row.detail)["kind"] == "auto"


def test_the_daily_backup_is_due_once_a_day(ctx, place, clock) -> None:  # type: ignore[no-untyped-def]
    if not place.is_sqlite:
        assert not backups.auto_backup_due(place, clock.now), "PostgreSQL: dumped on the server"
        return
    assert backups.auto_backup_due(place, clock.now)
    backups.run_backup(ctx, place, BackupKind.AUTO)
    assert not backups.auto_backup_due(place, clock.now + timedelta(hours=23))
    assert backups.auto_backup_due(place, clock.now + timedelta(days=1))
    backups._remember_failure(place, BackupKind.AUTO, "disk full")
    failure = backups.last_failure(place)
    assert failure is not None and failure.reason == "disk full"
    assert not backups.auto_backup_due(place, failure.at + timedelta(minutes=30))
    assert backups.auto_backup_due(place, failure.at + timedelta(days=1, hours=1))


def test_restore_keeps_the_old_data_and_is_audited(ctx, place, make_actor, db_url, request) -> None:  # type: ignore[no-untyped-def]
    clerk, admin = make_actor("intake"), make_actor("sys_admin")
    registration.register_case(ctx, clerk, case_input(ctx))
    info = backups.run_backup(ctx, place, BackupKind.MANUAL, admin)
    registration.register_case(ctx, clerk, case_input(ctx))  # after the backup
    (place.data_dir / "attachments" / "2026" / "scan.pdf").unlink()
    check = restore.prepare_restore(place, info.path, admin, live=ctx)
    assert check.ok, check.checks
    assert {c.name for c in check.checks} >= {"sha256", "audit_chain", "row_counts"}
    cases = next(r for r in check.counts if r.table == "cases")
    assert (cases.backup, cases.live) == (1, 2)
    assert check.files_back == ("attachments/2026/scan.pdf",) and not check.needs_upgrade
    swapped = restore.swap_in(place, check, admin, live=ctx)
    request.addfinalizer(lambda: drop_kept(place, swapped.kept))
    assert swapped.kept and swapped.revision_after == migrate.SCHEMA_HEAD
    assert (place.data_dir / "attachments" / "2026" / "scan.pdf").read_bytes() == b"%PDF-1.4 scan"
    after = ServiceContext.for_engines(make_engines(db_url))
    try:
        assert _cases(after) == 1
        with after.uow.read() as uow:
            assert verify_chain(uow.session).ok
        (row,) = _audit(after, "restore")
        assert row.object_id == info.name and json.loads(row.detail)["from"] == info.name
    finally:
        after.engines.dispose()
    if place.is_sqlite:
        old = ServiceContext.for_engines(make_engines(f"sqlite+pysqlite:///{swapped.kept}"))
        try:
            assert _cases(old) == 2, "the old live file is kept as it was"
            assert _audit(old, "restore_start")
        finally:
            old.engines.dispose()


def test_a_damaged_or_truncated_backup_is_refused_readably(ctx, place, tmp_path) -> None:  # type: ignore[no-untyped-def]
    info = backups.run_backup(ctx, place, BackupKind.MANUAL, actor_name="t")
    copy = info.path / (layout.SQLITE_FILE if place.is_sqlite else layout.PG_FILE)
    data = copy.read_bytes()
    copy.write_bytes(data[: len(data) // 2])  # truncated
    check = restore.prepare_restore(place, info.path, actor_name="t", live=ctx)
    assert not check.ok and not check.prepared
    failed = {c.name for c in check.checks if not c.ok}
    if place.is_sqlite:  # a damaged file is not counted, nor its chain followed
        assert failed == {"sha256", "integrity", "audit_chain", "row_counts"}
    else:
        assert failed == {"sha256", "archive"}
    if not place.is_sqlite:
        return
    assert not list(place.data_dir.glob("*.restoring-*")), "nothing left beside the live file"
    with pytest.raises(DeskError, match="未通过校验"):
        restore.swap_in(place, check)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    bad = restore.prepare_restore(place, garbage, actor_name="t", live=ctx)
    assert not bad.ok and not bad.schema_known
    with pytest.raises(DeskError, match="找不到备份"):
        restore.prepare_restore(place, tmp_path / "nowhere", actor_name="t")
    assert [json.loads(r.detail)["ok"] for r in _audit(ctx, "restore_check")] == [False, False]


def test_a_backup_of_the_previous_schema_is_restored_and_upgraded(
    db_url, tmp_path, request
) -> None:  # type: ignore[no-untyped-def]
    from tests.upgrades.test_upgrade_facts import NOW, migrate_to

    previous = previous_revision()
    migrate_to(db_url, previous)
    place = DeskPlace(db_url, tmp_path)
    old = ServiceContext.for_engines(make_engines(db_url), Clock(NOW))  # not upgraded
    try:
        info = backups.run_backup(old, place, BackupKind.MANUAL, actor_name="t")
        cases = _cases(old)
    finally:
        old.engines.dispose()
    assert info.ok and info.schema_revision == previous and cases > 0
    ctx = open_desk(db_url, backup_dir=place.backups, clock=Clock(NOW))  # the desk upgrades
    check = restore.prepare_restore(place, info.path, actor_name="t", live=ctx)
    assert check.ok and check.needs_upgrade and check.schema_revision == previous
    swapped = restore.swap_in(place, check, actor_name="t", live=ctx)
    request.addfinalizer(lambda: drop_kept(place, swapped.kept))
    assert (swapped.revision_before, swapped.revision_after) == (previous, migrate.SCHEMA_HEAD)
    after = ServiceContext.for_engines(make_engines(db_url))
    try:
        assert _cases(after) == cases
        (row,) = _audit(after, "restore")
        assert json.loads(row.detail)["upgraded_to"] == migrate.SCHEMA_HEAD
    finally:
        after.engines.dispose()
