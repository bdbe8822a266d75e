"""The registration form's duplicate panel (疑似重复件): likely duplicates and the caller's recent
cases, updated while the clerk types without slowing the typing.

Every change of the phone, topic, title or content only restarts a short timer (``DEBOUNCE_MS``);
when the clerk pauses, one look-up runs off the GUI thread through ``TaskRunner``, and a result
that arrives after the form changed again is dropped (a generation counter). ``CandidateTree``
is the candidate list, shared with the desk's merge and link dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.words import fmt_dt, label
from hotline_desk.services.callbacks.dto import DuplicateCandidate, DuplicateQuery, DuplicateResult

DEBOUNCE_MS = 350
LIKELY = QColor("#e65100")


def short_match(c: DuplicateCandidate) -> str:
    """The candidate's score in a narrow column: 86% (同号码)."""
    if c.same_phone:
        return QCoreApplication.translate("DuplicatePanel", "{pct}% 同号码").format(
            pct=round(100 * c.score)
        )
    return f"{round(100 * c.score)}%"


def match_text(c: DuplicateCandidate) -> str:
    """Why the candidate is shown: 疑似重复 / 同一号码 and the text similarity."""
    parts = []
    if c.likely:
        parts.append(QCoreApplication.translate("DuplicatePanel", "疑似重复"))
    if c.same_phone:
        parts.append(QCoreApplication.translate("DuplicatePanel", "同一号码"))
    parts.append(
        QCoreApplication.translate("DuplicatePanel", "相似度 {pct}%").format(
            pct=round(100 * c.score)
        )
    )
    return QCoreApplication.translate("DuplicatePanel", " · ", "separator").join(parts)


def describe(c: DuplicateCandidate) -> str:
    """Everything known of a candidate, for the preview and the tooltip."""
    head = QCoreApplication.translate(
        "DuplicatePanel", "{case_no} · {received} · {channel} · {status} · 主办：{unit}"
    ).format(
        case_no=c.case_no, received=fmt_dt(c.received_at), channel=label("channel", c.channel),
        status=label("status", c.status), unit=c.lead_unit_name or "—",
    )  # fmt: skip
    return f"{head}\n{c.title}\n{match_text(c)}"


