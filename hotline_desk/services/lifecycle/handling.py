"""Section and reply actions: sign, ask to return, assign, notes, assisting opinions, the reply
draft and its approval by the section head (and the leader for important cases), recording the
reply as given, and leaders' instructions. Each is one ``apply_action`` transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import AssignmentRole, NoteKind, ReturnReason
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES
from hotline_desk.domain.routing import REASON_MAX, TEXT_MAX, text_error
from hotline_desk.domain.text_input import as_written
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.store.models import (
    Case,
    CaseAssignment,
    HandlingNote,
    Instruction,
    ReturnRequest,
    User,
    UserRole,
)

NOTE_MAX = 2000
COMMENT_MAX = 1000


def require_text(field: str, label: str, text: str, limit: int) -> str:
    problem = text_error(label, text, limit)
    if problem:
        raise ValidationError({field: problem})
    return as_written(text)


@user_input
def sign_case(ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int) -> CaseDetail:
    """签收: the section acknowledges the case; a handler who signs becomes its handler."""

    def change(_s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        case.signed_at = ctx.now()
        if case.handler_id is None and Role.HANDLER in actor.roles:
            case.handler_id = actor.user_id
        unit = actor.org_unit_name
        return Outcome(Msg("{unit}签收", unit=unit) if unit else Msg("签收"))

    return apply_action(ctx, actor, case_id, expected_version, Action.SIGN, change)


@user_input
def request_return(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, reason: str, basis: str
) -> CaseDetail:
    """申请退回 with a reason from the list and the basis (依据)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        errors: dict[str, str] = {}
        if reason not in {r.value for r in ReturnReason}:
            errors["reason"] = Msg("请选择退回理由：{choices}", choices=tuple(ReturnReason))
        problem = text_error("退回依据", basis, REASON_MAX)
        if problem:
            errors["basis"] = problem
        if errors:
            raise ValidationError(errors)
        s.add(ReturnRequest(case_id=case.id, org_unit_id=actor.org_unit_id, reason=reason,
                            basis=basis.strip(), from_status=case.status,
                            requested_by=actor.user_id, requested_at=ctx.now()))  # fmt: skip
        case.return_count += 1
        text = Msg(
            "申请退回：{reason}。依据：{basis}", reason=ReturnReason(reason), basis=basis.strip()
        )
        return Outcome(text, audit={"reason": reason})

    return apply_action(ctx, actor, case_id, expected_version, Action.REQUEST_RETURN, change)


@user_input
def handler_choices(ctx: ServiceContext, unit_id: int) -> list[tuple[int, str]]:
    """Active users of a unit who can handle cases (经办人 or 负责人)."""
    with ctx.uow.read() as uow:
        return _handlers(uow.session, unit_id)


def _handlers(s: Session, unit_id: int) -> list[tuple[int, str]]:
    rows = s.execute(
        select(User.id, User.display_name)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.org_unit_id == unit_id,
            User.active,
            UserRole.role.in_([r.value for r in SECTION_STAFF_ROLES]),
        )
        .distinct()
        .order_by(User.id)
    ).all()
    return [(r[0], r[1]) for r in rows]


@user_input
def assign_handler(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, handler_id: int
) -> CaseDetail:
    """指派经办人 (section head)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        units = [u for u in (case.lead_unit_id, case.handling_unit_id) if u is not None]
        allowed = {uid: name for unit in units for uid, name in _handlers(s, unit)}
        if handler_id not in allowed:
            raise ValidationError({"handler_id": "经办人须是承办单位在岗的经办人或负责人"})
        case.handler_id = handler_id
        return Outcome(
            Msg("指派经办人：{name}", name=allowed[handler_id]), audit={"handler": handler_id}
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.ASSIGN, change)


@user_input
def add_note(
    ctx: ServiceContext, actor: Actor, case_id: int, kind: str, text: str,
    seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """办理记录 (append-only): 联系来电人, 现场核查, …"""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        if kind not in {k.value for k in NoteKind}:
            raise ValidationError(
                {"kind": Msg("请选择记录类型：{choices}", choices=tuple(NoteKind))}
            )
        body = require_text("text", "办理记录", text, NOTE_MAX)
        s.add(HandlingNote(case_id=case.id, kind=kind, text=body, at=ctx.now(),
                           author_id=actor.user_id))  # fmt: skip
        return Outcome(Msg("{kind}：{text}", kind=NoteKind(kind), text=body), audit={"kind": kind})

    return apply_action(ctx, actor, case_id, None, Action.ADD_NOTE, change, seen_event=seen_event)


@user_input
def submit_opinion(
    ctx: ServiceContext, actor: Actor, case_id: int, text: str, seen_event: int | None = None
) -> CaseDetail:
    """协办意见: an assisting section answers the lead section (may be revised; all stay in the
    timeline)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        body = require_text("text", "协办意见", text, TEXT_MAX)
        assignment = s.execute(
            select(CaseAssignment).where(
                CaseAssignment.case_id == case.id,
                CaseAssignment.org_unit_id == actor.org_unit_id,
                CaseAssignment.role == AssignmentRole.ASSIST,
                CaseAssignment.active,
            )
        ).scalar_one()
        assignment.opinion, assignment.opinion_at = body, ctx.now()
        assignment.opinion_by = actor.user_id
        return Outcome(Msg("{unit}协办意见：{text}", unit=actor.org_unit_name, text=body))

    return apply_action(ctx, actor, case_id, None, Action.SUBMIT_OPINION, change,
                        seen_event=seen_event)  # fmt: skip


@user_input
def add_instruction(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, text: str
) -> CaseDetail:
    """领导批示: recorded on the case, which becomes important (its reply needs the leader)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        body = require_text("text", "批示内容", text, NOTE_MAX)
        s.add(Instruction(case_id=case.id, leader_id=actor.user_id, text=body, at=ctx.now()))
        case.important = True
        return Outcome(Msg("领导批示：{text}", text=body), changes={"重要件": ["", "是"]})

    return apply_action(ctx, actor, case_id, expected_version, Action.INSTRUCT, change)
