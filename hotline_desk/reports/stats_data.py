"""Plain frozen results of the statistics services, and their JSON form for frozen reports
(``report_snapshots.figures``): only the counts are stored, the KPIs are derived from them by
``domain.kpi`` with the 基本满意 switch as it was when the report was frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hotline_desk.domain.kpi import (
    COUNT_KEYS,
    FORMULAS,
    RANKED_KPIS,
    KpiNote,
    Ranking,
    Value,
    kpi_values,
    rank_sections,
)

SNAPSHOT_VERSION = 2
"""2: figures from facts (``domain.kpi.FORMULAS`` 2) with the KPI notes (definition and
reading) stored as issued; 1: before (rates read with their former bases, today's notes)."""


@dataclass(frozen=True)
class StatsRow:
    """One line of a table: a group (a section, a category …) or the total."""

    key: str  # the group's value as text ("" for none; "*" for the total)
    label: str
    counts: dict[str, int]
    values: dict[str, Value]

    @classmethod
    def of(cls, key: str, label: str, counts: dict[str, int], basically: bool,
           formulas: int = FORMULAS) -> StatsRow:  # fmt: skip
        full = {k: int(counts.get(k, 0)) for k in COUNT_KEYS}
        return cls(key, label, full, kpi_values(full, basically, formulas))


@dataclass(frozen=True)
class FrozenInfo:
    snapshot_id: int
    frozen_at: datetime
    frozen_by: str


@dataclass(frozen=True)
class StatsTable:
    period_key: str
    period_label: str
    breakdown: str
    header: str  # the first column's heading (主办科室, 诉求类型 …)
    rows: tuple[StatsRow, ...]
    total: StatsRow
    basically_counts: bool
    frozen: FrozenInfo | None = None
    ranked_keys: tuple[str, ...] = ()
    """Rows that take part in the red/black lists (sections, not the office or 未转办)."""


@dataclass(frozen=True)
class Trend:
    """Cases received per month by channel, and closed per month (the last 12 months)."""

    months: tuple[str, ...]  # period keys, oldest first
    labels: tuple[str, ...]  # 2026-11 …
    channels: tuple[tuple[str, str], ...]  # (value, label)
    received: dict[str, tuple[int, ...]]  # channel → per month
    closed: tuple[int, ...]

    @property
    def received_total(self) -> tuple[int, ...]:
        return tuple(sum(col) for col in zip(*self.received.values(), strict=True)) if (
            self.received) else tuple(0 for _ in self.months)  # fmt: skip


@dataclass(frozen=True)
class MonthlyReport:
    """Everything the monthly report shows (screen, XLSX, PDF)."""

    bureau_name: str
    period_key: str
    period_label: str
    tables: dict[str, StatsTable]  # breakdown → table (bureau, section, category …)
    previous: StatsRow | None  # the previous period's bureau total
    previous_label: str
    trend: Trend
    rankings: tuple[Ranking, ...]
    definitions: tuple[KpiNote, ...]
    """Every KPI's definition and reading (a frozen month's as issued)."""
    basically_counts: bool
    ranking_floor: float
    generated_at: datetime
    frozen: FrozenInfo | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> StatsRow:
        return self.tables["bureau"].total


# --- JSON ------------------------------------------------------------------------------------


def table_to_json(table: StatsTable) -> dict[str, Any]:
    return {
        "breakdown": table.breakdown,
        "header": table.header,
        "rows": [{"key": r.key, "label": r.label, "counts": r.counts} for r in table.rows],
        "total": table.total.counts,
        "ranked": list(table.ranked_keys),
    }


def table_from_json(data: dict[str, Any], period_key: str, period_label: str, basically: bool,
                    frozen: FrozenInfo | None, formulas: int = FORMULAS) -> StatsTable:  # fmt: skip
    rows = tuple(StatsRow.of(r["key"], r["label"], r["counts"], basically, formulas)
                 for r in data["rows"])  # fmt: skip
    total = StatsRow.of("*", "合计", data["total"], basically, formulas)
    return StatsTable(period_key, period_label, data["breakdown"], data["header"], rows, total,
                      basically, frozen, tuple(data.get("ranked", ())))  # fmt: skip


def trend_to_json(trend: Trend) -> dict[str, Any]:
    return {
        "months": list(trend.months), "labels": list(trend.labels),
        "channels": [list(c) for c in trend.channels],
        "received": {k: list(v) for k, v in trend.received.items()}, "closed": list(trend.closed),
    }  # fmt: skip


def trend_from_json(data: dict[str, Any]) -> Trend:
    return Trend(
        tuple(data["months"]), tuple(data["labels"]),
        tuple((c[0], c[1]) for c in data["channels"]),
        {k: tuple(v) for k, v in data["received"].items()}, tuple(data["closed"]),
    )  # fmt: skip


def notes_to_json(notes: tuple[KpiNote, ...]) -> list[dict[str, str]]:
    return [{"key": n.key, "label": n.label, "definition": n.definition, "reading": n.reading}
            for n in notes]  # fmt: skip


def notes_from_json(data: list[dict[str, str]]) -> tuple[KpiNote, ...]:
    return tuple(KpiNote(n["key"], n["label"], n["definition"], n.get("reading", "")) for n in data)


def rankings(table: StatsTable, floor: float) -> tuple[Ranking, ...]:
    """红榜/黑榜 of a section table on 按时办结率 and 满意率."""
    keyed = set(table.ranked_keys)
    rows = [(r.label, r.counts) for r in table.rows if r.key in keyed]
    return tuple(rank_sections(rows, k, floor, table.basically_counts) for k in RANKED_KPIS)
