"""The 督办台's list model: the board's rows (``BoardRow``) fetched by keyset on (deadline, id)
like the case list, each row's cells made once when first painted (a table asks about eight
roles of every cell it paints) and the remaining time made when painted."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from hotline_desk.domain.enums.supervision import Clock
from hotline_desk.gui.cases.deadline_view import (
    LEVEL_COLORS,
    level_text,
    overdue_text,
    remaining_text,
)
from hotline_desk.gui.cases.model import CaseTableModel
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.words import enum_text, fmt_dt, label, limit_words
from hotline_desk.services.supervision import board
from hotline_desk.services.supervision.board import BoardFilter, BoardRow

BOARD_COLUMNS: list[tuple[str, str]] = [
    ("level", QT_TRANSLATE_NOOP("BoardModel", "预警")),
    ("case_no", QT_TRANSLATE_NOOP("BoardModel", "办件编号")),
    ("title", QT_TRANSLATE_NOOP("BoardModel", "标题")),
    ("lead_unit_name", QT_TRANSLATE_NOOP("BoardModel", "主办科室")),
    ("due_clock", QT_TRANSLATE_NOOP("BoardModel", "环节")),
    ("due_at", QT_TRANSLATE_NOOP("BoardModel", "期限")),
    ("remaining", QT_TRANSLATE_NOOP("BoardModel", "剩余/超期")),
    ("limit", QT_TRANSLATE_NOOP("BoardModel", "时限")),
    ("urge_count", QT_TRANSLATE_NOOP("BoardModel", "催办")),
    ("order_level", QT_TRANSLATE_NOOP("BoardModel", "督办单")),
    ("status", QT_TRANSLATE_NOOP("BoardModel", "状态")),
]

_COLUMN = [attr for attr, _h in BOARD_COLUMNS]
_LEVEL, _TITLE, _REMAINING = (_COLUMN.index(a) for a in ("level", "title", "remaining"))
_DISPLAY, _USER = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.UserRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


@functools.cache
def _brush(color: str) -> QBrush:
    return QBrush(QColor(color))


class BoardModel(CaseTableModel):
    """The board's rows (``BoardRow``), fetched by keyset on (deadline, id) like the case list."""

    def __init__(
        self,
        fetch: Callable[..., Any],
        count: Callable[..., int] | None,
        runner: TaskRunner,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(fetch, count, runner)
        self.now = now
        self.filter = BoardFilter()  # type: ignore[assignment]
        self._made: dict[int, tuple[BoardRow, tuple[str, ...]]] = {}

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(BOARD_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:  # the int test first
            return QCoreApplication.translate("BoardModel", BOARD_COLUMNS[section][1])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        return  # always most urgent first

    def sortable(self, column: int) -> bool:
        return False

    def indicator(self) -> tuple[int, Qt.SortOrder]:
        """The header's sort indicator: the service's order (``board.BOARD_ORDER``)."""
        attr, direction = board.BOARD_ORDER
        column = [a for a, _h in BOARD_COLUMNS].index(attr)
        ascending = direction == "ascending"
        return column, Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        # asked ~8 roles for every cell painted: plain ints, each row's texts made once
        if not index.isValid():
            return None
        row: BoardRow = self._rows[index.row()]  # type: ignore[assignment]
        column = index.column()
        if role == _DISPLAY:
            if column == _REMAINING:  # the clock moves on: made when painted
                return self._display(row, "remaining")
            return self._texts(row)[column]
        if role == _USER:
            return row.id
        if role == _FOREGROUND and column in (_LEVEL, _REMAINING):
            return _brush(LEVEL_COLORS[row.level][0])
        if role == _BACKGROUND and column == _LEVEL:
            return _brush(LEVEL_COLORS[row.level][1])
        if role == _TOOLTIP and column == _TITLE:
            return row.title
        return None

    def _texts(self, row: BoardRow) -> tuple[str, ...]:
        """The row's cells as shown (the remaining time apart), made once per row fetched."""
        held = self._made.get(id(row))
        if held is None or held[0] is not row:
            held = (row, tuple(self._display(row, attr) for attr, _h in BOARD_COLUMNS))
            self._made[id(row)] = held
        return held[1]

    def set_query(self, flt: Any, sort: Any = None) -> None:
        self._made.clear()  # the rows are fetched anew
        super().set_query(flt, sort)

    def _display(self, row: BoardRow, attr: str) -> str:
        if attr == "level":
            return level_text(row.level)
        if attr == "title":
            return (
                self.tr("【重要】{title}").format(title=row.title) if row.important else row.title
            )
        if attr == "due_clock":
            return enum_text(Clock(row.due_clock).label)
        if attr == "due_at":
            return fmt_dt(row.due_at)
        if attr == "remaining":
            if row.overdue_workdays is not None and row.due_at < self.now():
                return overdue_text(row.overdue_workdays)
            return remaining_text(row.due_at, self.now())
        if attr == "limit":
            return limit_words(row.reply_limit) if row.reply_limit else ""
        if attr == "urge_count":
            return str(row.urge_count) if row.urge_count else ""
        if attr == "order_level":
            return level_text(row.order_level) if row.order_level else ""
        if attr == "status":
            return label("status", row.status)
        return str(getattr(row, attr))