class CandidateTree(QTreeWidget):
    """Candidates, best first; the likely ones in bold orange."""

    def __init__(self, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact  # beside the form: no receipt time, the score in short
        self.setHeaderLabels(
            [
                self.tr("办件编号"),
                self.tr("受理时间"),
                self.tr("状态"),
                self.tr("标题"),
                self.tr("依据"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setColumnHidden(1, compact)
        self.candidates: list[DuplicateCandidate] = []

    def show_candidates(self, candidates: tuple[DuplicateCandidate, ...]) -> None:
        self.clear()
        self.candidates = list(candidates)
        bold = QFont(self.font())
        bold.setBold(True)
        for c in candidates:
            item = QTreeWidgetItem(
                [c.case_no, fmt_dt(c.received_at), label("status", c.status), c.title,
                 short_match(c) if self.compact else match_text(c)]
            )  # fmt: skip
            tip = describe(c)
            for col in range(5):
                item.setToolTip(col, tip)
            if c.likely:
                for col in (0, 4):
                    item.setFont(col, bold)
                    item.setForeground(col, QBrush(LIKELY))
            item.setData(0, Qt.ItemDataRole.UserRole, c.case_id)
            self.addTopLevelItem(item)
        for col in (0, 1, 2, 4):
            self.resizeColumnToContents(col)
        if candidates:
            self.setCurrentItem(self.topLevelItem(0))

    def selected(self) -> DuplicateCandidate | None:
        row = self.indexOfTopLevelItem(self.currentItem()) if self.currentItem() else -1
        return self.candidates[row] if 0 <= row < len(self.candidates) else None


class DuplicatePanel(QWidget):
    """Beside the registration form: what was found, and 并入 / 关联 / 查看 for the selection."""

    mergeRequested = Signal(object)  # DuplicateCandidate
    linkRequested = Signal(object)  # DuplicateCandidate
    openRequested = Signal(int)  # case id
    resultShown = Signal(object)  # DuplicateResult (tests and screenshots wait for it)

    def __init__(self, runner: TaskRunner, lookup: Callable[[DuplicateQuery], DuplicateResult],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.runner, self.lookup = runner, lookup
        self.generation = 0
        self.shown_generation = 0
        self.query: DuplicateQuery | None = None
        self.result: DuplicateResult | None = None
        self._token: CancelToken | None = None
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self._run)
        title = QLabel(self.tr("疑似重复件"))
        title.setStyleSheet("font-weight: bold;")
        self.status = QLabel(self.tr("输入联系电话、标题或内容后自动查找近期相似办件"))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: gray;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.tree = CandidateTree(compact=True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.merge_button = QPushButton(self.tr("并入所选件"))
        self.merge_button.setToolTip(self.tr("登记本件并并入所选办件（并单），本件不再单独办理"))
        self.link_button = QPushButton(self.tr("关联所选件"))
        self.link_button.setToolTip(self.tr("登记本件并与所选办件关联为相关件"))
        self.open_button = QPushButton(self.tr("查看"))
        buttons = QHBoxLayout()
        for b in (self.merge_button, self.link_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addWidget(self.history)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(lambda: self._emit(self.mergeRequested))
        self.link_button.clicked.connect(lambda: self._emit(self.linkRequested))
        self.open_button.clicked.connect(self._open)
        self.tree.currentItemChanged.connect(lambda *_a: self._sync_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_a: self._open())
        self._sync_buttons()

    # --- looking up ---------------------------------------------------------------------------
    def schedule(self, query: DuplicateQuery) -> None:
        """The form changed: look up after the next pause (cheap: restarts a timer)."""
        self.query = query
        self.generation += 1
        self.timer.start()

    def _run(self) -> None:
        query, gen = self.query, self.generation
        if query is None:
            return
        if self._token is not None:
            self._token.cancel()  # an older look-up still running: its result is not wanted
        self.status.setText(self.tr("正在查找…"))
        lookup = self.lookup  # the worker holds no Qt object (it must never free one)
        self._token = self.runner.run(
            lambda: lookup(query),
            lambda result: self._arrived(gen, result),
            self._failed,
        )

    def _arrived(self, gen: int, result: DuplicateResult) -> None:
        if gen != self.generation:
            return  # the form has changed since: a newer look-up is on its way
        self.shown_generation = gen
        self.result = result
        self.tree.show_candidates(result.candidates)
        likely = sum(1 for c in result.candidates if c.likely)
        if likely:
            text = self.tr("近{days}天内有 {n} 件疑似重复，请核对后并单或关联").format(
                days=result.window_days, n=likely
            )
            self.status.setStyleSheet(f"color: {LIKELY.name()}; font-weight: bold;")
        elif result.candidates:
            text = self.tr("未发现疑似重复件；下列为同一号码近{days}天的来电").format(
                days=result.window_days
            )
            self.status.setStyleSheet("color: gray;")
        else:
            text = self.tr("近{days}天内未发现相似办件（比对 {n} 件）").format(
                days=result.window_days, n=result.compared
            )
            self.status.setStyleSheet("color: gray;")
        self.status.setText(text)
        self.history.setText(
            self.tr("该号码近一年来电 {n} 次").format(n=result.phone_count_year)
            if result.phone_count_year
            else ""
        )
        self.history.setVisible(bool(result.phone_count_year))
        self._sync_buttons()
        self.resultShown.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("查找重复件失败"))
        show_error(self, exc)

    def clear(self) -> None:
        self.generation += 1
        self.timer.stop()
        self.query = None
        self.result = None
        self.tree.show_candidates(())
        self.status.setText(self.tr("输入联系电话、标题或内容后自动查找近期相似办件"))
        self.status.setStyleSheet("color: gray;")
        self.history.clear()
        self.history.hide()
        self._sync_buttons()

    # --- acting on the selection --------------------------------------------------------------
    def _sync_buttons(self) -> None:
        chosen = self.tree.selected()
        self.preview.setText(describe(chosen) if chosen is not None else "")
        self.merge_button.setEnabled(chosen is not None and chosen.mergeable)
        self.link_button.setEnabled(chosen is not None)
        self.open_button.setEnabled(chosen is not None)

    def _emit(self, signal: Signal) -> None:
        chosen = self.tree.selected()
        if chosen is not None:
            signal.emit(chosen)  # type: ignore[attr-defined]

    def _open(self) -> None:
        chosen = self.tree.selected()
        if chosen is not None:
            self.openRequested.emit(chosen.case_id)
