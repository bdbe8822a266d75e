"""Restoring at the engine level: find what a backup holds, put its database into a NEW place
(a new file beside the live one, or a new PostgreSQL database), check it against the manifest,
and — only when told — swap it in, keeping the old live data under another name.

SQLite swap: the live file is first made a single file (its WAL checkpointed, journal mode
DELETE; this needs every other connection closed, which is how a desk still running is
noticed), then renamed ``hotline_desk.before-restore-<stamp>.db``; the checked new file takes
the live name. Files the backup carries come back where they are missing; a file that exists
and differs is left as it is (and listed).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hotline_desk.domain.errors import DeskError
from hotline_desk.store.backup import layout, postgres, sqlite_files
from hotline_desk.store.backup.layout import Check, Manifest
from hotline_desk.store.backup.pg_tools import PgPlace

Cancel = Callable[[], None]
Report = Callable[[int, int], None]


def _nothing(*_args: object) -> None:
    return None


@dataclass(frozen=True)
class Source:
    """A backup as given: its database copy and, when it has one, its manifest."""

    database: Path
    manifest: Manifest | None
    engine: str

    @property
    def folder(self) -> Path:
        return self.database.parent


def find_source(path: Path) -> Source:
    """A backup folder, its manifest.json, or a bare database copy (.db) or dump (.dump)."""
    path = path.expanduser()
    if path.is_file() and path.name == layout.MANIFEST:
        path = path.parent
    if path.is_dir():
        manifest = layout.read_manifest(path)
        if manifest is not None:
            return Source(path / manifest.database_file, manifest, manifest.engine)
        for name, engine in ((layout.SQLITE_FILE, "sqlite"), (layout.PG_FILE, "postgresql")):
            if (path / name).is_file():
                return Source(path / name, None, engine)
        raise DeskError("文件夹 {path} 里没有办件台的备份。", path=path)
    if not path.is_file():
        raise DeskError("找不到备份 {path}。", path=path)
    manifest = layout.read_manifest(path.parent)
    if manifest is not None and manifest.database_file != path.name:
        manifest = None
    engine = manifest.engine if manifest else ("postgresql" if path.suffix == ".dump" else "sqlite")
    return Source(path, manifest, engine)


@dataclass(frozen=True)
class Restored:
    """A backup put into its new place and checked there."""

    prepared: str
    """The new file's path, or the new PostgreSQL database's name."""
    checks: tuple[Check, ...]
    row_counts: dict[str, int]
    schema_revision: str | None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def prepare_sqlite(
    source: Source, live_db: Path, cancel: Cancel = _nothing, report: Report = _nothing
) -> Restored:
    """Copy the backup to a new file beside ``live_db`` and check it: its SHA-256 and row
    counts against the manifest, ``integrity_check``, the audit chain."""
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    target = live_db.with_name(f"{live_db.stem}.restoring-{stamp}.db")
    layout.require_space(target.parent, source.database.stat().st_size)
    sha = sqlite_files.copy_file(source.database, target, cancel, _part(report, 0, 400))
    try:
        checks: list[Check] = []
        m = source.manifest
        if m is not None:
            checks.append(sqlite_files.sha_check(sha, m.sha256))
        found = sqlite_files.examine(target, cancel)
        checks.append(Check("integrity", found.integrity == "ok", found.integrity[:500]))
        checks.append(
            sqlite_files.chain_check(found.chain, m.audit_head if m else None, found.chain_problem)
        )
        if m is not None:
            checks.append(sqlite_files.counts_check(m.row_counts, found.row_counts))
        report(1000, 1000)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Restored(str(target), tuple(checks), found.row_counts, found.revision)


def _part(report: Report, start: int, end: int) -> Report:
    def scaled(done: int, total: int) -> None:
        if total:
            report(start + (end - start) * min(done, total) // total, 1000)

    return scaled


def prepare_postgres(
    source: Source, live: PgPlace, cancel: Cancel = _nothing, report: Report = _nothing
) -> Restored:
    """Restore the dump into a new database on the live server and check it there."""
    checks: list[Check] = []
    m = source.manifest
    sha = sqlite_files.sha256_file(source.database, cancel, _part(report, 0, 100))
    if m is not None:
        checks.append(sqlite_files.sha_check(sha, m.sha256))
    archive = postgres.archive_check(source.database, set(m.row_counts) if m else set())
    checks.append(archive)
    if not all(c.ok for c in checks):
        return Restored("", tuple(checks), {}, None)
    beats = [0]

    def tick() -> None:
        beats[0] += 1
        report(100 + 800 * beats[0] // (beats[0] + 50), 1000)

    restored = postgres.restore_new_database(live, source.database, cancel, tick)
    try:
        state = postgres.state_of(restored)
    except BaseException:
        postgres.drop_database(live, restored.database)
        raise
    checks.append(sqlite_files.chain_check(state.chain, m.audit_head if m else None))
    if m is not None:
        checks.append(sqlite_files.counts_check(m.row_counts, state.row_counts))
    report(1000, 1000)
    return Restored(restored.database, tuple(checks), state.row_counts, state.revision)


def discard(prepared: str, live_url_place: PgPlace | None) -> None:
    """Remove a prepared restore that will not be swapped in."""
    if not prepared:
        return
    if live_url_place is None:
        Path(prepared).unlink(missing_ok=True)
    else:
        postgres.drop_database(live_url_place, prepared)


def make_single_file(db: Path) -> None:
    """Checkpoint the live file's WAL into it and leave it in rollback-journal mode, so it can
    be renamed alone; refuses while another program has it open."""
    if not db.exists():
        return
    con = sqlite3.connect(db, isolation_level=None, timeout=2)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DeskError(
                "数据库 {path} 仍被其他程序使用（另一个办件台窗口或命令？）。请先关闭它们再恢复。",
                path=db,
            ) from None
        # a damaged file cannot be checkpointed: it is set aside with its -wal as it is
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()


def swap_sqlite(prepared: Path, live_db: Path) -> Path:
    """The checked new file becomes the live database; returns where the old one is kept."""
    make_single_file(live_db)
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    kept = live_db.with_name(f"{live_db.stem}.before-restore-{stamp}.db")
    if live_db.exists():
        for suffix in ("", "-wal", "-shm"):
            old = Path(str(live_db) + suffix)
            if old.exists():
                old.replace(Path(str(kept) + suffix))
    prepared.replace(live_db)
    return kept


def restore_files(source: Source, data_dir: Path) -> tuple[list[str], list[str]]:
    """Put back the carried files that are missing; (restored, left as they are)."""
    restored: list[str] = []
    kept: list[str] = []
    for rel, state in files_state(source, data_dir):
        if state == "missing":
            target = data_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source.folder / layout.FILES / rel, target)
            restored.append(rel)
        elif state == "differs":
            kept.append(rel)
    return restored, kept


def files_state(source: Source, data_dir: Path) -> list[tuple[str, str]]:
    """Each carried file: ``missing`` (will come back), ``same`` or ``differs`` (kept)."""
    out: list[tuple[str, str]] = []
    for entry in source.manifest.files if source.manifest else ():
        rel = str(entry["path"])
        target = data_dir / rel
        if not target.exists():
            out.append((rel, "missing"))
        else:
            same = sqlite_files.sha256_file(target) == entry.get("sha256")
            out.append((rel, "same" if same else "differs"))
    return out
