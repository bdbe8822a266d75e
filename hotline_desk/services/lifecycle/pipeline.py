"""Lifecycle transitions, one service call each: the desk's routing, rejection, returns, re-routing.

Every call follows the same steps in one transaction (``apply_action``): lock the case row (the
one lock order: store/locks.py), load the case the actor may see, refuse a stale version naming
who changed it, ask the lifecycle table (``decide``), change the case, write its ``CaseEvent``
and audit row, commit, return the fresh ``CaseDetail``. A refusal on a case another user moved
since the user looked names them (``conflicts.py``); a transaction the database aborted for
another desk's sake is run again (store/retry.py).
Section and reply actions are in ``handling.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotline_desk.domain.actions import OVERLAYS, Action, spec
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.errors import ConflictError, DeskError, NotFound
from hotline_desk.domain.lifecycle import CaseFacts, Transition, decide
from hotline_desk.services.audit import record_audit
from hotline_desk.services.cases.read_model import build_detail
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.drafts import drop_case_drafts
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.conflicts import conflict_message, explain_refusal
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.services.supervision import clocks as deadlines
from hotline_desk.store.locks import lock_cases
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.cases import event_changes
from hotline_desk.store.retry import with_retries

TERMINAL = frozenset({CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED})


@dataclass
class Outcome:
    """What a change function reports back for the timeline and the audit row."""

    summary: str
    changes: dict[str, list[str]] | None = None
    audit: dict[str, object] | None = None


Change = Callable[[Session, Case, Transition, CaseFacts], Outcome]


def load_visible(s: Session, actor: Actor, case_id: int) -> Case:
    case = s.execute(select(Case).where(Case.id == case_id, visible_to(actor))).scalar_one_or_none()
    if case is None:
        raise NotFound("办件不存在或您无权查看")
    return case


def _stale(ctx: ServiceContext, case_id: int) -> ConflictError:
    """The conflict message read after the losing transaction rolled back."""
    with ctx.uow.read() as uow:
        case = uow.session.get(Case, case_id)
        if case is None:
            return ConflictError("办件刚被其他人修改，您的操作未执行")
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
            summary=str(summary),  # the Chinese text; the template goes in changes
            changes=json.dumps(event_changes(summary, changes), ensure_ascii=False),
        )
    )


def apply_action(
    ctx: ServiceContext,
    actor: Actor,
    case_id: int,
    expected_version: int | None,
    action: Action,
    change: Change,
    *,
    seen_event: int | None = None,
    partner_id: int | None = None,
) -> CaseDetail:
    """One action in one transaction, run again whole (``with_retries``) when the database
    aborts it for another desk's sake. ``expected_version``: the case version the user saw, for
    an action that changes the case row; None for an overlay (``OVERLAYS``), which carries the
    newest timeline event the user saw (``seen_event``) instead. ``partner_id``: the other case
    a merge or link touches, locked with this one in id order."""
    now = ctx.now()

    def attempt() -> CaseDetail:
        with ctx.uow.write() as uow:
            detail = apply_in(uow.session, actor, case_id, expected_version, action, change, now,
                              seen_event=seen_event, partner_id=partner_id)  # fmt: skip
            uow.commit()
            return detail

    try:
        return with_retries(attempt)
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
    *,
    seen_event: int | None = None,
    partner_id: int | None = None,
) -> CaseDetail:
    """``apply_action``'s steps inside the caller's transaction (which commits), for a use case
    that does more in the same transaction (registering a duplicate and merging it): lock the
    case (and its partner) first, then read what decides the action (store/locks.py)."""
    moves = action not in OVERLAYS
    assert moves == (expected_version is not None), f"{action}: a version iff it moves the case"
    lock_cases(s, (case_id,) if partner_id is None else (case_id, partner_id))
    try:
        case = load_visible(s, actor, case_id)
        if expected_version is not None and case.version != expected_version:
            raise ConflictError(conflict_message(s, case))
        facts = case_facts(s, case)
        row = decide(facts, actor, action)
        before = case.status
        outcome = change(s, case, row, facts)
    except DeskError as refusal:
        with s.no_autoflush:  # what the refused change left half-done is rolled back, unsaved
            raise explain_refusal(s, case_id, refusal, actor.user_id, seen_event,
                                  expected_version) from None  # fmt: skip
    if moves:
        case.status = row.next_state(facts).value
        if case.status in TERMINAL and before not in TERMINAL:
            drop_case_drafts(s, case.id)  # nobody finishes a draft on an ended case
        case.updated_at = now
        case.updated_by = actor.user_id
        _stamp_end(case, before, now)
        deadlines.on_transition(s, case, action, now)
        s.flush()
    add_event(s, case, actor, spec(action).event, now, outcome.summary,
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


# --- returns ----------------------------------------------------------------------------------
