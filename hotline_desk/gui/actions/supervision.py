"""Dialogs of deadlines and supervision: a section asks for an extension, the desk decides it;
the desk urges or issues a supervision order; the section reads urges and answers orders; the
desk closes an answered order. Each makes one service call (``ActionDialog.run``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.supervision import Level
from hotline_desk.domain.routing import REASON_MAX
from hotline_desk.gui.actions.base import ActionDialog
from hotline_desk.gui.actions.catalog import dialog_for
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, CountedText, notice_label
from hotline_desk.gui.common.words import enum_text, fmt_dt
from hotline_desk.services.admin import office
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.dto import ExtensionInfo, SupervisionInfo
from hotline_desk.services.supervision import extensions
from hotline_desk.services.supervision import supervise as supervision


def _deadline_text(detail: CaseDetail) -> str:
    d = detail.work.deadlines if detail.work else None
    if d is None or d.reply_deadline is None:
        return ""
    text = QCoreApplication.translate(
        "supervision_dialogs", "现答复期限：{due}（时限 {limit}）"
    ).format(due=fmt_dt(d.reply_deadline), limit=d.reply_limit)
    if d.extension_days:
        text += QCoreApplication.translate(
            "supervision_dialogs", "，已延期 {days} 个工作日，原期限 {original}"
        ).format(days=d.extension_days, original=fmt_dt(d.reply_deadline_original))
    return text


@dialog_for(Action.REQUEST_EXTENSION)
class RequestExtensionDialog(ActionDialog):
    """申请延期: how many working days and why, before the reply deadline."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("申请延期"), parent)
        most = int(office.get_setting(ctx, office.EXTENSION_MAX_WORKDAYS))
        note = _deadline_text(detail)
        self.add_note(
            notice_label(
                note
                + "\n"
                + self.tr(
                    "延期须在答复期限届满前申请，经办公室审批后生效；单次最多 {most} 个工作日。"
                ).format(most=most),
                INFO_STYLE,
            )
        )
        self.workdays = QSpinBox()
        self.workdays.setRange(1, most)
        self.workdays.setValue(min(5, most))
        self.workdays.setSuffix(self.tr(" 个工作日"))
        self.add_field(self.tr("延期天数 *"), "workdays", self.workdays)
        self.reason = CountedText(REASON_MAX)
        self.reason.edit.setPlaceholderText(self.tr("如：需会同区经信局现场核查，企业材料尚未补齐"))
        self.add_field(self.tr("延期理由 *"), "reason", self.reason, stretch=1)
        self.ok_button.setText(self.tr("提交申请 (Ctrl+Enter)"))
        self.workdays.setFocus()
        fit_to_screen(self, 600, 340)

    def perform(self) -> CaseDetail:
        return extensions.request_extension(self.ctx, self.actor, self.detail.id,
                                            self.workdays.value(), self.reason.text(),
                                            seen_event=self.detail.last_event_id)  # fmt: skip


def extension_text(info: ExtensionInfo) -> str:
    return QCoreApplication.translate(
        "supervision_dialogs", "{unit}（{person}，{at}）申请延期 {days} 个工作日：{reason}"
    ).format(
        unit=info.unit_name,
        person=info.requested_by_name,
        at=fmt_dt(info.requested_at),
        days=info.workdays,
        reason=info.reason,
    )


