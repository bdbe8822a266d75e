"""Reading the audit log, for the 审计管理员 only (三员分立): rows filtered by time, user,
action and case, shown in words (``domain.audit_names``) with the users' names, a page at a
time, and exported to XLSX.

Every query and every export is itself an audit row (``audit_read``, ``audit_export``) holding
the filter — the auditor's own reads are on the record, written before any row is handed out.
The queries use the primary key (newest first, keyset paging) and ``ix_audit_log_at`` for a
time range; user, action and case are filters on top of those.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from hotline_desk.domain.audit_names import (
    ACTION_NAMES,
    UNKNOWN_USER,
    action_name,
    detail_text,
    object_name,
)
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.reports.table_export import TableWriter
from hotline_desk.reports.trace import Trace
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import AuditLog, User

AUDITOR = frozenset({Role.AUDIT_ADMIN})
PAGE = 500
MAX_PAGE = 5000
BATCH = 2000
SPECIAL_NAMES = {"system": "系统", "demo": "演示数据", "": "—"}
_LOGIN_ROWS = ("login_failed", "lockout")
MENTIONING = ("case_merge", "case_link")  # actions whose detail names another case
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 9), ("时间", 17), ("用户", 18), ("操作", 18), ("对象", 12), ("对象编号", 20),
    ("详情", 60),
)  # fmt: skip


@dataclass(frozen=True)
class AuditFilter:
    """What to show; empty fields do not filter. ``user_id`` is an account; ``username`` a name
    as stored (``system``, a command-line user) or an account's user name."""

    since: datetime | None = None
    upto: datetime | None = None
    user_id: int | None = None
    username: str = ""
    action: str = ""
    case_no: str = ""

    def described(self) -> dict[str, Any]:
        """The filter for the audit row of the read (only what was set)."""
        out: dict[str, Any] = {}
        if self.since is not None:
            out["start"] = self.since.isoformat(sep=" ")
        if self.upto is not None:
            out["end"] = self.upto.isoformat(sep=" ")
        if self.user_id is not None:
            out["user"] = self.user_id
        elif self.username:
            out["user"] = self.username
        if self.action:
            out["action"] = self.action
        if self.case_no:
            out["case_no"] = self.case_no
        return out


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    """Who: the account's name and user name, 系统, or (未知用户名) for a name no account has."""
    action: str
    action_name: str
    object_type: str
    object_name: str
    object_ref: str
    """The object in words: a case number, a user's name, a file or setting name."""
    detail: str
    """The detail as 键:值 pairs in Chinese."""


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    """How many rows the filter matches in all."""
    more: bool
    """Older rows follow (ask again with ``before_id`` = the last row's id)."""


@dataclass(frozen=True)
class AuditUser:
    id: int
    label: str


class _Names:
    """The users' names, read once per query (the users table is small)."""

    def __init__(self, s: Session) -> None:
        rows = s.execute(select(User.id, User.username, User.display_name)).all()
        self.by_id = {r.id: f"{r.display_name}({r.username})" for r in rows}
        self.by_name = {r.username: f"{r.display_name}({r.username})" for r in rows}
        self.id_of = {r.username: r.id for r in rows}

    def actor(self, row: AuditLog) -> str:
        if row.actor_id is not None and row.actor_id in self.by_id:
            return self.by_id[row.actor_id]
        if row.actor_name in self.by_name:
            return self.by_name[row.actor_name]
        if row.action in _LOGIN_ROWS and row.actor_id is None:
            # a name typed at login that is no account's (older rows kept the text itself)
            return UNKNOWN_USER
        if row.actor_name in SPECIAL_NAMES:
            return SPECIAL_NAMES[row.actor_name]
        return row.actor_name

    def object_ref(self, row: AuditLog) -> str:
        if row.object_type == "user":
            if row.object_id.isdigit() and int(row.object_id) in self.by_id:
                return self.by_id[int(row.object_id)]
            if row.actor_id is None and row.action in _LOGIN_ROWS:
                return UNKNOWN_USER
        return row.object_id


