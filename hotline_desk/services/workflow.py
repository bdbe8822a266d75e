"""Lifecycle transitions, one service call each: the desk's routing, rejection, returns, re-routing.

Every call follows the same steps in one transaction (``apply_action``): load the case the actor
may see, refuse a stale version naming who changed it, ask the lifecycle table (``decide``),
change the case, write its ``CaseEvent`` and audit row, commit, return the fresh ``CaseDetail``.
Section and reply actions are in ``handling.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotline_desk.domain.enums import (
    Action,
    CaseStatus,
    EventKind,
    ExtensionStatus,
    OrgKind,
    RejectReason,
    SupervisionStatus,
)
from hotline_desk.domain.errors import ConflictError, NotFound, ValidationError
from hotline_desk.domain.lifecycle import CaseFacts, Transition, decide
from hotline_desk.domain.routing import REASON_MAX, Unit, route_errors, text_error
from hotline_desk.services import deadlines
from hotline_desk.services.audit import record_audit
from hotline_desk.services.case_queries import visible_to
from hotline_desk.services.cases import build_detail
from hotline_desk.services.closing_read import callback_facts
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.work_dto import RouteInput
from hotline_desk.store.models import Case, CaseAssignment, CaseEvent, OrgUnit, ReturnRequest, User
from hotline_desk.store.models_time import Extension, Supervision

EVENT_FOR = {
    Action.ROUTE: EventKind.DISPATCHED,
    Action.HANDLE_DIRECTLY: EventKind.HANDLED_DIRECTLY,
    Action.REJECT: EventKind.REJECTED,
    Action.SIGN: EventKind.SIGNED,
    Action.REQUEST_RETURN: EventKind.RETURN_REQUESTED,
    Action.APPROVE_RETURN: EventKind.RETURN_APPROVED,
    Action.REJECT_RETURN: EventKind.RETURN_REJECTED,
    Action.ASSIGN: EventKind.ASSIGNED,
    Action.ADD_NOTE: EventKind.NOTE,
    Action.SUBMIT_OPINION: EventKind.OPINION,
    Action.SUBMIT_REPLY: EventKind.REPLY_SUBMITTED,
    Action.APPROVE_REPLY: EventKind.REPLY_APPROVED,
    Action.SEND_BACK: EventKind.REPLY_SENT_BACK,
    Action.RECORD_REPLY: EventKind.REPLIED,
    Action.INSTRUCT: EventKind.INSTRUCTION,
    Action.REROUTE: EventKind.REROUTED,
    Action.REQUEST_EXTENSION: EventKind.EXTENSION_REQUESTED,
    Action.APPROVE_EXTENSION: EventKind.EXTENSION_APPROVED,
    Action.DENY_EXTENSION: EventKind.EXTENSION_DENIED,
    Action.URGE: EventKind.URGED,
    Action.ACKNOWLEDGE_URGE: EventKind.URGE_ACKNOWLEDGED,
    Action.ISSUE_ORDER: EventKind.ORDERED,
    Action.ANSWER_ORDER: EventKind.ORDER_ANSWERED,
    Action.CLOSE_ORDER: EventKind.ORDER_CLOSED,
    Action.RECORD_CALLBACK: EventKind.CALLBACK,
    Action.CLOSE: EventKind.CLOSED,
    Action.CLOSE_UNREACHABLE: EventKind.CLOSED,
    Action.NO_CALLBACK: EventKind.CLOSED,
    Action.SCREEN_REASONABLE: EventKind.REOPENED,
    Action.SCREEN_UNREASONABLE: EventKind.CLOSED,
    Action.REOPEN: EventKind.REOPENED,
    Action.MERGE: EventKind.MERGED,
    Action.LINK: EventKind.LINKED,
}
TERMINAL = frozenset({CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED})


@dataclass
class Outcome:
    """What a change function reports back for the timeline and the audit row."""

    summary: str
    changes: dict[str, list[str]] | None = None
    audit: dict[str, object] | None = None


Change = Callable[[Session, Case, Transition, CaseFacts], Outcome]


def case_facts(s: Session, case: Case) -> CaseFacts:
    rows = s.execute(
        select(CaseAssignment.org_unit_id, CaseAssignment.opinion_at).where(
            CaseAssignment.case_id == case.id,
            CaseAssignment.active,
            CaseAssignment.role == "assist",
        )
    ).all()
    return_from = None
    if case.status == CaseStatus.RETURN_REQUESTED:
        return_from = s.execute(
            select(ReturnRequest.from_status)
            .where(ReturnRequest.case_id == case.id, ReturnRequest.decision.is_(None))
            .order_by(ReturnRequest.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    pending_extension = (
        s.execute(
            select(Extension.id)
            .where(Extension.case_id == case.id, Extension.status == ExtensionStatus.PENDING)
            .limit(1)
        ).first()
        is not None
    )
    supervision = set(
        s.execute(
            select(Supervision.status)
            .where(Supervision.case_id == case.id, Supervision.status != SupervisionStatus.CLOSED)
            .distinct()
        ).scalars()
    )
    return CaseFacts(
        status=case.status,
        tier=case.tier,
        important=case.important,
        approval_step=case.approval_step,
        lead_unit_id=case.lead_unit_id,
        handling_unit_id=case.handling_unit_id,
        assist_unit_ids=frozenset(r[0] for r in rows),
        opinion_unit_ids=frozenset(r[0] for r in rows if r[1] is not None),
        return_from=return_from,
        pending_extension=pending_extension,
        unread_urge=SupervisionStatus.SENT in supervision,
        open_order=SupervisionStatus.OPEN in supervision,
        answered_order=SupervisionStatus.ANSWERED in supervision,
        anonymous=case.anonymous,
        confidential=case.confidential,
        callback_status=case.callback_status,
        satisfaction=case.satisfaction,
        screening=case.screening,
        **callback_facts(s, case),
    )


def load_visible(s: Session, actor: Actor, case_id: int) -> Case:
    case = s.execute(select(Case).where(Case.id == case_id, visible_to(actor))).scalar_one_or_none()
    if case is None:
        raise NotFound("办件不存在或您无权查看")
    return case


def conflict_message(s: Session, case: Case) -> str:
    """Who changed the case last and how, for the refused second user."""
    last = s.execute(
        select(CaseEvent.kind, CaseEvent.at, User.display_name)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return f"办件 {case.case_no} 刚被其他人修改,您的操作未执行。请刷新后重试。"
    what = EventKind(last[0]).label
    return (
        f"办件 {case.case_no} 已于 {last[1]:%m-%d %H:%M} 被{last[2] or '其他用户'}“{what}”,"
        f"现为“{CaseStatus(case.status).label}”。您的操作未执行,请刷新查看后再操作。"
    )


def _stale(ctx: ServiceContext, case_id: int) -> ConflictError:
    """The conflict message read after the losing transaction rolled back."""
    with ctx.uow.read() as uow:
        case = uow.session.get(Case, case_id)
        if case is None:
            return ConflictError("办件刚被其他人修改,您的操作未执行")
        return ConflictError(conflict_message(uow.session, case))


def add_event(
    s: Session,
    case: Case,
    actor: Actor,
    kind: EventKind,
    at: object,
    summary: str,
    from_status: str | None,
    changes: dict[str, list[str]] | None = None,
) -> None:
    s.add(
        CaseEvent(
            case_id=case.id,
            at=at,
            actor_id=actor.user_id,
            kind=kind.value,
            from_status=from_status,
            to_status=case.status,
            summary=summary,
            changes=json.dumps(changes or {}, ensure_ascii=False),
        )
    )


def apply_action(
    ctx: ServiceContext,
    actor: Actor,
    case_id: int,
    expected_version: int | None,
    action: Action,
    change: Change,
) -> CaseDetail:
    """One transition in one transaction. ``expected_version`` None: the action does not touch
    the case row (notes, opinions), so it cannot conflict with anyone's edit."""
    now = ctx.now()
    try:
        with ctx.uow.write() as uow:
            detail = apply_in(uow.session, actor, case_id, expected_version, action, change, now)
            uow.commit()
            return detail
    except StaleDataError:
        raise _stale(ctx, case_id) from None


