"""Handling statistics (DESIGN.md §6): every KPI for a period, broken down by section,
category, channel, topic or tier with the bureau total; the 12-month trend; the monthly report
with the previous month and the red/black lists. A frozen month (``services/report_freeze.py``)
is answered from its snapshot, as issued.

Counting is SQL over the facts (``services/stats/sql.py``): a period reads only facts dated
inside it and the open cases at its start and end, inside one read transaction so the figures
agree with each other — never a case's current state, so what happens after a month cannot move
its figures.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.handling import Tier
from hotline_desk.domain.enums.intake import Category, Channel
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.kpi import (
    BREAKDOWN_HEADERS,
    NONE_LABELS,
    TOTAL_LABEL,
    Breakdown,
    add_counts,
    definitions,
)
from hotline_desk.domain.periods import Period, PeriodKind, last_months
from hotline_desk.domain.permissions import STATS_ROLES, require
from hotline_desk.reports.stats_data import MonthlyReport, StatsRow, StatsTable, Trend, rankings
from hotline_desk.services.admin import office
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.stats.kept import keep_months
from hotline_desk.services.stats.sql import (
    run_counts,
    run_groups,
)
from hotline_desk.store.models import OrgUnit, Topic

"""Who reads statistics (aggregates only: no personal data). Drilling down to the cases behind
a figure is a case list, with its own visibility rules."""
REPORT_BREAKDOWNS = (Breakdown.BUREAU, Breakdown.SECTION, Breakdown.CATEGORY, Breakdown.CHANNEL,
                     Breakdown.TOPIC, Breakdown.TIER)  # fmt: skip
TREND_MONTHS = 12


Groups = tuple[list[tuple[object, str]], set[object], set[object]]


def _groups(s: Session, breakdown: Breakdown) -> Groups:
    """Every group a table may list, in report order, with labels; the ones listed even with
    all-zero figures (active sections, every category …); and the rankable ones."""
    if breakdown == Breakdown.SECTION:
        units = s.execute(
            select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.active)
            .order_by(OrgUnit.sort_order, OrgUnit.id)
        ).all()  # fmt: skip
        order = {OrgKind.OFFICE: 0, OrgKind.SECTION: 1, OrgKind.UNIT: 2}
        units = sorted(units, key=lambda u: order.get(u.kind, 3))
        always = {u.id for u in units if u.active and u.kind in (OrgKind.OFFICE, OrgKind.SECTION)}
        ranked = {u.id for u in units if u.kind in (OrgKind.SECTION, OrgKind.UNIT)}
        return [(u.id, u.name) for u in units], always, ranked
    if breakdown == Breakdown.TOPIC:
        topics = s.execute(
            select(Topic.id, Topic.name, Topic.active).order_by(Topic.sort_order, Topic.id)
        ).all()
        return [(t.id, t.name) for t in topics], {t.id for t in topics if t.active}, set()
    groups: list[tuple[object, str]] = []
    if breakdown == Breakdown.CATEGORY:
        groups = [(c.value, c.label) for c in Category]
    elif breakdown == Breakdown.CHANNEL:
        groups = [(c.value, c.label) for c in Channel]
    elif breakdown == Breakdown.TIER:
        groups = [(t.value, t.label) for t in Tier]
    return groups, {v for v, _l in groups}, set()


def table_in_session(s: Session, period: Period, breakdown: Breakdown, basically: bool,
                     now: datetime, counts: dict[object, dict[str, int]] | None = None,
                     ) -> StatsTable:  # fmt: skip
    """The live table (no snapshot), inside the caller's transaction; ``counts`` (group value →
    counts) when they were already rolled up from a cube."""
    if counts is None:
        dims = (breakdown,) if breakdown != Breakdown.BUREAU else ()
        cells = run_counts(s, period, dims, now)
        counts = {cell[0] if cell else None: c for cell, c in cells.items()}
    rows: list[StatsRow] = []
    ranked: list[str] = []
    if breakdown != Breakdown.BUREAU:
        groups, always, rankable = _groups(s, breakdown)
        known = {value for value, _label in groups}
        for value, name in groups:
            if value in counts or value in always:
                rows.append(StatsRow.of(str(value), name, counts.get(value, {}), basically))
                if value in rankable:
                    ranked.append(str(value))
        for value in sorted((v for v in counts if v not in known and v is not None), key=str):
            rows.append(StatsRow.of(str(value), str(value), counts[value], basically))
        if None in counts:
            rows.append(StatsRow.of("", NONE_LABELS.get(breakdown.value, "其他"), counts[None],
                                    basically))  # fmt: skip
    total = StatsRow.of("*", TOTAL_LABEL, add_counts(counts.values()), basically)
    return StatsTable(period.key, period.label, breakdown.value,
                      BREAKDOWN_HEADERS[breakdown.value], tuple(rows), total, basically,
                      ranked_keys=tuple(ranked))  # fmt: skip


def trend_in_session(s: Session, end_month: Period, now: datetime,
                     count: int = TREND_MONTHS) -> Trend:  # fmt: skip
    """Received per channel and closed, month by month (kept months read as kept)."""
    months = last_months(end_month, count)
    per_channel: dict[str, list[int]] = {}
    closed = [0] * len(months)
    for i, month in enumerate(months):
        for cell, counts in run_counts(s, month, (Breakdown.CHANNEL,), now).items():
            if counts.get("received"):
                per_channel.setdefault(str(cell[0]), [0] * len(months))[i] = counts["received"]
            closed[i] += counts.get("closed", 0)
    channels = [(c.value, c.label) for c in Channel]
    channels += [(v, str(v)) for v in per_channel if v not in {c for c, _l in channels}]
    zero = tuple(0 for _ in months)
    return Trend(
        months=tuple(m.key for m in months), labels=tuple(m.short_label for m in months),
        channels=tuple(channels),
        received={value: tuple(per_channel.get(value, zero)) for value, _label in channels},
        closed=tuple(closed),
    )  # fmt: skip


# --- use cases ---------------------------------------------------------------------------------


def _settings(s: Session) -> tuple[bool, float, str]:
    basically, floor, name = office.read_many(
        s, (office.BASICALLY_COUNTS_SATISFIED, office.RANKING_FLOOR, office.BUREAU_NAME)
    )
    return bool(basically), float(floor), str(name)


@user_input
def compute_table(ctx: ServiceContext, actor: Actor, period: Period,
                  breakdown: Breakdown = Breakdown.SECTION) -> StatsTable:  # fmt: skip
    """统计: one table; a frozen month's figures as issued."""
    require(actor.roles, STATS_ROLES, "查看统计")
    from hotline_desk.services.stats.snapshots import frozen_report_in_session

    keep_months(ctx, period.end)
    with ctx.uow.read() as uow:
        s = uow.session
        if period.kind == PeriodKind.MONTH:
            frozen = frozen_report_in_session(s, period)
            if frozen is not None:
                return frozen.tables[breakdown.value]
        basically, _floor, _name = _settings(s)
        return table_in_session(s, period, breakdown, basically, ctx.now())


