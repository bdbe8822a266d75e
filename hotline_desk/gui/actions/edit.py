"""修改登记信息: the registration form on a case not yet dispatched (``Action.EDIT``); a stale
version is refused, never overwritten."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from hotline_desk.domain.actions import Action
from hotline_desk.gui.actions.catalog import DialogRequest, dialog_for
from hotline_desk.gui.cases.form import CaseForm
from hotline_desk.gui.cases.register_page import bind_save
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.writes import write
from hotline_desk.services.cases import registration, reveal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, TopicInfo


@dialog_for(Action.EDIT)
class EditCaseDialog(GuardedDialog):
    """修改登记信息 of a case not yet dispatched; a stale version is refused, never overwritten."""

    def __init__(self, ctx: ServiceContext, actor: Actor, topics: list[TopicInfo],
                 case: CaseDetail, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        # the form edits the caller as stored, not as the detail shows it (masked): fetched for
        # this dialog, audited (services/cases/reveal.py)
        c = reveal.reveal_caller(ctx, actor, case.id, "edit")
        case = replace(case, caller_name=c.name, caller_phone=c.phone, caller_address=c.address)
        self.setWindowTitle(self.tr("修改登记信息 — {case_no}").format(case_no=case.case_no))
        self.ctx, self.actor, self.case = ctx, actor, case
        self.result_case: CaseDetail | None = None
        self.form = CaseForm(topics)
        self.form.load(case)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        bind_save(self.form, self, self.save)
        fit_to_screen(self, 720, 640)

    @classmethod
    def open_for(cls, request: DialogRequest) -> EditCaseDialog:
        r = request
        return cls(r.ctx, r.actor, r.topics, r.detail, r.parent)

    def save(self) -> None:
        written = write(self, self.ctx, lambda: registration.update_case(
            self.ctx, self.actor, self.case.id, self.case.version, self.form.to_input()
        ), field_errors=self.form.show_errors, on_refused=self.discard)  # fmt: skip
        if written is not None:
            self.result_case = written.result
            self.accept()
