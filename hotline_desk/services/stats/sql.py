"""The statistics' counts (``domain/kpi.py``) from the facts (``case_facts``, ``domain/facts.py``)
as SQL aggregations, the same on SQLite and PostgreSQL — never from a case's current state.

A period ``[start, end)`` is read in three parts:

- the facts dated inside it: one range over ``ix_case_facts_at``, every count a ``SUM(CASE …)``
  column of it, the breakdown its GROUP BY (the cell each fact happened in);
- the callback rounds whose deadline falls inside it (回访率): one range over
  ``ix_case_facts_due``, counting what was reached or refused before the period's end;
- the cases open at its start (上月结转) and at its end (the open part of 超期件数), from the
  kept month-boundary marks (``services/stats/marks.py``).

The same conditions select the cases behind a figure (``services/stats/drill.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select
from sqlalchemy.orm import Session

from hotline_desk.domain.facts import DUE_REQUIRED, NOT_REQUIRED_OUTCOMES, REENTERED, FactKind
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period, PeriodKind
from hotline_desk.services.stats.marks import open_at
from hotline_desk.store.models.facts import CaseFact, FactMonth, FactMonthCell

F = CaseFact
GROUP_COLUMNS: dict[Breakdown, Any] = {
    Breakdown.SECTION: F.section_id,
    Breakdown.CATEGORY: F.category,
    Breakdown.CHANNEL: F.channel,
    Breakdown.TOPIC: F.topic_id,
    Breakdown.TIER: F.tier,
}
CUBE = (Breakdown.SECTION, Breakdown.CATEGORY, Breakdown.CHANNEL, Breakdown.TOPIC, Breakdown.TIER)
"""The dimensions of a cube: every breakdown at once (each fact sits in one cell)."""


def within(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def kind_is(kind: FactKind) -> ColumnElement[bool]:
    return F.kind == kind.value


# --- what each count is, on a fact dated in the period (shared with the drill-down) ----------

AT_COUNTS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "received": lambda: kind_is(FactKind.RECEIVED),
    "duplicates": lambda: kind_is(FactKind.DUPLICATE),
    "dispatched": lambda: kind_is(FactKind.DISPATCHED),
    "signed": lambda: kind_is(FactKind.SIGNED),
    "signed_on_time": lambda: and_(kind_is(FactKind.SIGNED), F.on_time.is_(True)),
    "replied": lambda: kind_is(FactKind.REPLIED),
    "replied_on_time": lambda: and_(kind_is(FactKind.REPLIED), F.on_time.is_(True)),
    "replied_late": lambda: and_(kind_is(FactKind.REPLIED), F.on_time.is_(False)),
    "direct": lambda: and_(kind_is(FactKind.REPLIED), F.tier == 1),
    "closed": lambda: kind_is(FactKind.CLOSED),
    "extensions": lambda: kind_is(FactKind.EXTENDED),
    "returns": lambda: kind_is(FactKind.RETURNED),
    "reopened": lambda: kind_is(FactKind.REOPENED),
    "reentered": lambda: and_(kind_is(FactKind.REOPENED), F.outcome == REENTERED),
    "moved_in": lambda: kind_is(FactKind.MOVED_IN),
    "moved_out": lambda: kind_is(FactKind.MOVED_OUT),
    "ended": lambda: kind_is(FactKind.ENDED),
    "rated": lambda: and_(kind_is(FactKind.CALLBACK), F.rating.is_not(None)),
    "satisfied": lambda: and_(kind_is(FactKind.CALLBACK), F.rating == "satisfied"),
    "basically": lambda: and_(kind_is(FactKind.CALLBACK), F.rating == "basically"),
    "resolved": lambda: and_(kind_is(FactKind.CALLBACK), F.rating.is_not(None),
                             F.resolved.is_(True)),
}  # fmt: skip


def due_counts(end: datetime) -> dict[str, ColumnElement[bool]]:
    """On a fact whose deadline is in the period: a callback round due (its clock started
    before the end), one taken out of the base by a refusal (or "no callback needed") before
    the end, one reached before the end."""
    return {
        "callback_due": and_(kind_is(FactKind.CALLBACK_DUE), F.outcome == DUE_REQUIRED,
                             F.at < end),
        "callback_excused": and_(kind_is(FactKind.CALLBACK), F.outcome.in_(NOT_REQUIRED_OUTCOMES),
                                 F.at < end),
        "callback_reached": and_(kind_is(FactKind.CALLBACK), F.outcome == "reached", F.at < end),
    }  # fmt: skip


def satisfied_ratings(basically_counts: bool) -> tuple[str, ...]:
    return ("satisfied", "basically") if basically_counts else ("satisfied",)


# --- the statements ------------------------------------------------------------------------


def _n(cond: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _dim(column: Any) -> Any:
    """A group column as an expression (``coalesce(x, NULL)`` is ``x``), so the planner walks
    the date index rather than one that starts with the group column."""
    return func.coalesce(column, None)


@dataclass(frozen=True)
class CountQuery:
    """One statement: its first columns are the group values, then one column per count."""

    name: str
    keys: tuple[str, ...]
    statement: Select[Any]


def _grouped(dims: list[Any], columns: list[Any], where: ColumnElement[bool]) -> Select[Any]:
    stmt = select(*(dims or [literal(None)]), *columns).select_from(F).where(where)
    return stmt.group_by(*dims) if dims else stmt


def count_queries(period: Period, breakdowns: tuple[Breakdown, ...]) -> list[CountQuery]:
    """The statements of the facts dated in the period and of the callback rounds due in it."""
    start, end = period.start, period.end
    dims = [_dim(GROUP_COLUMNS[b]) for b in breakdowns if b in GROUP_COLUMNS]
    at_keys = tuple(AT_COUNTS)
    workdays = and_(kind_is(FactKind.REPLIED), F.workdays.is_not(None))
    at_columns = [_n(AT_COUNTS[k]()) for k in at_keys] + [
        func.coalesce(func.sum(case((workdays, F.workdays), else_=0)), 0),
        _n(workdays),
    ]
    due = due_counts(end)
    return [
        CountQuery("facts", (*at_keys, "workdays_sum", "workdays_n"),
                   _grouped(dims, at_columns, within(F.at, start, end))),
        CountQuery("callbacks_due", tuple(due),
                   _grouped(dims, [_n(c) for c in due.values()], within(F.due_at, start, end))),
    ]  # fmt: skip


Cell = tuple[object, ...]
DIM_INDEX = {b: i for i, b in enumerate(CUBE)}


def _add(out: dict[Cell, dict[str, int]], cell: Cell, key: str, value: int) -> None:
    counts = out.setdefault(cell, {})
    counts[key] = counts.get(key, 0) + value


Groups = dict[object, dict[str, int]]
"""A breakdown's group values → counts (the bureau total: ``{None: counts}``)."""
INT_GROUPS = (Breakdown.SECTION, Breakdown.TOPIC, Breakdown.TIER)


