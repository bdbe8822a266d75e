"""The cases behind a statistics figure: a click on 按时办结率 of 财务科 in November opens the
case list limited to the cases that make it up (here: those replied late). The conditions are
the aggregates' own (``stats_sql``), so the list and the figure agree (for a frozen month, the
list shows the cases as they are now)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, select

from hotline_desk.domain.enums import EventKind, ExtensionStatus, ReturnDecision, Tier
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.dto import KpiSelection
from hotline_desk.services.stats.sql import (
    GROUP_COLUMNS,
    callback_required,
    is_duplicate,
    is_routed,
    open_at,
    overdue_at,
    replied_on_time,
    satisfied_ratings,
    signed_on_time,
    within,
)
from hotline_desk.store.models import Case, CaseEvent, ReturnRequest
from hotline_desk.store.models.callbacks import Callback
from hotline_desk.store.models.deadlines import Extension

INT_GROUPS = (Breakdown.SECTION, Breakdown.TOPIC, Breakdown.TIER)


def _group_value(breakdown: Breakdown, key: str) -> Any:
    if key == "":
        return None
    return int(key) if breakdown in INT_GROUPS else key


def _equals(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _case_condition(sel: KpiSelection, p: Period, asker: Any) -> ColumnElement[bool]:
    start, end = p.start, p.end
    received, replied = within(Case.received_at, start, end), within(Case.replied_at, start, end)
    on_case: dict[str, Any] = {
        "received": lambda: received,
        "duplicates": lambda: and_(received, is_duplicate()),
        "carried_over": lambda: and_(Case.received_at < start, open_at(start)),
        "direct": lambda: and_(replied, Case.tier == Tier.DIRECT),
        "sign_late": lambda: and_(within(Case.dispatched_at, start, end), is_routed(),
                                  not_(signed_on_time())),
        "closed": lambda: within(Case.closed_at, start, end),
        "replied": lambda: replied,
        "replied_late": lambda: and_(replied, not_(replied_on_time())),
        "overdue": lambda: or_(and_(open_at(end), overdue_at(end)),
                               and_(replied, not_(replied_on_time()))),
        "callback_due": lambda: and_(within(Case.callback_deadline, start, end),
                                     callback_required()),
    }  # fmt: skip
    if sel.drill in on_case:
        return on_case[sel.drill]()  # type: ignore[no-any-return]
    rated = and_(within(Callback.at, start, end), Callback.satisfaction.is_not(None))
    sub = {
        "extended": select(Extension.case_id).where(
            Extension.status == ExtensionStatus.APPROVED, within(Extension.decided_at, start, end)),
        "returned": select(ReturnRequest.case_id).where(
            ReturnRequest.decision == ReturnDecision.APPROVED,
            within(ReturnRequest.decided_at, start, end),
            *([asker] if asker is not None else [])),
        "not_satisfied": select(Callback.case_id).where(
            rated, Callback.satisfaction.not_in(satisfied_ratings(sel.basically_counts))),
        "unresolved": select(Callback.case_id).where(rated, Callback.resolved.is_not(True)),
        "reopened": select(CaseEvent.case_id).where(
            CaseEvent.kind == EventKind.REOPENED.value, within(CaseEvent.at, start, end)),
    }.get(sel.drill)  # fmt: skip
    if sub is None:
        raise ValidationError({"kpi": Msg("没有“{drill}”这项统计明细", drill=sel.drill)})
    return Case.id.in_(sub)


def drill_condition(sel: KpiSelection) -> ColumnElement[bool]:
    """A condition on ``cases`` selecting the cases behind the figure."""
    period = Period.parse(sel.period_key)
    breakdown = Breakdown(sel.breakdown)
    group: ColumnElement[bool] | None = None
    asker = None
    if sel.group is not None and breakdown in GROUP_COLUMNS:
        value = _group_value(breakdown, sel.group)
        if sel.drill == "returned" and breakdown == Breakdown.SECTION:
            asker = _equals(ReturnRequest.org_unit_id, value)  # 退单: the section that asked
        else:
            group = _equals(GROUP_COLUMNS[breakdown], value)
    condition = _case_condition(sel, period, asker)
    return and_(condition, group) if group is not None else condition
