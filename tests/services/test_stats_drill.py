"""The cases behind a figure (统计明细) and frozen months (月报锁定), on the hand-built dataset."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import ConflictError, PermissionDenied, ValidationError
from hotline_desk.domain.kpi import KPIS, Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.cases import queries
from hotline_desk.services.dto import CaseFilter, KpiSelection
from hotline_desk.services.stats import figures, freeze
from hotline_desk.store.models import AuditLog, Case
from tests import stats_data
from tests.conftest import Clock
from tests.services.test_stats import NOV_COUNTS

NOV = Period.month(2026, 11)


@pytest.fixture
def data(ctx, clock: Clock) -> dict[int, int]:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 5, 9, 0)
    return stats_data.build(ctx)


def _numbers(ctx, actor, sel: KpiSelection, data: dict[int, int]) -> set[int]:  # type: ignore[no-untyped-def]
    page = queries.list_cases(ctx, actor, CaseFilter(kpi=sel), limit=1000)
    back = {v: k for k, v in data.items()}
    assert queries.count_cases(ctx, actor, CaseFilter(kpi=sel)) == len(page.rows)
    return {back[r.id] for r in page.rows}


def test_every_figure_opens_its_cases(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk")
    c = NOV_COUNTS
    expected = {
        "received": c["received"], "carried_over": c["carried_over"], "direct": c["direct"],
        "sign_late": c["signed"] - c["signed_on_time"], "closed": c["closed"],
        "replied": c["replied"], "replied_late": c["replied_late"],
        "overdue": c["overdue_open"] + c["replied_late"], "extended": c["extensions"],
        "returned": c["returns"], "callback_due": c["callback_due"], "not_satisfied": 1,
        "unresolved": 1, "reopened": c["reopened"], "duplicates": c["duplicates"],
    }  # fmt: skip
    assert {k.drill for k in KPIS} == set(expected)
    for drill, count in expected.items():
        assert len(_numbers(ctx, desk, KpiSelection(drill, "2026-11"), data)) == count, drill
    assert _numbers(ctx, desk, KpiSelection("overdue", "2026-11"), data) == {
        12, 26, 32, 33, 45, 2, 11, 22, 24}  # fmt: skip
    section = {u.label: u.key for u in figures.compute_table(ctx, desk, NOV).rows}
    late_b = KpiSelection("sign_late", "2026-11", "section", section["财务科"])
    assert _numbers(ctx, desk, late_b, data) == {25}
    # 退单 belongs to the section that asked, though the case now sits with another
    asked_a = KpiSelection("returned", "2026-11", "section", section["综合科"])
    assert _numbers(ctx, desk, asked_a, data) == {32}
    none = KpiSelection("received", "2026-11", "section", "")
    assert _numbers(ctx, desk, none, data) == {28, 29, 36, 37, 39}
    strict = KpiSelection("not_satisfied", "2026-11", basically_counts=False)
    assert _numbers(ctx, desk, strict, data) == {24, 33}
    # a section's user sees only the section's cases behind a bureau figure
    handler = make_actor("handler", unit="FGK")
    assert _numbers(ctx, handler, KpiSelection("closed", "2026-11"), data) == {11, 18, 22, 27, 34}


def test_a_frozen_month_keeps_its_figures(ctx, make_actor, data, clock) -> None:  # type: ignore[no-untyped-def]
    desk, admin, leader = make_actor("desk"), make_actor("sys_admin"), make_actor("leader")
    with pytest.raises(PermissionDenied):
        freeze.freeze_month(ctx, leader, NOV)
    info = freeze.freeze_month(ctx, desk, NOV)
    assert info.frozen_by == desk.display_name
    with pytest.raises(ConflictError):
        freeze.freeze_month(ctx, desk, NOV)
    # a later edit: case 23 turns out to have been replied late and never closed
    with ctx.uow.write() as uow:
        case = uow.session.get(Case, data[23])
        case.replied_at, case.closed_at, case.ended_at = datetime(2026, 11, 30), None, None
        uow.commit()
    frozen = figures.compute_table(ctx, leader, NOV, Breakdown.SECTION)
    assert frozen.frozen is not None and frozen.total.counts == NOV_COUNTS
    report = figures.monthly_report(ctx, leader, NOV)
    assert report.frozen is not None and report.total.counts == NOV_COUNTS
    assert report.previous is not None and report.previous.counts["received"] == 20
    # unfreezing: the system administrator only, with a reason; then the figures are live
    with pytest.raises(PermissionDenied):
        freeze.unfreeze_month(ctx, desk, NOV, "数据更正")
    with pytest.raises(ValidationError):
        freeze.unfreeze_month(ctx, admin, NOV, " ")
    freeze.unfreeze_month(ctx, admin, NOV, "第23件答复时间登记有误，更正后重报")
    live = figures.compute_table(ctx, leader, NOV, Breakdown.BUREAU)
    assert live.frozen is None
    # the corrected reply is a fact of Nov 30 (late); the closing of Nov 6 happened and stays
    assert live.total.counts["closed"] == NOV_COUNTS["closed"]
    assert live.total.counts["replied_late"] == NOV_COUNTS["replied_late"] + 1
    with ctx.uow.read() as uow:
        actions = uow.session.execute(
            select(AuditLog.action, AuditLog.object_id, AuditLog.detail)
            .where(AuditLog.action.like("report_%")).order_by(AuditLog.id)
        ).all()  # fmt: skip
    assert [(a, o) for a, o, _d in actions] == [("report_freeze", "2026-11"),
                                                ("report_unfreeze", "2026-11")]  # fmt: skip
    assert "更正后重报" in actions[1][2]
    assert freeze.list_frozen(ctx) == []


def test_only_started_months_can_be_frozen(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk")
    with pytest.raises(ValidationError):
        freeze.freeze_month(ctx, desk, Period.month(2027, 1))
    with pytest.raises(ValidationError):
        freeze.freeze_month(ctx, desk, Period.parse("2026-Q4"))


def test_a_month_frozen_before_facts_keeps_its_rates(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    """A snapshot of revision 1 (frozen before the figures came from facts) is read with the
    bases its three changed rates were issued with; a new one with today's."""
    import json

    from hotline_desk.store.models import ReportSnapshot

    desk, leader = make_actor("desk"), make_actor("leader")
    freeze.freeze_month(ctx, desk, NOV)
    with ctx.uow.write() as uow:
        row = uow.session.execute(select(ReportSnapshot)).scalar_one()
        figures_ = json.loads(row.figures)
        assert figures_["version"] == 2
        figures_["version"] = 1
        row.figures = json.dumps(figures_, ensure_ascii=False)
        uow.commit()
    total = figures.compute_table(ctx, leader, NOV, Breakdown.BUREAU).total
    c = NOV_COUNTS
    assert total.values["direct_rate"] == pytest.approx(c["direct"] / c["received"])
    assert total.values["sign_rate"] == pytest.approx(c["signed_on_time"] / c["dispatched"])
    assert total.values["close_rate"] == pytest.approx(
        c["closed"] / (c["received"] + c["carried_over"]))  # fmt: skip
    assert total.values["ontime_rate"] == pytest.approx(c["replied_on_time"] / c["replied"])
