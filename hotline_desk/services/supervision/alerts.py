"""Deadline and supervision alerts for the navigation badge and the desktop notification
(DESIGN.md §5): how many of the user's cases are yellow or red, what was urged or ordered, and
what happened since the last check. A handful of indexed COUNTs and range reads, cheap enough
to run every minute on every workstation.

"The user's cases" are ``board.count_scope``: the one definition the 督办台 counts with too, so
超期 N beside the user's name is the board's 红牌 N and 临期 N its 黄牌 N (desk and leaders: every
case with a running clock; section staff: the cases their section leads or its 直属单位 handles,
on the sign and reply clocks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select

from hotline_desk.domain.enums.supervision import SupervisionStatus
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES, has_any
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision.board import count_scope, level_counts_in
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


@signed_in
def check_alerts(ctx: ServiceContext, actor: Actor, since: datetime | None) -> AlertSnapshot:
    """The badge counts now, and what turned yellow/red or was urged/ordered after ``since``
    (None: nothing is new, e.g. right after login)."""
    now = ctx.now()
    mine = count_scope(actor)
    sup = _my_supervisions(actor)
    with ctx.uow.read() as uow:
        s = uow.session

        levels = level_counts_in(s, actor, now)
        pending: dict[object, int] = {}
        if sup is not None:
            pending = dict(
                s.execute(
                    select(Supervision.status, func.count())
                    .where(
                        sup,
                        Supervision.status.in_([SupervisionStatus.SENT, SupervisionStatus.OPEN]),
                    )
                    .group_by(Supervision.status)
                ).all()
            )
        new: list[AlertItem] = []
        if since is not None:
            turned_red = s.execute(
                select(Case.id, Case.case_no, Case.due_at)
                .where(mine, Case.due_at > since, Case.due_at <= now)
                .order_by(Case.due_at.desc())
                .limit(NEW_ITEMS_MAX)
            ).all()
            new += [AlertItem(i, no, "red", at) for i, no, at in turned_red]
            turned_yellow = s.execute(
                select(Case.id, Case.case_no, Case.warn_at)
                .where(mine, Case.warn_at > since, Case.warn_at <= now, Case.due_at > now)
                .order_by(Case.warn_at.desc())
                .limit(NEW_ITEMS_MAX)
            ).all()
            new += [AlertItem(i, no, "yellow", at) for i, no, at in turned_yellow]
            if sup is not None:
                supervised = s.execute(
                    select(
                        Supervision.case_id, Case.case_no, Supervision.kind, Supervision.issued_at
                    )
                    .join(Case, Case.id == Supervision.case_id)
                    .where(sup, Supervision.issued_at > since, Supervision.issued_at <= now)
                    .order_by(Supervision.issued_at.desc())
                    .limit(NEW_ITEMS_MAX)
                ).all()
                new += [AlertItem(i, no, kind, at) for i, no, kind, at in supervised]
    new.sort(key=lambda a: a.at, reverse=True)
    return AlertSnapshot(
        checked_at=now,
        yellow=levels.yellow,
        red=levels.red,
        unread_urges=int(pending.get(SupervisionStatus.SENT, 0)),
        open_orders=int(pending.get(SupervisionStatus.OPEN, 0)),
        new=tuple(new[:NEW_ITEMS_MAX]),
    )
