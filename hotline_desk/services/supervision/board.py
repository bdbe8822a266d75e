"""The supervision board (督办台, DESIGN.md §5): open cases by warning level, section and
deadline, with counts and the escalation suggestions.

Levels are computed in SQL from the indexed ``due_at``/``warn_at`` columns of the running clock
(red: overdue; yellow: past ``warn_at``; normal otherwise), never by looping over cases in
Python; pages are fetched by keyset on (due_at, id), most urgent first (``BOARD_ORDER``).

``count_scope`` is the one definition of "the cases counted" shared by the board's tiles and
section table, the header badge (超期/临期) and the navigation count (``alerts.py``): the cases
with a running clock that the user watches — every case for the desk and leaders (the board's
users), the cases a section leads or its 直属单位 handles on the sign and reply clocks for section
staff, none for anyone else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    select,
    tuple_,
)
from sqlalchemy.orm import aliased

from hotline_desk.domain.deadlines import overdue_since_before, overdue_workdays
from hotline_desk.domain.enums.supervision import Level
from hotline_desk.services.admin.calendar import load_calendar
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.queries import _text_condition
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision.board_scope import (
    count_scope,
    level_condition,
    level_expr,
    suggestion_condition,
)
from hotline_desk.store.compiled import run_selects
from hotline_desk.store.models import Case, OrgUnit

ORDER_AFTER_WORKDAYS = 5
"""A case still overdue this many working days after its deadline is suggested for a red order."""
SUGGESTIONS = ("urge", "order")
BOARD_ORDER = ("due_at", "ascending")
"""How the board's rows are ordered (the keyset below): earliest deadline first."""
_LEAD = aliased(OrgUnit, name="lead_unit")
_NOW = bindparam("now", None, type_=DateTime, required=False)
_URGE_SINCE = bindparam("urge_since", None, type_=DateTime, required=False)
_ORDER_SINCE = bindparam("order_since", None, type_=DateTime, required=False)
_WIDE = bindparam("wide", None, type_=DateTime, required=False)
_SINCE = bindparam("since", None, type_=DateTime, required=False)
_AFTER_DUE = bindparam("after_due", None, type_=DateTime, required=False)
_AFTER_ID = bindparam("after_id", None, type_=Integer, required=False)
"""The times and the cursor as bound parameters: the page's and the counts' statements are
built once per user and filter (and on SQLite compiled once: ``store/compiled.py``)."""


@dataclass(frozen=True)
class BoardFilter:
    level: str | None = None  # normal / yellow / red
    lead_unit_id: int | None = None
    unrouted: bool = False  # only cases no section leads yet (the 「（未分办）」 row)
    clock: str | None = None  # sign / reply / callback
    suggestion: str | None = None  # urge / order
    text: str = ""


@dataclass(frozen=True)
class BoardRow:
    id: int
    case_no: str
    title: str
    important: bool
    urgency: str
    status: str
    lead_unit_name: str
    due_clock: str
    due_at: datetime
    level: str
    urge_count: int
    order_level: str | None
    received_at: datetime
    caller_name: str
    reply_limit: str = ""  # the case's time limit (e.g. 15个工作日), apart from the overdue time
    overdue_workdays: int | None = None  # None while not overdue


@dataclass(frozen=True)
class BoardPage:
    rows: tuple[BoardRow, ...]
    cursor: tuple[datetime, int] | None


@dataclass(frozen=True)
class SectionLevels:
    unit_id: int | None
    unit_name: str
    red: int
    yellow: int
    normal: int

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.normal


@dataclass(frozen=True)
class BoardCounts:
    red: int
    yellow: int
    normal: int
    by_section: tuple[SectionLevels, ...]
    suggest_urge: int
    suggest_order: int

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.normal


@dataclass(frozen=True)
class LevelCounts:
    red: int
    yellow: int
    normal: int

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.normal


@dataclass(frozen=True)
class _Thresholds:
    urge_since: datetime
    order_since: datetime


def _thresholds(ctx: ServiceContext, now: datetime) -> _Thresholds:
    with ctx.uow.read() as uow:
        cal = load_calendar(uow.session)
    return _Thresholds(
        overdue_since_before(cal, now, 1), overdue_since_before(cal, now, ORDER_AFTER_WORKDAYS)
    )


