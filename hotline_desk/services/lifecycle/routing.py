"""The desk's routing use cases, one ``apply_action`` transaction each: 分级转办 (route or handle
directly), 改派, 不予受理, and deciding a section's return request."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import AssignmentRole, RejectReason, ReturnDecision, Tier
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import Msg, PermissionDenied, ValidationError, joined
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.routing import REASON_MAX, Unit, route_errors, text_error
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.store.models import Case, CaseAssignment, OrgUnit, ReturnRequest


def units_map(s: Session) -> dict[int, Unit]:
    rows = s.execute(select(OrgUnit)).scalars()
    return {u.id: Unit(u.id, u.name, u.kind, u.parent_id, u.active) for u in rows}


def office_unit_id(s: Session) -> int:
    found = s.execute(
        select(OrgUnit.id).where(OrgUnit.kind == OrgKind.OFFICE).order_by(OrgUnit.id).limit(1)
    ).scalar_one_or_none()
    if found is None:
        raise ValidationError({"tier": "机构中没有办公室，无法直办"})
    return found


def _route_case(s: Session, case: Case, actor: Actor, route: RouteInput, now: object) -> str:
    """Point the case at its new lead (and assisting sections); returns the summary text."""
    units = units_map(s)
    s.execute(
        update(CaseAssignment)
        .where(CaseAssignment.case_id == case.id, CaseAssignment.active)
        .values(active=False)
    )
    lead = office_unit_id(s) if route.tier == Tier.DIRECT else route.lead_unit_id
    assert lead is not None
    case.tier = route.tier
    case.lead_unit_id = lead
    case.handling_unit_id = route.handling_unit_id if route.tier == Tier.UNIT else None
    case.handler_id = actor.user_id if route.tier == Tier.DIRECT else None
    # 改派 without a new 拟办意见 keeps the one given (the slip must not print an empty box)
    case.office_opinion = route.opinion.strip() or case.office_opinion
    case.dispatched_at = now  # type: ignore[assignment]
    case.signed_at = now if route.tier == Tier.DIRECT else None  # type: ignore[assignment]
    case.approval_step = None
    case.reply_sent_back = False
    rows = [(AssignmentRole.LEAD, lead)]
    rows += [(AssignmentRole.ASSIST, u) for u in route.assist_unit_ids]
    if case.handling_unit_id is not None:
        rows.append((AssignmentRole.UNIT, case.handling_unit_id))
    for role, unit_id in rows:
        s.add(CaseAssignment(case_id=case.id, org_unit_id=unit_id, role=role, active=True,
                             assigned_at=now, assigned_by=actor.user_id, opinion=""))  # fmt: skip
    names: str = units[lead].name
    if case.handling_unit_id is not None:
        names = Msg(
            "{unit}（主办科室：{lead}）", unit=units[case.handling_unit_id].name, lead=names
        )
    parts = [{
        Tier.DIRECT: Msg("办公室直办"),
        Tier.SECTION: Msg("转办至{units}", units=names),
        Tier.UNIT: Msg("交办至{units}", units=names),
    }[Tier(route.tier)]]  # fmt: skip
    if route.assist_unit_ids:
        assists = tuple(units[u].name for u in route.assist_unit_ids)
        parts.append(Msg("，协办：{units}", units=assists))
    if case.office_opinion:
        parts.append(Msg("。拟办意见：{opinion}", opinion=case.office_opinion))
    return joined(parts, "")


def _check_route(s: Session, route: RouteInput, *, allow_direct: bool, need_reason: bool) -> None:
    errors = route_errors(
        route.tier, route.lead_unit_id, route.assist_unit_ids, route.handling_unit_id,
        route.opinion, units_map(s), allow_direct=allow_direct,
        reason=route.reason if need_reason else None,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)


@user_input
def route_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, route: RouteInput
) -> CaseDetail:
    """分级转办 a registered case: tier 1 直办, 2 转办科室, 3 交办直属单位."""
    action = Action.HANDLE_DIRECTLY if route.tier == Tier.DIRECT else Action.ROUTE

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        _check_route(s, route, allow_direct=True, need_reason=False)
        summary = _route_case(s, case, actor, route, ctx.now())
        return Outcome(summary, audit={"tier": route.tier, "lead": case.lead_unit_id})

    return apply_action(ctx, actor, case_id, expected_version, action, change)


@user_input
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
            Msg(
                "改派（原主办：{old}），原因：{reason}；{route}",
                old=old.name if old else Msg("无"),
                reason=route.reason.strip(),
                route=summary,
            ),  # fmt: skip
            audit={"tier": route.tier, "lead": case.lead_unit_id},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.REROUTE, change)


@user_input
def reject_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, reason: str, note: str
) -> CaseDetail:
    """不予受理 with a reason from the list and a note (terminal)."""

    def change(_s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        errors: dict[str, str] = {}
        if reason not in {r.value for r in RejectReason}:
            errors["reason"] = Msg("请选择不予受理的理由：{choices}", choices=tuple(RejectReason))
        problem = text_error("说明", note, REASON_MAX, required=reason == RejectReason.OTHER)
        if problem:
            errors["note"] = problem
        if errors:
            raise ValidationError(errors)
        case.reject_reason = reason
        case.office_opinion = note.strip()
        text = Msg("不予受理：{reason}", reason=RejectReason(reason))
        if note.strip():
            text = Msg("不予受理：{reason}。{note}", reason=RejectReason(reason), note=note.strip())
        return Outcome(text, audit={"reason": reason})

    return apply_action(ctx, actor, case_id, expected_version, Action.REJECT, change)


def _pending_return(s: Session, case: Case) -> ReturnRequest:
    found = s.execute(
        select(ReturnRequest)
        .where(ReturnRequest.case_id == case.id, ReturnRequest.decision.is_(None))
        .order_by(ReturnRequest.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if found is None:  # the state's own refusal: the locked case cannot have lost it since
        raise PermissionDenied("没有待审核的退回申请")
    return found


@user_input
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
        request.decision, request.decided_by = ReturnDecision.APPROVED, actor.user_id
        request.decided_at, request.decision_note = ctx.now(), note.strip()
        summary = _route_case(s, case, actor, route, ctx.now())
        return Outcome(Msg("同意退回；{route}", route=summary), audit={"return": request.id})

    return apply_action(ctx, actor, case_id, expected_version, Action.APPROVE_RETURN, change)


@user_input
def reject_return(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str
) -> CaseDetail:
    """驳回退回: the case goes back to the section in the state it was in."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("驳回理由", note, REASON_MAX)
        if problem:
            raise ValidationError({"note": problem})
        request = _pending_return(s, case)
        request.decision, request.decided_by = ReturnDecision.REJECTED, actor.user_id
        request.decided_at, request.decision_note = ctx.now(), note.strip()
        return Outcome(Msg("驳回退回申请：{note}", note=note.strip()), audit={"return": request.id})

    return apply_action(ctx, actor, case_id, expected_version, Action.REJECT_RETURN, change)


def return_count(s: Session, case_id: int) -> int:
    return int(
        s.execute(
            select(func.count()).select_from(ReturnRequest).where(ReturnRequest.case_id == case_id)
        ).scalar_one()
    )
