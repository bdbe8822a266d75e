"""Every KPI of DESIGN.md §6 on the hand-built dataset (tests/stats_data.py), for October and
November 2026, on SQLite and PostgreSQL. Each expected figure below was worked out by hand from
the dataset's table; the comment says which cases make it up."""

from __future__ import annotations

from datetime import datetime

import pytest

from hotline_desk.domain.kpi import KPIS, Breakdown, open_after
from hotline_desk.domain.periods import Period
from hotline_desk.reports.stats_data import StatsTable
from hotline_desk.services.admin import office
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.stats import figures
from tests import stats_data
from tests.conftest import Clock, MakeActor

OCT, NOV = Period.month(2026, 10), Period.month(2026, 11)

OCT_COUNTS = {
    "received": 20,  # 8–22, 42 and 43–46 (20 at 23:59 on the 31st; 5 on Sep 30 is not)
    "duplicates": 2,  # 13 merged, 14 linked (46, received in Oct, was merged in Nov)
    "carried_over": 5,  # 1, 2, 3, 5, 7 (4 ended Sep 30 23:59, 6 rejected in Sep)
    "direct": 3,  # tier-1 replies: 3, 16, 17
    "dispatched": 12,  # 8, 9, 10, 11, 12, 14, 15, 18 (re-routed Oct 27), 19, 22, 43, 44
    "signed": 12,  # the same twelve, signed in October
    "signed_on_time": 10,  # not 9 (signed Oct 12, due Oct 10), not 19 (Oct 31, due Oct 29)
    "replied": 13,  # 1, 3, 7, 8, 9, 10, 14, 15, 16, 17, 44 and the first rounds of 22, 43
    "replied_on_time": 11,  # 7 by its extended deadline; 22's and 43's first rounds (their
    # deadline was not kept when they were reopened: counted on time)
    "replied_late": 2,  # 10, 17
    "overdue_open": 4,  # open on Nov 1 past the deadline: 2, 11, 22 (reopened), 45 (never routed)
    "closed": 10,  # 1, 3, 7, 8, 9, 10, 14, 15, 16, and 43 (reopened in Nov: still closed in Oct)
    "extensions": 1,  # 7
    "returns": 1,  # 18 (A asked, approved); 19's was rejected
    "callback_due": 8,  # 1, 3, 7, 8, 9, 10, 16, 44 (14 not required, 15 anonymous, 17 refused)
    "callback_reached": 6,  # all but 3 (unreachable) and 44 (reached only on Nov 2)
    "rated": 8,  # ratings given in Oct: 1, 7, 8, 9, 10, 16, 22, 43
    "satisfied": 5,  # 1, 8, 10, 16, 43
    "basically": 1,  # 7
    "resolved": 6,  # 1, 7, 8, 10, 16, 43
    "reopened": 1,  # 22
    "workdays_sum": 85,  # 14+3+19+3+14+7+5+9+1+4+6 (earlier rounds' days were not kept)
    "workdays_n": 11,
    "reentered": 0,  # 22 was reopened while still open (an unsatisfied callback)
    "moved_in": 1,  # 18: received Oct 25 (未转办), routed Oct 27 into 法规科
    "moved_out": 1,  # … out of 未转办
    "ended": 2,  # 13 merged, 21 rejected
}
NOV_COUNTS = {
    "received": 18,  # 23–39 and 41 (39 at 23:59 on the 30th; 40 on Dec 1 is not)
    "duplicates": 3,  # 28 merged; 29 merged and linked, counted once; 46 merged on Nov 2
    "carried_over": 13,  # 2, 5, 11, 12, 17, 18, 19, 20, 22, 42, 44, 45, 46 — not 43 (closed
    # on Oct 16, reopened on Nov 3: it was not open when November began)
    "direct": 1,  # 30
    "dispatched": 13,  # 23, 24, 25, 26, 27, 31, 32 twice (to A, returned, to B), 33, 34, 35,
    # 41, 42
    "signed": 12,  # 23, 24, 25, 26, 27, 31, 32, 33, 34, 35, 41, 42
    "signed_on_time": 11,  # not 25 (signed Nov 6, due Nov 5)
    "replied": 15,  # 2, 11, 18, 19, 22, 23, 24, 25, 27, 30, 33, 34, 35, 42, 43 (second round)
    "replied_on_time": 11,  # 25 by its extended deadline, 43 by its reopen deadline
    "replied_late": 4,  # 2, 11, 22, 24
    "overdue_open": 5,  # open on Dec 1 past the deadline: 12, 26, 32, 33 (reopened), 45
    "closed": 13,  # 2, 11, 18, 19, 22, 23, 24, 27, 30, 34, 42, 43 (again), 44
    "extensions": 1,  # 25 (26's was denied)
    "returns": 1,  # 32 (A asked)
    "callback_due": 14,  # 2, 11, 18, 19, 22, 23, 24, 25, 27, 30, 33, 34, 42, 43 (35 anonymous)
    "callback_reached": 12,  # not 25 (pending), not 27 (unreachable)
    "rated": 13,  # 2, 11, 18, 19, 22, 23, 24, 30, 33, 34, 42, 43, 44
    "satisfied": 11,  # all but 24 (basically) and 33 (unsatisfied)
    "basically": 1,  # 24
    "resolved": 12,  # all but 33
    "reopened": 2,  # 33, 43
    "workdays_sum": 144,  # 27+15+8+5+20+3+4+18+5+2+4+3+3+3+24
    "workdays_n": 15,
    "reentered": 1,  # 43, closed on Oct 16 (33 was reopened while still open)
    "moved_in": 1,  # 42: received Oct 30 (未转办), routed Nov 2 into 综合科
    "moved_out": 1,  # … out of 未转办
    "ended": 4,  # 28, 29, 46 merged, 37 rejected
}
OCT_VALUES = {
    "received": 20, "carried_over": 5, "direct": 3, "direct_rate": 3 / 13, "sign_rate": 10 / 12,
    "closed": 10, "ontime_rate": 11 / 13, "close_rate": 10 / (5 + 20 + 0 + 1 - 1),
    "overdue": 4 + 2,
    "extensions": 1, "return_rate": 1 / 12, "callback_rate": 6 / 8, "satisfaction_rate": 6 / 8,
    "resolution_rate": 6 / 8, "reopen_rate": 1 / 10, "duplicate_rate": 2 / 20,
    "avg_workdays": 85 / 11,
}  # fmt: skip
NOV_VALUES = {
    "received": 18, "carried_over": 13, "direct": 1, "direct_rate": 1 / 15,
    "sign_rate": 11 / 12, "closed": 13, "ontime_rate": 11 / 15,
    "close_rate": 13 / (13 + 18 + 1 + 1 - 1),
    "overdue": 5 + 4, "extensions": 1, "return_rate": 1 / 13, "callback_rate": 12 / 14,
    "satisfaction_rate": 12 / 13, "resolution_rate": 12 / 13, "reopen_rate": 2 / 13,
    "duplicate_rate": 3 / 18, "avg_workdays": 144 / 15,
}  # fmt: skip
# November by section: each figure in the section the case was in when it happened (退单: the
# section that asked); a case not yet routed at that moment counts as 未转办.
NOV_SECTIONS = {
    "综合科": {"received": 4, "carried_over": 1, "dispatched": 5, "signed": 5,
            "signed_on_time": 5, "replied": 5, "replied_on_time": 4, "closed": 4, "returns": 1,
            "overdue_open": 1, "rated": 4, "satisfied": 3, "basically": 1, "reopened": 1,
            "reentered": 1, "moved_in": 1},
    "财务科": {"received": 4, "carried_over": 3, "dispatched": 5, "signed": 4,
            "signed_on_time": 3, "replied": 3, "replied_on_time": 2, "closed": 3, "returns": 0,
            "overdue_open": 2, "rated": 3, "satisfied": 3, "basically": 0},
    "法规科": {"received": 3, "carried_over": 3, "dispatched": 3, "signed_on_time": 3,
            "replied": 6, "replied_on_time": 4, "closed": 5, "returns": 0, "overdue_open": 1,
            "rated": 5, "satisfied": 4, "basically": 0, "callback_due": 6,
            "callback_reached": 5},
    "办公室": {"received": 2, "carried_over": 1, "dispatched": 0, "replied": 1, "closed": 1,
            "direct": 1, "rated": 1, "satisfied": 1},
    # 42 (received Oct 30, routed Nov 2), 45, 46 were open and unrouted when November began
    "未转办": {"received": 5, "carried_over": 5, "duplicates": 3, "replied": 0,
            "overdue_open": 1, "moved_out": 1, "ended": 4},
}  # fmt: skip


