"""Making backups: 立即备份 (系统管理员), the desk's automatic daily backup and ``hotline-desk
backup``; each is audited (also when it fails), the generations are pruned to the office's
``backup_keep`` afterwards, and the last failure is kept for the administrator to see."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import DeskError, Msg
from hotline_desk.domain.permissions import require
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import Progress, ServiceContext, Token, local_now
from hotline_desk.services.dto import Actor
from hotline_desk.store.backup import layout
from hotline_desk.store.backup.layout import BackupKind, Check, Generation
from hotline_desk.store.backup.make import BackupRequest, make_backup, stage_of

__all__ = [
    "BackupInfo",
    "BackupKind",
    "DeskPlace",
    "desk_place",
    "list_backups",
    "run_backup",
    "stage_of",
]

log = logging.getLogger("hotline_desk.backup")
AUTO_EVERY = timedelta(days=1)
RETRY_AFTER = timedelta(hours=1)
FAILURE_FILE = "last-failure.json"
BACKUP_ROLES = frozenset({Role.SYS_ADMIN})


@dataclass(frozen=True)
class DeskPlace:
    """Where a desk keeps its data: the database URL (with its password, never shown) and the
    data directory (backups under ``backups/``)."""

    url: str
    data_dir: Path

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    @property
    def database_file(self) -> Path | None:
        db = make_url(self.url).database
        return Path(db) if self.is_sqlite and db and db != ":memory:" else None


def desk_place(ctx: ServiceContext, data_dir: Path | None) -> DeskPlace | None:
    """The open desk's place; without a data directory, a SQLite file's own folder."""
    url = ctx.engines.url
    if data_dir is None:
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        data_dir = Path(url.database).parent
    return DeskPlace(url.render_as_string(hide_password=False), data_dir)


@dataclass(frozen=True)
class BackupInfo:
    """One generation as the 备份与恢复 page lists it."""

    name: str
    path: Path
    kind: str
    made_at: datetime
    made_by: str
    ok: bool
    has_manifest: bool
    checks: tuple[Check, ...]
    size: int
    cases: int | None
    schema_revision: str | None
    engine: str


def info_of(gen: Generation) -> BackupInfo:
    m = gen.manifest
    size = m.size if m else (gen.path.stat().st_size if gen.path.is_file() else 0)
    return BackupInfo(
        gen.name,
        gen.path,
        gen.kind,
        gen.made_at,
        m.made_by if m else "",
        gen.ok,
        m is not None,
        m.checks if m else (),
        size,
        m.cases if m else None,
        m.schema_revision if m else None,
        m.engine if m else "sqlite",
    )


def list_backups(place: DeskPlace) -> list[BackupInfo]:
    """The generations in the data directory's ``backups/``, newest first."""
    return [info_of(g) for g in layout.list_generations(place.backups)]


@signed_in
def run_backup(
    ctx: ServiceContext,
    place: DeskPlace,
    kind: BackupKind,
    actor: Actor | None = None,
    actor_name: str | None = None,
    out: Path | None = None,
    token: Token | None = None,
    report: Progress | None = None,
) -> BackupInfo:
    """Make one backup now: a 系统管理员's (``actor``), the desk's own daily one or the command
    line's (``actor`` None, ``actor_name`` says who). Audited either way; a failure is also
    kept for the 备份与恢复 page. A cancel removes what was written and is not a failure."""
    if actor is not None:
        require(actor.roles, BACKUP_ROLES, "备份数据库")
    started = ctx.now()
    who = actor_name or (actor.username if actor else "system")
    request = BackupRequest(kind, who, started, place.backups, place.data_dir, out, keep=_keep(ctx))
    try:
        folder = make_backup(
            make_url(place.url), request, token.check if token else _none, report or _none
        )
    except DeskError as exc:
        _failed(ctx, place, kind, actor, who, exc.message)
        raise
    except Exception as exc:
        if token is not None:
            token.check()  # cancelled: the token's own exception; nothing failed
        log.exception("backup failed")
        reason = _technical(exc)
        _failed(ctx, place, kind, actor, who, reason)
        raise DeskError("备份失败：{reason}", reason=reason) from exc
    gen = next(g for g in layout.list_generations(folder.parent) if g.path == folder)
    info = info_of(gen)
    audit_event(
        ctx,
        actor,
        who,
        "backup",
        info.name,
        {
            "kind": kind.value,
            "ok": info.ok,
            "bytes": info.size,
            "cases": info.cases,
            "schema": info.schema_revision,
            "failed_checks": [c.name for c in info.checks if not c.ok],
        },
    )
    if info.ok:
        (place.backups / FAILURE_FILE).unlink(missing_ok=True)
    else:
        failed = "、".join(c.name for c in info.checks if not c.ok)
        _remember_failure(
            place, kind, Msg("备份 {name} 未通过校验：{checks}", name=info.name, checks=failed)
        )
    return info


