"""Lifecycle actions from the case detail: ``run_action`` is the one entry point views call with
an ``Action``; it opens the dialog registered for it (``catalog.dialog_for``), which makes its one
service call with the ``CaseDetail.version`` the user saw, through the one write helper.

It returns the fresh ``CaseDetail`` after the commit, or None when the user cancelled or the
service refused (the refusal has been shown). An action with a yes/no input and no dialog of its
own (签收) is asked as a question.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from hotline_desk.domain.actions import Action, Input, spec
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.actions import (  # noqa: F401 - importing registers their dialogs
    basic,
    callbacks,
    duplicates,
    edit,
    replies,
    route,
    supervision,
)
from hotline_desk.gui.actions.catalog import DialogRequest, action_label, factory_for
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.writes import write
from hotline_desk.services.cases import read_model, reveal
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, OrgUnitInfo, TopicInfo
from hotline_desk.services.lifecycle import handling


def confirm_sign(parent: QWidget | None, ctx: ServiceContext, actor: Actor,
                 detail: CaseDetail) -> CaseDetail | None:  # fmt: skip
    """签收 after a yes/no question."""
    answer = QMessageBox.question(
        parent,
        action_label(Action.SIGN),
        QCoreApplication.translate("actions", "确认签收办件 {case_no}？").format(
            case_no=detail.case_no
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    written = write(parent, ctx, lambda: handling.sign_case(ctx, actor, detail.id, detail.version))
    return written.result if written is not None else None


_WITH_CALLER = {Action.RECORD_CALLBACK: "callback", Action.CLOSE_UNREACHABLE: "callback",
                Action.RECORD_REPLY: "reply"}  # fmt: skip
"""Dialogs that need the caller as stored (the number to dial; the person replied to): the
detail shows them masked, so for intake and the desk they are fetched — audited — when such a
dialog opens (the others keep the masked values). The edit dialog fetches its own."""


def with_caller(ctx: ServiceContext, actor: Actor, detail: CaseDetail, act: Action) -> CaseDetail:
    """``detail`` with the caller's fields in full when the dialog of ``act`` needs them."""
    purpose = _WITH_CALLER.get(act)
    if purpose is None or not may_see_personal(actor):
        return detail
    c = reveal.reveal_caller(ctx, actor, detail.id, purpose)
    return replace(detail, caller_name=c.name, caller_phone=c.phone, caller_address=c.address)


def _with_work(ctx: ServiceContext, actor: Actor, detail: CaseDetail) -> CaseDetail:
    """The detail with its lifecycle record; the version stays the one the user saw."""
    if detail.work is not None:
        return detail
    fresh = read_model.get_case(ctx, actor, detail.id)
    return replace(detail, work=fresh.work)


def build_dialog(parent: QWidget | None, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 action: str, topics: list[TopicInfo],
                 units: list[OrgUnitInfo]):  # type: ignore[no-untyped-def]  # fmt: skip
    """The dialog registered for ``action`` (not shown)."""
    act = Action(action)
    factory = factory_for(act)
    if factory is None:
        raise ValueError(f"no dialog for {action}")
    return factory(DialogRequest(ctx, actor, detail, act, topics, units, parent))


def run_action(parent: QWidget, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
               action: str, topics: list[TopicInfo],
               units: list[OrgUnitInfo]) -> CaseDetail | None:  # fmt: skip
    """Do ``action`` on the case through its dialog; the fresh case after the commit, or None
    when cancelled or refused."""
    act = Action(action)
    if factory_for(act) is None and spec(act).input == Input.CONFIRM:  # 签收: a yes/no question
        return confirm_sign(parent, ctx, actor, detail)
    try:
        detail = with_caller(ctx, actor, _with_work(ctx, actor, detail), act)
        dialog = build_dialog(parent, ctx, actor, detail, action, topics, units)
    except DeskError as exc:
        show_error(parent, exc)
        return None
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_case
    finally:
        dialog.deleteLater()