@pytest.fixture
def data(ctx: ServiceContext, clock: Clock) -> dict[int, int]:
    clock.now = datetime(2026, 12, 5, 9, 0)
    return stats_data.build(ctx)


def _by_label(table: StatsTable) -> dict[str, dict[str, int]]:
    return {r.label: r.counts for r in table.rows}


MONTHS = [(OCT, OCT_COUNTS, OCT_VALUES), (NOV, NOV_COUNTS, NOV_VALUES)]


@pytest.mark.parametrize(("period", "counts", "values"), MONTHS)
def test_bureau_totals_of_every_kpi(ctx, make_actor, data, period, counts, values) -> None:  # type: ignore[no-untyped-def]
    table = figures.compute_table(ctx, make_actor("leader"), period, Breakdown.BUREAU)
    assert table.total.counts == counts
    assert set(values) == {k.key for k in KPIS}
    assert table.total.values == pytest.approx(values)


def test_november_by_section(ctx: ServiceContext, make_actor: MakeActor, data) -> None:  # type: ignore[no-untyped-def]
    table = figures.compute_table(ctx, make_actor("desk"), NOV, Breakdown.SECTION)
    rows = _by_label(table)
    for label, expected in NOV_SECTIONS.items():
        assert {k: rows[label][k] for k in expected} == expected, label
    # every active section is listed, with zeros; 未转办 comes last
    assert [r.label for r in table.rows][:4] == ["办公室", "综合科", "运行监测科", "产业发展科"]
    assert table.rows[-1].label == "未转办" and rows["信息化推进科"]["received"] == 0
    assert rows["综合科"]["replied_on_time"] / rows["综合科"]["replied"] == 0.8
    assert table.total.counts == NOV_COUNTS