def apply_in(
    s: Session,
    actor: Actor,
    case_id: int,
    expected_version: int | None,
    action: Action,
    change: Change,
    now: datetime,
) -> CaseDetail:
    """``apply_action``'s steps inside the caller's transaction (which commits), for a use case
    that does more in the same transaction (registering a duplicate and merging it)."""
    case = load_visible(s, actor, case_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(conflict_message(s, case))
    facts = case_facts(s, case)
    row = decide(facts, actor, action)
    before = case.status
    outcome = change(s, case, row, facts)
    if expected_version is not None:
        case.status = row.next_state(facts).value
        case.updated_at = now
        case.updated_by = actor.user_id
        _stamp_end(case, before, now)
        deadlines.on_transition(s, case, action, now)
        s.flush()
    add_event(s, case, actor, EVENT_FOR[action], now, outcome.summary,
              before, outcome.changes)  # fmt: skip
    record_audit(s, now, actor, f"case_{action.value}", "case", case.case_no,
                 outcome.audit)  # fmt: skip
    return build_detail(s, case, actor, with_work=True, now=now)


def _stamp_end(case: Case, before: str, now: datetime) -> None:
    """``ended_at`` when the case reaches a terminal state, ``closed_at`` when it is closed
    (办结); both cleared when a closed case is reopened."""
    if case.status in TERMINAL:
        if before not in TERMINAL:
            case.ended_at = now
        if case.status == CaseStatus.CLOSED and before != CaseStatus.CLOSED:
            case.closed_at = now
    elif before in TERMINAL:
        case.ended_at = case.closed_at = None


# --- routing ----------------------------------------------------------------------------------


def units_map(s: Session) -> dict[int, Unit]:
    rows = s.execute(select(OrgUnit)).scalars()
    return {u.id: Unit(u.id, u.name, u.kind, u.parent_id, u.active) for u in rows}


def office_unit_id(s: Session) -> int:
    found = s.execute(
        select(OrgUnit.id).where(OrgUnit.kind == OrgKind.OFFICE).order_by(OrgUnit.id).limit(1)
    ).scalar_one_or_none()
    if found is None:
        raise ValidationError({"tier": "机构中没有办公室,无法直办"})
    return found


def _route_case(s: Session, case: Case, actor: Actor, route: RouteInput, now: object) -> str:
    """Point the case at its new lead (and assisting sections); returns the summary text."""
    units = units_map(s)
    s.execute(
        update(CaseAssignment)
        .where(CaseAssignment.case_id == case.id, CaseAssignment.active)
        .values(active=False)
    )
    lead = office_unit_id(s) if route.tier == 1 else route.lead_unit_id
    assert lead is not None
    case.tier = route.tier
    case.lead_unit_id = lead
    case.handling_unit_id = route.handling_unit_id if route.tier == 3 else None
    case.handler_id = actor.user_id if route.tier == 1 else None
    case.office_opinion = route.opinion.strip()
    case.dispatched_at = now  # type: ignore[assignment]
    case.signed_at = now if route.tier == 1 else None  # type: ignore[assignment]
    case.approval_step = None
    case.reply_sent_back = False
    rows = [("lead", lead)] + [("assist", u) for u in route.assist_unit_ids]
    if case.handling_unit_id is not None:
        rows.append(("unit", case.handling_unit_id))
    for role, unit_id in rows:
        s.add(CaseAssignment(case_id=case.id, org_unit_id=unit_id, role=role, active=True,
                             assigned_at=now, assigned_by=actor.user_id, opinion=""))  # fmt: skip
    names = units[lead].name
    if case.handling_unit_id is not None:
        names = f"{units[case.handling_unit_id].name}(主办科室:{units[lead].name})"
    text = {1: "办公室直办", 2: f"转办至{names}", 3: f"交办至{names}"}[route.tier]
    if route.assist_unit_ids:
        text += ",协办:" + "、".join(units[u].name for u in route.assist_unit_ids)
    if case.office_opinion:
        text += f"。拟办意见:{case.office_opinion}"
    return text


def _check_route(s: Session, route: RouteInput, *, allow_direct: bool, need_reason: bool) -> None:
    errors = route_errors(
        route.tier, route.lead_unit_id, route.assist_unit_ids, route.handling_unit_id,
        route.opinion, units_map(s), allow_direct=allow_direct,
        reason=route.reason if need_reason else None,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)


def route_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, route: RouteInput
) -> CaseDetail:
    """分级转办 a registered case: tier 1 直办, 2 转办科室, 3 交办直属单位."""
    action = Action.HANDLE_DIRECTLY if route.tier == 1 else Action.ROUTE

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        _check_route(s, route, allow_direct=True, need_reason=False)
        summary = _route_case(s, case, actor, route, ctx.now())
        return Outcome(summary, audit={"tier": route.tier, "lead": case.lead_unit_id})

    return apply_action(ctx, actor, case_id, expected_version, action, change)


