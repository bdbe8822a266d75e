"""The case detail pane: every field (masked as the services decided), the actions the user may
take now, the timeline (流转记录) and the handling and reply record (办理与答复)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums import Tier
from hotline_desk.gui.actions.bar import ActionBar
from hotline_desk.gui.cases.closing_view import ClosingView
from hotline_desk.gui.cases.deadline_view import DeadlineStrip
from hotline_desk.gui.cases.work_view import WorkView
from hotline_desk.gui.common.words import fmt_dt, label, render
from hotline_desk.services.dto import CaseDetail


def _yes(flag: bool) -> str:
    if flag:
        return QCoreApplication.translate("CaseDetailPanel", "是")
    return QCoreApplication.translate("CaseDetailPanel", "否")


class CaseDetailPanel(QWidget):
    editRequested = Signal(object)  # CaseDetail
    actionRequested = Signal(str, object)  # action code, CaseDetail
    printRequested = Signal(object)  # CaseDetail
    caseLinkActivated = Signal(int)  # a linked case or one of the caller's others, to open

    def __init__(self, parent: QWidget | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:  # fmt: skip
        super().__init__(parent)
        self.now = now  # the desk's clock (remaining time on the deadline strip)
        self.case: CaseDetail | None = None
        self.heading = QLabel(self.tr("请选择办件"))
        self.heading.setObjectName("caseHeading")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.edit_button = QPushButton(self.tr("修改登记信息"))
        self.edit_button.hide()
        self.edit_button.clicked.connect(lambda: self.case and self.editRequested.emit(self.case))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setToolTip(self.tr("预览并打印交办单、督办通知单或答复函(Ctrl+P)"))
        self.print_button.hide()
        self.print_button.clicked.connect(lambda: self.case and self.printRequested.emit(self.case))
        self.deadline = DeadlineStrip()
        self.actions = ActionBar()
        self.actions.actionRequested.connect(
            lambda action: self.case and self.actionRequested.emit(action, self.case)
        )
        self.work_view = WorkView()
        self.closing_view = ClosingView()
        self.closing_view.caseRequested.connect(self.caseLinkActivated)
        self.tabs = QTabWidget()
        self.values: dict[str, QLabel] = {}
        self.content = QTextBrowser()
        self.content.setMinimumHeight(60)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(
            [
                self.tr("时间"),
                self.tr("操作人"),
                self.tr("环节"),
                self.tr("状态变化"),
                self.tr("说明"),
            ]
        )
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.timeline.setColumnWidth(0, 120)
        self.timeline.setColumnWidth(1, 70)
        self.timeline.setColumnWidth(2, 70)
        self.timeline.setColumnWidth(3, 150)
        self.masked_note = QLabel(self.tr("个人信息已按权限脱敏显示"))
        self.masked_note.setStyleSheet("color: gray;")
        self._build()
        self.show_case(None)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.status_badge)
        head.addWidget(self.edit_button)
        head.addWidget(self.print_button)
        fields = [
            [("query_code", self.tr("查询码:")), ("channel", self.tr("来源渠道:")),
             ("received_at", self.tr("受理时间:")), ("platform_ref", self.tr("平台工单号:")),
             ("category", self.tr("诉求类型:")), ("topic", self.tr("事项分类:")),
             ("urgency", self.tr("紧急程度:")), ("important", self.tr("重要件:"))],
            [("caller_name", self.tr("来电人:")), ("caller_phone", self.tr("联系电话:")),
             ("caller_address", self.tr("联系地址:")), ("flags", self.tr("匿名/保密/公开:")),
             ("tier", self.tr("办理层级:")), ("lead_unit", self.tr("主办科室:")),
             ("registered_by", self.tr("登记人:")), ("updated_at", self.tr("最后更新:"))],
        ]  # fmt: skip
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for col, group in enumerate(fields):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setVerticalSpacing(3)
            form.setHorizontalSpacing(6)
            for key, caption in group:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.values[key] = value
                form.addRow(caption, value)
            grid.addLayout(form, 0, col)
            grid.setColumnStretch(col, 1)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addWidget(self.masked_note)
        left.addWidget(QLabel(self.tr("诉求内容:")))
        left.addWidget(self.content, 1)
        right = QVBoxLayout()
        self.tabs.addTab(self.timeline, self.tr("流转记录"))
        self.tabs.addTab(self.work_view, self.tr("办理与答复"))
        self.tabs.addTab(self.closing_view, self.tr("回访与关联"))
        right.addWidget(self.tabs, 1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.deadline)
        layout.addWidget(self.actions)
        layout.addLayout(body, 1)

    def show_case(self, case: CaseDetail | None, can_edit: bool = False) -> None:
        self.case = case
        self.timeline.clear()
        if case is None:
            self.heading.setText(self.tr("请在上方列表中选择办件"))
            self.status_badge.clear()
            self.status_badge.hide()
            for v in self.values.values():
                v.clear()
            self.content.clear()
            self.edit_button.hide()
            self.print_button.hide()
            self.masked_note.hide()
            self.actions.show_actions(())
            self.work_view.show_work(None)
            self.closing_view.show_closing(None)
            self.deadline.show_work(None)
            return
        self.heading.setText(f"{case.case_no}  {case.title}")
        self.status_badge.setText(label("status", case.status))
        self.status_badge.show()
        flags = "/".join(_yes(f) for f in (case.anonymous, case.confidential, case.publish_consent))
        text = {
            "query_code": case.query_code,
            "channel": label("channel", case.channel),
            "received_at": fmt_dt(case.received_at),
            "platform_ref": case.platform_ref or "—",
            "category": label("category", case.category),
            "topic": case.topic_name,
            "urgency": label("urgency", case.urgency),
            "important": _yes(case.important),
            "caller_name": case.caller_name or (self.tr("(匿名)") if case.anonymous else "—"),
            "caller_phone": case.caller_phone or "—",
            "caller_address": case.caller_address or "—",
            "flags": flags,
            "tier": label(Tier, case.tier) or self.tr("未分办"),
            "lead_unit": case.lead_unit_name or "—",
            "registered_by": case.registered_by_name,
            "updated_at": fmt_dt(case.updated_at),
        }
        for key, value in text.items():
            self.values[key].setText(value)
        self.content.setPlainText(case.content)
        self.masked_note.setVisible(case.personal_data_masked)
        for ev in case.events:
            change = ""
            if ev.from_status and ev.from_status == ev.to_status:
                change = ""  # an overlay (note, urge, extension …): the state stays
            elif ev.from_status or ev.to_status:
                change = (
                    f"{label('status', ev.from_status) or '—'} → {label('status', ev.to_status)}"
                )
            note = render(ev.summary)  # a Msg in the UI language; older rows as stored
            if ev.changes:
                empty = self.tr("空", "an emptied field in a change list")
                diffs = self.tr(";", "separator between changes").join(
                    self.tr("{field}:{old} → {new}").format(
                        field=render(k), old=old or empty, new=new or empty
                    )
                    for k, (old, new) in ev.changes.items()
                )
                note = (
                    self.tr("{note}({changes})").format(note=note, changes=diffs) if note else diffs
                )
            item = QTreeWidgetItem(
                [fmt_dt(ev.at), ev.actor_name, label("kind", ev.kind), change, note]
            )
            item.setToolTip(3, change)
            item.setToolTip(4, note)
            self.timeline.addTopLevelItem(item)
        self._fit_column(2, 70, 150)
        self._fit_column(3, 150, 240)
        self.edit_button.setVisible(can_edit)
        self.print_button.show()
        work = case.work
        self.actions.show_actions(work.allowed_actions if work else ())
        self.work_view.show_work(work)
        self.closing_view.show_closing(work.closing if work else None)
        self.deadline.show_work(work, self.now())
        if work is not None and work.handler_name:
            self.values["lead_unit"].setText(
                self.tr("{unit}(经办人:{handler})").format(
                    unit=case.lead_unit_name, handler=work.handler_name
                )
            )

    def _fit_column(self, column: int, low: int, high: int) -> None:
        """Widen a timeline column to this case's texts, within bounds (labels are longer in
        some languages); 说明 keeps the rest."""
        self.timeline.resizeColumnToContents(column)
        width = self.timeline.columnWidth(column)
        self.timeline.setColumnWidth(column, min(max(width, low), high))
