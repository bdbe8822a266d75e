"""Frozen monthly reports (月报锁定) as stored: the JSON form of a report and reading the active
snapshot of a month. A snapshot keeps the KPI notes it was issued with (from version 2); one
frozen before that shows today's notes."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.periods import Period
from hotline_desk.reports.stats_data import (
    SNAPSHOT_VERSION,
    FrozenInfo,
    MonthlyReport,
    StatsRow,
    notes_from_json,
    notes_to_json,
    table_from_json,
    table_to_json,
    trend_from_json,
    trend_to_json,
)
from hotline_desk.store.models import User
from hotline_desk.store.models.office import ReportSnapshot


def active_snapshot(s: Session, key: str) -> ReportSnapshot | None:
    return s.execute(
        select(ReportSnapshot)
        .where(ReportSnapshot.period == key, ReportSnapshot.active)
        .order_by(ReportSnapshot.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def user_name(s: Session, user_id: int | None) -> str:
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
        "definitions": notes_to_json(report.definitions),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def report_from_json(text: str, frozen: FrozenInfo) -> MonthlyReport:
    from hotline_desk.domain.kpi import FORMULAS, definitions
    from hotline_desk.reports.stats_data import rankings

    data = json.loads(text)
    basically = bool(data["basically_counts"])
    key, label = data["period"], data["period_label"]
    formulas = 1 if int(data.get("version", 1)) < 2 else FORMULAS  # as it was issued
    tables = {k: table_from_json(t, key, label, basically, frozen, formulas)
              for k, t in data["tables"].items()}  # fmt: skip
    floor = float(data["ranking_floor"])
    section = tables.get("section")
    previous = data.get("previous")
    stored = data.get("definitions")
    notes = notes_from_json(stored) if stored else tuple(definitions(basically))
    return MonthlyReport(
        bureau_name=data["bureau_name"], period_key=key, period_label=label, tables=tables,
        previous=StatsRow.of("*", "合计", previous, basically, formulas) if previous else None,
        previous_label=data.get("previous_label", ""), trend=trend_from_json(data["trend"]),
        rankings=rankings(section, floor) if section is not None else (),
        definitions=notes, basically_counts=basically,
        ranking_floor=floor, generated_at=datetime.fromisoformat(data["generated_at"]),
        frozen=frozen,
    )  # fmt: skip


def frozen_report_in_session(s: Session, period: Period) -> MonthlyReport | None:
    row = active_snapshot(s, period.key)
    if row is None:
        return None
    info = FrozenInfo(row.id, row.frozen_at, user_name(s, row.frozen_by))
    return report_from_json(row.figures, info)
