"""The cases behind a statistics figure: a click on 按时办结率 of 财务科 in November opens the
case list limited to the cases that make it up (here: those replied late). The conditions are
the aggregates' own, on the same facts (``services/stats/sql.py``), so the list and the figure
agree (for a frozen month, the list shows the cases the facts name, as they are now)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, select

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.facts import FactKind
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.dto import KpiSelection
from hotline_desk.services.stats.marks import latest_facts
from hotline_desk.services.stats.sql import (
    AT_COUNTS,
    GROUP_COLUMNS,
    decode_value,
    due_counts,
    kind_is,
    satisfied_ratings,
    within,
)
from hotline_desk.store.models import Case
from hotline_desk.store.models.facts import CaseFact as F

AT_DRILLS = {
    "received": "received", "duplicates": "duplicates", "direct": "direct", "closed": "closed",
    "replied": "replied", "replied_late": "replied_late", "extended": "extensions",
    "returned": "returns", "reopened": "reopened",
}  # fmt: skip


def _equals(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


class _Group:
    """A breakdown's group as a condition on the facts (and on the ranked subquery)."""

    def __init__(self, column: Any, value: Any) -> None:
        self.column, self.value = column, value

    def on(self, table: Any) -> ColumnElement[bool]:
        column = table.c[self.column.key] if table is not None else self.column
        return _equals(column, self.value)


def _facts(cond: ColumnElement[bool], where: ColumnElement[bool],
           group: _Group | None) -> ColumnElement[bool]:  # fmt: skip
    sub = select(F.case_id).where(where, cond, *([group.on(None)] if group else []))
    return Case.id.in_(sub)


def _open(instant: datetime, overdue: bool, group: _Group | None) -> ColumnElement[bool]:
    ranked = latest_facts(None, instant)
    conds = [ranked.c.rn == 1, ranked.c.is_open.is_(True)]
    if overdue:
        conds += [ranked.c.replied.is_(False), ranked.c.reply_due < instant]
    if group is not None:
        conds.append(group.on(ranked))
    return Case.id.in_(select(ranked.c.case_id).where(*conds))


def _condition(sel: KpiSelection, p: Period, group: _Group | None,
               now: datetime) -> ColumnElement[bool]:  # fmt: skip
    dated = within(F.at, p.start, p.end)
    drill = sel.drill
    if drill in AT_DRILLS:
        return _facts(AT_COUNTS[AT_DRILLS[drill]](), dated, group)
    rated = AT_COUNTS["rated"]()
    if drill == "sign_late":
        return _facts(and_(kind_is(FactKind.SIGNED), F.on_time.is_(False)), dated, group)
    if drill == "not_satisfied":
        cond = and_(rated, F.rating.not_in(satisfied_ratings(sel.basically_counts)))
        return _facts(cond, dated, group)
    if drill == "unresolved":
        return _facts(and_(rated, not_(F.resolved.is_(True))), dated, group)
    if drill == "carried_over":
        return _open(p.start, False, group)
    if drill == "overdue":
        end = min(p.end, now)
        return or_(_open(end, True, group), _facts(AT_COUNTS["replied_late"](), dated, group))
    if drill == "callback_due":
        due = due_counts(p.end)
        in_due = within(F.due_at, p.start, p.end)
        return and_(_facts(due["callback_due"], in_due, group),
                    not_(_facts(due["callback_excused"], in_due, None)))  # fmt: skip
    raise ValidationError({"kpi": Msg("没有“{drill}”这项统计明细", drill=drill)})


def drill_condition(sel: KpiSelection, now: datetime | None = None) -> ColumnElement[bool]:
    """A condition on ``cases`` selecting the cases behind the figure (``now``: where a period
    not over yet ends; the wall clock by default)."""
    period = Period.parse(sel.period_key)
    breakdown = Breakdown(sel.breakdown)
    group = None
    if sel.group is not None and breakdown in GROUP_COLUMNS:
        group = _Group(GROUP_COLUMNS[breakdown], decode_value(breakdown, sel.group or None))
    return _condition(sel, period, group, now or datetime.now())