def _conditions(
    actor: Actor, flt: BoardFilter, now: Any, limits: _Thresholds | None
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [count_scope(actor)]
    if flt.level:
        conds.append(level_condition(flt.level, now))
    if flt.lead_unit_id is not None:
        conds.append(Case.lead_unit_id == flt.lead_unit_id)
    if flt.unrouted:
        conds.append(Case.lead_unit_id.is_(None))
    if flt.clock:
        conds.append(Case.due_clock == flt.clock)
    if flt.suggestion:
        assert limits is not None
        since = limits.urge_since if flt.suggestion == "urge" else limits.order_since
        conds.append(suggestion_condition(flt.suggestion, now, since))
    text = _text_condition(flt.text, paging=True, personal=may_see_personal(actor))
    if text is not None:
        conds.append(text)
    return conds


def _page_query(actor: Actor, flt: BoardFilter, keyset: bool, limit: int) -> Select[Any]:
    """The page's statement, its times and cursor bound parameters (``_NOW``, ``_SINCE``,
    ``_AFTER_DUE``/``_AFTER_ID``)."""
    lead = _LEAD
    limits = _Thresholds(_SINCE, _SINCE)  # type: ignore[arg-type]  # the one the filter asks
    query = (
        select(
            Case.id,
            Case.case_no,
            Case.title,
            Case.important,
            Case.urgency,
            Case.status,
            lead.name,
            Case.due_clock,
            Case.due_at,
            level_expr(_NOW),
            Case.urge_count,
            Case.order_level,
            Case.received_at,
            Case.caller_name,
            Case.caller_phone,
            Case.caller_address,
            Case.confidential,
            Case.reply_limit,
        )
        .outerjoin(lead, lead.id == Case.lead_unit_id)
        .where(*_conditions(actor, flt, _NOW, limits))
    )
    if keyset:
        query = query.where(tuple_(Case.due_at, Case.id) > tuple_(_AFTER_DUE, _AFTER_ID))
    return query.order_by(Case.due_at, Case.id).limit(limit + 1)


@functools.lru_cache(maxsize=128)
def _page_statement(
    roles: frozenset[str], unit: int | None, flt: BoardFilter, keyset: bool, limit: int
) -> Select[Any]:
    """``_page_query`` for a user and a filter without words: built once (on SQLite compiled
    once too)."""
    actor = Actor(user_id=0, username="", display_name="", roles=roles, org_unit_id=unit)
    return _page_query(actor, flt, keyset, limit)


@user_input
def board_page(
    ctx: ServiceContext,
    actor: Actor,
    flt: BoardFilter,
    after: tuple[datetime, int] | None = None,
    limit: int = 100,
) -> BoardPage:
    """One page of the board, most urgent deadline first."""
    now = ctx.now()
    values: dict[str, Any] = {"now": now}
    if flt.suggestion:
        limits = _thresholds(ctx, now)
        values["since"] = limits.urge_since if flt.suggestion == "urge" else limits.order_since
    if after is not None:
        values["after_due"], values["after_id"] = after
    keyset = after is not None
    if flt.text.strip():
        query = _page_query(actor, flt, keyset, limit)
        with ctx.uow.read() as uow:
            raw: list[Any] = list(uow.session.execute(query, values).all())
            cal = load_calendar(uow.session)
    else:
        key = ("board page", actor.roles, actor.org_unit_id, flt, keyset, limit)
        query = _page_statement(actor.roles, actor.org_unit_id, flt, keyset, limit)
        raw = run_selects(ctx.engines.reader, key, [("page", query)], values)[0]
        with ctx.uow.read() as uow:  # (kept per revision: one small read)
            cal = load_calendar(uow.session)
    from hotline_desk.services.privacy import list_caller, shield

    scrubbing = not may_see_personal(actor)

    def title(r: Any) -> str:
        if not scrubbing:
            return str(r[2])
        return shield(actor, name=r[13], phone=r[14], address=r[15], confidential=r[16]).text(r[2])

    days: dict[date, int] = {}  # a page's deadlines share their days: count each day once

    def late(due: datetime) -> int | None:
        if due >= now:
            return None
        if due.date() not in days:
            days[due.date()] = overdue_workdays(cal, due, now)
        return days[due.date()]

    rows = tuple(
        BoardRow(
            r[0],
            r[1],
            title(r),
            bool(r[3]),
            r[4],
            r[5],
            r[6] or "",
            r[7],
            r[8],
            r[9],
            int(r[10] or 0),
            r[11],
            r[12],
            list_caller(r[13], None, bool(r[16]))[0],
            r[17] or "",
            late(r[8]),
        )
        for r in raw[:limit]
    )
    cursor = (rows[-1].due_at, rows[-1].id) if len(raw) > limit and rows else None
    return BoardPage(rows, cursor)


@functools.lru_cache(maxsize=64)
def _count_statements(
    roles: frozenset[str], unit: int | None, clock: str | None
) -> list[tuple[str, Select[Any]]]:
    """``board_counts``' statements for a user and a clock (without words: those are built
    each time), the times bound parameters: built once, and on SQLite compiled once."""
    actor = Actor(user_id=0, username="", display_name="", roles=roles, org_unit_id=unit)
    return _counts_for(_conditions(actor, BoardFilter(clock=clock), _NOW, None))


def _counts_for(base: list[ColumnElement[bool]]) -> list[tuple[str, Select[Any]]]:
    red = func.sum(case((Case.due_at < _NOW, 1), else_=0))
    yellow = func.sum(case((and_(Case.due_at >= _NOW, Case.warn_at <= _NOW), 1), else_=0))
    # by section alone, in the order of ix_cases_lead_due (no join, no sort); the names after
    grouped = select(Case.lead_unit_id, red, yellow, func.count()).where(*base)
    # both suggestions in one read of ix_cases_overdue: urging's range holds ordering's
    urge = suggestion_condition("urge", _NOW, _URGE_SINCE)
    order = suggestion_condition("order", _NOW, _ORDER_SINCE)
    suggested = select(func.sum(case((urge, 1), else_=0)), func.sum(case((order, 1), else_=0)))
    return [
        ("levels", grouped.group_by(Case.lead_unit_id)),
        ("names", select(OrgUnit.id, OrgUnit.name)),  # a few dozen rows
        ("suggested", suggested.select_from(Case).where(*base, Case.due_at < _WIDE)),
    ]


@user_input
def board_counts(ctx: ServiceContext, actor: Actor, flt: BoardFilter | None = None) -> BoardCounts:
    """Counts by level and by section × level (one GROUP BY), and the suggestions' counts."""
    now = ctx.now()
    flt = flt or BoardFilter()
    limits = _thresholds(ctx, now)
    values = {
        "now": now,
        "urge_since": limits.urge_since,
        "order_since": limits.order_since,
        "wide": max(limits.urge_since, limits.order_since),
    }
    if flt.text.strip():
        with_words = BoardFilter(clock=flt.clock, text=flt.text)
        statements = _counts_for(_conditions(actor, with_words, _NOW, None))
        with ctx.uow.read() as uow:
            found = [list(uow.session.execute(stmt, values).all()) for _n, stmt in statements]
    else:
        key = ("board counts", actor.roles, actor.org_unit_id, flt.clock)
        statements = _count_statements(actor.roles, actor.org_unit_id, flt.clock)
        found = run_selects(ctx.engines.reader, key, statements, values)
    levels, units, ((urged, ordered),) = found
    names: dict[int, str] = {unit_id: name for unit_id, name in units}
    sections = []
    for unit_id, r, y, n in levels:
        r, y, n = int(r or 0), int(y or 0), int(n)
        sections.append(SectionLevels(unit_id, names.get(unit_id, ""), r, y, n - r - y))
    sections.sort(key=lambda x: (-x.red, -x.yellow, x.unit_name))
    return BoardCounts(
        red=sum(x.red for x in sections),
        yellow=sum(x.yellow for x in sections),
        normal=sum(x.normal for x in sections),
        by_section=tuple(sections),
        suggest_urge=int(urged or 0),
        suggest_order=int(ordered or 0),
    )


def total_from_counts(counts: BoardCounts, flt: BoardFilter) -> int | None:
    """How many cases ``flt`` selects, read off ``board_counts`` taken with the same clock and
    text (the tiles and the section table count what the list shows): no COUNT of its own.
    None where the counts do not say (a suggestion within one section): ask ``board_total``."""
    one_row = flt.lead_unit_id is not None or flt.unrouted
    if flt.suggestion is not None:
        if one_row:
            return None
        return counts.suggest_urge if flt.suggestion == "urge" else counts.suggest_order
    scope: Any = counts
    if one_row:
        found = [x for x in counts.by_section if x.unit_id == flt.lead_unit_id]
        scope = found[0] if found else LevelCounts(0, 0, 0)
    if flt.level is None:
        return int(scope.total)
    return int(getattr(scope, Level(flt.level).value))


@user_input
def board_total(ctx: ServiceContext, actor: Actor, flt: BoardFilter) -> int:
    """How many cases the filter selects (one indexed COUNT; the list's status line)."""
    now = ctx.now()
    limits = _thresholds(ctx, now) if flt.suggestion else None
    query = select(func.count()).select_from(Case).where(*_conditions(actor, flt, now, limits))
    with ctx.uow.read() as uow:
        return int(uow.session.execute(query).scalar_one())
