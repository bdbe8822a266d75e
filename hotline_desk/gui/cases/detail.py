"""The case detail pane: every field (masked as the services decided), the actions the user may
take now, the timeline (流转记录), the handling and reply record (办理与答复), the callbacks and
linked cases (回访与关联) and the case's files (附件: attachments_view.py).

Given the service context and actor, the pane follows the bus: when another desk changes the
shown case it reloads it and says who did what (dialogs open on the case keep their input;
their save meets the version check)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
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

from hotline_desk.domain.changes import Changes
from hotline_desk.domain.enums.handling import Tier
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.actions.bar import ActionBar
from hotline_desk.gui.cases.attachments_view import AttachmentsView
from hotline_desk.gui.cases.caller_reveal import CallerReveal
from hotline_desk.gui.cases.closing_view import ClosingView
from hotline_desk.gui.cases.deadline_view import DeadlineStrip
from hotline_desk.gui.cases.work_view import WorkView
from hotline_desk.gui.common.bus import OTHER_DESK, app_bus, within
from hotline_desk.gui.common.words import fmt_dt, label, render
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail


def _yes(flag: bool) -> str:
    if flag:
        return QCoreApplication.translate("CaseDetailPanel", "是")
    return QCoreApplication.translate("CaseDetailPanel", "否")


def choose_case_text(narrow: bool) -> str:
    """What the detail says while no case is chosen: beside the list (narrow) or below it."""
    if narrow:
        return QCoreApplication.translate("CaseDetailPanel", "请在左侧列表中选择办件")
    return QCoreApplication.translate("CaseDetailPanel", "请在上方列表中选择办件")


class CaseDetailPanel(QWidget):
    actionRequested = Signal(str, object)  # action code, CaseDetail
    printRequested = Signal(object)  # CaseDetail
    caseLinkActivated = Signal(int)  # a linked case or one of the caller's others, to open

    def __init__(
        self,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = datetime.now,
        ctx: ServiceContext | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.now = now  # the desk's clock (remaining time on the deadline strip)
        self.case: CaseDetail | None = None
        self._stale: str | None = None
        """While the pane was hidden its case changed: "remote" (another desk) or "local"."""
        self._ctx, self._actor = ctx, actor
        self.narrow = False
        """Beside the case list: fields above the tabs (``set_narrow``)."""
        self.remote_notice = QLabel()
        self.remote_notice.setObjectName("remoteNotice")
        self.remote_notice.setWordWrap(True)
        self.remote_notice.setStyleSheet("background: #fff4ce; padding: 3px;")
        self.remote_notice.hide()
        self.heading = QLabel(self.tr("请选择办件"))
        self.heading.setObjectName("caseHeading")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
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
        self.attachments = AttachmentsView(ctx, actor)
        self.attachments.changed.connect(lambda: self.reload_case(remote=False))
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
        self.reveal = CallerReveal(self, self.values, self.masked_note, ctx, actor)
        self._reveal_rows["caller_name"].addWidget(self.reveal.show_button)
        self._reveal_rows["caller_phone"].addWidget(self.reveal.phone_button)
        self.show_case(None)
        if ctx is not None and actor is not None:
            app_bus().changed.connect(self._on_changed)  # a bound slot: gone with the pane

    def _build(self) -> None:
        # top down: each layout is in place before its widgets go in, so each widget moves
        # once (a move walks the moved part against the style sheet; the tabs' pages are big)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        layout.addLayout(head)
        head.addWidget(self.heading, 1)
        head.addWidget(self.status_badge)
        head.addWidget(self.print_button)
        layout.addWidget(self.remote_notice)
        layout.addWidget(self.deadline)
        layout.addWidget(self.actions)
        self.body = body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 5)
        right = QVBoxLayout()
        body.addLayout(right, 6)
        fields = [
            [("query_code", self.tr("查询码：")), ("channel", self.tr("来源渠道：")),
             ("received_at", self.tr("受理时间：")), ("platform_ref", self.tr("平台工单号：")),
             ("category", self.tr("诉求类型：")), ("topic", self.tr("事项分类：")),
             ("urgency", self.tr("紧急程度：")), ("important", self.tr("重要件："))],
            [("caller_name", self.tr("来电人：")), ("caller_phone", self.tr("联系电话：")),
             ("caller_address", self.tr("联系地址：")), ("flags", self.tr("匿名/保密/公开：")),
             ("tier", self.tr("办理层级：")), ("lead_unit", self.tr("主办科室：")),
             ("registered_by", self.tr("登记人：")), ("updated_at", self.tr("最后更新："))],
        ]  # fmt: skip
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        left.addLayout(grid)
        self._reveal_rows: dict[str, QHBoxLayout] = {}  # the caller rows take a reveal button
        for col, group in enumerate(fields):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setVerticalSpacing(3)
            form.setHorizontalSpacing(6)
            grid.addLayout(form, 0, col)
            grid.setColumnStretch(col, 1)
            for key, caption in group:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.values[key] = value
                if key in ("caller_name", "caller_phone"):
                    row = self._reveal_rows[key] = QHBoxLayout()
                    row.setContentsMargins(0, 0, 0, 0)
                    form.addRow(caption, row)
                    row.addWidget(value, 1)
                else:
                    form.addRow(caption, value)
        left.addWidget(self.masked_note)
        left.addWidget(QLabel(self.tr("诉求内容：")))
        left.addWidget(self.content, 1)
        right.addWidget(self.tabs, 1)
        self.tabs.addTab(self.timeline, self.tr("流转记录"))
        self.tabs.addTab(self.work_view, self.tr("办理与答复"))
        self.tabs.addTab(self.closing_view, self.tr("回访与关联"))
        self.tabs.addTab(self.attachments, self.tr("附件"))

    def set_narrow(self, narrow: bool) -> None:
        """Beside the list (narrow): the fields and content above the tabs instead of beside."""
        self.narrow = narrow
        for line in (self.heading, self.deadline):  # long titles and 督办 notes wrap beside
            line.setWordWrap(narrow)
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        self.body.setDirection(direction)
        self.timeline.setMinimumHeight(150 if narrow else 0)
        self.content.setMaximumHeight(120 if narrow else 16_777_215)  # the timeline gets the rest
        if self.case is None:
            self.show_case(None)

    def show_case(self, case: CaseDetail | None) -> None:
        self.case, self._stale = case, None
        self.remote_notice.hide()
        self.reveal.show_case(case)
        self.timeline.clear()
        self._show_attachments(case)
        if case is None:
            self.heading.setText(choose_case_text(self.narrow))
            self.status_badge.clear()
            self.status_badge.hide()
            for v in self.values.values():
                v.clear()
            self.content.clear()
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
            "caller_name": case.caller_name or (self.tr("（匿名）") if case.anonymous else "—"),
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
                    self.tr("{field}：{old} → {new}").format(
                        field=render(k), old=old or empty, new=new or empty
                    )
                    for k, (old, new) in ev.changes.items()
                )
                with_note = self.tr("{note}（{changes}）")
                note = with_note.format(note=note, changes=diffs) if note else diffs
            item = QTreeWidgetItem(
                [fmt_dt(ev.at), ev.actor_name, label("kind", ev.kind), change, note]
            )
            item.setToolTip(3, change)
            item.setToolTip(4, note)
            self.timeline.addTopLevelItem(item)
        self._fit_column(2, 70, 150)
        self._fit_column(3, 150, 240)
        self.print_button.show()
        work = case.work
        self.actions.show_actions(work.allowed_actions if work else ())
        self.work_view.show_work(work)
        self.closing_view.show_closing(work.closing if work else None)
        self.deadline.show_work(work, self.now())
        if work is not None and work.handler_name:
            self.values["lead_unit"].setText(
                self.tr("{unit}（经办人：{handler}）").format(
                    unit=case.lead_unit_name, handler=work.handler_name
                )
            )

    def _show_attachments(self, case: CaseDetail | None) -> None:
        """The 附件 tab follows the case; its title counts the files in force."""
        self.attachments.show_case(case.id if case else None, bool(case and case.confidential))
        count = self.attachments.count_in_force()
        title = self.tr("附件（{n}）").format(n=count) if count else self.tr("附件")
        self.tabs.setTabText(self.tabs.indexOf(self.attachments), title)

    def _fit_column(self, column: int, low: int, high: int) -> None:
        """Widen a timeline column to this case's texts, within bounds (labels are longer in
        some languages); 说明 keeps the rest."""
        self.timeline.resizeColumnToContents(column)
        width = self.timeline.columnWidth(column)
        self.timeline.setColumnWidth(column, min(max(width, low), high))

    # --- changes made at other desks ------------------------------------------------------
    def _on_changed(self, changes: Changes, initiator: object) -> None:
        """Another desk's change to this case reloads it with a notice; a change made here in
        another pane (我的待办 and 全部办件 may show the same case) reloads it quietly."""
        case = self.case
        if case is None or not changes.touches_case(case.id) or within(initiator, self):
            return  # not this case, or this pane's own write (its writer shows the result)
        remote = initiator == OTHER_DESK
        if self.isVisible():
            self.reload_case(remote)
        elif self._stale != "remote":  # a page not shown, or a closed window: when shown again
            self._stale = "remote" if remote else "local"

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale is not None:
            remote, self._stale = self._stale == "remote", None
            self.reload_case(remote)

    def reload_case(self, remote: bool = True) -> None:
        """Show the case as it is now; say who changed it when another desk moved its version."""
        old = self.case
        if old is None or self._ctx is None or self._actor is None:
            return
        try:
            fresh = read_model.get_case(self._ctx, self._actor, old.id)
        except DeskError:  # no longer visible to this user (moved on to another section)
            self.actions.show_actions(())
            self._notice(self.tr("此办件刚刚在另一台电脑上被更改，您已无权继续查看或办理。"))
            return
        if fresh == old:
            return
        self.show_case(fresh)
        if fresh.version != old.version and remote:
            self._notice(self._changed_by(fresh))

    def _changed_by(self, case: CaseDetail) -> str:
        if not case.events:
            return self.tr("此办件刚刚在另一台电脑上被更改，已重新载入。")
        newest = case.events[-1]
        return self.tr("{name} 刚刚在另一台电脑上“{action}”了此办件，已重新载入。").format(
            name=newest.actor_name, action=label("kind", newest.kind)
        )

    def _notice(self, text: str) -> None:
        self.remote_notice.setText(text)
        self.remote_notice.show()