def run_groups(s: Session, period: Period, breakdowns: tuple[Breakdown, ...],
               now: datetime) -> dict[Breakdown, Groups]:  # fmt: skip
    """Each breakdown's groups → counts for the period.

    A month, quarter or year is its months added up — each kept month read from its kept
    groups (``services/stats/kept.py``), the others counted from the facts — with the open
    cases at the start of its first month and at the end of its last; a custom range is
    counted whole."""
    if period.kind == PeriodKind.CUSTOM:
        return _live_groups(s, period, breakdowns, now)
    months = period.months()
    out: dict[Breakdown, Groups] = {b: {} for b in breakdowns}
    for i, month in enumerate(months):
        groups = kept_groups(s, month, breakdowns)
        if groups is None:
            groups = _live_groups(s, month, breakdowns, now)
        for b, by_value in groups.items():
            for value, counts in by_value.items():
                target = out[b].setdefault(value, {})
                for key, n in counts.items():
                    if (key == "carried_over" and i > 0) or (
                        key == "overdue_open" and i < len(months) - 1
                    ):
                        continue  # open at the period's start / end only
                    target[key] = target.get(key, 0) + n
    return out


def _live_groups(s: Session, period: Period, breakdowns: tuple[Breakdown, ...],
                 now: datetime) -> dict[Breakdown, Groups]:  # fmt: skip
    """One pass over the facts for every breakdown asked (a cube when there are several)."""
    dims = tuple(b for b in breakdowns if b in GROUP_COLUMNS)
    if len(dims) == 1 and len(breakdowns) == 1:
        cells = count_live(s, period, dims, now)
        return {dims[0]: {cell[0]: c for cell, c in cells.items()}}
    cube = count_live(s, period, CUBE if dims else (), now)
    out: dict[Breakdown, Groups] = {}
    for b in breakdowns:
        if b in GROUP_COLUMNS:
            out[b] = roll_up(cube, CUBE, b)
        else:
            total: dict[str, int] = {}
            for counts in cube.values():
                for key, n in counts.items():
                    total[key] = total.get(key, 0) + n
            out[b] = {None: total}
    return out


