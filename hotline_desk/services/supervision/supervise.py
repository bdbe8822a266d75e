"""Supervision (督办, DESIGN.md §5): the desk urges a section (催办, counted per case, shown in the
section's inbox until read) or issues a supervision order (督办单: yellow or red, a reason and a
response due date) that the section must answer and the desk closes.

Supervision is an overlay: it never changes the case's state, and its counters are bumped with
a plain UPDATE that leaves the case's version alone, so an urge never collides with the
section's own work on the case. Each call is one ``apply_action`` transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.calendar import end_of_day
from hotline_desk.domain.enums.handling import EventKind
from hotline_desk.domain.enums.supervision import Level, SupervisionKind, SupervisionStatus
from hotline_desk.domain.errors import Msg, NotFound, ValidationError, joined
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.routing import REASON_MAX, text_error
from hotline_desk.services.admin.calendar import load_calendar
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.store.models import Case, User
from hotline_desk.store.models.deadlines import Supervision

K, ST = SupervisionKind, SupervisionStatus
ORDER_LEVELS = (Level.YELLOW.value, Level.RED.value)
ORDER_DUE_MAX_DAYS = 60
DEFAULT_ORDER_WORKDAYS = 3
"""A 督办单's response is due this many working days after it is issued, unless the desk says."""


def _target_unit(case: Case) -> int | None:
    """The unit a supervision record is addressed to: the 直属单位 handling a tier-3 case,
    else the lead section (which stays accountable)."""
    return case.handling_unit_id or case.lead_unit_id


def _set_overlay(s: Session, case: Case, **values: object) -> None:
    """Change supervision counters without touching the case's version."""
    s.execute(update(Case).where(Case.id == case.id).values(**values))
    s.expire(case, list(values))


def _require(field: str, label: str, text: str) -> str:
    problem = text_error(label, text, REASON_MAX)
    if problem:
        raise ValidationError({field: problem})
    return text.strip()


@user_input
def urge_case(
    ctx: ServiceContext, actor: Actor, case_id: int, text: str, seen_event: int | None = None
) -> CaseDetail:
    """催办: a note to the section, counted on the case, shown in its inbox until read."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        note = _require("text", "催办内容", text)
        s.add(
            Supervision(
                case_id=case.id,
                kind=K.URGE.value,
                org_unit_id=_target_unit(case),
                text=note,
                issued_by=actor.user_id,
                issued_at=now,
                status=ST.SENT.value,
            )
        )
        count = case.urge_count + 1
        _set_overlay(s, case, urge_count=Case.urge_count + 1)
        return Outcome(Msg("第 {n} 次催办：{text}", n=count, text=note), audit={"urge": count})

    return apply_action(ctx, actor, case_id, None, Action.URGE, change, seen_event=seen_event)


@user_input
def acknowledge_urges(
    ctx: ServiceContext, actor: Actor, case_id: int, seen_event: int | None = None
) -> CaseDetail:
    """The section has read the case's urges (they leave its 催办督办 queue)."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        done = s.execute(
            update(Supervision)
            .where(
                Supervision.case_id == case.id,
                Supervision.kind == K.URGE,
                Supervision.status == ST.SENT,
            )
            .values(status=ST.ACKNOWLEDGED.value, responded_by=actor.user_id, responded_at=now)
        ).rowcount
        return Outcome(Msg("阅知催办 {n} 条", n=done), audit={"urges": done})

    return apply_action(ctx, actor, case_id, None, Action.ACKNOWLEDGE_URGE, change,
                        seen_event=seen_event)  # fmt: skip


def _open_orders(s: Session, case: Case) -> list[Supervision]:
    return list(
        s.execute(
            select(Supervision)
            .where(
                Supervision.case_id == case.id,
                Supervision.kind == K.ORDER,
                Supervision.status != ST.CLOSED,
            )
            .order_by(Supervision.id)
        ).scalars()
    )


def default_order_due(ctx: ServiceContext) -> date:
    with ctx.uow.read() as uow:
        cal = load_calendar(uow.session)
    return cal.add_workdays(ctx.now().date(), DEFAULT_ORDER_WORKDAYS)


