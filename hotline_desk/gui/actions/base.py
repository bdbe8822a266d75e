"""The frame every lifecycle dialog shares: the case heading, a form whose fields carry their own
error labels, OK/Cancel, and ``submit()``, which runs the dialog's one service call.

A ``ValidationError`` puts each message beside its field and keeps the dialog open (nothing was
saved); any other ``DeskError`` (a stale version, a refused permission) is shown with
``show_error`` and the dialog closes with ``result_case`` None. On success ``result_case`` holds
the fresh ``CaseDetail`` the service returned after its commit.

What the user types into the dialog's free-text fields is kept as a draft of this user, this
dialog and this case (``gui.common.drafts``): offered again when the dialog opens next time,
dropped once the action is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from hotline_desk.domain.enums.handling import ReturnReason
from hotline_desk.gui.common.drafts import DraftKeeper, text_fields
from hotline_desk.gui.common.forms import FormDialog
from hotline_desk.gui.common.words import enum_text, fmt_dt
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.dto import ReturnInfo


def return_text(info: ReturnInfo) -> str:
    """One paragraph about a section's return request: who, when, why, on what basis."""
    try:
        reason = enum_text(ReturnReason(info.reason).label)
    except ValueError:
        reason = info.reason
    return QCoreApplication.translate(
        "action_base", "{unit}（{person}，{at}）申请退回：{reason}\n依据：{basis}"
    ).format(
        unit=info.unit_name, person=info.requested_by_name, at=fmt_dt(info.requested_at),
        reason=reason, basis=info.basis,
    )  # fmt: skip


class ActionDialog(FormDialog):
    """Base of the lifecycle dialogs: the case heading above the form; subclasses add fields
    and implement ``perform``, which returns the fresh ``CaseDetail``."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, title: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(title, parent)
        self.ctx, self.actor, self.detail = ctx, actor, detail
        self.setWindowTitle(
            QCoreApplication.translate("ActionDialog", "{action} — {case_no}").format(
                action=title, case_no=detail.case_no
            )
        )
        self.heading = QLabel(
            QCoreApplication.translate("ActionDialog", "{case_no}  {title}").format(
                case_no=detail.case_no, title=detail.title
            )
        )
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.main_layout.insertWidget(0, self.heading)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self.draft_keeper is None and self._shown_text is None:
            self.keep_drafts()
        super().showEvent(event)

    def keep_drafts(self) -> None:
        """Keep the free-text fields as a draft (built once the subclass added its fields) and
        offer the one kept from last time above the form."""
        fields = text_fields(self.focus_for)
        if not fields:
            return
        keeper = DraftKeeper(self, self.ctx, self.actor, type(self).__name__, self.detail.id,
                             fields)  # fmt: skip
        self.main_layout.insertWidget(0, keeper.offer)
        keeper.start()
        self.draft_keeper = keeper

    @property
    def result_case(self) -> CaseDetail | None:
        """The fresh case after the commit (None when cancelled or refused)."""
        return self.saved  # type: ignore[no-any-return]

    def perform(self) -> CaseDetail:
        raise NotImplementedError
