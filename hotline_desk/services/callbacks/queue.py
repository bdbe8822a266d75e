"""The desk's callback queue (回访): replied cases waiting for their callback, ordered by the
callback deadline, and those waiting for screening (待甄别) or closing (待办结). Pages by keyset;
the caller's number is shown only to users allowed to see personal data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.callbacks import CallbackOutcome, CallbackStatus
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.callbacks.dto import CallbackPage, CallbackRow
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.dto import QueueCount
from hotline_desk.services.privacy import list_caller, shield_case
from hotline_desk.store.models import Case, OrgUnit
from hotline_desk.store.models.callbacks import Callback

QUEUE_ROLES = frozenset({Role.DESK, Role.LEADER})
CALLBACK_QUEUES = {"pending": "待回访", "screening": "待甄别", "to_close": "待办结"}
PAGE_SIZE = 100
_DUE = func.coalesce(Case.callback_deadline, Case.replied_at, Case.received_at)
"""The order of the 待回访 queue (every replied case has a callback deadline; the fallbacks
only keep the keyset total for rows from before deadlines existed)."""


def queue_condition(queue: str) -> ColumnElement[bool]:
    replied = Case.status == CaseStatus.REPLIED.value
    if queue == "pending":
        return and_(replied, Case.callback_status == CallbackStatus.PENDING.value)
    if queue == "screening":
        return and_(replied, Case.screening == "pending")
    if queue == "to_close":
        rated = and_(
            Case.callback_status == CallbackStatus.REACHED.value,
            Case.satisfaction.in_(("satisfied", "basically")),
        )
        return and_(replied, or_(rated, Case.callback_status == CallbackStatus.NOT_REQUIRED.value))
    raise ValidationError(
        {"queue": Msg("没有这个回访队列：{queues}", queues=tuple(CALLBACK_QUEUES.values()))}
    )


def _order(queue: str) -> tuple[ColumnElement[Any], ...]:
    return (_DUE, Case.id) if queue == "pending" else (Case.id,)


def _attempts(s: Session, cases: list[Any]) -> dict[int, list[Callback]]:
    """This round's attempts of each case on the page."""
    rounds = {c.id: c.reopen_count for c in cases}
    found: dict[int, list[Callback]] = {i: [] for i in rounds}
    if not rounds:
        return found
    for cb in s.execute(
        select(Callback).where(Callback.case_id.in_(list(rounds))).order_by(Callback.id)
    ).scalars():
        if cb.round == rounds[cb.case_id]:
            found[cb.case_id].append(cb)
    return found


@user_input
def callback_queue(
    ctx: ServiceContext,
    actor: Actor,
    queue: str,
    after: tuple[Any, int] | None = None,
    limit: int = PAGE_SIZE,
) -> CallbackPage:
    """One page of a callback queue; ``after`` is the previous page's cursor."""
    require(actor.roles, QUEUE_ROLES, "查看回访队列")
    order = _order(queue)
    conds = [queue_condition(queue)]
    if after is not None:
        value, last_id = after
        conds.append(tuple_(*order) > tuple_(value, last_id) if len(order) == 2
                     else Case.id > last_id)  # fmt: skip
    now = ctx.now()
    with ctx.uow.read() as uow:
        s = uow.session
        rows = s.execute(
            select(Case, OrgUnit.name, _DUE)
            .outerjoin(OrgUnit, OrgUnit.id == Case.lead_unit_id)
            .where(*conds)
            .order_by(*order)
            .limit(limit + 1)
        ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        tries = _attempts(s, [r[0] for r in rows])
        out = []
        for case, unit_name, _due in rows:
            shown = shield_case(actor, case)
            name, phone = list_caller(case.caller_name, case.caller_phone, case.confidential)
            mine = tries[case.id]
            last = mine[-1] if mine else None
            failed = {cb.at.date() for cb in mine if cb.outcome == CallbackOutcome.UNREACHED}
            out.append(CallbackRow(
                id=case.id, case_no=case.case_no, title=shown.text(case.title),
                channel=case.channel, caller_name=name, caller_phone=phone,
                anonymous=case.anonymous, confidential=case.confidential,
                lead_unit_name=unit_name or "", replied_at=case.replied_at,
                reply_method=case.reply_method, callback_deadline=case.callback_deadline,
                callback_status=case.callback_status, attempts=case.callback_attempts,
                failed_days=len(failed), last_attempt_at=last.at if last else None,
                last_outcome=last.outcome if last else None, satisfaction=case.satisfaction,
                screening=case.screening, reopen_count=case.reopen_count,
                overdue=case.callback_deadline is not None and case.callback_deadline < now
                and case.callback_status == CallbackStatus.PENDING,
            ))  # fmt: skip
        cursor = None
        if more and rows:
            last_row = rows[-1]
            cursor = (last_row[2] if queue == "pending" else None, last_row[0].id)
    return CallbackPage(tuple(out), cursor)


@user_input
def count_queue(ctx: ServiceContext, actor: Actor, queue: str) -> int:
    require(actor.roles, QUEUE_ROLES, "查看回访队列")
    with ctx.uow.read() as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(Case).where(queue_condition(queue))
            ).scalar_one()
        )


@signed_in
def callback_counts(ctx: ServiceContext, actor: Actor) -> list[QueueCount]:
    """How many cases wait in each callback queue (the page's buttons)."""
    require(actor.roles, QUEUE_ROLES, "查看回访队列")
    with ctx.uow.read() as uow:
        return [
            QueueCount(key, label, int(uow.session.execute(
                select(func.count()).select_from(Case).where(queue_condition(key))
            ).scalar_one()))
            for key, label in CALLBACK_QUEUES.items()
        ]  # fmt: skip