@user_input
def issue_order(
    ctx: ServiceContext, actor: Actor, case_id: int, level: str, reason: str, response_due: date,
    seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """督办单 at ``level`` (yellow/red): the section must answer by ``response_due``. A red order
    may supersede an open yellow one (the yellow is closed as escalated); otherwise one open
    order per case."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        errors: dict[str, str] = {}
        if level not in ORDER_LEVELS:
            errors["level"] = "请选择督办级别：黄牌或红牌"
        problem = text_error("督办事由", reason, REASON_MAX)
        if problem:
            errors["reason"] = problem
        today = now.date()
        if not today <= response_due <= today + timedelta(days=ORDER_DUE_MAX_DAYS):
            errors["response_due"] = Msg(
                "回复期限须在今天到 {days} 天之内", days=ORDER_DUE_MAX_DAYS
            )
        existing = _open_orders(s, case)
        blocking = [o for o in existing if o.level == Level.RED or o.level == level]
        if level in ORDER_LEVELS and blocking:
            errors["level"] = _order_exists(s, blocking[-1])
        if errors:
            raise ValidationError(errors)
        escalated = [o for o in existing if o.level == Level.YELLOW]
        for old in escalated:
            old.status, old.closed_by, old.closed_at = ST.CLOSED.value, actor.user_id, now
            old.close_note = "升级为红牌督办"
        order = Supervision(
            case_id=case.id,
            kind=K.ORDER.value,
            level=level,
            org_unit_id=_target_unit(case),
            text=reason.strip(),
            issued_by=actor.user_id,
            issued_at=now,
            response_due=end_of_day(response_due),
            status=ST.OPEN.value,
        )
        s.add(order)
        s.flush()
        _set_overlay(s, case, order_level=level)
        text = Msg("发出{level}督办单（限 {due} 前回复）：{reason}", level=Level(level),
                   due=f"{response_due:%Y-%m-%d}", reason=reason.strip())  # fmt: skip
        if escalated:
            text = joined([text, Msg("（原黄牌督办单升级）")], "")
        return Outcome(text, audit={"order": order.id, "level": level})

    return apply_action(ctx, actor, case_id, None, Action.ISSUE_ORDER, change,
                        seen_event=seen_event)  # fmt: skip


def _order_exists(s: Session, order: Supervision) -> str:
    """Why another order cannot be issued now, naming who issued the open one and when."""
    issuer = s.get(User, order.issued_by) if order.issued_by else None
    return Msg(
        "该办件已有{name}于 {at}“{what}”的未办结{level}督办单，请先办结或升级为红牌",
        name=issuer.display_name if issuer else Msg("其他用户"),
        at=f"{order.issued_at:%m-%d %H:%M}",
        what=EventKind.ORDERED,
        level=Level(order.level),
    )


def _order(s: Session, case: Case, order_id: int | None, status: SupervisionStatus) -> Supervision:
    query = select(Supervision).where(
        Supervision.case_id == case.id, Supervision.kind == K.ORDER, Supervision.status == status
    )
    if order_id is not None:
        query = query.where(Supervision.id == order_id)
    found = s.execute(query.order_by(Supervision.id.desc()).limit(1)).scalar_one_or_none()
    if found is None:
        raise NotFound("督办单不存在或已被处理，请刷新")
    return found


@user_input
def answer_order(
    ctx: ServiceContext, actor: Actor, case_id: int, response: str, order_id: int | None = None,
    seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """The section answers an open 督办单 (what it did, when it will reply)."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        text = _require("response", "督办回复", response)
        order = _order(s, case, order_id, ST.OPEN)
        order.status, order.response = ST.ANSWERED.value, text
        order.responded_by, order.responded_at = actor.user_id, now
        late = order.response_due is not None and now > order.response_due
        return Outcome(
            Msg("回复督办单（逾期）：{text}", text=text)
            if late
            else Msg("回复督办单：{text}", text=text),
            audit={"order": order.id, "late": late},  # fmt: skip
        )

    return apply_action(ctx, actor, case_id, None, Action.ANSWER_ORDER, change,
                        seen_event=seen_event)  # fmt: skip


@user_input
def close_order(
    ctx: ServiceContext, actor: Actor, case_id: int, note: str, order_id: int | None = None,
    seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """The desk closes an answered 督办单; the case's order level follows what stays open."""
    now = ctx.now()

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        text = _require("note", "办结意见", note)
        order = _order(s, case, order_id, ST.ANSWERED)
        order.status, order.close_note = ST.CLOSED.value, text
        order.closed_by, order.closed_at = actor.user_id, now
        s.flush()
        remaining = [o.level for o in _open_orders(s, case)]
        level = Level.RED.value if Level.RED in remaining else (remaining[0] if remaining else None)
        _set_overlay(s, case, order_level=level)
        return Outcome(Msg("督办单办结：{text}", text=text), audit={"order": order.id})

    return apply_action(ctx, actor, case_id, None, Action.CLOSE_ORDER, change,
                        seen_event=seen_event)  # fmt: skip
