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
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from hotline_desk.domain.enums import Action
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.actions.base import ActionDialog
from hotline_desk.gui.actions.basic import (
    AssignDialog,
    InstructionDialog,
    NoteDialog,
    OpinionDialog,
    RejectDialog,
    RejectReturnDialog,
    RequestReturnDialog,
)
from hotline_desk.gui.actions.callbacks import CLOSING_DIALOGS
from hotline_desk.gui.actions.duplicates import DUPLICATE_DIALOGS
from hotline_desk.gui.actions.replies import RecordReplyDialog, ReplyDialog, ReviewDialog
from hotline_desk.gui.actions.route import RouteDialog
from hotline_desk.gui.actions.supervision import (
    AcknowledgeUrgeDialog,
    AnswerOrderDialog,
    CloseOrderDialog,
    ExtensionDecisionDialog,
    OrderDialog,
    RequestExtensionDialog,
    UrgeDialog,
)
from hotline_desk.gui.common.errors import show_error
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, OrgUnitInfo, TopicInfo
from hotline_desk.services.lifecycle import handling

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
    fresh = read_model.get_case(ctx, actor, detail.id)
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
