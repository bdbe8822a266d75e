"""Reading the lifecycle: a case's work record (``CaseWork``), the inbox queues and their counts,
and reply templates filled in for a case."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, true, union

from hotline_desk.domain.enums.handling import ApprovalStep, AssignmentRole, CaseStatus
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES, has_any
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.dto import (
    QueueCount,
)
from hotline_desk.store.models import (
    Case,
    CaseAssignment,
)
from hotline_desk.store.models.deadlines import Extension, Supervision

S = CaseStatus


# --- inbox queues -----------------------------------------------------------------------------

IN_PROGRESS = "in_progress"
"""The queue of cases being worked on."""

QUEUE_LABELS = {
    "to_route": "待转办",
    "returns": "退回待审",
    "to_sign": "待签收",
    IN_PROGRESS: "办理中",
    "to_approve": "待审核",
    "sent_back": "被退回",
    "assisting": "待协办",
    "to_record": "待登记答复",
    "supervised": "催办督办",
    "extensions": "延期待批",
}
SECTION = SECTION_STAFF_ROLES


def _own_unit(actor: Actor) -> ColumnElement[bool]:
    unit = actor.org_unit_id
    if unit is None:
        return false()
    return or_(Case.lead_unit_id == unit, Case.handling_unit_id == unit)


def queues_for(actor: Actor) -> list[str]:
    """The inbox queues that make sense for the actor's roles, in display order.

    The desk's own unit is the office, the lead unit of 直办 cases, so "办理中" and "被退回"
    mean the same for the desk and for a section.
    """
    roles = actor.roles
    desk, section = Role.DESK in roles, has_any(roles, SECTION)
    wanted = {
        "to_route": desk,
        "returns": desk,
        "to_sign": section,
        IN_PROGRESS: desk or section,
        "to_approve": Role.SECTION_HEAD in roles or Role.LEADER in roles,
        "sent_back": desk or section,
        "assisting": section,
        "to_record": desk or section,
        "supervised": section,
        "extensions": desk,
    }
    return [key for key in QUEUE_LABELS if wanted[key]]


def queue_condition(actor: Actor, queue: str) -> ColumnElement[bool]:
    """The cases waiting for ``actor`` in ``queue`` (on top of the usual visibility)."""
    roles = actor.roles
    if queue not in queues_for(actor):
        return false()
    if queue == "to_route":
        return Case.status == S.REGISTERED
    if queue == "returns":
        return Case.status == S.RETURN_REQUESTED
    if queue == "to_sign":
        return and_(Case.status == S.DISPATCHED, _own_unit(actor))
    if queue == IN_PROGRESS:
        return and_(Case.status == S.IN_PROGRESS, _own_unit(actor))
    if queue == "sent_back":
        return and_(Case.status == S.IN_PROGRESS, _own_unit(actor), Case.reply_sent_back)
    if queue == "to_approve":
        section = and_(
            Case.approval_step == ApprovalStep.SECTION, Case.lead_unit_id == actor.org_unit_id
        )
        step = or_(
            section if Role.SECTION_HEAD in roles else false(),
            Case.approval_step == ApprovalStep.LEADER if Role.LEADER in roles else false(),
        )
        return and_(Case.status == S.AWAITING_APPROVAL, step)
    if queue == "to_record":
        mine = true() if Role.DESK in roles else _own_unit(actor)
        return and_(Case.status == S.APPROVED, mine)
    if queue == "supervised":  # ids from the child table's index, not a probe per case
        waiting = select(Supervision.case_id).where(
            Supervision.org_unit_id == actor.org_unit_id,
            or_(
                and_(Supervision.kind == "urge", Supervision.status == "sent"),
                and_(Supervision.kind == "order", Supervision.status == "open"),
            ),
        )
        return Case.id.in_(waiting)
    if queue == "extensions":
        return Case.id.in_(select(Extension.case_id).where(Extension.status == "pending"))
    if queue == "assisting":
        waiting = (
            select(CaseAssignment.id)
            .where(
                CaseAssignment.case_id == Case.id,
                CaseAssignment.org_unit_id == actor.org_unit_id,
                CaseAssignment.role == AssignmentRole.ASSIST,
                CaseAssignment.active,
                CaseAssignment.opinion_at.is_(None),
            )
            .correlate(Case)
        )
        open_states = [S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL]
        return and_(Case.status.in_(open_states), exists(waiting))
    return false()


def _queue_ids(actor: Actor, queue: str) -> Select[tuple[int]]:
    """The ids of the cases in ``queue`` for ``actor``: the same cases as ``visible_to(actor)
    AND queue_condition(actor, queue)`` (a comparison test checks it on both engines), each
    queue read through its index. Visibility is left out where the queue implies it (the
    actor's own unit leads or handles the case, an active 协办 request to it, or a role that
    sees every case); only 催办督办 keeps it."""
    from hotline_desk.services.cases.visibility import visible_to

    ids = select(Case.id).where(queue_condition(actor, queue))
    return ids.where(visible_to(actor)) if queue == "supervised" else ids


def counts_query(actor: Actor, keys: list[str]) -> Select[tuple[int, ...]]:
    """One row: the count of each queue in ``keys`` (inbox_counts; benchmarks/bench_inbox.py)."""
    each = (
        select(func.count()).select_from(_queue_ids(actor, key).subquery()).scalar_subquery()
        for key in keys
    )
    return select(*each)


def total_query(actor: Actor, keys: list[str]) -> Select[tuple[int]]:
    """The cases in any queue of ``keys``, each once: a count over the UNION of their ids."""
    anywhere = union(*(_queue_ids(actor, key) for key in keys)).subquery()
    return select(func.count()).select_from(anywhere)


@signed_in
def inbox_counts(ctx: ServiceContext, actor: Actor) -> list[QueueCount]:
    """我的待办: how many cases wait for the actor in each of their queues (one statement, a
    count of each queue's ids)."""
    keys = queues_for(actor)
    if not keys:
        return []
    with ctx.uow.read() as uow:
        row = uow.session.execute(counts_query(actor, keys)).one()
    return [QueueCount(key, QUEUE_LABELS[key], int(n)) for key, n in zip(keys, row, strict=True)]


@signed_in
def inbox_total(ctx: ServiceContext, actor: Actor) -> int:
    """The navigation's 我的待办 count: the cases in any of the actor's queues, each once (a case
    sent back is also 办理中; an urged one is also in its own queue), so it is never more than
    the sum of the queue counts and never less than the largest. One UNION of the queues' ids,
    each read through its index, not an OR over every case."""
    keys = queues_for(actor)
    if not keys:
        return 0
    with ctx.uow.read() as uow:
        return int(uow.session.execute(total_query(actor, keys)).scalar_one())


# --- reply templates --------------------------------------------------------------------------
