"""时限设置 for the 系统管理员: the time-limit rules (clock × urgency × category × channel →
amount), edited in a small dialog, and the explicit "apply to open cases" run in the background
with progress and cancel (deadlines otherwise stay as stored when each clock started)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import LIMITS
from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.enums.supervision import Clock, LimitUnit
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.forms import FormDialog
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices, enum_text
from hotline_desk.gui.common.writes import Written, write, write_in_background
from hotline_desk.services.admin import office, time_limits
from hotline_desk.services.admin.time_limits import LimitInfo, LimitInput
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

_ENUMS = {"clock": Clock, "urgency": Urgency, "category": Category, "channel": Channel}


class LimitDialog(FormDialog):
    """Add or change one rule."""

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        rule: LimitInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("保存"), parent)
        self.ctx, self.actor, self.rule = ctx, actor, rule
        self.setWindowTitle(self.tr("修改时限规则") if rule else self.tr("新增时限规则"))
        any_text = self.tr("不限")
        self.clock = ChoiceCombo(choices(Clock))
        self.urgency = ChoiceCombo(choices(Urgency), any_text)
        self.category = ChoiceCombo(choices(Category), any_text)
        self.channel = ChoiceCombo(choices(Channel), any_text)
        self.amount = QSpinBox()
        self.amount.setRange(1, 1440)
        self.unit = ChoiceCombo(choices(LimitUnit))
        self.active = QCheckBox(self.tr("有效"))
        self.active.setChecked(True)
        if rule is not None:
            self.clock.set_value(rule.clock)
            self.urgency.set_value(rule.urgency)
            self.category.set_value(rule.category)
            self.channel.set_value(rule.channel)
            self.amount.setValue(rule.amount)
            self.unit.set_value(rule.unit)
            self.active.setChecked(rule.active)
        self.add_note(QLabel(self.tr("同一办件适用条件最具体的一条规则；“不限”匹配任意值。")))
        self.add_field(self.tr("时限类型"), "clock", self.clock)
        self.add_field(self.tr("紧急程度"), "urgency", self.urgency)
        self.add_field(self.tr("诉求类型"), "category", self.category)
        self.add_field(self.tr("来源渠道"), "channel", self.channel)
        self.add_field(self.tr("时限"), "amount", self.amount, self.unit)
        self.add_field("", "active", self.active)

    def data(self) -> LimitInput:
        return LimitInput(
            clock=self.clock.value(),
            urgency=self.urgency.value(),
            category=self.category.value(),
            channel=self.channel.value(),
            amount=self.amount.value(),
            unit=self.unit.value(),
            active=self.active.isChecked(),
        )

    def perform(self) -> LimitInfo:
        return time_limits.save_limit(
            self.ctx, self.actor, self.rule.id if self.rule else None, self.data()
        )

    def save(self) -> None:
        self.submit()


class LimitsPage(QWidget):
    def __init__(
        self, ctx: ServiceContext, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.rules: list[LimitInfo] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("时限类型"),
                self.tr("紧急程度"),
                self.tr("诉求类型"),
                self.tr("来源渠道"),
                self.tr("时限"),
                self.tr("状态"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton(self.tr("新增规则"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.apply_button = QPushButton(self.tr("按现行规则重算未办结办件的期限…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.apply_button.clicked.connect(self.apply_to_open)
        self.progress: QProgressDialog | None = None
        self._token: CancelToken | None = None
        self.clock_from = ChoiceCombo([("received", self.tr("自受理次日起算")),
                                       ("dispatched", self.tr("自转办次日起算")),
                                       ("signed", self.tr("自签收次日起算"))])  # fmt: skip
        self.clock_from.set_value(office.get_setting(ctx, office.REPLY_CLOCK_FROM))
        self.clock_from.currentIndexChanged.connect(
            lambda _i: self._save_setting(office.REPLY_CLOCK_FROM.key, self.clock_from.value())
        )
        self.max_extension = QSpinBox()
        self.max_extension.setRange(1, 60)
        self.max_extension.setSuffix(self.tr(" 个工作日"))
        self.max_extension.setValue(int(office.get_setting(ctx, office.EXTENSION_MAX_WORKDAYS)))
        self.max_extension.editingFinished.connect(
            lambda: self._save_setting(office.EXTENSION_MAX_WORKDAYS.key,
                                       self.max_extension.value())
        )  # fmt: skip
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("时限设置")))
        bar.addSpacing(20)
        bar.addWidget(QLabel(self.tr("答复时限：")))
        bar.addWidget(self.clock_from)
        bar.addWidget(QLabel(self.tr("单次延期最多：")))
        bar.addWidget(self.max_extension)
        bar.addStretch(1)
        for button in (self.add_button, self.edit_button, self.apply_button):
            bar.addWidget(button)
        note = QLabel(
            self.tr(
                "工作日时限自受理（或转办、签收）次日起算，至第 N 个工作日结束；"
                "小时、分钟时限连续计算。修改规则只影响此后开始计时的办件；"
                "已在办的办件须点击“重算”才按新规则调整（已批准的延期保留）。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.load()
        subscribe(self, (LIMITS,), self.load)

    def _save_setting(self, key: str, value: object) -> None:
        write(self, self.ctx, lambda: office.save_setting(self.ctx, self.actor, key, value))

    def load(self) -> None:
        self.rules = time_limits.list_limits(self.ctx)
        self.table.setRowCount(len(self.rules))
        any_text = self.tr("不限")
        for row, rule in enumerate(self.rules):
            cells = []
            for field in ("clock", "urgency", "category", "channel"):
                value = getattr(rule, field)
                cells.append(enum_text(_ENUMS[field](value).label) if value else any_text)
            cells.append(f"{rule.amount}{enum_text(LimitUnit(rule.unit).label)}")
            cells.append(self.tr("有效") if rule.active else self.tr("停用"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not rule.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)

    def selected(self) -> LimitInfo | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def add(self) -> None:
        LimitDialog(self.ctx, self.actor, None, self).exec()

    def edit(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        LimitDialog(self.ctx, self.actor, rule, self).exec()

    def apply_to_open(self) -> None:
        total = time_limits.open_cases_with_clocks(self.ctx)
        answer = QMessageBox.question(
            self,
            self.tr("重算期限"),
            self.tr(
                "按现行时限规则重新计算 {n} 件未办结办件的签收、答复和回访期限？"
                "已批准的延期保留，每件调整都记入流转记录。"
            ).format(n=total),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.progress = QProgressDialog(
            self.tr("正在重算期限…"), self.tr("取消"), 0, max(total, 1), self
        )
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        ctx, actor = self.ctx, self.actor

        def work(token: CancelToken, report) -> int:  # type: ignore[no-untyped-def]
            return time_limits.apply_to_open_cases(ctx, actor, report=report, token=token)

        self._token = write_in_background(
            self.runner, self, ctx, work, self._applied, self._progress, self._failed
        )
        self.progress.canceled.connect(self._token.cancel)

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def _applied(self, written: Written[int]) -> None:
        if self.progress is not None:
            self.progress.reset()
        if written.cancelled:
            return
        changed = written.result
        QMessageBox.information(
            self,
            self.tr("重算期限"),
            self.tr("已完成：{n} 件办件的期限按新规则调整。").format(n=changed),
        )

    def _failed(self, exc: BaseException) -> None:
        if self.progress is not None:
            self.progress.reset()
        show_error(self, exc)
