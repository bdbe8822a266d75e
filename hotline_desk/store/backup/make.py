"""Making one backup: copy the database (SQLite backup API or ``pg_dump``) and the data
directory's own files into a new folder, check the copy, write the manifest, and only then give
the folder its final name. Also the backup an upgrade takes of an existing schema first.

Progress is reported in thousandths of the whole job: the copy up to ``COPY_END``, then the
checks (see ``stage_of``), so a window can say which stage is running.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL

from hotline_desk import __version__
from hotline_desk.domain.errors import DeskError
from hotline_desk.store.audit_chain import ChainCheck
from hotline_desk.store.backup import layout, postgres, sqlite_files
from hotline_desk.store.backup.layout import BackupKind, Check, Manifest
from hotline_desk.store.backup.pg_tools import PgPlace

log = logging.getLogger("hotline_desk.backup")
Cancel = Callable[[], None]
Report = Callable[[int, int], None]
TOTAL = 1000
COPY_END, HASH_END, INTEGRITY_END = 500, 600, 950
ENV_UPGRADE_WITHOUT_DUMP = "HOTLINE_DESK_UPGRADE_WITHOUT_DUMP"
TICKS_PER_PAGE = 0.0033
"""integrity_check's progress-handler calls per database page (measured on the 1M-case file),
for an estimate of how far the check has come."""


def _nothing(*_args: object) -> None:
    return None


def stage_of(done: int) -> str:
    """``copy``, ``hash``, ``integrity`` or ``chain``: what a progress value is in."""
    if done < COPY_END:
        return "copy"
    if done < HASH_END:
        return "hash"
    return "integrity" if done < INTEGRITY_END else "chain"


def _scaled(report: Report, start: int, end: int) -> Report:
    def scaled(done: int, total: int) -> None:
        if total > 0:
            report(start + (end - start) * min(done, total) // total, TOTAL)

    return scaled


class Laps:
    """Seconds per stage of a backup, for its manifest (and the benchmark)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str, minus: tuple[str, float] | None = None) -> None:
        """The time since the last lap is ``name``'s, less a part measured inside it."""
        now = time.perf_counter()
        spent = now - self._last
        if minus is not None:
            self.seconds[minus[0]] = minus[1]
            spent -= minus[1]
        self.seconds[name] = spent
        self._last = now


@dataclass(frozen=True)
class BackupRequest:
    kind: BackupKind
    made_by: str
    made_at: datetime
    root: Path
    data_dir: Path | None = None
    """Copy the data directory's own files (``layout.owned_files``) from here."""
    out: Path | None = None
    """Write exactly this folder instead of a new one under ``root``."""
    step_pages: int | None = None
    keep: int | None = None
    """After a good backup, prune ``root`` to this many of each kind (``layout.prune``)."""


def make_backup(
    url: URL, request: BackupRequest, cancel: Cancel = _nothing, report: Report = _nothing
) -> Path:
    """Write one checked backup of the database at ``url``; returns its folder. Whether the
    checks passed is in its manifest (a copy that fails them is kept and listed as failed).
    A cancel or an error leaves no folder behind."""
    lock_root = request.out.parent if request.out else request.root
    with layout.backup_lock(lock_root):
        partial = _partial_folder(request)
        try:
            if url.get_backend_name() == "sqlite":
                manifest = _sqlite(Path(url.database or ""), partial, request, cancel, report)
            else:
                manifest = _postgres(PgPlace.of(url), partial, request, cancel, report)
            final = layout.finish_folder(partial, manifest)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        if manifest.ok and request.keep and request.out is None:
            layout.prune(request.root, request.keep)  # under the lock: no backup is half-written
    log.info("backup %s: %s", final.name, "ok" if manifest.ok else "checks failed")
    return final


def _partial_folder(request: BackupRequest) -> Path:
    if request.out is None:
        return layout.new_folder(request.root, request.made_at, request.kind)
    if request.out.exists():
        raise DeskError("备份位置 {path} 已存在，请指定一个新的文件夹。", path=request.out)
    partial = request.out.with_name(request.out.name + layout.PARTIAL)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def _sqlite(
    db: Path, folder: Path, request: BackupRequest, cancel: Cancel, report: Report
) -> Manifest:
    if not db.is_file():
        raise DeskError("数据库文件 {path} 不存在。", path=db)
    wal = db.with_name(db.name + "-wal")
    files = layout.owned_files(request.data_dir, db) if request.data_dir else []
    files_size = (
        sum((request.data_dir / f).stat().st_size for f in files) if request.data_dir else 0
    )
    layout.require_space(
        folder, db.stat().st_size + (wal.stat().st_size if wal.exists() else 0) + files_size
    )
    copy = folder / layout.SQLITE_FILE
    laps = Laps()
    snap = sqlite_files.copy_live(
        db, copy, cancel, _scaled(report, 0, COPY_END), request.step_pages
    )
    laps.lap("copy", minus=("source_counts", snap.count_seconds))
    carried = _copy_files(request.data_dir, files, folder, cancel)
    laps.lap("files")
    sha = sqlite_files.sha256_file(copy, cancel, _scaled(report, COPY_END, HASH_END))
    laps.lap("sha256")
    ticks = _scaled(report, HASH_END, INTEGRITY_END)
    expected_ticks = max(1, int(snap.pages * TICKS_PER_PAGE))
    seen = [0]

    def tick() -> None:
        seen[0] += 1
        ticks(min(seen[0], expected_ticks), expected_ticks)
        cancel()

    found = sqlite_files.examine(copy, tick)
    laps.seconds.update(found.seconds)
    report(TOTAL, TOTAL)
    checks = (
        Check("integrity", found.integrity == "ok", found.integrity[:500]),
        sqlite_files.chain_check(found.chain, snap.audit_head, found.chain_problem),
        sqlite_files.counts_check(snap.row_counts, found.row_counts, snap.problem),
    )
    chain = found.chain or ChainCheck(0, -1)
    return _manifest(
        folder,
        request,
        copy,
        sha,
        found.revision,
        found.row_counts,
        chain,
        checks,
        carried,
        laps.seconds,
    )


