"""The 统计 page's table: every KPI of one breakdown's groups and the total row, each figure
with its definition and reading as a tooltip (from ``domain/kpi.py``, or as a frozen month
stored them), and the selection of the cases behind a figure."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hotline_desk.domain.kpi import (
    DRILL_LABELS,
    KPIS,
    Breakdown,
    Kpi,
    KpiNote,
    format_value,
)
from hotline_desk.domain.periods import Period
from hotline_desk.gui.common.words import enum_text, kpi_text, render
from hotline_desk.reports.stats_data import StatsRow, StatsTable
from hotline_desk.services.dto import KpiSelection


def period_text(key: str) -> str:
    """A report's period in the UI language (from its key: a frozen report stores the Chinese
    label as text)."""
    return render(Period.parse(key).label)


LABELLED_BREAKDOWNS = (Breakdown.CATEGORY, Breakdown.CHANNEL, Breakdown.TIER)  # enum labels


class StatsTableModel(QAbstractTableModel):
    """One statistics table: a row per group and the totals row; a column per KPI, whose
    header and figures explain it in a tooltip (the report's definition and reading)."""

    def __init__(self) -> None:
        super().__init__()
        self.table: StatsTable | None = None
        self.notes: dict[str, KpiNote] = {}

    def set_table(self, table: StatsTable | None, notes: tuple[KpiNote, ...] = ()) -> None:
        """Show ``table``; ``notes`` are the report's (a frozen month's as issued)."""
        self.beginResetModel()
        self.table = table
        self.notes = {n.key: n for n in notes}
        self.endResetModel()

    def tooltip(self, kpi: Kpi) -> str:
        """The KPI's definition and, under it, how the desk reads it (rich text, so it wraps)."""
        note = self.notes.get(kpi.key) or KpiNote(kpi.key, kpi.label, kpi.definition, kpi.reading)
        lines = [
            self.tr("{kpi}：{definition}").format(
                kpi=kpi_text(kpi.label), definition=note.definition
            )
        ]
        if note.reading:
            lines.append(self.tr("计算说明：{reading}").format(reading=note.reading))
        return "".join(f"<p>{escape(line)}</p>" for line in lines)

    def _rows(self) -> tuple[StatsRow, ...]:
        if self.table is None:
            return ()
        return (*self.table.rows, self.table.total)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KPIS) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self.tooltip(KPIS[section - 1])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return kpi_text(self.table.header) if self.table else ""
        return kpi_text(KPIS[section - 1].label)

    def row_label(self, row: StatsRow) -> str:
        assert self.table is not None
        if row.key in ("*", ""):  # the totals row, the row of cases without a group
            return kpi_text(row.label)
        if self.table.breakdown in LABELLED_BREAKDOWNS:
            return enum_text(row.label)
        return row.label

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or self.table is None:
            return None
        row = self._rows()[index.row()]
        total = row.key == "*"
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return self.row_label(row)
            kpi = KPIS[index.column() - 1]
            return format_value(kpi, row.values[kpi.key])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QBrush(QColor("#f2f2f2"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column():
            return self.tooltip(KPIS[index.column() - 1])
        return None

    def selection(self, index: QModelIndex) -> KpiSelection | None:
        """The cases behind the figure at ``index`` (None for the label column)."""
        if self.table is None or not index.isValid() or index.column() == 0:
            return None
        row = self._rows()[index.row()]
        kpi = KPIS[index.column() - 1]
        group = None if row.key == "*" else row.key
        caption = self.tr("{period} · {row} · {kpi}：{cases}").format(
            period=period_text(self.table.period_key),
            row=self.row_label(row),
            kpi=kpi_text(kpi.label),
            cases=kpi_text(DRILL_LABELS[kpi.drill]),
        )
        return KpiSelection(
            kpi.drill,
            self.table.period_key,
            self.table.breakdown,
            group,
            self.table.basically_counts,
            caption,
        )
