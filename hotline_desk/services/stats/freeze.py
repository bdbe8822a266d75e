"""Freezing a month's report (月报锁定): the desk stores the month's figures as issued
(``report_snapshots``), so editing a case of that month later does not change a report already
sent upward. Unfreezing is a 系统管理员 action with a reason; the snapshot row stays (inactive)
so what was issued remains on record. Both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hotline_desk.domain.actions import PeriodAction, require_period_action
from hotline_desk.domain.errors import ConflictError, Msg, NotFound, ValidationError
from hotline_desk.domain.periods import Period, PeriodKind
from hotline_desk.reports.stats_data import (
    FrozenInfo,
)
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.stats.snapshots import active_snapshot, report_to_json, user_name
from hotline_desk.store.models.office import ReportSnapshot


@dataclass(frozen=True)
class FrozenPeriod:
    period_key: str
    frozen_at: datetime
    frozen_by: str


@user_input
def freeze_month(ctx: ServiceContext, actor: Actor, period: Period) -> FrozenInfo:
    """月报锁定: store the month's report as it stands now."""
    audit = require_period_action(actor.roles, PeriodAction.FREEZE).audit
    if period.kind != PeriodKind.MONTH:
        raise ValidationError({"period": "只能锁定月度报表"})
    now = ctx.now()
    if period.first > now.date():
        raise ValidationError({"period": Msg("{period}尚未开始，不能锁定", period=period.label)})
    from hotline_desk.services.stats.figures import report_in_session
    from hotline_desk.services.stats.kept import keep_months

    keep_months(ctx, period.end)
    with ctx.uow.write() as uow:
        s = uow.session
        if active_snapshot(s, period.key) is not None:
            raise ConflictError("{period}月报已锁定", period=period.label)
        report = report_in_session(s, period, now)
        row = ReportSnapshot(period=period.key, figures=report_to_json(report), frozen_at=now,
                             frozen_by=actor.user_id, active=True, unfreeze_reason="")  # fmt: skip
        s.add(row)
        s.flush()
        total = report.total.counts
        record_audit(s, now, actor, audit, "report", period.key,
                     {"snapshot": row.id, "received": total["received"],
                      "closed": total["closed"]})  # fmt: skip
        uow.commit()
        return FrozenInfo(row.id, now, actor.display_name)


@user_input
def unfreeze_month(ctx: ServiceContext, actor: Actor, period: Period, reason: str) -> None:
    """Unlock a frozen month (系统管理员), with the reason on record."""
    audit = require_period_action(actor.roles, PeriodAction.UNFREEZE).audit
    reason = reason.strip()
    if not 2 <= len(reason) <= 200:
        raise ValidationError({"reason": "请填写解除锁定的原因（2–200 字）"})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        row = active_snapshot(s, period.key)
        if row is None:
            raise NotFound("{period}月报未锁定", period=period.label)
        row.active, row.unfrozen_at, row.unfrozen_by = False, now, actor.user_id
        row.unfreeze_reason = reason
        record_audit(s, now, actor, audit, "report", period.key,
                     {"snapshot": row.id, "reason": reason})  # fmt: skip
        uow.commit()


@user_input
def frozen_info(ctx: ServiceContext, period: Period) -> FrozenInfo | None:
    with ctx.uow.read() as uow:
        row = active_snapshot(uow.session, period.key)
        if row is None:
            return None
        return FrozenInfo(row.id, row.frozen_at, user_name(uow.session, row.frozen_by))


def list_frozen(ctx: ServiceContext) -> list[FrozenPeriod]:
    with ctx.uow.read() as uow:
        s = uow.session
        rows = s.execute(
            select(ReportSnapshot).where(ReportSnapshot.active).order_by(ReportSnapshot.period)
        ).scalars()
        return [FrozenPeriod(r.period, r.frozen_at, user_name(s, r.frozen_by)) for r in rows]
