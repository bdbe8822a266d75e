"""The import preview as a table model: one line per row of the file with its status, a tick
box on the rows changed on the platform (updated only when ticked), the case it becomes and the
problems found or the changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from hotline_desk.services.intake.platform_import import (
    CHANGED,
    NEW,
    REFUSED,
    UNCHANGED,
    PreviewRow,
)

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("PreviewModel", text)


COLUMNS = (
    QT_TRANSLATE_NOOP("PreviewModel", "行号"),
    QT_TRANSLATE_NOOP("PreviewModel", "状态"),
    QT_TRANSLATE_NOOP("PreviewModel", "工单编号"),
    QT_TRANSLATE_NOOP("PreviewModel", "标题"),
    QT_TRANSLATE_NOOP("PreviewModel", "诉求人"),
    QT_TRANSLATE_NOOP("PreviewModel", "受理时间"),
    QT_TRANSLATE_NOOP("PreviewModel", "平台截止时间"),
    QT_TRANSLATE_NOOP("PreviewModel", "事项分类"),
    QT_TRANSLATE_NOOP("PreviewModel", "建议主办科室"),
    QT_TRANSLATE_NOOP("PreviewModel", "问题 / 平台上的变更"),
)
STATUS_TEXT = {
    NEW: QT_TRANSLATE_NOOP("PreviewModel", "新增"),
    UNCHANGED: QT_TRANSLATE_NOOP("PreviewModel", "已导入，无变化"),
    CHANGED: QT_TRANSLATE_NOOP("PreviewModel", "平台已变更（勾选以更新）"),
    REFUSED: QT_TRANSLATE_NOOP("PreviewModel", "不能导入"),
}
STATUS_COLOUR = {NEW: "#1b5e20", UNCHANGED: "#616161", CHANGED: "#e65100", REFUSED: "#b71c1c"}


def _time(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def detail_text(row: PreviewRow) -> str:
    if row.problems:
        return ";".join(f"{field}:{problem}" for field, problem in row.problems)
    if row.changes:
        return ";".join(f"{f}:{old} → {new}" for f, old, new in row.changes)
    return row.case_no


class PreviewModel(QAbstractTableModel):
    def __init__(self, rows: tuple[PreviewRow, ...] = ()) -> None:
        super().__init__()
        self.rows = rows
        self.ticked: set[str] = set()

    def set_rows(self, rows: tuple[PreviewRow, ...]) -> None:
        self.beginResetModel()
        self.rows, self.ticked = rows, set()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row.line),
                _t(STATUS_TEXT[row.status]),
                row.platform_ref,
                row.title,
                row.caller_name,
                _time(row.received_at),
                _time(row.external_deadline),
                row.topic_name,
                row.lead_unit_name,
                detail_text(row),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 9:
            return detail_text(row).replace(";", "\n")
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor(STATUS_COLOUR[row.status])
        if role == Qt.ItemDataRole.CheckStateRole and col == 1 and row.status == CHANGED:
            ticked = row.platform_ref in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == 1 and self.rows[index.row()].status == CHANGED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = 0) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 1:
            return False
        row = self.rows[index.row()]
        if row.status != CHANGED:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(row.platform_ref)
        else:
            self.ticked.discard(row.platform_ref)
        self.dataChanged.emit(index, index, [role])
        return True

    def tick_all_changed(self, on: bool) -> None:
        self.ticked = {r.platform_ref for r in self.rows if r.status == CHANGED} if on else set()
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))