def _none(*_args: Any) -> None:
    return None


def _technical(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _keep(ctx: ServiceContext) -> int:
    try:
        return int(office.get_setting(ctx, office.BACKUP_KEEP))
    except Exception:  # noqa: BLE001 - an old schema without office settings: the default
        return int(office.BACKUP_KEEP.default)


def audit_event(
    ctx: ServiceContext,
    actor: Actor | None,
    who: str,
    action: str,
    name: str,
    detail: dict[str, Any],
) -> None:
    """The audit row of a backup or restore; a database that cannot take it is logged."""
    try:
        with ctx.uow.write() as uow:
            record_audit(
                uow.session,
                ctx.now(),
                actor,
                action,
                "backup",
                name,
                detail,
                actor_name=None if actor else who,
            )
            uow.commit()
    except Exception:  # noqa: BLE001 - the backup itself stands; the log says why
        log.exception("could not audit %s %s", action, name)


def _failed(
    ctx: ServiceContext,
    place: DeskPlace,
    kind: BackupKind,
    actor: Actor | None,
    who: str,
    reason: str,
) -> None:
    log.error("backup (%s) failed: %s", kind.value, reason)
    audit_event(ctx, actor, who, "backup_failed", "", {"kind": kind.value, "reason": str(reason)})
    _remember_failure(place, kind, reason)


def _remember_failure(place: DeskPlace, kind: BackupKind, reason: str) -> None:
    try:
        place.backups.mkdir(parents=True, exist_ok=True)
        (place.backups / FAILURE_FILE).write_text(
            json.dumps(
                {"at": local_now().isoformat(), "kind": kind.value, "reason": str(reason)},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    except OSError:
        log.exception("could not keep the backup failure")


@dataclass(frozen=True)
class BackupFailure:
    at: datetime
    kind: str
    reason: str


def last_failure(place: DeskPlace) -> BackupFailure | None:
    """The last backup that failed, until a backup succeeds."""
    try:
        data = json.loads((place.backups / FAILURE_FILE).read_text(encoding="utf-8"))
        return BackupFailure(datetime.fromisoformat(data["at"]), data["kind"], data["reason"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def last_auto_backup(place: DeskPlace) -> datetime | None:
    good = [
        g.made_at
        for g in layout.list_generations(place.backups)
        if g.kind == BackupKind.AUTO.value and g.ok
    ]
    return max(good, default=None)


def auto_backup_due(place: DeskPlace, now: datetime | None = None) -> bool:
    """The daily backup is due when the last good one is a day old (or there is none) and
    no backup failed within the last hour. Only on SQLite: a PostgreSQL server is dumped on
    the server (README), not by every workstation."""
    if not place.is_sqlite or place.database_file is None:
        return False
    now = now or local_now()
    failure = last_failure(place)
    if failure is not None and now - failure.at < RETRY_AFTER:
        return False
    last = last_auto_backup(place)
    return last is None or now - last >= AUTO_EVERY
