"""The 督办台's list model: the board's rows (``BoardRow``) fetched by keyset on (deadline, id)
like the case list, and the cells the table paints (``BoardCells``): each row's cells made once
when the row arrives, as items of a ``QStandardItemModel``, so painting the table runs no
Python. (A Python ``data()`` is asked about eight roles of every cell painted, and each call
waits for the interpreter while the board's counts are being read in the background.)"""

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
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

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
_STYLED = (_LEVEL, _TITLE, _REMAINING)
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
        self._words: dict[tuple[str, Any], str] = {}

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
        """A cell as ``BoardCells`` shows it (the table paints those; this answers the rest)."""
        if not index.isValid():
            return None
        row: BoardRow = self._rows[index.row()]  # type: ignore[assignment]
        if role == _DISPLAY:
            return self._texts(row, self.now())[index.column()]
        if role == _USER:
            return row.id
        return dict(_styles(row, index.column())).get(role)

    def cells(self, r: int) -> list[QStandardItem]:
        """Row ``r``'s cells as shown, the remaining time as of now (the board reloads its
        rows every minute)."""
        row: BoardRow = self._rows[r]  # type: ignore[assignment]
        items = [QStandardItem(text) for text in self._texts(row, self.now())]
        for column in _STYLED:
            for role, value in _styles(row, column):
                items[column].setData(value, role)
        return items

    def _texts(self, row: BoardRow, now: datetime) -> list[str]:
        """The row's cells in ``BOARD_COLUMNS`` order."""
        words = self._words  # the same few levels, clocks, limits and states on every row
        level = words.get(("level", row.level)) or self._word("level", row.level)
        clock = words.get(("clock", row.due_clock)) or self._word("clock", row.due_clock)
        status = words.get(("status", row.status)) or self._word("status", row.status)
        limit = words.get(("limit", row.reply_limit)) or self._word("limit", row.reply_limit)
        order = words.get(("level", row.order_level)) or self._word("level", row.order_level)
        if row.overdue_workdays is not None and row.due_at < now:
            remaining = overdue_text(row.overdue_workdays)
        else:
            remaining = remaining_text(row.due_at, now)
        texts = {
            "level": level,
            "case_no": row.case_no,
            "title": self.tr("【重要】{title}").format(title=row.title)
            if row.important
            else row.title,
            "lead_unit_name": str(row.lead_unit_name),
            "due_clock": clock,
            "due_at": fmt_dt(row.due_at),
            "remaining": remaining,
            "limit": limit,
            "urge_count": str(row.urge_count) if row.urge_count else "",
            "order_level": order,
            "status": status,
        }
        return [texts[attr] for attr in _COLUMN]

    def _word(self, kind: str, value: Any) -> str:
        """The words for an enumerated value, made once per list (``_texts``)."""
        if not value:
            word = ""
        elif kind == "level":
            word = level_text(value)
        elif kind == "clock":
            word = enum_text(Clock(value).label)
        elif kind == "limit":
            word = limit_words(value)
        else:
            word = label(kind, value)
        self._words[kind, value] = word
        return word

    def set_query(self, flt: Any, sort: Any = None) -> None:
        self._words.clear()  # (the words follow the language the desk runs in)
        super().set_query(flt, sort)


def _styles(row: BoardRow, column: int) -> tuple[tuple[int, Any], ...]:
    """A cell's roles besides its text: the level's colours, the title in full."""
    if column == _LEVEL:
        colors = LEVEL_COLORS[row.level]
        return (_FOREGROUND, _brush(colors[0])), (_BACKGROUND, _brush(colors[1]))
    if column == _REMAINING:
        return ((_FOREGROUND, _brush(LEVEL_COLORS[row.level][0])),)
    if column == _TITLE:
        return ((_TOOLTIP, row.title),)
    return ()


class BoardCells(QStandardItemModel):
    """What the board's table shows: ``rows``' cells, made once per row (``BoardModel.cells``).
    Of a first page, the rows a screen can show are made when it arrives and the rest once the
    board is complete (``fill``, which the page calls then, and at the first scroll); a later
    page, asked for by scrolling to the end, is made at once."""

    EAGER_ROWS = 50
    """More rows than the list shows on a screen 1,440 pixels high (26 pixels a row)."""

    def __init__(self, rows: BoardModel) -> None:
        super().__init__(0, len(BOARD_COLUMNS))
        self.rows = rows
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate("BoardModel", h) for _a, h in BOARD_COLUMNS]
        )
        self._pending: list[int] = []
        rows.modelReset.connect(self._reset)
        rows.rowsInserted.connect(self._inserted)

    def _reset(self) -> None:
        self._pending.clear()
        self.setRowCount(0)

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        eager = min(last + 1, self.EAGER_ROWS) if first == 0 else last + 1
        for r in range(first, eager):
            self.insertRow(r, self.rows.cells(r))
        if eager <= last:  # rows without cells yet, below the fold
            self.insertRows(eager, last + 1 - eager)
            self._pending.extend(range(eager, last + 1))

    @property
    def filled(self) -> bool:
        return not self._pending

    def fill(self) -> bool:
        """Make the cells still to be made (quietly: their rows are out of sight, or about to
        be painted by the scroll that asked for them). Whether there were any."""
        pending, self._pending = self._pending, []
        self.blockSignals(True)
        try:
            for r in pending:
                for c, item in enumerate(self.rows.cells(r)):
                    self.setItem(r, c, item)
        finally:
            self.blockSignals(False)
        return bool(pending)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return self.rows.canFetchMore(parent)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        self.rows.fetchMore(parent)