def _conditions(s: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.since is not None:
        where.append(AuditLog.at >= flt.since)
    if flt.upto is not None:
        where.append(AuditLog.at <= flt.upto)
    if flt.user_id is not None or flt.username:
        where.append(_user_condition(s, flt))
    if flt.action:
        where.append(AuditLog.action == flt.action)
    if flt.case_no:
        number = flt.case_no.strip().upper()
        own = and_(AuditLog.object_type == "case", AuditLog.object_id == number)
        mentioned = and_(  # a merge or link names the other case in its detail
            AuditLog.action.in_(MENTIONING),
            AuditLog.object_type == "case",
            AuditLog.detail.contains(f'"{number}"', autoescape=True),
        )
        where.append(or_(own, mentioned))  # each side answered by an index (0010)
    return where


def _user_condition(s: Session, flt: AuditFilter) -> ColumnElement[bool]:
    """The user's own rows, and the failed logins under the account's name (no actor id)."""
    if flt.user_id is not None:
        name = s.execute(select(User.username).where(User.id == flt.user_id)).scalar()
        user_id = flt.user_id
    else:
        name = flt.username.strip()
        user_id = s.execute(select(User.id).where(User.username == name)).scalar()
    parts: list[ColumnElement[bool]] = []
    if user_id is not None:
        parts.append(AuditLog.actor_id == user_id)
    if name:
        parts.append(and_(AuditLog.actor_id.is_(None), AuditLog.actor_name == name))
    return or_(*parts) if parts else AuditLog.id.is_(None)


def _check(flt: AuditFilter) -> None:
    if flt.action and flt.action not in ACTION_NAMES:
        raise ValidationError({"action": Msg("没有这种操作")})
    if flt.since is not None and flt.upto is not None and flt.since > flt.upto:
        raise ValidationError({"since": Msg("起始时间不能晚于截止时间")})


def _row(row: AuditLog, names: _Names) -> AuditRow:
    return AuditRow(
        row.id, row.at, names.actor(row), row.action, action_name(row.action), row.object_type,
        object_name(row.object_type), names.object_ref(row), detail_text(row.detail),
    )  # fmt: skip


def _audit(ctx: ServiceContext, actor: Actor, action: str, detail: dict[str, Any]) -> int:
    """Record the auditor's read or export; returns the new row's id (the chain head is locked
    while it is written, so every row before it has a smaller id)."""
    with ctx.uow.write() as uow:
        s = uow.session
        record_audit(s, ctx.now(), actor, action, "audit_log", "", detail)
        s.flush()
        own = s.execute(select(func.max(AuditLog.id))).scalar_one()
        uow.commit()
    return int(own)


@user_input
def search_audit(ctx: ServiceContext, actor: Actor, flt: AuditFilter, limit: int = PAGE,
                 before_id: int | None = None) -> AuditPage:  # fmt: skip
    """The newest rows of ``flt`` (older than ``before_id`` when paging on). The read is audited
    (``audit_read`` with the filter) before the rows are read: one row per query; the rows
    shown are those before it."""
    require(actor.roles, AUDITOR, "查看审计日志")
    _check(flt)
    detail: dict[str, Any] = {"filter": flt.described()}
    if before_id is not None:
        detail["before_id"] = before_id
    own = _audit(ctx, actor, "audit_read", detail)
    size = max(1, min(limit, MAX_PAGE))
    with ctx.uow.read() as uow:
        s = uow.session
        where = [*_conditions(s, flt), AuditLog.id < own]  # not this read's own row
        total = s.execute(select(func.count()).select_from(AuditLog).where(*where)).scalar_one()
        page = where + ([AuditLog.id < before_id] if before_id is not None else [])
        found = list(
            s.execute(select(AuditLog).where(*page).order_by(AuditLog.id.desc()).limit(size + 1))
            .scalars()
        )  # fmt: skip
        names = _Names(s)
        rows = tuple(_row(r, names) for r in found[:size])
    return AuditPage(rows, int(total), len(found) > size)


@user_input
def list_audit(ctx: ServiceContext, actor: Actor, limit: int = PAGE) -> list[AuditRow]:
    """The newest rows, unfiltered (an audited read like any other)."""
    return list(search_audit(ctx, actor, AuditFilter(), limit).rows)


@signed_in
def audit_users(ctx: ServiceContext, actor: Actor) -> list[AuditUser]:
    """Every account, for the page's user filter (names only; no personal data)."""
    require(actor.roles, AUDITOR, "查看审计日志")
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(User.id, User.username, User.display_name).order_by(User.username)
        ).all()
    return [AuditUser(r.id, f"{r.display_name}({r.username})") for r in rows]


def _batches(ctx: ServiceContext, flt: AuditFilter) -> Iterator[tuple[list[AuditRow], int]]:
    before: int | None = None
    total: int | None = None
    while True:
        with ctx.uow.read() as uow:
            s = uow.session
            where = _conditions(s, flt)
            if total is None:
                total = int(
                    s.execute(select(func.count()).select_from(AuditLog).where(*where))
                    .scalar_one()
                )  # fmt: skip
            if before is not None:
                where.append(AuditLog.id < before)
            found = list(
                s.execute(select(AuditLog).where(*where).order_by(AuditLog.id.desc())
                          .limit(BATCH)).scalars()
            )  # fmt: skip
            names = _Names(s)
            rows = [_row(r, names) for r in found]
        if rows:
            yield rows, total
        if len(found) < BATCH:
            return
        before = found[-1].id


@user_input
def export_audit(ctx: ServiceContext, actor: Actor, flt: AuditFilter, path: Path,
                 token: Token | None = None, report: Progress | None = None) -> int:  # fmt: skip
    """导出审计日志: every row of ``flt``, newest first, to an XLSX file with Chinese headers;
    audited (``audit_export``) with the filter and the row count. A cancelled or failed export
    leaves no file. Returns the number of rows written."""
    require(actor.roles, AUDITOR, "导出审计日志")
    _check(flt)
    done = 0
    try:
        with TableWriter(path, "xlsx", [h for h, _w in COLUMNS], [w for _h, w in COLUMNS],
                         sheet="审计日志",
                         trace=Trace(actor.display_name, actor.username, ctx.now())
                         ) as writer:  # fmt: skip
            for rows, total in _batches(ctx, flt):
                if token is not None:
                    token.check()
                for r in rows:
                    writer.row([r.id, r.at, r.user, r.action_name, r.object_name, r.object_ref,
                                r.detail])  # fmt: skip
                done += len(rows)
                if report is not None:
                    report(done, max(total, done))
        _audit(ctx, actor, "audit_export", {"filter": flt.described(), "rows": done,
                                             "file": path.name})  # fmt: skip
    except BaseException:
        path.unlink(missing_ok=True)  # no file without its audit row
        raise
    return done