def encode_value(value: object) -> str | None:
    return None if value is None else str(value)


def decode_value(breakdown: Breakdown, text: str | None) -> object:
    if text is None:
        return None
    return int(text) if breakdown in INT_GROUPS else text


def kept_groups(s: Session, month: Period,
                breakdowns: tuple[Breakdown, ...]) -> dict[Breakdown, Groups] | None:  # fmt: skip
    """A kept month's groups of the breakdowns asked, or None if the month is not kept."""
    if s.get(FactMonth, month.start) is None:
        return None
    out: dict[Breakdown, Groups] = {b: {} for b in breakdowns}
    rows = s.execute(
        select(FactMonthCell.breakdown, FactMonthCell.value, FactMonthCell.counts).where(
            FactMonthCell.month == month.start,
            FactMonthCell.breakdown.in_([b.value for b in breakdowns]),
        )
    )
    for breakdown, value, counts in rows:
        b = Breakdown(breakdown)
        out[b][decode_value(b, value)] = {k: int(n) for k, n in json.loads(counts).items()}
    return out


def run_counts(s: Session, period: Period, breakdowns: tuple[Breakdown, ...],
               now: datetime) -> dict[Cell, dict[str, int]]:  # fmt: skip
    """cell (the breakdown's group value; ``()`` for the total) → counts: one breakdown at
    most (several: ``run_groups``)."""
    dims = tuple(b for b in breakdowns if b in GROUP_COLUMNS)
    if len(dims) > 1:
        raise ValueError("run_counts takes one breakdown; use run_groups for several")
    b = dims[0] if dims else Breakdown.BUREAU
    groups = run_groups(s, period, (b,), now)[b]
    return {((v,) if dims else ()): c for v, c in groups.items()}


def count_live(s: Session, period: Period, breakdowns: tuple[Breakdown, ...],
               now: datetime) -> dict[Cell, dict[str, int]]:  # fmt: skip
    """The counts from the facts themselves (and the open cases at both ends)."""
    width = sum(1 for b in breakdowns if b in GROUP_COLUMNS)
    picks = [DIM_INDEX[b] for b in breakdowns if b in GROUP_COLUMNS]
    out: dict[Cell, dict[str, int]] = {}
    for query in count_queries(period, breakdowns):
        for row in s.execute(query.statement).all():
            cell = tuple(row[:width]) if width else ()
            for key, value in zip(query.keys, row[max(width, 1) :], strict=True):
                _add(out, cell, key, int(value or 0))
    for counts in out.values():
        counts["callback_due"] = counts.get("callback_due", 0) - counts.pop("callback_excused", 0)
    for o in open_at(s, period.start).values():
        _add(out, tuple(o.cell[i] for i in picks), "carried_over", 1)
    end = min(period.end, now)
    for o in open_at(s, end).values():
        if o.overdue(end):
            _add(out, tuple(o.cell[i] for i in picks), "overdue_open", 1)
    return out


def roll_up(cube: dict[Cell, dict[str, int]], dims: tuple[Breakdown, ...],
            breakdown: Breakdown) -> dict[object, dict[str, int]]:  # fmt: skip
    """One breakdown's groups from a cube over ``dims``."""
    at = dims.index(breakdown)
    out: dict[object, dict[str, int]] = {}
    for cell, counts in cube.items():
        target = out.setdefault(cell[at], {})
        for key, value in counts.items():
            target[key] = target.get(key, 0) + value
    return out