def reroute_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, route: RouteInput
) -> CaseDetail:
    """改派 an open case to another section, with a reason."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        _check_route(s, route, allow_direct=False, need_reason=True)
        old = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
        summary = _route_case(s, case, actor, route, ctx.now())
        case.reroute_count += 1
        return Outcome(
            f"改派(原主办:{old.name if old else '无'}),原因:{route.reason.strip()};{summary}",
            audit={"tier": route.tier, "lead": case.lead_unit_id},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.REROUTE, change)


def reject_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, reason: str, note: str
) -> CaseDetail:
    """不予受理 with a reason from the list and a note (terminal)."""

    def change(_s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        errors: dict[str, str] = {}
        if reason not in {r.value for r in RejectReason}:
            errors["reason"] = "请选择不予受理的理由:" + "、".join(r.label for r in RejectReason)
        problem = text_error("说明", note, REASON_MAX, required=reason == RejectReason.OTHER)
        if problem:
            errors["note"] = problem
        if errors:
            raise ValidationError(errors)
        case.reject_reason = reason
        case.office_opinion = note.strip()
        text = f"不予受理:{RejectReason(reason).label}"
        return Outcome(
            text + (f"。{note.strip()}" if note.strip() else ""), audit={"reason": reason}
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.REJECT, change)


# --- returns ----------------------------------------------------------------------------------


def _pending_return(s: Session, case: Case) -> ReturnRequest:
    found = s.execute(
        select(ReturnRequest)
        .where(ReturnRequest.case_id == case.id, ReturnRequest.decision.is_(None))
        .order_by(ReturnRequest.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if found is None:  # pragma: no cover - the state says there is one
        raise NotFound("没有待审核的退回申请")
    return found


def approve_return(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, route: RouteInput,
    note: str = "",
) -> CaseDetail:  # fmt: skip
    """同意退回 and re-route the case in the same transaction."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        _check_route(s, route, allow_direct=False, need_reason=False)
        if route.lead_unit_id == case.lead_unit_id and route.tier == case.tier:
            raise ValidationError({"lead_unit_id": "同意退回后须改派给其他科室"})
        request = _pending_return(s, case)
        request.decision, request.decided_by = "approved", actor.user_id
        request.decided_at, request.decision_note = ctx.now(), note.strip()
        summary = _route_case(s, case, actor, route, ctx.now())
        return Outcome(f"同意退回;{summary}", audit={"return": request.id})

    return apply_action(ctx, actor, case_id, expected_version, Action.APPROVE_RETURN, change)


def reject_return(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str
) -> CaseDetail:
    """驳回退回: the case goes back to the section in the state it was in."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("驳回理由", note, REASON_MAX)
        if problem:
            raise ValidationError({"note": problem})
        request = _pending_return(s, case)
        request.decision, request.decided_by = "rejected", actor.user_id
        request.decided_at, request.decision_note = ctx.now(), note.strip()
        return Outcome(f"驳回退回申请:{note.strip()}", audit={"return": request.id})

    return apply_action(ctx, actor, case_id, expected_version, Action.REJECT_RETURN, change)


def return_count(s: Session, case_id: int) -> int:
    return int(
        s.execute(
            select(func.count()).select_from(ReturnRequest).where(ReturnRequest.case_id == case_id)
        ).scalar_one()
    )
