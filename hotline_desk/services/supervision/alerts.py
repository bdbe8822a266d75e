"""Deadline and supervision alerts for the navigation badge and the desktop notification
(DESIGN.md §5): how many of the user's cases are yellow or red, what was urged or ordered, and
what happened since the last check. A handful of indexed COUNTs and range reads, cheap enough
to run every minute on every workstation.

"The user's cases" are ``board_scope.count_scope``: the one definition the 督办台 counts with
too, so 超期 N beside the user's name is the board's 红牌 N and 临期 N its 黄牌 N (desk and
leaders: every case with a running clock; section staff: the cases their section leads or its
直属单位 handles, on the sign and reply clocks).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Select, bindparam, func, select

from hotline_desk.domain.enums.supervision import SupervisionStatus
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES, has_any
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision.board_scope import count_scope, level_select
from hotline_desk.store.compiled import run_selects
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import Supervision

SECTION = SECTION_STAFF_ROLES
NEW_ITEMS_MAX = 20


@dataclass(frozen=True)
class AlertItem:
    case_id: int
    case_no: str
    kind: str  # yellow / red / urge / order
    at: datetime


@dataclass(frozen=True)
class AlertSnapshot:
    checked_at: datetime
    yellow: int
    red: int
    unread_urges: int
    open_orders: int
    new: tuple[AlertItem, ...]

    @property
    def badge(self) -> int:
        """What the navigation badge shows: cases needing attention now."""
        return self.red + self.yellow + self.unread_urges + self.open_orders


def _my_supervisions(actor: Actor) -> ColumnElement[bool] | None:
    """The supervisions addressed to the actor's section; None for a user without one (the
    desk, leaders): nothing to ask the database."""
    if not has_any(actor.roles, SECTION) or actor.org_unit_id is None:
        return None
    return Supervision.org_unit_id == actor.org_unit_id


NOW = bindparam("now", None, type_=DateTime, required=False)
SINCE = bindparam("since", None, type_=DateTime, required=False)
"""The check's two varying values: every statement below is fixed by the actor's roles and
section, so it is built (and on SQLite compiled: ``store/compiled.py``) once per user."""


@dataclass(frozen=True)
class _Check:
    """The statements of one user's check: its red and yellow counts (per part of the scope), the
    pending supervisions' count, and what turned red/yellow or was urged/ordered since."""

    levels: Select[Any]
    pending: Select[Any] | None
    news: tuple[tuple[str | None, Select[Any]], ...]


@functools.lru_cache(maxsize=64)
def _statements(roles: frozenset[str], unit: int | None) -> _Check:
    actor = Actor(user_id=0, username="", display_name="", roles=roles, org_unit_id=unit)
    sup = _my_supervisions(actor)
    pending = None
    news: list[tuple[str | None, Select[Any]]] = [
        (
            "red",
            select(Case.id, Case.case_no, Case.due_at)
            .where(count_scope(actor, Case.due_at > SINCE), Case.due_at <= NOW)
            .order_by(Case.due_at.desc())
            .limit(NEW_ITEMS_MAX),
        ),
        (
            "yellow",
            select(Case.id, Case.case_no, Case.warn_at)
            .where(count_scope(actor, Case.due_at > NOW), Case.warn_at > SINCE, Case.warn_at <= NOW)
            .order_by(Case.warn_at.desc())
            .limit(NEW_ITEMS_MAX),
        ),
    ]
    if sup is not None:
        pending = (
            select(Supervision.status, func.count())
            .where(sup, Supervision.status.in_([SupervisionStatus.SENT, SupervisionStatus.OPEN]))
            .group_by(Supervision.status)
        )
        news.append(
            (
                None,  # the row says: urge / order
                select(Supervision.case_id, Case.case_no, Supervision.kind, Supervision.issued_at)
                .join(Case, Case.id == Supervision.case_id)
                .where(sup, Supervision.issued_at > SINCE, Supervision.issued_at <= NOW)
                .order_by(Supervision.issued_at.desc())
                .limit(NEW_ITEMS_MAX),
            )
        )
    return _Check(level_select(actor, NOW), pending, tuple(news))


@signed_in
def check_alerts(ctx: ServiceContext, actor: Actor, since: datetime | None) -> AlertSnapshot:
    """The badge counts now, and what turned yellow/red or was urged/ordered after ``since``
    (None: nothing is new, e.g. right after login)."""
    now = ctx.now()
    key = ("alerts", actor.roles, actor.org_unit_id)
    check = _statements(actor.roles, actor.org_unit_id)
    everything = [check.levels, check.pending, *(stmt for _kind, stmt in check.news)]
    wanted = len(everything) if since is not None else 2
    statements = [(i, stmt) for i, stmt in enumerate(everything[:wanted]) if stmt is not None]
    found = run_selects(ctx.engines.reader, key, statements, {"now": now, "since": since})
    counts = found[0][0]  # red parts, then yellow parts
    half = len(counts) // 2
    red, yellow = sum(counts[:half]), sum(counts[half:])
    rest = found[1:]
    pending: dict[object, int] = dict(rest.pop(0)) if check.pending is not None else {}  # type: ignore[arg-type]
    new: list[AlertItem] = []
    for (kind, _stmt), rows in zip(check.news, rest, strict=False):
        if kind is None:
            new += [AlertItem(i, no, what, at) for i, no, what, at in rows]
        else:
            new += [AlertItem(i, no, kind, at) for i, no, at in rows]
    new.sort(key=lambda a: a.at, reverse=True)
    return AlertSnapshot(
        checked_at=now,
        yellow=yellow,
        red=red,
        unread_urges=int(pending.get(SupervisionStatus.SENT, 0)),
        open_orders=int(pending.get(SupervisionStatus.OPEN, 0)),
        new=tuple(new[:NEW_ITEMS_MAX]),
    )
