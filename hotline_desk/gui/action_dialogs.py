"""Lifecycle actions from the case detail: one small dialog per action and ``run_action``, the one
entry point the main window calls with an ``Action`` value.

``run_action`` opens the right dialog (routing in ``route_dialog``, the reply's dialogs in
``reply_dialogs``; 签收 is a yes/no question), which makes its one service call with the
``CaseDetail.version`` the user saw. It returns the fresh ``CaseDetail`` after the commit, or None
when the user cancelled or the service refused (the refusal has been shown).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget

from hotline_desk.domain.enums import Action, NoteKind, RejectReason, ReturnReason
from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.routing import TEXT_MAX
from hotline_desk.gui.action_base import (
    INFO_STYLE,
    ActionDialog,
    CountedText,
    notice_label,
    return_text,
)
from hotline_desk.gui.callback_dialogs import CLOSING_DIALOGS
from hotline_desk.gui.duplicate_dialogs import DUPLICATE_DIALOGS
from hotline_desk.gui.errors import show_error
from hotline_desk.gui.labels import choices
from hotline_desk.gui.reply_dialogs import RecordReplyDialog, ReplyDialog, ReviewDialog
from hotline_desk.gui.route_dialog import RouteDialog
from hotline_desk.gui.supervision_dialogs import (
    AcknowledgeUrgeDialog,
    AnswerOrderDialog,
    CloseOrderDialog,
    ExtensionDecisionDialog,
    OrderDialog,
    RequestExtensionDialog,
    UrgeDialog,
)
from hotline_desk.gui.widgets import ChoiceCombo
from hotline_desk.services import cases, handling, workflow
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, OrgUnitInfo, TopicInfo
from hotline_desk.services.handling import NOTE_MAX

ACTION_ORDER: tuple[str, ...] = tuple(a.value for a in (
    Action.SIGN, Action.ROUTE, Action.HANDLE_DIRECTLY, Action.APPROVE_RETURN,
    Action.SUBMIT_REPLY, Action.APPROVE_REPLY, Action.RECORD_REPLY,
    Action.RECORD_CALLBACK, Action.CLOSE, Action.SCREEN_REASONABLE, Action.NO_CALLBACK,
    Action.CLOSE_UNREACHABLE, Action.REOPEN, Action.SUBMIT_OPINION,
    Action.ANSWER_ORDER, Action.ACKNOWLEDGE_URGE, Action.APPROVE_EXTENSION, Action.CLOSE_ORDER,
    Action.ASSIGN, Action.ADD_NOTE, Action.REQUEST_EXTENSION, Action.REQUEST_RETURN,
    Action.REJECT_RETURN, Action.URGE, Action.ISSUE_ORDER, Action.REJECT, Action.REROUTE,
    Action.INSTRUCT, Action.MERGE, Action.LINK,
))  # fmt: skip
"""The order of the action buttons: the step that moves the case on comes first (it is the
default button), then what supervision asks for, then the side actions. ``send_back``,
``deny_extension`` and ``screen_unreasonable`` have no button of their own: 审核答复
(approve_reply) opens the review dialog, which offers both 审核通过 and 退回修改, 审批延期 offers
同意 and 不同意, and 甄别 (screen_reasonable) offers 合理 and 不合理."""

_BUTTON_TEXT = {
    Action.APPROVE_REPLY: QT_TRANSLATE_NOOP("actions", "审核答复"),
    Action.APPROVE_RETURN: QT_TRANSLATE_NOOP("actions", "同意退回并改派"),
    Action.SCREEN_REASONABLE: QT_TRANSLATE_NOOP("actions", "甄别"),
}
NO_BUTTON = frozenset({Action.SEND_BACK, Action.DENY_EXTENSION, Action.SCREEN_UNREASONABLE})
"""Actions offered through another action's dialog."""


def action_text(action: str) -> str:
    """The button text of an action in the UI language."""
    act = Action(action)
    text = _BUTTON_TEXT.get(act, act.label)  # the others are listed in case_work_view
    return QCoreApplication.translate("actions", text)


