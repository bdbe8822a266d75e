"""恢复: put a backup into a new file (or database), check it, show what was found beside the
live data, and swap it in only when the administrator confirms; the old data is kept under
another name. The restored database is then opened the normal way — a backup made by an older
schema is upgraded by the usual migrations — and the restore is audited in it.

Whoever swaps must have let go of the live database first: ``swap_in`` records the restore in
the live database, disposes the caller's engines and only then touches the files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.permissions import require
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.backup.backups import BACKUP_ROLES, DeskPlace, audit_event
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.store import audit_anchor, migrate
from hotline_desk.store.backup import postgres, restore, sqlite_files
from hotline_desk.store.backup.layout import Check
from hotline_desk.store.backup.pg_tools import PgPlace
from hotline_desk.store.engine import make_engines

log = logging.getLogger("hotline_desk.backup")


@dataclass(frozen=True)
class CountRow:
    table: str
    backup: int | None
    live: int | None


@dataclass(frozen=True)
class RestoreCheck:
    """What a prepared restore found; ``ok`` means it may be swapped in."""

    source: Path
    name: str
    engine: str
    made_at: datetime | None
    kind: str
    made_by: str
    desk_version: str
    schema_revision: str | None
    head_revision: str
    schema_known: bool
    checks: tuple[Check, ...]
    counts: tuple[CountRow, ...]
    live_error: str
    files_back: tuple[str, ...]
    files_kept: tuple[str, ...]
    prepared: str

    @property
    def needs_upgrade(self) -> bool:
        return self.schema_known and self.schema_revision != self.head_revision

    @property
    def ok(self) -> bool:
        return bool(self.prepared) and self.schema_known and all(c.ok for c in self.checks)


def prepare_restore(
    place: DeskPlace,
    source_path: Path,
    actor: Actor | None = None,
    actor_name: str = "",
    live: ServiceContext | None = None,
    token: Token | None = None,
    report: Progress | None = None,
) -> RestoreCheck:
    """Restore the backup at ``source_path`` into a new place and check it; nothing live is
    touched. A check that fails leaves nothing behind (``prepared`` empty)."""
    if actor is not None:
        require(actor.roles, BACKUP_ROLES, "恢复数据库")
    source = restore.find_source(source_path)
    if (source.engine == "sqlite") != place.is_sqlite:
        raise DeskError(
            "这是 {kind} 数据库的备份，当前使用的是另一种数据库，不能直接恢复。",
            kind="SQLite" if source.engine == "sqlite" else "PostgreSQL",
        )
    cancel = token.check if token else _none
    if place.is_sqlite:
        live_db = place.database_file
        assert live_db is not None
        done = restore.prepare_sqlite(source, live_db, cancel, report or _none)
    else:
        done = restore.prepare_postgres(source, PgPlace.of(place.url), cancel, report or _none)
    known = _known(done.schema_revision)
    live_counts, live_error = _live_counts(place)
    m = source.manifest
    tables = sorted(set(done.row_counts) | set(live_counts))
    files = restore.files_state(source, place.data_dir)
    check = RestoreCheck(
        source=source.database,
        name=m.name if m else source.database.name,
        engine=source.engine,
        made_at=m.made_at if m else None,
        kind=m.kind if m else "",
        made_by=m.made_by if m else "",
        desk_version=m.desk_version if m else "",
        schema_revision=done.schema_revision,
        head_revision=migrate.SCHEMA_HEAD,
        schema_known=known,
        checks=done.checks,
        counts=tuple(CountRow(t, done.row_counts.get(t), live_counts.get(t)) for t in tables),
        live_error=live_error,
        files_back=tuple(r for r, s in files if s == "missing"),
        files_kept=tuple(r for r, s in files if s == "differs"),
        prepared=done.prepared,
    )
    if done.prepared and not check.ok:
        discard_restore(place, check)
        check = _without_prepared(check)
    _audit_live(
        place,
        live,
        actor,
        actor_name,
        "restore_check",
        check.name,
        {
            "ok": check.ok,
            "schema": check.schema_revision,
            "failed_checks": [c.name for c in check.checks if not c.ok],
        },
    )
    return check


def _none(*_args: object) -> None:
    return None


def _without_prepared(check: RestoreCheck) -> RestoreCheck:
    from dataclasses import replace

    return replace(check, prepared="")


def _known(revision: str | None) -> bool:
    if revision is None:
        return False
    if revision == migrate.SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return revision in {r.revision for r in script.walk_revisions()}


def _live_counts(place: DeskPlace) -> tuple[dict[str, int], str]:
    """The live data's row counts for the comparison; an error text when it cannot be read
    (a damaged live file is what a restore is often for)."""
    try:
        if place.is_sqlite:
            db = place.database_file
            if db is None or not db.exists():
                return {}, "当前数据库文件不存在"
            con = sqlite_files.connect_ro(db)
            try:
                return sqlite_files.table_counts(con), ""
            finally:
                con.close()
        return postgres.state_of(PgPlace.of(place.url), with_chain=False).row_counts, ""
    except Exception as exc:  # noqa: BLE001 - shown beside the backup's counts
        return {}, f"{type(exc).__name__}: {exc}"[:300]


def _audit_live(
    place: DeskPlace,
    live: ServiceContext | None,
    actor: Actor | None,
    who: str,
    action: str,
    name: str,
    detail: dict[str, object],
) -> None:
    """Audit in the live database (best effort: it may be the damaged one)."""
    ctx = live
    try:
        ctx = ctx or ServiceContext.for_engines(make_engines(place.url))
    except Exception:  # noqa: BLE001 - no live database to write to
        log.warning("live database not open for the %s audit row", action)
        return
    try:
        audit_event(ctx, actor, who or "system", action, name, detail)
    finally:
        if live is None:
            ctx.engines.dispose()


def discard_restore(place: DeskPlace, check: RestoreCheck) -> None:
    """Remove a prepared restore the administrator did not confirm."""
    restore.discard(check.prepared, None if place.is_sqlite else PgPlace.of(place.url))


@dataclass(frozen=True)
class Swapped:
    kept: str
    """Where the old live data is now: a file, a database or a schema ("" when there was none)."""
    revision_before: str | None
    revision_after: str | None
    files_back: tuple[str, ...]


def swap_in(
    place: DeskPlace,
    check: RestoreCheck,
    actor: Actor | None = None,
    actor_name: str = "",
    live: ServiceContext | None = None,
) -> Swapped:
    """Swap the checked restore in. ``live`` (the caller's open desk) gets the audit row, then
    its engines are disposed; afterwards the caller must reopen the desk (the GUI restarts)."""
    if actor is not None:
        require(actor.roles, BACKUP_ROLES, "恢复数据库")
    if not check.ok:
        raise DeskError("这份备份未通过校验，不能恢复。")
    detail = {
        "from": check.name,
        "made_at": check.made_at.isoformat() if check.made_at else "",
        "schema": check.schema_revision,
    }
    _audit_live(place, live, actor, actor_name, "restore_start", check.name, detail)
    if live is not None:
        live.engines.dispose()
    source = restore.find_source(check.source)
    try:
        if place.is_sqlite:
            live_db = place.database_file
            assert live_db is not None
            kept = str(restore.swap_sqlite(Path(check.prepared), live_db))
        else:
            pg = PgPlace.of(place.url)
            kept = postgres.swap(pg, pg.on(check.prepared), source.database)
    except Exception as exc:
        reason = exc.message if isinstance(exc, DeskError) else f"{type(exc).__name__}: {exc}"
        _audit_live(
            place,
            None,
            actor,
            actor_name,
            "restore_failed",
            check.name,
            {**detail, "reason": str(reason)[:300]},
        )
        raise
    back, _kept_files = restore.restore_files(source, place.data_dir)
    audit_anchor.forget_location(place.url)  # the restored copy starts this machine's memory anew
    try:
        ctx = open_desk(place.url, backup_dir=place.backups)  # upgrades an older schema
    except DeskError as exc:
        raise DeskError(
            "备份已恢复，但打开（升级）时出错：{reason}。原数据保留在 {kept}。",
            reason=exc.message,
            kept=kept,
        ) from None
    try:
        after = migrate.current_revision(ctx.engines)
        audit_event(
            ctx,
            actor,
            actor_name or "system",
            "restore",
            check.name,
            {
                **detail,
                "kept": Path(kept).name if place.is_sqlite else kept,
                "upgraded_to": after if after != check.schema_revision else None,
                "files_back": list(back),
            },
        )
    finally:
        ctx.engines.dispose()
    log.info("restored %s; old data kept as %s", check.name, kept)
    return Swapped(kept, check.schema_revision, after, tuple(back))
