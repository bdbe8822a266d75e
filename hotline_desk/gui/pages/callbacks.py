"""回访: the desk's callback queue — replied cases waiting for their callback by deadline (overdue
in red), those waiting for screening (待甄别) and for closing (待办结) — above the case detail,
whose action buttons open the callback dialogs. Pages and counts are fetched off the GUI
thread; the page refreshes after every change (the bus)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import CASES
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.gui.cases.model import CaseTableModel
from hotline_desk.gui.cases.split import TableDetailSplit
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.widgets import show_queue_counts
from hotline_desk.gui.common.words import fmt_dt, label
from hotline_desk.services.callbacks import queue as callback_queue
from hotline_desk.services.callbacks.dto import CallbackRow
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.services.lifecycle.dto import QueueCount

# Queue names (services.callback_queue.CALLBACK_QUEUES), listed for lupdate.
QUEUE_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CallbackPage", "待回访"),
    QT_TRANSLATE_NOOP("CallbackPage", "待甄别"),
    QT_TRANSLATE_NOOP("CallbackPage", "待办结"),
)
COLUMNS: list[tuple[str, str]] = [
    ("callback_deadline", QT_TRANSLATE_NOOP("CallbackTableModel", "回访时限")),
    ("case_no", QT_TRANSLATE_NOOP("CallbackTableModel", "办件编号")),
    ("title", QT_TRANSLATE_NOOP("CallbackTableModel", "标题")),
    ("caller_name", QT_TRANSLATE_NOOP("CallbackTableModel", "来电人")),
    ("caller_phone", QT_TRANSLATE_NOOP("CallbackTableModel", "联系电话")),
    ("replied_at", QT_TRANSLATE_NOOP("CallbackTableModel", "答复时间")),
    ("reply_method", QT_TRANSLATE_NOOP("CallbackTableModel", "答复方式")),
    ("lead_unit_name", QT_TRANSLATE_NOOP("CallbackTableModel", "主办科室")),
    ("progress", QT_TRANSLATE_NOOP("CallbackTableModel", "回访情况")),
]
OVERDUE = QColor("#c62828")


def queue_text(key: str) -> str:
    return QCoreApplication.translate("CallbackPage", callback_queue.CALLBACK_QUEUES[key])


def progress_text(row: CallbackRow) -> str:
    """Where the callback stands, in a few words."""
    if row.anonymous or row.confidential:
        if row.anonymous:
            return QCoreApplication.translate("CallbackTableModel", "不回访（匿名）")
        return QCoreApplication.translate("CallbackTableModel", "不回访（要求保密）")
    if row.screening == "pending":
        return QCoreApplication.translate("CallbackTableModel", "不满意，待甄别")
    if row.satisfaction:
        return label("satisfaction", row.satisfaction)
    if row.callback_status == "not_required":
        return QCoreApplication.translate("CallbackTableModel", "拒绝回访")
    if row.failed_days:
        return QCoreApplication.translate(
            "CallbackTableModel", "{days}天未联系上（共{n}次）"
        ).format(days=row.failed_days, n=row.attempts)
    if row.reopen_count:
        return QCoreApplication.translate("CallbackTableModel", "未回访（重办后）")
    return QCoreApplication.translate("CallbackTableModel", "未回访")


class CallbackTableModel(CaseTableModel):
    """The lazy case model's paging with the callback queue's rows and columns."""

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CallbackTableModel", COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row: CallbackRow = self.row(index.row())  # type: ignore[assignment]
        attr = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if attr == "progress":
                return progress_text(row)
            if attr == "reply_method":
                return label("reply_method", row.reply_method)
            value = getattr(row, attr)
            return fmt_dt(value) if attr in ("callback_deadline", "replied_at") else value
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and attr == "callback_deadline":
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole and attr == "title":
            return row.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        return  # each queue has its own order (the callback deadline first)


class CallbackPage(QWidget):
    """The queue buttons, the queue's table and the selected case."""

    caseShown = Signal(int)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.model = CallbackTableModel(
            lambda flt, _sort, after, _progress=None: callback_queue.callback_queue(
                ctx, actor, flt.queue or "", after
            ),  # type: ignore[arg-type, return-value]
            lambda flt: callback_queue.count_queue(ctx, actor, flt.queue or ""),
            runner,
        )  # fmt: skip
        self.model.loadFailed.connect(lambda exc: show_error(self, exc))
        self.counts: dict[str, int] = {}
        self.current = "pending"
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("回访：")))
        for key in callback_queue.CALLBACK_QUEUES:
            button = QPushButton(queue_text(key))
            button.setCheckable(True)
            button.setObjectName(f"callback_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.select(k))
            self.group.addButton(button)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.total_label = QLabel()
        bar.addWidget(self.total_label)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 130), (1, 150), (3, 80), (4, 110), (5, 130), (6, 70), (7, 110)):
            self.table.setColumnWidth(col, width)
        self.detail = CaseDetailPanel(now=ctx.now, ctx=ctx, actor=actor)
        self.split = TableDetailSplit()
        self.split.hold(self.table, self.table, self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.split, 1)
        self._token: CancelToken | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._open(cur))
        self.model.totalCounted.connect(self._show_total)
        subscribe(self, (CASES,), self.refresh)
        self.select("pending")
        self.refresh_counts()

    def select(self, key: str) -> None:
        self.current = key
        self.buttons[key].setChecked(True)
        self.detail.show_case(None)
        self.model.set_query(CaseFilter(queue=key))

    def refresh(self) -> None:
        self.model.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        if self._token is not None:
            self._token.cancel()
        ctx, actor = self.ctx, self.actor
        self._token = self.runner.run(
            lambda: callback_queue.callback_counts(ctx, actor),
            self._show_counts,
            lambda exc: show_error(self, exc),
        )

    def _show_counts(self, counts: list[QueueCount]) -> None:
        self.counts = {c.key: c.count for c in counts}
        show_queue_counts(self.buttons, self.counts, queue_text)

    def _show_total(self, n: int) -> None:
        self.total_label.setText(self.tr("共 {n} 件").format(n=n))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        case_id = self.model.row(index.row()).id
        self.open_case(case_id)

    def open_case(self, case_id: int) -> None:
        try:
            case = read_model.get_case(self.ctx, self.actor, case_id)
        except DeskError as exc:
            show_error(self, exc)
            return
        self.detail.show_case(case)
        self.caseShown.emit(case_id)
