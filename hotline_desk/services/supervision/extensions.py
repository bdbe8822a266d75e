"""Extensions (延期申请, DESIGN.md §4): a section asks for more working days before its reply
deadline; the desk approves (the effective deadline moves, the original stays for statistics)
or denies with a note. Each is one ``apply_action`` transaction with its event and audit row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.supervision import ExtensionStatus
from hotline_desk.domain.errors import Msg, PermissionDenied, ValidationError, joined
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.routing import REASON_MAX, text_error
from hotline_desk.services.admin import office
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.services.supervision import clocks as deadlines
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import Extension


@user_input
def request_extension(
    ctx: ServiceContext, actor: Actor, case_id: int, workdays: int, reason: str,
    seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """申请延期 by ``workdays`` working days; refused once the reply deadline has passed, or
    while another request waits for the desk (a colleague's that came first is named)."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        if case.reply_deadline is None:
            raise PermissionDenied("该办件尚未开始答复计时，无需申请延期")
        if now > case.reply_deadline:
            raise PermissionDenied(
                "答复期限（{deadline}）已过，不能再申请延期。延期须在期限届满前申请；请尽快办理并答复。",
                deadline=f"{case.reply_deadline:%Y-%m-%d %H:%M}",
            )
        most = int(office.read(s, office.EXTENSION_MAX_WORKDAYS))
        errors: dict[str, str] = {}
        if not 1 <= workdays <= most:
            errors["workdays"] = Msg("延期天数须为 1–{most} 个工作日", most=most)
        problem = text_error("延期理由", reason, REASON_MAX)
        if problem:
            errors["reason"] = problem
        if errors:
            raise ValidationError(errors)
        s.add(
            Extension(
                case_id=case.id,
                org_unit_id=actor.org_unit_id,
                reason=reason.strip(),
                workdays=workdays,
                requested_by=actor.user_id,
                requested_at=now,
                status=ExtensionStatus.PENDING.value,
                deadline_before=case.reply_deadline,
            )
        )
        return Outcome(
            Msg(
                "申请延期 {days} 个工作日（现答复期限 {deadline}）：{reason}",
                days=workdays,
                deadline=f"{case.reply_deadline:%Y-%m-%d}",
                reason=reason.strip(),
            ),  # fmt: skip
            audit={"workdays": workdays},
        )

    return apply_action(ctx, actor, case_id, None, Action.REQUEST_EXTENSION, change,
                        seen_event=seen_event)  # fmt: skip


def _pending(s: Session, case: Case) -> Extension:
    found = s.execute(
        select(Extension)
        .where(Extension.case_id == case.id, Extension.status == ExtensionStatus.PENDING)
        .order_by(Extension.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if found is None:  # the guard's own refusal: the locked case cannot have lost it since
        raise PermissionDenied("没有待审批的延期申请")
    return found


@user_input
def approve_extension(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str = ""
) -> CaseDetail:
    """同意延期: the effective reply deadline moves by the requested working days."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("审批意见", note, REASON_MAX, required=False)
        if problem:
            raise ValidationError({"note": problem})
        ext = _pending(s, case)
        before, after = deadlines.apply_extension(deadlines.load_rules(s), case, ext.workdays)
        ext.status, ext.decided_by, ext.decided_at = (
            ExtensionStatus.APPROVED.value,
            actor.user_id,
            now,
        )
        ext.decision_note, ext.deadline_before, ext.deadline_after = note.strip(), before, after
        text = Msg("同意延期 {days} 个工作日，答复期限由 {before} 延至 {after}", days=ext.workdays,
                   before=f"{before:%Y-%m-%d}", after=f"{after:%Y-%m-%d}")  # fmt: skip
        if note.strip():
            text = joined([text, Msg("。{note}", note=note.strip())], "")
        return Outcome(
            text,
            changes={"答复期限": [f"{before:%Y-%m-%d %H:%M}", f"{after:%Y-%m-%d %H:%M}"]},
            audit={"extension": ext.id, "workdays": ext.workdays},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.APPROVE_EXTENSION, change)


@user_input
def deny_extension(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str
) -> CaseDetail:
    """不同意延期, with the reason; the deadline stays."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("不同意的理由", note, REASON_MAX)
        if problem:
            raise ValidationError({"note": problem})
        ext = _pending(s, case)
        ext.status, ext.decided_by, ext.decided_at = (
            ExtensionStatus.DENIED.value,
            actor.user_id,
            now,
        )
        ext.decision_note = note.strip()
        return Outcome(
            Msg("不同意延期 {days} 个工作日：{note}", days=ext.workdays, note=note.strip()),
            audit={"extension": ext.id},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.DENY_EXTENSION, change)
