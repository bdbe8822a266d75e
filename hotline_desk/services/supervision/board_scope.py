"""Which cases the 督办台, the header badge and the navigation count, and their warning levels
and escalation suggestions, as SQL conditions over the indexed ``due_at``/``warn_at`` of the
running clock (``board.py`` pages and counts with them, ``alerts.py`` checks with them).

``count_scope`` is the one definition of "the cases counted": every case with a running clock
for the desk and leaders (the board's users), the cases a section leads or its 直属单位 handles on
the sign and reply clocks for section staff, none for anyone else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select

from hotline_desk.domain.enums.handling import Tier
from hotline_desk.domain.enums.supervision import Clock, Level
from hotline_desk.domain.errors import ValidationError
from hotline_desk.domain.permissions import BOARD_ROLES, SECTION_STAFF_ROLES, has_any
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case

CLOCKS_SINCE = datetime(1900, 1, 1)


def has_clock() -> ColumnElement[bool]:
    """A clock is running: ``due_at`` set, written as a range (not IS NOT NULL) so that SQLite
    answers the section counts from ``ix_cases_lead_due`` (section, due, warn) alone, skipping
    from section to section over the cases whose clocks run (4 ms instead of 70 ms at 1 M)."""
    return Case.due_at >= CLOCKS_SINCE


def count_scope(actor: Actor, clock: ColumnElement[bool] | None = None) -> ColumnElement[bool]:
    """The cases counted for ``actor`` by the board, the badge and the navigation (module doc):
    one definition, so that 超期 N beside the user's name is 红牌 N on the board. ``clock``: a
    narrower deadline range in place of ``has_clock`` (SQLite bounds an index range by one
    lower bound only, the first written)."""
    clock = has_clock() if clock is None else clock
    if has_any(actor.roles, BOARD_ROLES):
        return and_(clock, visible_to(actor))
    unit = actor.org_unit_id
    if has_any(actor.roles, SECTION_STAFF_ROLES) and unit is not None:
        return and_(
            clock,
            or_(Case.lead_unit_id == unit, Case.handling_unit_id == unit),
            Case.due_clock.in_([Clock.SIGN.value, Clock.REPLY.value]),
        )
    return and_(clock, false())


def _section_parts(
    actor: Actor, clock: ColumnElement[bool] | None = None
) -> list[ColumnElement[bool]] | None:
    """``count_scope`` of section staff as two disjoint parts — the cases the section leads,
    and those it handles but does not lead — each answered from its covering index
    (``ix_cases_lead_clock``, ``ix_cases_handling_clock``) where the OR of the two would read
    every case's row; None for everyone else."""
    unit = actor.org_unit_id
    if has_any(actor.roles, BOARD_ROLES) or not has_any(actor.roles, SECTION_STAFF_ROLES):
        return None
    if unit is None:
        return None
    clocks = Case.due_clock.in_([Clock.SIGN.value, Clock.REPLY.value])
    clock = has_clock() if clock is None else clock
    return [
        and_(clock, Case.lead_unit_id == unit, clocks),
        and_(
            clock,
            Case.handling_unit_id == unit,
            or_(Case.lead_unit_id.is_(None), Case.lead_unit_id != unit),
            clocks,
        ),
    ]


def level_select(actor: Actor, now: Any) -> Select[Any]:
    """Red and yellow among ``count_scope(actor)`` in one statement, as the indexes answer
    them: a COUNT of each level's deadline range (``level_condition``: red before ``now``;
    yellow from ``now`` on, its warning passed), for section staff per part of
    ``_section_parts`` (columns: red parts, then yellow parts; add them up). ``now`` is a time
    or a bound parameter (``alerts`` compiles it once)."""
    levels = [
        (None, Case.due_at < now),
        (Case.due_at >= now, Case.warn_at <= now),  # yellow: the range, then the rest
    ]
    return select(
        *(
            select(func.count()).select_from(Case).where(scope, rest).scalar_subquery()
            for clock, rest in levels
            for scope in _section_parts(actor, clock) or [count_scope(actor, clock)]
        )
    )


def level_expr(now: datetime) -> ColumnElement[str]:
    """The warning level of the running clock, in SQL (``domain.deadlines.level_at``)."""
    return case(
        (Case.due_at < now, Level.RED.value),
        (Case.warn_at <= now, Level.YELLOW.value),
        else_=Level.NORMAL.value,
    )


def level_condition(level: str, now: Any) -> ColumnElement[bool]:
    if level == Level.RED:
        return Case.due_at < now
    if level == Level.YELLOW:
        return and_(Case.due_at >= now, Case.warn_at <= now)
    if level == Level.NORMAL:
        return and_(Case.due_at >= now, or_(Case.warn_at.is_(None), Case.warn_at > now))
    raise ValidationError({"level": "预警级别只能是：正常、黄牌、红牌"})


def suggestion_condition(kind: str, now: Any, since: Any) -> ColumnElement[bool]:
    """建议催办: overdue since before today and never urged; 建议红牌督办: overdue for at least
    ``ORDER_AFTER_WORKDAYS`` working days without a red order. Sections' clocks only (a case
    not routed yet is the desk's to route, not one to urge)."""
    sections = and_(
        Case.due_clock != Clock.CALLBACK.value, Case.tier.in_((Tier.SECTION, Tier.UNIT))
    )
    if kind == "urge":
        return and_(sections, Case.due_at < since, Case.urge_count == 0, Case.order_level.is_(None))
    if kind == "order":
        return and_(
            sections,
            Case.due_at < since,
            or_(Case.order_level.is_(None), Case.order_level != Level.RED.value),
        )
    raise ValidationError({"suggestion": "建议类型只能是催办或督办"})
