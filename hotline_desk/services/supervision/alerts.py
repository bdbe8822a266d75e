"""Deadline and supervision alerts for the navigation badge and the desktop notification
(DESIGN.md §5): how many of the user's cases are yellow or red, what was urged or ordered, and
what happened since the last check. A handful of indexed COUNTs and range reads, cheap enough
to run every minute on every workstation.

"The user's cases": a section's staff — the cases their section leads or its 直属单位 handles,
on the sign and reply clocks; the desk — the cases it has yet to route, its own 直办 cases and
the callback clock it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_, select

from hotline_desk.domain.enums import CaseStatus, Clock, Level, Role, SupervisionStatus, Tier
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES, has_any
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision.board import has_clock, level_condition
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


def _mine(actor: Actor) -> ColumnElement[bool]:
    unit = actor.org_unit_id
    parts: list[ColumnElement[bool]] = []
    if has_any(actor.roles, SECTION) and unit is not None:
        parts.append(
            and_(
                or_(Case.lead_unit_id == unit, Case.handling_unit_id == unit),
                Case.due_clock.in_([Clock.SIGN.value, Clock.REPLY.value]),
            )
        )
    if Role.DESK in actor.roles:
        parts.append(
            or_(
                Case.status == CaseStatus.REGISTERED.value,
                Case.tier == Tier.DIRECT,
                Case.due_clock == Clock.CALLBACK.value,
            )
        )
    return or_(*parts) if parts else false()


def _my_supervisions(actor: Actor) -> ColumnElement[bool]:
    if not has_any(actor.roles, SECTION) or actor.org_unit_id is None:
        return false()
    return Supervision.org_unit_id == actor.org_unit_id


@signed_in
def check_alerts(ctx: ServiceContext, actor: Actor, since: datetime | None) -> AlertSnapshot:
    """The badge counts now, and what turned yellow/red or was urged/ordered after ``since``
    (None: nothing is new, e.g. right after login)."""
    now = ctx.now()
    mine = _mine(actor)
    sup = _my_supervisions(actor)
    with ctx.uow.read() as uow:
        s = uow.session

        def count(*conds: ColumnElement[bool]) -> int:
            return int(s.execute(select(func.count()).select_from(Case).where(*conds)).scalar_one())

        yellow = count(has_clock(), mine, level_condition(Level.YELLOW, now))
        red = count(has_clock(), mine, level_condition(Level.RED, now))
        pending = dict(
            s.execute(
                select(Supervision.status, func.count())
                .where(
                    sup, Supervision.status.in_([SupervisionStatus.SENT, SupervisionStatus.OPEN])
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
            supervised = s.execute(
                select(Supervision.case_id, Case.case_no, Supervision.kind, Supervision.issued_at)
                .join(Case, Case.id == Supervision.case_id)
                .where(sup, Supervision.issued_at > since, Supervision.issued_at <= now)
                .order_by(Supervision.issued_at.desc())
                .limit(NEW_ITEMS_MAX)
            ).all()
            new += [AlertItem(i, no, kind, at) for i, no, kind, at in supervised]
    new.sort(key=lambda a: a.at, reverse=True)
    return AlertSnapshot(
        checked_at=now,
        yellow=yellow,
        red=red,
        unread_urges=int(pending.get(SupervisionStatus.SENT, 0)),
        open_orders=int(pending.get(SupervisionStatus.OPEN, 0)),
        new=tuple(new[:NEW_ITEMS_MAX]),
    )
