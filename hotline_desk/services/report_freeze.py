"""Freezing a month's report (月报锁定): the desk stores the month's figures as issued
(``report_snapshots``), so editing a case of that month later does not change a report already
sent upward. Unfreezing is a 系统管理员 action with a reason; the snapshot row stays (inactive)
so what was issued remains on record. Both are audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums import Role
from hotline_desk.domain.errors import ConflictError, NotFound, ValidationError
from hotline_desk.domain.periods import Period, PeriodKind
from hotline_desk.domain.permissions import require
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.stats_dto import (
    SNAPSHOT_VERSION,
    FrozenInfo,
    MonthlyReport,
    StatsRow,
    table_from_json,
    table_to_json,
    trend_from_json,
    trend_to_json,
)
from hotline_desk.store.models import User
from hotline_desk.store.models_office import ReportSnapshot

FREEZE_ROLES = frozenset({Role.DESK})
UNFREEZE_ROLES = frozenset({Role.SYS_ADMIN})


@dataclass(frozen=True)
class FrozenPeriod:
    period_key: str
    frozen_at: datetime
    frozen_by: str


def _active(s: Session, key: str) -> ReportSnapshot | None:
    return s.execute(
        select(ReportSnapshot)
        .where(ReportSnapshot.period == key, ReportSnapshot.active)
        .order_by(ReportSnapshot.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _user_name(s: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return s.execute(select(User.display_name).where(User.id == user_id)).scalar() or ""


def report_to_json(report: MonthlyReport) -> str:
    data = {
        "version": SNAPSHOT_VERSION,
        "bureau_name": report.bureau_name,
        "period": report.period_key,
        "period_label": report.period_label,
        "basically_counts": report.basically_counts,
        "ranking_floor": report.ranking_floor,
        "tables": {k: table_to_json(t) for k, t in report.tables.items()},
        "previous": report.previous.counts if report.previous else None,
        "previous_label": report.previous_label,
        "trend": trend_to_json(report.trend),
        "generated_at": report.generated_at.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def report_from_json(text: str, frozen: FrozenInfo) -> MonthlyReport:
    from hotline_desk.domain.kpi import definitions
    from hotline_desk.services.stats import rankings

    data = json.loads(text)
    basically = bool(data["basically_counts"])
    key, label = data["period"], data["period_label"]
    tables = {k: table_from_json(t, key, label, basically, frozen)
              for k, t in data["tables"].items()}  # fmt: skip
    floor = float(data["ranking_floor"])
    section = tables.get("section")
    previous = data.get("previous")
    return MonthlyReport(
        bureau_name=data["bureau_name"], period_key=key, period_label=label, tables=tables,
        previous=StatsRow.of("*", "合计", previous, basically) if previous else None,
        previous_label=data.get("previous_label", ""), trend=trend_from_json(data["trend"]),
        rankings=rankings(section, floor) if section is not None else (),
        definitions=tuple(definitions(basically)), basically_counts=basically,
        ranking_floor=floor, generated_at=datetime.fromisoformat(data["generated_at"]),
        frozen=frozen,
    )  # fmt: skip


def frozen_report_in_session(s: Session, period: Period) -> MonthlyReport | None:
    row = _active(s, period.key)
    if row is None:
        return None
    info = FrozenInfo(row.id, row.frozen_at, _user_name(s, row.frozen_by))
    return report_from_json(row.figures, info)


def freeze_month(ctx: ServiceContext, actor: Actor, period: Period) -> FrozenInfo:
    """月报锁定: store the month's report as it stands now."""
    require(actor.roles, FREEZE_ROLES, "锁定月报")
    if period.kind != PeriodKind.MONTH:
        raise ValidationError({"period": "只能锁定月度报表"})
    now = ctx.now()
    if period.first > now.date():
        raise ValidationError({"period": f"{period.label}尚未开始,不能锁定"})
    from hotline_desk.services.stats import report_in_session

    with ctx.uow.write() as uow:
        s = uow.session
        if _active(s, period.key) is not None:
            raise ConflictError(f"{period.label}月报已锁定")
        report = report_in_session(s, period, now)
        row = ReportSnapshot(period=period.key, figures=report_to_json(report), frozen_at=now,
                             frozen_by=actor.user_id, active=True, unfreeze_reason="")  # fmt: skip
        s.add(row)
        s.flush()
        total = report.total.counts
        record_audit(s, now, actor, "report_freeze", "report", period.key,
                     {"snapshot": row.id, "received": total["received"],
                      "closed": total["closed"]})  # fmt: skip
        uow.commit()
        return FrozenInfo(row.id, now, actor.display_name)


def unfreeze_month(ctx: ServiceContext, actor: Actor, period: Period, reason: str) -> None:
    """Unlock a frozen month (系统管理员), with the reason on record."""
    require(actor.roles, UNFREEZE_ROLES, "解除月报锁定")
    reason = reason.strip()
    if not 2 <= len(reason) <= 200:
        raise ValidationError({"reason": "请填写解除锁定的原因(2–200 字)"})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        row = _active(s, period.key)
        if row is None:
            raise NotFound(f"{period.label}月报未锁定")
        row.active, row.unfrozen_at, row.unfrozen_by = False, now, actor.user_id
        row.unfreeze_reason = reason
        record_audit(s, now, actor, "report_unfreeze", "report", period.key,
                     {"snapshot": row.id, "reason": reason})  # fmt: skip
        uow.commit()


def frozen_info(ctx: ServiceContext, period: Period) -> FrozenInfo | None:
    with ctx.uow.read() as uow:
        row = _active(uow.session, period.key)
        if row is None:
            return None
        return FrozenInfo(row.id, row.frozen_at, _user_name(uow.session, row.frozen_by))


def list_frozen(ctx: ServiceContext) -> list[FrozenPeriod]:
    with ctx.uow.read() as uow:
        s = uow.session
        rows = s.execute(
            select(ReportSnapshot).where(ReportSnapshot.active).order_by(ReportSnapshot.period)
        ).scalars()
        return [FrozenPeriod(r.period, r.frozen_at, _user_name(s, r.frozen_by)) for r in rows]
