"""The monthly report as JSON for other programs (``hotline-desk stats --json``): for every
breakdown its rows and total with the raw counts and every KPI as a plain number (rates as
fractions, ``null`` when there is nothing to divide by), and the notes (definition, reading).
Keys come in a fixed order: breakdowns, counts and KPIs as ``domain.kpi`` lists them."""

from __future__ import annotations

import json
from typing import Any

from hotline_desk.domain.kpi import COUNT_KEYS, KPIS, Breakdown, KpiKind, Value
from hotline_desk.reports.stats_data import MonthlyReport, StatsRow, StatsTable


def _number(kind: KpiKind, value: Value) -> int | float | None:
    if value is None:
        return None
    return int(value) if kind == KpiKind.COUNT else float(value)


def _row(row: StatsRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "counts": {k: int(row.counts.get(k, 0)) for k in COUNT_KEYS},
        "kpis": {k.key: _number(k.kind, row.values.get(k.key)) for k in KPIS},
    }


def _table(table: StatsTable) -> dict[str, Any]:
    return {
        "header": table.header,
        "rows": [_row(r) for r in table.rows],
        "total": _row(table.total),
    }


def report_data(report: MonthlyReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    frozen = report.frozen
    return {
        "period": report.period_key,
        "period_label": report.period_label,
        "bureau_name": report.bureau_name,
        "frozen": frozen is not None,
        "frozen_at": frozen.frozen_at.isoformat() if frozen is not None else None,
        "generated_at": report.generated_at.isoformat(),
        "basically_counts": report.basically_counts,
        "breakdowns": {
            b.value: _table(report.tables[b.value]) for b in Breakdown if b.value in report.tables
        },
        "definitions": [
            {"key": n.key, "label": n.label, "definition": n.definition, "reading": n.reading}
            for n in report.definitions
        ],
    }


def report_json(report: MonthlyReport) -> str:
    """The report as UTF-8-ready JSON text (Chinese as is, not escaped)."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2)
