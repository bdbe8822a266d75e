"""The small lifecycle dialogs: 不予受理, 申请退回, 驳回退回, 指派经办人, 办理记录, 协办意见 and
领导批示; each makes its one service call with the version the user saw."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import AssignmentRole, NoteKind, RejectReason, ReturnReason
from hotline_desk.domain.routing import TEXT_MAX
from hotline_desk.gui.actions.base import ActionDialog, return_text
from hotline_desk.gui.actions.catalog import dialog_for
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, CountedText, notice_label
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.handling import NOTE_MAX


@dialog_for(Action.REJECT)
class RejectDialog(ActionDialog):
    """不予受理: a reason from the list and a note (required for 其他)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("不予受理"), parent)
        self.add_note(notice_label(self.tr("不予受理后办件即终结，不再转办。")))
        self.reason = ChoiceCombo(choices(RejectReason), self.tr("请选择"))
        self.add_field(self.tr("不予受理理由 *"), "reason", self.reason)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("告知来电人的渠道或依据，如：已告知其向法院起诉"))
        self.add_field(self.tr("说明"), "note", self.note)
        self.reason.setFocus()
        fit_to_screen(self, 600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return routing.reject_case(self.ctx, self.actor, d.id, d.version,
                                    self.reason.value() or "", self.note.text())  # fmt: skip


@dialog_for(Action.REQUEST_RETURN)
class RequestReturnDialog(ActionDialog):
    """申请退回: a reason and the basis (依据) for the desk to judge."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("申请退回"), parent)
        self.add_note(notice_label(self.tr("退回申请由办公室审核，审核前办件暂停办理。")))
        self.reason = ChoiceCombo(choices(ReturnReason), self.tr("请选择"))
        self.add_field(self.tr("退回理由 *"), "reason", self.reason)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("如：依据三定方案，该事项属区经信局职责"))
        self.add_field(self.tr("退回依据 *"), "basis", self.basis)
        self.reason.setFocus()
        fit_to_screen(self, 600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return handling.request_return(self.ctx, self.actor, d.id, d.version,
                                       self.reason.value() or "", self.basis.text())  # fmt: skip


@dialog_for(Action.REJECT_RETURN)
class RejectReturnDialog(ActionDialog):
    """驳回退回: the section's request in view, the desk's reason below."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("驳回退回"), parent)
        pending = detail.work.pending_return if detail.work else None
        if pending is not None:
            self.add_note(notice_label(return_text(pending), INFO_STYLE))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：该事项属你科职责，请继续办理"))
        self.add_field(self.tr("驳回理由 *"), "note", self.note)
        self.note.setFocus()
        fit_to_screen(self, 600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return routing.reject_return(self.ctx, self.actor, d.id, d.version, self.note.text())


@dialog_for(Action.ASSIGN)
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
        fit_to_screen(self, 480, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        handler = self.handler.value()
        return handling.assign_handler(self.ctx, self.actor, d.id, d.version,
                                       handler if handler is not None else -1)  # fmt: skip


@dialog_for(Action.ADD_NOTE)
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
        fit_to_screen(self, 620, 360)

    def perform(self) -> CaseDetail:
        return handling.add_note(self.ctx, self.actor, self.detail.id,
                                 self.kind.value() or "", self.text.text(),
                                 seen_event=self.detail.last_event_id)  # fmt: skip


@dialog_for(Action.SUBMIT_OPINION)
class OpinionDialog(ActionDialog):
    """协办意见 to the lead section; a revision replaces the section's earlier opinion."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("协办意见"), parent)
        work = detail.work
        if work is not None:
            lead = self.tr("主办科室：{unit}").format(unit=work.lead_unit_name or "—")
            if work.office_opinion:
                lead += "\n" + self.tr("拟办意见：{text}").format(text=work.office_opinion)
            self.add_note(notice_label(lead, INFO_STYLE))
        mine = next((a for a in (work.assignments if work else ())
                     if a.active and a.role == AssignmentRole.ASSIST
                     and a.unit_id == actor.org_unit_id), None)  # fmt: skip
        self.text = CountedText(TEXT_MAX)
        self.text.edit.setPlaceholderText(self.tr("本科室核实的情况和意见"))
        if mine is not None and mine.opinion:
            self.text.set_text(mine.opinion)
        self.add_field(self.tr("协办意见 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("提交意见 (Ctrl+Enter)"))
        self.text.setFocus()
        fit_to_screen(self, 620, 380)

    def perform(self) -> CaseDetail:
        return handling.submit_opinion(self.ctx, self.actor, self.detail.id, self.text.text(),
                                       seen_event=self.detail.last_event_id)  # fmt: skip


@dialog_for(Action.INSTRUCT)
class InstructionDialog(ActionDialog):
    """领导批示: the case becomes 重要件 and its reply then needs the leader's approval."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("领导批示"), parent)
        if not detail.important:
            self.add_note(notice_label(self.tr("批示后办件标记为重要件，答复须经局领导审核。")))
        self.text = CountedText(NOTE_MAX)
        self.text.edit.setPlaceholderText(self.tr("如：请产业发展科高度重视，三日内反馈"))
        self.add_field(self.tr("批示内容 *"), "text", self.text, stretch=1)
        self.ok_button.setText(self.tr("批示 (Ctrl+Enter)"))
        self.text.setFocus()
        fit_to_screen(self, 600, 340)

    def perform(self) -> CaseDetail:
        d = self.detail
        return handling.add_instruction(self.ctx, self.actor, d.id, d.version, self.text.text())
