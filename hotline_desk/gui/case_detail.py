"""The case detail pane: every field (masked as the services decided) and the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.labels import fmt_dt, label
from hotline_desk.services.dto import CaseDetail

_TIERS = {1: "直办", 2: "转办科室", 3: "交办直属单位"}


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


class CaseDetailPanel(QWidget):
    editRequested = Signal(object)  # CaseDetail

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case: CaseDetail | None = None
        self.heading = QLabel("请选择办件")
        self.heading.setObjectName("caseHeading")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.edit_button = QPushButton("修改登记信息")
        self.edit_button.hide()
        self.edit_button.clicked.connect(lambda: self.case and self.editRequested.emit(self.case))
        self.values: dict[str, QLabel] = {}
        self.content = QTextBrowser()
        self.content.setMinimumHeight(60)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(["时间", "操作人", "环节", "状态变化", "说明"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.timeline.setColumnWidth(0, 120)
        self.timeline.setColumnWidth(1, 70)
        self.timeline.setColumnWidth(2, 70)
        self.timeline.setColumnWidth(3, 150)
        self.masked_note = QLabel("个人信息已按权限脱敏显示")
        self.masked_note.setStyleSheet("color: gray;")
        self._build()
        self.show_case(None)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.status_badge)
        head.addWidget(self.edit_button)
        fields = [
            [("query_code", "查询码"), ("channel", "来源渠道"), ("received_at", "受理时间"),
             ("platform_ref", "平台工单号"), ("category", "诉求类型"), ("topic", "事项分类"),
             ("urgency", "紧急程度"), ("important", "重要件")],
            [("caller_name", "来电人"), ("caller_phone", "联系电话"),
             ("caller_address", "联系地址"), ("flags", "匿名/保密/公开"),
             ("tier", "办理层级"), ("lead_unit", "主办科室"),
             ("registered_by", "登记人"), ("updated_at", "最后更新")],
        ]  # fmt: skip
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for col, group in enumerate(fields):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setVerticalSpacing(3)
            for key, caption in group:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.values[key] = value
                form.addRow(caption + ":", value)
            grid.addLayout(form, 0, col)
            grid.setColumnStretch(col, 1)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addWidget(self.masked_note)
        left.addWidget(QLabel("诉求内容:"))
        left.addWidget(self.content, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("流转记录:"))
        right.addWidget(self.timeline, 1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addLayout(body, 1)

    def show_case(self, case: CaseDetail | None, can_edit: bool = False) -> None:
        self.case = case
        self.timeline.clear()
        if case is None:
            self.heading.setText("请在左侧列表中选择办件")
            self.status_badge.clear()
            for v in self.values.values():
                v.clear()
            self.content.clear()
            self.edit_button.hide()
            self.masked_note.hide()
            return
        self.heading.setText(f"{case.case_no}  {case.title}")
        self.status_badge.setText(label("status", case.status))
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
            "caller_name": case.caller_name or ("(匿名)" if case.anonymous else "—"),
            "caller_phone": case.caller_phone or "—",
            "caller_address": case.caller_address or "—",
            "flags": flags,
            "tier": _TIERS.get(case.tier or 0, "未分办"),
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
            if ev.from_status or ev.to_status:
                change = (
                    f"{label('status', ev.from_status) or '—'} → {label('status', ev.to_status)}"
                )
            note = ev.summary
            if ev.changes:
                diffs = ";".join(
                    f"{k}:{old or '空'} → {new or '空'}" for k, (old, new) in ev.changes.items()
                )
                note = f"{note}({diffs})" if note else diffs
            item = QTreeWidgetItem(
                [fmt_dt(ev.at), ev.actor_name, label("kind", ev.kind), change, note]
            )
            item.setToolTip(4, note)
            self.timeline.addTopLevelItem(item)
        self.edit_button.setVisible(can_edit)
