"""Backup and restore drills on SQLite and PostgreSQL, as an office would rehearse them.

A second process registers cases one transaction after another while the backup is taken: the
writer is never paused (it commits during the backup) and the copy is consistent — integrity
and audit chain sound, and the cases in it are exactly the first k the writer committed, with
their k audit rows. Then the live data is damaged (SQLite: pages of the file overwritten;
PostgreSQL: a table dropped), the backup is restored, and the row counts and the audit chain
are those of the backup (plus the restore's own audit row); the damaged data is kept aside.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from hotline_desk.services.backup import restore
from hotline_desk.services.backup.backups import DeskPlace
from hotline_desk.store.audit_chain import verify_chain
from hotline_desk.store.backup import layout
from hotline_desk.store.backup.layout import BackupKind
from hotline_desk.store.backup.make import COPY_END, BackupRequest, make_backup
from hotline_desk.store.backup.pg_tools import PgPlace
from hotline_desk.store.backup.postgres import drop_database, restore_new_database
from hotline_desk.store.models import AuditLog
from tests import backup_writer, other_desk
from tests.services.test_backup import drop_kept


def _read(url: str) -> tuple[list[int], dict[str, int], int, str]:
    """Case ids, the tables' row counts, the audit rows and the chain head at ``url``."""
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            ids = list(s.execute(text("SELECT id FROM cases ORDER BY id")).scalars())
            chain = verify_chain(s)
            assert chain.ok, chain
            virtual = set()  # the FTS5 index: its shadow tables are counted (as the manifest does)
            if engine.dialect.name == "sqlite":
                virtual = set(s.execute(text(
                    "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"
                )).scalars())  # fmt: skip
            names = [n for n in engine.dialect.get_table_names(s.connection()) if n not in virtual]
            counts = {n: int(s.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one())
                      for n in names}  # fmt: skip
            return ids, counts, chain.rows, chain.head
    finally:
        engine.dispose()


def _copy_url(place: DeskPlace, folder: Path) -> tuple[str, str]:
    """A URL that reads the backup in ``folder`` (PostgreSQL: restored into a new database)."""
    if place.is_sqlite:
        return f"sqlite+pysqlite:///{folder / layout.SQLITE_FILE}", ""
    restored = restore_new_database(PgPlace.of(place.url), folder / layout.PG_FILE)
    return restored.url.render_as_string(hide_password=False), restored.database


def _damage(place: DeskPlace, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.engines.dispose()
    if place.is_sqlite:
        db = place.database_file
        assert db is not None
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        with open(db, "r+b") as f:  # pages in the middle of the file: cases and their events
            size = f.seek(0, 2)
            f.seek(size // 3)
            f.write(b"\xa5" * (size // 3))
        assert _integrity(db) != "ok", "the live file is damaged"
    else:
        engine = create_engine(place.url)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE case_events CASCADE"))
        engine.dispose()


def test_back_up_during_writes_damage_restore(ctx, make_actor, db_url, tmp_path, request) -> None:  # type: ignore[no-untyped-def]
    make_actor("intake", username="writer")
    place = DeskPlace(db_url, tmp_path)
    stop = tmp_path / "stop"
    writer = other_desk.start(db_url, "writer", str(stop), module="tests.backup_writer")
    assert writer.stdout is not None and writer.stdout.readline().strip() == "started"

    waited: set[bool] = set()

    def meanwhile(done: int, _total: int) -> None:
        """Once while the copy is made and once after it, the backup waits for two more of the
        writer's commits: the writer is not paused by the backup, and commits past the copy."""
        past_copy = done >= COPY_END
        if past_copy not in waited:
            waited.add(past_copy)
            backup_writer.commits(stop, backup_writer.commits(stop, 0) + 2)

    began = time.time()
    folder = make_backup(make_url(place.url), BackupRequest(BackupKind.MANUAL, "drill",
                         ctx.now(), place.backups, step_pages=4), report=meanwhile)  # fmt: skip
    # (pg_dump is ticked every 0.2 s of its run: a quick one is not waited in)
    assert waited == {False, True} or (not place.is_sqlite and waited == {True})
    ended = time.time()
    stop.touch()
    written = other_desk.finish(writer)
    ids, times = written["ids"], written["times"]
    assert any(began < t < ended for t in times), "the writer was not paused by the backup"
    manifest = layout.read_manifest(folder)
    assert manifest is not None and manifest.ok, manifest

    copy_url, scratch = _copy_url(place, folder)
    try:
        copied, counts, audit_rows, head = _read(copy_url)
    finally:
        if scratch:
            drop_database(PgPlace.of(place.url), scratch)
    k = len(set(copied) & set(ids))
    assert 5 <= k < len(ids), "the backup fell between two of the writer's commits"
    assert [i for i in copied if i in set(ids)] == ids[:k], "a committed prefix, nothing else"
    assert counts["cases"] == len(copied) and counts == manifest.row_counts
    assert (audit_rows, head) == (manifest.audit_rows, manifest.audit_head)

    _damage(place, ctx)
    check = restore.prepare_restore(place, folder, actor_name="drill")
    assert check.ok, check.checks
    swapped = restore.swap_in(place, check, actor_name="drill")
    request.addfinalizer(lambda: drop_kept(place, swapped.kept))
    restored_ids, after, rows_after, _head = _read(db_url)
    assert restored_ids == copied
    assert {t: n for t, n in after.items() if not t.startswith("audit_log")} == {
        t: n for t, n in manifest.row_counts.items() if not t.startswith("audit_log")
    }
    assert rows_after == manifest.audit_rows + 1, "the backup's chain, then the restore's row"
    engine = create_engine(db_url)
    with Session(engine) as s:
        last = s.execute(select(AuditLog).order_by(AuditLog.id).offset(manifest.audit_rows - 1)
                         .limit(2)).scalars().all()  # fmt: skip
        assert last[0].hash == manifest.audit_head and last[1].action == "restore"
    engine.dispose()
    if place.is_sqlite:
        assert _integrity(Path(swapped.kept)) != "ok", "the damaged file is kept aside as it was"


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()
