"""The statistics' counts (``domain/kpi.py``) as SQL aggregations, the same on SQLite and
PostgreSQL, and never by loading cases into Python.

Each statement is bounded by one date column of one table, the only condition in its WHERE, so
the planner walks the index that starts with that column (``ix_cases_received_id``,
``ix_cases_dispatched``, ``ix_cases_replied``, ``ix_cases_closed``, ``ix_cases_ended``,
``ix_cases_callback_due``, ``ix_callbacks_at``, ``ix_extensions_decided``,
``ix_return_requests_decided``, ``ix_case_events_kind_at``); every other condition is a
``SUM(CASE …)`` column, and the breakdown is its GROUP BY. ``tests/services/test_stats_plans.py``
checks the plans. The same conditions select the cases behind a figure
(``services/stats_cases.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
)

from hotline_desk.domain.enums import EventKind, ExtensionStatus, ReturnDecision, Tier
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.store.models import Case, CaseEvent, ReturnRequest
from hotline_desk.store.models.callbacks import Callback, CaseLink
from hotline_desk.store.models.deadlines import Extension

FAR_FUTURE = datetime(9999, 12, 31)
"""An upper bound that makes "ended since the start" a two-sided range (planners then take
the index instead of a scan in group order)."""
GROUP_COLUMNS: dict[Breakdown, Any] = {
    Breakdown.SECTION: Case.lead_unit_id,
    Breakdown.CATEGORY: Case.category,
    Breakdown.CHANNEL: Case.channel,
    Breakdown.TOPIC: Case.topic_id,
    Breakdown.TIER: Case.tier,
}


def within(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


# --- conditions on a case row (shared with the drill-down) -------------------------------------


def is_duplicate() -> ColumnElement[bool]:
    link = select(CaseLink.id).where(CaseLink.case_id == Case.id, CaseLink.kind == "duplicate")
    return or_(Case.merged_into_id.is_not(None), exists(link.correlate(Case)))


def is_routed() -> ColumnElement[bool]:
    return Case.tier.in_((Tier.SECTION, Tier.UNIT))


def signed_on_time() -> ColumnElement[bool]:
    return and_(
        Case.signed_at.is_not(None),
        Case.signed_at >= Case.dispatched_at,
        or_(Case.sign_deadline.is_(None), Case.signed_at <= Case.sign_deadline),
    )


def replied_on_time() -> ColumnElement[bool]:
    return or_(Case.reply_deadline.is_(None), Case.replied_at <= Case.reply_deadline)


def open_at(t: datetime) -> ColumnElement[bool]:
    """Not ended (closed, rejected, merged) at instant ``t`` — the index part of "open"."""
    return or_(Case.ended_at.is_(None), Case.ended_at >= t)


def overdue_at(end: datetime) -> ColumnElement[bool]:
    """Open at ``end`` (needs ``open_at(end)`` too), past its reply deadline and not replied by
    then — or reopened after its latest reply (the reopened case's own deadline has passed)."""
    return and_(
        Case.received_at < end,
        Case.reply_deadline < end,
        or_(Case.replied_at.is_(None), Case.replied_at >= end, Case.replied_at < Case.reopened_at),
    )


def callback_required() -> ColumnElement[bool]:
    refused = select(Callback.id).where(Callback.case_id == Case.id, Callback.outcome == "refused")
    return and_(
        Case.callback_status.is_not(None),
        Case.callback_status != "not_required",
        not_(Case.anonymous),
        not_(exists(refused.correlate(Case))),
    )


def satisfied_ratings(basically_counts: bool) -> tuple[str, ...]:
    return ("satisfied", "basically") if basically_counts else ("satisfied",)


# --- the aggregate statements ---------------------------------------------------------------


def _n(cond: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


@dataclass(frozen=True)
class CountQuery:
    """One statement: its first column is the group value, then one column per count."""

    name: str
    keys: tuple[str, ...]
    statement: Select[Any]


def _grouped(dims: list[Any], columns: list[Any], source: Any, where: ColumnElement[bool],
             join: tuple[Any, Any] | None = None) -> Select[Any]:  # fmt: skip
    stmt = select(*(dims or [literal(None)]), *columns).select_from(source)
    if join is not None:
        stmt = stmt.join(*join)
    stmt = stmt.where(where)
    return stmt.group_by(*dims) if dims else stmt


CUBE = (Breakdown.SECTION, Breakdown.CATEGORY, Breakdown.CHANNEL, Breakdown.TOPIC, Breakdown.TIER)
"""The dimensions of a cube: every breakdown at once (each case sits in one cell)."""


def count_queries(period: Period, breakdowns: tuple[Breakdown, ...]) -> list[CountQuery]:
    """Every count of ``domain.kpi.COUNT_KEYS`` for the period, grouped by the breakdowns'
    columns (none: the bureau total; ``CUBE``: every breakdown in one pass)."""
    start, end = period.start, period.end
    dims = [_dim(GROUP_COLUMNS[b]) for b in breakdowns if b in GROUP_COLUMNS]

    def joined(fk: Any) -> tuple[Any, Any] | None:
        return (Case, Case.id == fk) if dims else None

    return [
        CountQuery("received", ("received", "duplicates"), _grouped(
            dims, [func.count(), _n(Case.merged_into_id.is_not(None))], Case,
            within(Case.received_at, start, end))),
        # Linked as a duplicate without being merged (merged ones are counted above).
        CountQuery("linked", ("duplicates",), _grouped(
            dims, [func.count(distinct(CaseLink.case_id))], CaseLink,
            and_(CaseLink.kind == "duplicate", within(Case.received_at, start, end),
                 Case.merged_into_id.is_(None)), (Case, Case.id == CaseLink.case_id))),
        CountQuery("dispatched", ("dispatched", "signed_on_time"), _grouped(
            dims, [_n(is_routed()), _n(and_(is_routed(), signed_on_time()))], Case,
            within(Case.dispatched_at, start, end))),
        CountQuery("replied", ("replied", "replied_on_time", "replied_late", "direct",
                               "workdays_sum", "workdays_n"), _grouped(
            dims, [func.count(), _n(replied_on_time()), _n(not_(replied_on_time())),
                   _n(Case.tier == Tier.DIRECT), func.coalesce(func.sum(Case.reply_workdays), 0),
                   func.count(Case.reply_workdays)], Case, within(Case.replied_at, start, end))),
        CountQuery("closed", ("closed",), _grouped(
            dims, [func.count()], Case, within(Case.closed_at, start, end))),
        # Open at the start: not ended yet, or ended since — two index ranges, summed.
        *(CountQuery("open", ("carried_over", "overdue_open"), _grouped(
            dims, [_n(Case.received_at < start),
                   _n(and_(open_at(end), overdue_at(end)))], Case, part))
          for part in (Case.ended_at.is_(None), within(Case.ended_at, start, FAR_FUTURE))),
        CountQuery("callback_due", ("callback_due", "callback_reached"), _grouped(
            dims, [_n(callback_required()),
                   _n(and_(Case.callback_status == "reached", callback_required()))], Case,
            within(Case.callback_deadline, start, end))),
        CountQuery("callbacks", ("rated", "satisfied", "basically", "resolved"), _grouped(
            dims, [_n(Callback.satisfaction.is_not(None)),
                   _n(Callback.satisfaction == "satisfied"),
                   _n(Callback.satisfaction == "basically"),
                   _n(and_(Callback.satisfaction.is_not(None), Callback.resolved.is_(True)))],
            Callback, within(Callback.at, start, end), joined(Callback.case_id))),
        CountQuery("extensions", ("extensions",), _grouped(
            dims, [_n(Extension.status == ExtensionStatus.APPROVED)], Extension,
            within(Extension.decided_at, start, end), joined(Extension.case_id))),
        _returns(period, dims),
        CountQuery("reopened", ("reopened",), _grouped(
            dims, [func.count()], CaseEvent,
            and_(CaseEvent.kind == EventKind.REOPENED.value, within(CaseEvent.at, start, end)),
            joined(CaseEvent.case_id))),
    ]  # fmt: skip


def _dim(column: Any) -> Any:
    """A group column as an expression (``coalesce(x, NULL)`` is ``x``): grouping by the bare
    column let SQLite walk (lead_unit_id, received_at) in group order and look every case up,
    instead of the covering index that starts with the date."""
    return func.coalesce(column, None)


def _returns(period: Period, dims: list[Any]) -> CountQuery:
    """退单 by the section that asked (``return_requests.org_unit_id``) in place of the case's
    lead section; the other dimensions are the case's own."""
    where = within(ReturnRequest.decided_at, period.start, period.end)
    count = [_n(ReturnRequest.decision == ReturnDecision.APPROVED)]
    lead = _dim(Case.lead_unit_id)
    asker = _dim(ReturnRequest.org_unit_id)
    dims = [asker if str(d) == str(lead) else d for d in dims]
    join = None
    if any(d is not asker for d in dims):
        join = (Case, Case.id == ReturnRequest.case_id)
    return CountQuery("returns", ("returns",), _grouped(dims, count, ReturnRequest, where, join))


Runner = Callable[[Select[Any]], list[Any]]


Cell = tuple[object, ...]


def run_counts(
    execute: Runner, period: Period, breakdowns: tuple[Breakdown, ...]
) -> dict[Cell, dict[str, int]]:
    """cell (the breakdowns' group values; ``()`` for the total) → counts; ``execute`` runs a
    statement and returns its rows."""
    width = sum(1 for b in breakdowns if b in GROUP_COLUMNS)
    out: dict[Cell, dict[str, int]] = {}
    for query in count_queries(period, breakdowns):
        for row in execute(query.statement):
            cell = tuple(row[:width]) if width else ()
            counts = out.setdefault(cell, {})
            for key, value in zip(query.keys, row[max(width, 1) :], strict=True):
                counts[key] = counts.get(key, 0) + int(value or 0)
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


def trend_statements(months: list[Period]) -> list[Select[Any]]:
    """Cases received per channel, one statement per month (each an index range; one
    statement with a column per month evaluated twelve CASEs on every row of the year)."""
    return [
        select(Case.channel, func.count())
        .where(within(Case.received_at, m.start, m.end))
        .group_by(Case.channel)
        for m in months
    ]


def closed_trend_statements(months: list[Period]) -> list[Select[Any]]:
    return [select(func.count()).where(within(Case.closed_at, m.start, m.end)) for m in months]