def test_every_breakdown_adds_up_to_the_total(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    actor = make_actor("desk")
    report = figures.monthly_report(ctx, actor, OCT)
    for breakdown in Breakdown:
        single = figures.compute_table(ctx, actor, OCT, breakdown)
        assert single.total.counts == OCT_COUNTS, breakdown
        if breakdown != Breakdown.BUREAU:
            summed = {k: sum(r.counts[k] for r in single.rows) for k in OCT_COUNTS}
            assert summed == OCT_COUNTS, breakdown
        # the report's cube, rolled up, gives the same table as the single query
        assert report.tables[breakdown.value].rows == single.rows, breakdown
    channels = _by_label(report.tables["channel"])
    assert {k: v["received"] for k, v in channels.items()} == {
        "市长热线": 16, "市长信箱": 2, "12345平台转办": 1, "来访": 1, "其他": 0}  # fmt: skip
    tiers = _by_label(report.tables["tier"])
    assert tiers["直办"]["direct"] == 3 and tiers["交办直属单位"]["dispatched"] == 1
    # not yet routed when received: 13 (merged), 18 and 42 (routed later), 20 (registered),
    # 21 (rejected), 45 (never routed), 46 (merged later)
    assert tiers["未分级"]["received"] == 7
    categories = _by_label(report.tables["category"])
    assert categories["投诉"]["received"] == 3 and categories["投诉"]["reopened"] == 1  # 9, 12, 22


def test_basically_satisfied_switch(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    admin, leader = make_actor("sys_admin"), make_actor("leader")
    office.save_setting(ctx, admin, "basically_counts_satisfied", False)
    oct_total = figures.compute_table(ctx, leader, OCT, Breakdown.BUREAU).total
    nov_total = figures.compute_table(ctx, leader, NOV, Breakdown.BUREAU).total
    assert oct_total.values["satisfaction_rate"] == pytest.approx(5 / 8)
    assert nov_total.values["satisfaction_rate"] == pytest.approx(11 / 13)
    report = figures.monthly_report(ctx, leader, NOV)
    assert "仅“满意”计为满意" in {n.label: n.definition for n in report.definitions}["满意率"]


def test_previous_month_trend_and_rankings(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    report = figures.monthly_report(ctx, make_actor("leader"), NOV)
    assert report.previous is not None and report.previous.counts == OCT_COUNTS
    assert report.previous_label == "2026年10月"
    trend = report.trend
    assert trend.months[-2:] == ("2026-10", "2026-11") and len(trend.months) == 12
    assert trend.received["hotline"][-2:] == (16, 14)  # Nov: 18 less 25, 30 (mailbox), 34, 38
    assert trend.received_total[-3:] == (7, 20, 18)  # September: 1–7
    assert trend.closed[-3:] == (1, 10, 13)
    ontime, satisfaction = report.rankings
    # 按时办结率: 综合科 4/5, 财务科 2/3, 法规科 4/6 — all below 85 %, the worst first (ties:
    # the larger base first); sections without replies are not ranked
    assert ontime.red == ()
    assert [(r.name, r.base) for r in ontime.black] == [("法规科", 6), ("财务科", 3),
                                                         ("综合科", 5)]  # fmt: skip
    # 满意率 (基本满意 counts): 综合科 4/4, 财务科 3/3, 法规科 4/5
    assert [r.name for r in satisfaction.red] == ["综合科", "财务科"]
    assert [(r.name, r.value) for r in satisfaction.black] == [("法规科", 0.8)]


def test_custom_quarter_and_year_periods(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    actor = make_actor("leader")
    both = figures.compute_table(ctx, actor, Period.custom(OCT.first, NOV.last), Breakdown.BUREAU)
    assert both.total.counts["received"] == 20 + 18
    assert both.total.counts["carried_over"] == 5  # open on Oct 1
    assert both.total.counts["closed"] == 10 + 13
    q4 = figures.compute_table(ctx, actor, Period.parse("2026-Q4"), Breakdown.BUREAU).total
    assert q4.counts["received"] == 20 + 18 + 1  # case 40 on Dec 1
    year = figures.compute_table(ctx, actor, Period.parse("2026"), Breakdown.BUREAU).total
    assert year.counts["received"] == len(stats_data.CASES) and year.counts["carried_over"] == 0


def test_statistics_need_a_reading_role(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        figures.compute_table(ctx, make_actor("handler", unit="ZHK"), NOV)


def test_every_cell_balances_from_one_month_to_the_next(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    """What was open at the start, plus what came in, less what left or ended, is what is open
    at the end — for every group of every breakdown (so a figure can be traced case by case)."""
    leader = make_actor("leader")
    for breakdown in Breakdown:
        months = [figures.compute_table(ctx, leader, p, breakdown)
                  for p in (Period.month(2026, 9), OCT, NOV, Period.month(2026, 12))]  # fmt: skip
        for this, following in zip(months, months[1:], strict=False):
            after = {r.key: r.counts["carried_over"] for r in (*following.rows, following.total)}
            for row in (*this.rows, this.total):
                flow = open_after(row.counts)
                assert flow == after.get(row.key, 0), (breakdown, this.period_key, row.label)