class RejectDialog(ActionDialog):
    """不予受理: a reason from the list and a note (required for 其他)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("不予受理"), parent)
        self.add_note(notice_label(self.tr("不予受理后办件即终结,不再转办。")))
        self.reason = ChoiceCombo(choices(RejectReason), self.tr("请选择"))
        self.add_field(self.tr("不予受理理由 *"), "reason", self.reason)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("告知来电人的渠道或依据,如:已告知其向法院起诉"))
        self.add_field(self.tr("说明"), "note", self.note)
        self.reason.setFocus()
        self.resize(600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return workflow.reject_case(self.ctx, self.actor, d.id, d.version,
                                    self.reason.value() or "", self.note.text())  # fmt: skip


class RequestReturnDialog(ActionDialog):
    """申请退回: a reason and the basis (依据) for the desk to judge."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("申请退回"), parent)
        self.add_note(notice_label(self.tr("退回申请由办公室审核,审核前办件暂停办理。")))
        self.reason = ChoiceCombo(choices(ReturnReason), self.tr("请选择"))
        self.add_field(self.tr("退回理由 *"), "reason", self.reason)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("如:依据三定方案,该事项属区经信局职责"))
        self.add_field(self.tr("退回依据 *"), "basis", self.basis)
        self.reason.setFocus()
        self.resize(600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return handling.request_return(self.ctx, self.actor, d.id, d.version,
                                       self.reason.value() or "", self.basis.text())  # fmt: skip


class RejectReturnDialog(ActionDialog):
    """驳回退回: the section's request in view, the desk's reason below."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("驳回退回"), parent)
        pending = detail.work.pending_return if detail.work else None
        if pending is not None:
            self.add_note(notice_label(return_text(pending), INFO_STYLE))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如:该事项属你科职责,请继续办理"))
        self.add_field(self.tr("驳回理由 *"), "note", self.note)
        self.note.setFocus()
        self.resize(600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return workflow.reject_return(self.ctx, self.actor, d.id, d.version, self.note.text())


class AssignDialog(ActionDialog):
    """指派经办人 among the handling unit's handlers and heads."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("指派经办人"), parent)
        work = detail.work
        units = [u for u in (work.lead_unit_id, work.handling_unit_id) if u] if work else []
        own = [u for u in units if u == actor.org_unit_id]  # the head's own unit first
        people: list[tuple[int, str]] = []
        for unit in own + [u for u in units if u not in own]:
            people += [p for p in handling.handler_choices(ctx, unit) if p not in people]
        self.handler = ChoiceCombo(people, self.tr("请选择"))
        if work is not None and work.handler_id is not None:
            self.handler.set_value(work.handler_id)
        self.add_field(self.tr("经办人 *"), "handler_id", self.handler)
        self.handler.setFocus()
        self.resize(480, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        handler = self.handler.value()
        return handling.assign_handler(self.ctx, self.actor, d.id, d.version,
                                       handler if handler is not None else -1)  # fmt: skip


class NoteDialog(ActionDialog):
    """办理记录: what was done (联系来电人, 现场核查, …), appended to the case."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("办理记录"), parent)
        self.kind = ChoiceCombo(choices(NoteKind))
        self.add_field(self.tr("记录类型 *"), "kind", self.kind)
        self.text = CountedText(NOTE_MAX)
        self.text.edit.setPlaceholderText(self.tr("时间、对象、经过和结果"))
        self.add_field(self.tr("记录内容 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("保存记录 (Ctrl+Enter)"))
        self.kind.setFocus()
        self.resize(620, 360)

    def perform(self) -> CaseDetail:
        return handling.add_note(self.ctx, self.actor, self.detail.id,
                                 self.kind.value() or "", self.text.text())  # fmt: skip


class OpinionDialog(ActionDialog):
    """协办意见 to the lead section; a revision replaces the section's earlier opinion."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("协办意见"), parent)
        work = detail.work
        if work is not None:
            lead = self.tr("主办科室:{unit}").format(unit=work.lead_unit_name or "—")
            if work.office_opinion:
                lead += "\n" + self.tr("拟办意见:{text}").format(text=work.office_opinion)
            self.add_note(notice_label(lead, INFO_STYLE))
        mine = next((a for a in (work.assignments if work else ())
                     if a.active and a.role == "assist"
                     and a.unit_id == actor.org_unit_id), None)  # fmt: skip
        self.text = CountedText(TEXT_MAX)
        self.text.edit.setPlaceholderText(self.tr("本科室核实的情况和意见"))
        if mine is not None and mine.opinion:
            self.text.set_text(mine.opinion)
        self.add_field(self.tr("协办意见 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("提交意见 (Ctrl+Enter)"))
        self.text.setFocus()
        self.resize(620, 380)

    def perform(self) -> CaseDetail:
        return handling.submit_opinion(self.ctx, self.actor, self.detail.id, self.text.text())


class InstructionDialog(ActionDialog):
    """领导批示: the case becomes 重要件 and its reply then needs the leader's approval."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("领导批示"), parent)
        if not detail.important:
            self.add_note(notice_label(self.tr("批示后办件标记为重要件,答复须经局领导审核。")))
        self.text = CountedText(NOTE_MAX)
        self.text.edit.setPlaceholderText(self.tr("如:请产业发展科高度重视,三日内反馈"))
        self.add_field(self.tr("批示内容 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("批示 (Ctrl+Enter)"))
        self.text.setFocus()
        self.resize(600, 340)

    def perform(self) -> CaseDetail:
        d = self.detail
        return handling.add_instruction(self.ctx, self.actor, d.id, d.version, self.text.text())


_SIMPLE: dict[Action, type[ActionDialog]] = {
    Action.REJECT: RejectDialog,
    Action.REQUEST_RETURN: RequestReturnDialog,
    Action.REJECT_RETURN: RejectReturnDialog,
    Action.ASSIGN: AssignDialog,
    Action.ADD_NOTE: NoteDialog,
    Action.SUBMIT_OPINION: OpinionDialog,
    Action.SUBMIT_REPLY: ReplyDialog,
    Action.RECORD_REPLY: RecordReplyDialog,
    Action.INSTRUCT: InstructionDialog,
    Action.REQUEST_EXTENSION: RequestExtensionDialog,
    Action.APPROVE_EXTENSION: ExtensionDecisionDialog,
    Action.DENY_EXTENSION: ExtensionDecisionDialog,
    Action.URGE: UrgeDialog,
    Action.ACKNOWLEDGE_URGE: AcknowledgeUrgeDialog,
    Action.ISSUE_ORDER: OrderDialog,
    Action.ANSWER_ORDER: AnswerOrderDialog,
    Action.CLOSE_ORDER: CloseOrderDialog,
    **CLOSING_DIALOGS,
    **DUPLICATE_DIALOGS,
}
_ROUTING = (Action.ROUTE, Action.HANDLE_DIRECTLY, Action.REROUTE, Action.APPROVE_RETURN)


def build_dialog(parent: QWidget | None, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 action: str, topics: list[TopicInfo],
                 units: list[OrgUnitInfo]) -> ActionDialog:  # fmt: skip
    """The dialog for ``action`` (not shown); 签收 has none."""
    act = Action(action)
    if act in _ROUTING:
        return RouteDialog(ctx, actor, detail, act, topics, units, parent)
    if act in (Action.APPROVE_REPLY, Action.SEND_BACK):
        return ReviewDialog(ctx, actor, detail, act, parent)
    if act in _SIMPLE:
        return _SIMPLE[act](ctx, actor, detail, parent)
    raise ValueError(f"no dialog for {action}")


def confirm_sign(parent: QWidget | None, ctx: ServiceContext, actor: Actor,
                 detail: CaseDetail) -> CaseDetail | None:  # fmt: skip
    """签收 after a yes/no question."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("actions", "签收"),
        QCoreApplication.translate("actions", "确认签收办件 {case_no}?").format(
            case_no=detail.case_no
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        return handling.sign_case(ctx, actor, detail.id, detail.version)
    except DeskError as exc:
        show_error(parent, exc)
        return None


def _with_work(ctx: ServiceContext, actor: Actor, detail: CaseDetail) -> CaseDetail:
    """The detail with its lifecycle record; the version stays the one the user saw."""
    if detail.work is not None:
        return detail
    fresh = cases.get_case(ctx, actor, detail.id)
    return replace(detail, work=fresh.work)


def run_action(parent: QWidget, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
               action: str, topics: list[TopicInfo],
               units: list[OrgUnitInfo]) -> CaseDetail | None:  # fmt: skip
    """Do ``action`` on the case through its dialog; the fresh case after the commit, or None
    when cancelled or refused."""
    if Action(action) == Action.SIGN:
        return confirm_sign(parent, ctx, actor, detail)
    try:
        detail = _with_work(ctx, actor, detail)
    except DeskError as exc:
        show_error(parent, exc)
        return None
    dialog = build_dialog(parent, ctx, actor, detail, action, topics, units)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_case
    finally:
        dialog.deleteLater()
