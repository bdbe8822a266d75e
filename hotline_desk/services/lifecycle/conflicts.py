"""Telling the second of two users who moved the case first, what they did and when.

Two ways to lose a race on a case, one message for both (``conflict_message``):

- a versioned action (one that changes the case row) finds the case at another version than the
  user saw: the message names the latest event that moved the version (``QUIET_EVENTS`` never
  do);
- any action is refused by the lifecycle table, a guard or a state check (``PermissionDenied``,
  ``InvalidTransition``, ``NotFound``) while another user wrote an event on the case after the
  newest one this user saw (``seen_event``): the refusal becomes a ``ConflictError`` naming
  that user's latest such event — additive events (``HARMLESS_EVENTS``: notes, opinions, links,
  urges) are never named, since they take no one's chance away. Without ``seen_event`` (the CLI,
  a caller that does not know) the plain refusal stands.

Input errors (``ValidationError``) are the user's own to correct and are never turned into a
conflict; the few that depend on what others did name them in their own text (``who_did``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import HARMLESS_EVENTS, QUIET_EVENTS
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.errors import ConflictError, DeskError, Msg, NotFound, PermissionDenied
from hotline_desk.domain.lifecycle import InvalidTransition
from hotline_desk.store.models import Case, CaseEvent, User

REFUSALS = (PermissionDenied, InvalidTransition, NotFound, ConflictError)
"""What a race can turn into a refusal of the loser's action (input errors cannot)."""


def last_event(
    s: Session,
    case_id: int,
    *,
    skip: Collection[EventKind] = (),
    kinds: Collection[EventKind] = (),
    after: int | None = None,
    not_by: int | None = None,
) -> Any:
    """The newest timeline event of the case (kind, at, actor's display name, id) that is not
    of a kind in ``skip`` (only of ``kinds`` when given), newer than event ``after`` and not
    written by user ``not_by``; None when there is none."""
    query = (
        select(CaseEvent.kind, CaseEvent.at, User.display_name, CaseEvent.id)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .where(CaseEvent.case_id == case_id)
    )
    if skip:
        query = query.where(CaseEvent.kind.not_in([k.value for k in skip]))
    if kinds:
        query = query.where(CaseEvent.kind.in_([k.value for k in kinds]))
    if after is not None:
        query = query.where(CaseEvent.id > after)
    if not_by is not None:
        query = query.where((CaseEvent.actor_id != not_by) | CaseEvent.actor_id.is_(None))
    return s.execute(query.order_by(CaseEvent.id.desc()).limit(1)).first()


def _when(at: datetime) -> str:
    return f"{at:%m-%d %H:%M}"


def conflict_message(s: Session, case: Case, event: Any = None, reason: str = "") -> Msg:
    """Who changed the case last and how (``event``, else its latest version-moving event), its
    state now and, when given, why the user's action no longer applies."""
    if event is None:
        event = last_event(s, case.id, skip=QUIET_EVENTS)
    if event is None:
        return Msg(
            "办件 {case_no} 刚被其他人修改，您的操作未执行。请刷新后重试。", case_no=case.case_no
        )
    params = dict(
        case_no=case.case_no,
        at=_when(event[1]),
        name=event[2] or Msg("其他用户"),
        what=EventKind(event[0]),
        status=CaseStatus(case.status),
    )
    if reason:
        return Msg(
            "办件 {case_no} 已于 {at} 被{name}“{what}”，现为“{status}”：{reason}。"
            "您的操作未执行，请刷新查看后再操作。",
            reason=reason,
            **params,
        )
    return Msg(
        "办件 {case_no} 已于 {at} 被{name}“{what}”，现为“{status}”。"
        "您的操作未执行，请刷新查看后再操作。",
        **params,
    )


def explain_refusal(
    s: Session,
    case_id: int,
    refusal: DeskError,
    actor_id: int,
    seen_event: int | None = None,
    expected_version: int | None = None,
) -> DeskError:
    """``refusal`` as the conflict it is when another user moved the case after the user looked
    (the version they saw, or the newest event they saw); else ``refusal`` itself."""
    if not isinstance(refusal, REFUSALS) or isinstance(refusal, ConflictError):
        return refusal  # an input error is the user's to correct; a conflict already says who
    case = s.get(Case, case_id)
    if case is None:
        return refusal
    if expected_version is not None and case.version != expected_version:
        return ConflictError(conflict_message(s, case))  # e.g. rerouted out of their sight
    if seen_event is None:
        return refusal
    event = last_event(s, case_id, skip=HARMLESS_EVENTS, after=seen_event, not_by=actor_id)
    if event is None:
        return refusal
    reason = "" if isinstance(refusal, InvalidTransition | NotFound) else refusal.message
    return ConflictError(conflict_message(s, case, event, reason))


def who_did(s: Session, case_id: int, kinds: Collection[EventKind] = ()) -> Msg | None:
    """ "{name}于 {at}“{what}”" for the newest event of ``kinds`` on the case (of any kind that
    moves its version when none are given), for a refusal whose reason another user's action
    left behind (a merged master, an existing link)."""
    event = last_event(s, case_id, kinds=kinds, skip=() if kinds else QUIET_EVENTS)
    if event is None:
        return None
    return Msg(
        "{name}于 {at}“{what}”",
        name=event[2] or Msg("其他用户"),
        at=_when(event[1]),
        what=EventKind(event[0]),
    )