def _postgres(
    place: PgPlace, folder: Path, request: BackupRequest, cancel: Cancel, report: Report
) -> Manifest:
    dump_file = folder / layout.PG_FILE
    laps = Laps()
    beats = [0]

    def tick() -> None:  # pg_dump says nothing of its progress: creep towards the copy's end
        beats[0] += 1
        report(min(COPY_END - 1, COPY_END * beats[0] // (beats[0] + 50)), TOTAL)

    state = postgres.dump(place, dump_file, cancel, tick)
    laps.lap("copy", minus=("snapshot_counts_and_chain", state.seconds))
    files = layout.owned_files(request.data_dir, None) if request.data_dir else []
    carried = _copy_files(request.data_dir, files, folder, cancel)
    laps.lap("files")
    sha = sqlite_files.sha256_file(dump_file, cancel, _scaled(report, COPY_END, HASH_END))
    laps.lap("sha256")
    archive = postgres.archive_check(dump_file, set(state.row_counts))
    laps.lap("archive")
    report(TOTAL, TOTAL)
    checks = (archive, sqlite_files.chain_check(state.chain, None))
    return _manifest(
        folder,
        request,
        dump_file,
        sha,
        state.revision,
        state.row_counts,
        state.chain,
        checks,
        carried,
        laps.seconds,
        place.schema,
    )


def _manifest(
    folder: Path,
    request: BackupRequest,
    copy: Path,
    sha: str,
    revision: str | None,
    counts: dict[str, int],
    chain: ChainCheck,
    checks: tuple[Check, ...],
    carried: tuple[dict[str, object], ...],
    seconds: dict[str, float],
    pg_schema: str | None = None,
) -> Manifest:
    return Manifest(
        name=folder.name.removesuffix(layout.PARTIAL),
        kind=request.kind.value,
        made_at=request.made_at,
        made_by=request.made_by,
        engine="sqlite" if copy.name == layout.SQLITE_FILE else "postgresql",
        database_file=copy.name,
        size=copy.stat().st_size,
        sha256=sha,
        schema_revision=revision,
        desk_version=__version__,
        row_counts=counts,
        audit_rows=chain.rows,
        audit_head=chain.head,
        checks=checks,
        files=carried,
        seconds={k: round(v, 3) for k, v in seconds.items()},
        pg_schema=pg_schema,
    )


def _copy_files(
    data_dir: Path | None, files: list[Path], folder: Path, cancel: Cancel
) -> tuple[dict[str, object], ...]:
    """The data directory's own files into ``folder/files``, each with its size and SHA-256."""
    if data_dir is None:
        return ()
    out: list[dict[str, object]] = []
    for rel in files:
        target = folder / layout.FILES / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        sha = sqlite_files.copy_file(data_dir / rel, target, cancel)
        out.append({"path": rel.as_posix(), "size": target.stat().st_size, "sha256": sha})
    return tuple(out)


def before_upgrade(url: URL, backup_dir: Path | None, revision: str) -> Path | None:
    """The backup an upgrade takes of an existing schema first. SQLite: a checked copy when a
    backup directory is given (an upgrade of a damaged file is refused). PostgreSQL: a fresh
    dump, or a refusal saying how to go on (``HOTLINE_DESK_UPGRADE_WITHOUT_DUMP=1`` for
    offices that dump on the server)."""
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite and (not backup_dir or not url.database or url.database == ":memory:"):
        return None
    if not sqlite and os.environ.get(ENV_UPGRADE_WITHOUT_DUMP, "") in ("1", "yes", "true"):
        log.warning(
            "upgrading PostgreSQL from %s without a dump (%s set)",
            revision,
            ENV_UPGRADE_WITHOUT_DUMP,
        )
        return None
    request = BackupRequest(
        BackupKind.BEFORE_UPGRADE,
        "system",
        datetime.now().replace(microsecond=0),
        backup_dir or Path(),
    )
    try:
        if backup_dir is None:
            raise DeskError("没有指定备份目录。")
        folder = make_backup(url, request)
    except DeskError as exc:
        if sqlite:
            raise
        raise DeskError(
            "升级数据库结构（{revision} → 新版本）前必须先备份，但备份未能完成：{reason}\n"
            "若本单位已在服务器上定时备份(pg_dump)，可设置环境变量 {env}=1 后再启动以跳过这一步。",
            revision=revision,
            reason=exc.message,
            env=ENV_UPGRADE_WITHOUT_DUMP,
        ) from None
    manifest = layout.read_manifest(folder)
    integrity = (
        next((c for c in manifest.checks if c.name in ("integrity", "archive")), None)
        if manifest
        else None
    )
    if integrity is None or not integrity.ok:
        raise DeskError(
            "升级前的备份 {folder} 未通过校验（{detail}）：数据库可能已损坏，升级已停止。"
            "请由系统管理员检查，必要时从较早的备份恢复。",
            folder=folder,
            detail=integrity.detail if integrity else "",
        )
    return folder