@dialog_for(Action.APPROVE_EXTENSION, Action.DENY_EXTENSION)
class ExtensionDecisionDialog(ActionDialog):
    """审批延期: the request in view; 同意 (the default) or 不同意 with the reason."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("同意延期"), parent)
        pending = detail.work.pending_extension if detail.work else None
        text = extension_text(pending) if pending else ""
        self.request_note = notice_label(text + "\n" + _deadline_text(detail), INFO_STYLE)
        self.add_note(self.request_note)
        self.note = CountedText(REASON_MAX)
        self.note.edit.setPlaceholderText(self.tr("审批意见（不同意时必填）"))
        self.add_field(self.tr("审批意见"), "note", self.note, stretch=1)
        self.deny_button = QPushButton(self.tr("不同意延期"))
        self.deny_button.setObjectName("deny_extension")
        self.buttons.addButton(self.deny_button, self.buttons.ButtonRole.ActionRole)
        self.deny_button.clicked.connect(self.deny)
        self.note.setFocus()
        fit_to_screen(self, 600, 320)

    def perform(self) -> CaseDetail:
        d = self.detail
        return extensions.approve_extension(self.ctx, self.actor, d.id, d.version, self.note.text())

    def deny(self) -> None:
        d = self.detail
        self.run(
            lambda: extensions.deny_extension(
                self.ctx, self.actor, d.id, d.version, self.note.text()
            )
        )


@dialog_for(Action.URGE)
class UrgeDialog(ActionDialog):
    """催办: a note the section sees in its 催办督办 queue; counted on the case."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("催办"), parent)
        d = detail.work.deadlines if detail.work else None
        count = d.urge_count if d else 0
        info = _deadline_text(detail)
        if count:
            info += "\n" + self.tr("此前已催办 {count} 次。").format(count=count)
        if info:
            self.add_note(notice_label(info, INFO_STYLE))
        self.text = CountedText(REASON_MAX)
        self.text.set_text(self.tr("该件已临近（或超过）答复期限，请抓紧办理并及时反馈进展。"))
        self.add_field(self.tr("催办内容 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("发送催办 (Ctrl+Enter)"))
        self.text.setFocus()
        fit_to_screen(self, 580, 300)

    def perform(self) -> CaseDetail:
        return supervision.urge_case(self.ctx, self.actor, self.detail.id, self.text.text(),
                                     seen_event=self.detail.last_event_id)  # fmt: skip


@dialog_for(Action.ISSUE_ORDER)
class OrderDialog(ActionDialog):
    """督办单: yellow or red, the reason and the date the section must answer by."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("发督办单"), parent)
        work = detail.work
        info = _deadline_text(detail)
        if work is not None and work.open_orders:
            info += "\n" + self.tr("已有未办结的督办单：{level}。可升级为红牌。").format(
                level=enum_text(Level(work.open_orders[0].level or Level.YELLOW).label)
            )
        if info:
            self.add_note(notice_label(info, INFO_STYLE))
        self.yellow = QRadioButton(enum_text(Level.YELLOW.label))
        self.red = QRadioButton(enum_text(Level.RED.label))
        overdue = bool(work and work.deadlines and work.deadlines.level == Level.RED)
        already_yellow = bool(work and any(o.level == Level.YELLOW for o in work.open_orders))
        (self.red if overdue or already_yellow else self.yellow).setChecked(True)
        group = QButtonGroup(self)
        levels = QWidget()
        row = QHBoxLayout(levels)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.yellow, self.red):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.add_field(self.tr("督办级别 *"), "level", levels)
        self.reason = CountedText(REASON_MAX)
        self.reason.edit.setPlaceholderText(self.tr("如：该件已超期5个工作日仍未答复"))
        self.add_field(self.tr("督办事由 *"), "reason", self.reason, stretch=1)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        default = supervision.default_order_due(ctx)
        self.due.setDate(QDate(default.year, default.month, default.day))
        self.add_field(self.tr("回复期限 *"), "response_due", self.due)
        self.ok_button.setText(self.tr("发出督办单"))
        self.reason.setFocus()
        fit_to_screen(self, 600, 380)

    def level(self) -> str:
        return Level.RED.value if self.red.isChecked() else Level.YELLOW.value

    def perform(self) -> CaseDetail:
        d = self.due.date()
        due = date(d.year(), d.month(), d.day())
        return supervision.issue_order(self.ctx, self.actor, self.detail.id, self.level(),
                                       self.reason.text(), due,
                                       seen_event=self.detail.last_event_id)  # fmt: skip


def order_text(order: SupervisionInfo) -> str:
    text = QCoreApplication.translate(
        "supervision_dialogs", "{level}督办单（{person} {at}）：{reason}\n限 {due} 前回复"
    ).format(
        level=enum_text(Level(order.level or Level.YELLOW).label),
        person=order.issued_by_name,
        at=fmt_dt(order.issued_at),
        reason=order.text,
        due=fmt_dt(order.response_due),
    )
    if order.response:
        text += "\n" + QCoreApplication.translate(
            "supervision_dialogs", "回复（{person} {at}）：{response}"
        ).format(
            person=order.responded_by_name, at=fmt_dt(order.responded_at), response=order.response
        )
    return text


@dialog_for(Action.ANSWER_ORDER)
class AnswerOrderDialog(ActionDialog):
    """回复督办: what the section did and when it will reply."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("回复督办"), parent)
        work = detail.work
        self.order = next(
            (o for o in (work.open_orders if work else ()) if o.status == "open"), None
        )
        if self.order is not None:
            self.add_note(notice_label(order_text(self.order)))
        self.response = CountedText(REASON_MAX)
        self.response.edit.setPlaceholderText(self.tr("已采取的措施、目前进展和预计答复时间"))
        self.add_field(self.tr("回复内容 *"), "response", self.response, stretch=1)
        self.ok_button.setText(self.tr("提交回复 (Ctrl+Enter)"))
        self.response.setFocus()
        fit_to_screen(self, 600, 340)

    def perform(self) -> CaseDetail:
        order_id = self.order.id if self.order else None
        return supervision.answer_order(self.ctx, self.actor, self.detail.id,
                                        self.response.text(), order_id,
                                        seen_event=self.detail.last_event_id)  # fmt: skip


@dialog_for(Action.CLOSE_ORDER)
class CloseOrderDialog(ActionDialog):
    """督办办结: the desk closes an answered order."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("督办办结"), parent)
        work = detail.work
        self.order = next(
            (o for o in (work.open_orders if work else ()) if o.status == "answered"), None
        )
        if self.order is not None:
            self.add_note(notice_label(order_text(self.order), INFO_STYLE))
        self.note = CountedText(REASON_MAX)
        self.note.set_text(self.tr("承办单位已回复，督办办结。"))
        self.add_field(self.tr("办结意见 *"), "note", self.note, stretch=1)
        self.ok_button.setText(self.tr("办结督办单"))
        self.note.setFocus()
        fit_to_screen(self, 580, 300)

    def perform(self) -> CaseDetail:
        order_id = self.order.id if self.order else None
        return supervision.close_order(self.ctx, self.actor, self.detail.id, self.note.text(),
                                       order_id, seen_event=self.detail.last_event_id)  # fmt: skip


@dialog_for(Action.ACKNOWLEDGE_URGE)
class AcknowledgeUrgeDialog(ActionDialog):
    """阅知催办: the urges in view; 已阅 takes them off the 催办督办 queue."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, actor, detail, self.tr("阅知催办"), parent)
        work = detail.work
        urges = [
            x
            for x in (work.supervisions if work else ())
            if x.kind == "urge" and x.status == "sent"
        ]
        lines = [
            self.tr("{person} {at}：{text}").format(
                person=x.issued_by_name, at=fmt_dt(x.issued_at), text=x.text
            )
            for x in urges
        ]
        self.add_note(notice_label("\n".join(lines) or self.tr("没有待阅的催办")))
        self.ok_button.setText(self.tr("已阅"))
        fit_to_screen(self, 520, 0)

    def perform(self) -> CaseDetail:
        return supervision.acknowledge_urges(self.ctx, self.actor, self.detail.id,
                                             seen_event=self.detail.last_event_id)  # fmt: skip