@signed_in
def compute_trend(ctx: ServiceContext, actor: Actor, end_month: Period,
                  count: int = TREND_MONTHS) -> Trend:  # fmt: skip
    """Cases received per month by channel (and closed), ``count`` months to ``end_month``."""
    require(actor.roles, STATS_ROLES, "查看统计")
    keep_months(ctx, end_month.end)
    with ctx.uow.read() as uow:
        return trend_in_session(uow.session, end_month, ctx.now(), count)


def report_in_session(
    s: Session, period: Period, now: Any, breakdowns: tuple[Breakdown, ...] = REPORT_BREAKDOWNS
) -> MonthlyReport:
    """The live report: every breakdown, the previous period's total, trend and rankings."""
    basically, floor, name = _settings(s)
    groups = run_groups(s, period, breakdowns, now)
    tables = {b.value: table_in_session(s, period, b, basically, now, groups[b])
              for b in breakdowns}  # fmt: skip
    previous = period.previous()
    from hotline_desk.services.stats.snapshots import frozen_report_in_session

    before = frozen_report_in_session(s, previous) if previous.kind == PeriodKind.MONTH else None
    previous_total = (
        before.total
        if before is not None
        else table_in_session(s, previous, Breakdown.BUREAU, basically, now).total
    )
    end_month = Period.month(period.last.year, period.last.month)
    section = tables.get(Breakdown.SECTION.value)
    return MonthlyReport(
        bureau_name=name, period_key=period.key, period_label=period.label, tables=tables,
        previous=StatsRow.of("*", TOTAL_LABEL, previous_total.counts, basically),
        previous_label=previous.label, trend=trend_in_session(s, end_month, now),
        rankings=rankings(section, floor) if section is not None else (),
        definitions=tuple(definitions(basically)), basically_counts=basically,
        ranking_floor=floor, generated_at=now,
    )  # fmt: skip


@user_input
def monthly_report(ctx: ServiceContext, actor: Actor, period: Period) -> MonthlyReport:
    """月报: the whole report for a period (a frozen month as issued)."""
    require(actor.roles, STATS_ROLES, "查看统计")
    from hotline_desk.services.stats.snapshots import frozen_report_in_session

    keep_months(ctx, period.end)
    with ctx.uow.read() as uow:
        s = uow.session
        if period.kind == PeriodKind.MONTH:
            frozen = frozen_report_in_session(s, period)
            if frozen is not None:
                return frozen
        return report_in_session(s, period, ctx.now())
