"""The lifecycle table, exhaustively: every state × action × role is allowed or refused exactly as
the matrix below (written out by hand from DESIGN.md §3 and the issue) says, plus the guards."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.domain.lifecycle import (
    CaseFacts,
    InvalidTransition,
    allowed_actions,
    decide,
    refusal,
)

S, A, R = CaseStatus, Action, Role
OFFICE, LEAD, ASSIST, UNIT, OTHER = 1, 10, 20, 30, 40
OPEN = (S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED,
        S.RETURN_REQUESTED)  # fmt: skip
SECTION = {R.HANDLER, R.SECTION_HEAD}
SUPERVISED = (S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED, S.RETURN_REQUESTED)

# action -> (states where it exists, roles that may take it there) for a tier-2 case led by
# section LEAD, the section roles held by users of LEAD, everyone else in the office.
EXPECTED: dict[Action, tuple[tuple[CaseStatus, ...], set[Role]]] = {
    A.ROUTE: ((S.REGISTERED,), {R.DESK}),
    A.HANDLE_DIRECTLY: ((S.REGISTERED,), {R.DESK}),
    A.REJECT: ((S.REGISTERED,), {R.DESK}),
    A.SIGN: ((S.DISPATCHED,), SECTION),
    A.REQUEST_RETURN: ((S.DISPATCHED, S.IN_PROGRESS), SECTION),
    A.APPROVE_RETURN: ((S.RETURN_REQUESTED,), {R.DESK}),
    A.REJECT_RETURN: ((S.RETURN_REQUESTED,), {R.DESK}),
    A.ASSIGN: ((S.DISPATCHED, S.IN_PROGRESS), {R.SECTION_HEAD}),
    A.ADD_NOTE: ((S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED), SECTION),
    A.SUBMIT_OPINION: ((), set()),  # only assisting sections: see its own test
    A.SUBMIT_REPLY: ((S.IN_PROGRESS,), SECTION),
    A.APPROVE_REPLY: ((S.AWAITING_APPROVAL,), {R.SECTION_HEAD}),
    A.SEND_BACK: ((S.AWAITING_APPROVAL,), {R.SECTION_HEAD}),
    A.RECORD_REPLY: ((S.APPROVED,), {R.DESK} | SECTION),
    A.INSTRUCT: (OPEN, {R.LEADER}),
    A.REROUTE: ((S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED), {R.DESK}),
    A.EDIT: ((S.REGISTERED,), {R.DESK, R.INTAKE}),
    # deadlines and supervision: overlays, checked with the overlay they need (OVERLAY below)
    A.REQUEST_EXTENSION: ((S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL), SECTION),
    A.APPROVE_EXTENSION: (SUPERVISED, {R.DESK}),
    A.DENY_EXTENSION: (SUPERVISED, {R.DESK}),
    A.URGE: (SUPERVISED, {R.DESK}),
    A.ISSUE_ORDER: (SUPERVISED, {R.DESK}),
    A.ACKNOWLEDGE_URGE: ((*SUPERVISED, S.REPLIED, S.CLOSED), SECTION),
    A.ANSWER_ORDER: ((*SUPERVISED, S.REPLIED, S.CLOSED), SECTION),
    A.CLOSE_ORDER: (tuple(CaseStatus), {R.DESK}),
    A.RECORD_CALLBACK: ((S.REPLIED,), {R.DESK}),
    A.CLOSE: ((S.REPLIED,), {R.DESK}),
    A.CLOSE_UNREACHABLE: ((S.REPLIED,), {R.DESK}),
    A.NO_CALLBACK: ((S.REPLIED,), {R.DESK}),
    A.SCREEN_REASONABLE: ((S.REPLIED,), {R.DESK}),
    A.SCREEN_UNREASONABLE: ((S.REPLIED,), {R.DESK}),
    A.REOPEN: ((S.CLOSED,), {R.DESK}),
    A.MERGE: (OPEN, {R.DESK}),  # and the intake clerk while registered: see below
    A.LINK: ((*OPEN, S.REPLIED, S.CLOSED), {R.DESK}),
}
OVERLAY: dict[Action, dict[str, bool]] = {
    A.APPROVE_EXTENSION: {"pending_extension": True},
    A.DENY_EXTENSION: {"pending_extension": True},
    A.ACKNOWLEDGE_URGE: {"unread_urge": True},
    A.ANSWER_ORDER: {"open_order": True},
    A.CLOSE_ORDER: {"answered_order": True},
}
"""The state of the overlay an action needs (with plain facts it is refused everywhere)."""
INTAKE_TOO = {(S.REGISTERED, A.MERGE), (S.REGISTERED, A.LINK)}
"""The intake clerk merges or links the case being registered (the duplicate panel)."""

# The facts under which each closing action's guard lets it through (a replied case whose
# callback is where that action belongs); every other action sees a plain case.
READY: dict[Action, dict[str, object]] = {
    A.RECORD_CALLBACK: {"callback_status": "pending"},
    A.CLOSE: {"callback_status": "reached", "satisfaction": "satisfied"},
    A.CLOSE_UNREACHABLE: {"callback_status": "pending", "failed_callback_days": 3},
    A.NO_CALLBACK: {"callback_status": "pending", "anonymous": True},
    A.SCREEN_REASONABLE: {"callback_status": "reached", "satisfaction": "unsatisfied",
                          "screening": "pending"},
    A.SCREEN_UNREASONABLE: {"callback_status": "reached", "satisfaction": "unsatisfied",
                            "screening": "pending"},
}  # fmt: skip


@dataclass(frozen=True)
class Who:
    user_id: int
    roles: frozenset[str]
    org_unit_id: int | None


def who(role: Role, unit: int | None = None) -> Who:
    if unit is None:
        unit = LEAD if role in SECTION else OFFICE
    return Who(7, frozenset({role.value}), unit)


def facts(state: CaseStatus, **kw: object) -> CaseFacts:
    base = CaseFacts(
        status=state.value, tier=2, lead_unit_id=LEAD, assist_unit_ids=frozenset({ASSIST}),
        approval_step="section" if state == S.AWAITING_APPROVAL else None,
        return_from=S.IN_PROGRESS.value if state == S.RETURN_REQUESTED else None,
    )  # fmt: skip
    return replace(base, **kw)  # type: ignore[arg-type]


CASES = [(s, a, r) for s in CaseStatus for a in Action for r in Role]


@pytest.mark.parametrize(("state", "action", "role"), CASES, ids=lambda v: str(v))
def test_every_state_action_role(state: CaseStatus, action: Action, role: Role) -> None:
    states, roles = EXPECTED[action]
    case = facts(state, **OVERLAY.get(action, {}), **READY.get(action, {}))
    error = refusal(case, who(role), action)
    if (state in states and role in roles) or (role == R.INTAKE and (state, action) in INTAKE_TOO):
        assert error is None, f"{role} should {action} in {state}: {error and error.message}"
        assert action in allowed_actions(case, who(role))
    else:
        assert error is not None, f"{role} must not {action} in {state}"
        expected = PermissionDenied if state in states or _exists(state, action) else (
            InvalidTransition)  # fmt: skip
        assert isinstance(error, expected)
        assert error.message  # a Chinese sentence for the user
        assert action not in allowed_actions(case, who(role))


def _exists(state: CaseStatus, action: Action) -> bool:
    # SUBMIT_OPINION exists in these states but nobody in LEAD may take it
    return action == A.SUBMIT_OPINION and state in (S.DISPATCHED, S.IN_PROGRESS,
                                                    S.AWAITING_APPROVAL)  # fmt: skip


def test_terminal_states_offer_nothing() -> None:
    for state in (S.REJECTED, S.MERGED):
        for role in Role:
            assert allowed_actions(facts(state), who(role)) == []


def test_replied_and_closed_cases_are_the_desks_only() -> None:
    for state in (S.REPLIED, S.CLOSED):
        for role in set(Role) - {R.DESK}:
            assert allowed_actions(facts(state, callback_status="pending"), who(role)) == []
    assert allowed_actions(facts(S.CLOSED), who(R.DESK)) == [A.REOPEN, A.LINK]


def test_invalid_transition_names_the_state() -> None:
    error = refusal(facts(S.CLOSED), who(R.HANDLER), A.SIGN)
    assert isinstance(error, InvalidTransition) and "已办结" in error.message


def test_next_states() -> None:
    desk, handler, head = who(R.DESK), who(R.HANDLER), who(R.SECTION_HEAD)
    assert decide(facts(S.REGISTERED), desk, A.ROUTE).next_state(facts(S.REGISTERED)) == (
        S.DISPATCHED)  # fmt: skip
    assert decide(facts(S.DISPATCHED), handler, A.SIGN).next == S.IN_PROGRESS
    plain = facts(S.AWAITING_APPROVAL)
    assert decide(plain, head, A.APPROVE_REPLY).next_state(plain) == S.APPROVED
    important = facts(S.AWAITING_APPROVAL, important=True)
    assert decide(important, head, A.APPROVE_REPLY).next_state(important) == (
        S.AWAITING_APPROVAL
    )  # on to the leader
    at_leader = facts(S.AWAITING_APPROVAL, important=True, approval_step="leader")
    assert decide(at_leader, who(R.LEADER), A.APPROVE_REPLY).next_state(at_leader) == S.APPROVED
    for origin in (S.DISPATCHED, S.IN_PROGRESS):
        back = facts(S.RETURN_REQUESTED, return_from=origin.value)
        assert decide(back, desk, A.REJECT_RETURN).next_state(back) == origin
    assert decide(facts(S.IN_PROGRESS), head, A.ASSIGN).next_state(facts(S.IN_PROGRESS)) == (
        S.IN_PROGRESS)  # fmt: skip


def test_guards_on_units_and_steps() -> None:
    other = who(R.HANDLER, OTHER)
    assert isinstance(refusal(facts(S.DISPATCHED), other, A.SIGN), PermissionDenied)
    # a tier-3 case: the 直属单位 signs and handles; only the lead section's head approves
    tier3 = facts(S.DISPATCHED, tier=3, handling_unit_id=UNIT)
    assert refusal(tier3, who(R.HANDLER, UNIT), A.SIGN) is None
    approving = replace(tier3, status=S.AWAITING_APPROVAL.value, approval_step="section")
    assert refusal(approving, who(R.SECTION_HEAD, UNIT), A.APPROVE_REPLY) is not None
    assert refusal(approving, who(R.SECTION_HEAD, LEAD), A.APPROVE_REPLY) is None
    # the leader's step: the section head can no longer approve, the leader can
    at_leader = facts(S.AWAITING_APPROVAL, important=True, approval_step="leader")
    assert refusal(at_leader, who(R.SECTION_HEAD), A.APPROVE_REPLY) is not None
    assert refusal(at_leader, who(R.LEADER), A.SEND_BACK) is None
    assert refusal(facts(S.AWAITING_APPROVAL), who(R.LEADER), A.APPROVE_REPLY) is not None
    # assisting sections answer with an opinion, and only they
    assert refusal(facts(S.IN_PROGRESS), who(R.HANDLER, ASSIST), A.SUBMIT_OPINION) is None
    assert refusal(facts(S.IN_PROGRESS), who(R.HANDLER, ASSIST), A.SUBMIT_REPLY) is not None


def test_tier1_is_the_desks_own_case() -> None:
    direct = facts(S.IN_PROGRESS, tier=1, lead_unit_id=OFFICE)
    desk = who(R.DESK)
    assert set(allowed_actions(direct, desk)) == {A.ADD_NOTE, A.SUBMIT_REPLY, A.REROUTE, A.MERGE,
                                                  A.LINK}  # fmt: skip
    assert refusal(direct, who(R.HANDLER, OFFICE), A.REQUEST_RETURN) is not None
    approving = replace(direct, status=S.AWAITING_APPROVAL.value, approval_step="section")
    assert refusal(approving, who(R.SECTION_HEAD, OFFICE), A.APPROVE_REPLY) is None
    assert refusal(approving, who(R.SECTION_HEAD, LEAD), A.APPROVE_REPLY) is not None


def test_overlays_guard_the_deadline_actions() -> None:
    handler, desk = who(R.HANDLER), who(R.DESK)
    working = facts(S.IN_PROGRESS)
    assert refusal(working, handler, A.REQUEST_EXTENSION) is None
    pending = replace(working, pending_extension=True)
    assert "待办公室审批" in refusal(pending, handler, A.REQUEST_EXTENSION).message  # type: ignore[union-attr]
    assert refusal(working, desk, A.APPROVE_EXTENSION) is not None, "nothing to approve"
    assert refusal(pending, desk, A.APPROVE_EXTENSION) is None
    # a section outside the case cannot answer its order; an unanswered order cannot be closed
    ordered = replace(working, open_order=True)
    assert refusal(ordered, handler, A.ANSWER_ORDER) is None
    assert refusal(ordered, who(R.HANDLER, OTHER), A.ANSWER_ORDER) is not None
    assert "回复后" in refusal(ordered, desk, A.CLOSE_ORDER).message  # type: ignore[union-attr]
    # the desk's own (tier-1) cases are neither urged nor extended
    direct = facts(S.IN_PROGRESS, tier=1, lead_unit_id=OFFICE)
    assert refusal(direct, desk, A.URGE) is not None
    assert refusal(direct, desk, A.ISSUE_ORDER) is not None


def callback(**kw: object) -> CaseFacts:
    return facts(S.REPLIED, **{"callback_status": "pending", **kw})


def test_the_callback_round_step_by_step() -> None:
    desk = who(R.DESK)
    waiting = callback()
    assert allowed_actions(waiting, desk) == [A.RECORD_CALLBACK, A.LINK]
    # each outcome opens exactly its own way out
    satisfied = callback(callback_status="reached", satisfaction="satisfied")
    basically = replace(satisfied, satisfaction="basically")
    unsatisfied = callback(callback_status="reached", satisfaction="unsatisfied",
                           screening="pending")  # fmt: skip
    refused = callback(callback_status="not_required")
    assert allowed_actions(satisfied, desk) == [A.CLOSE, A.LINK]
    assert allowed_actions(basically, desk) == [A.CLOSE, A.LINK]
    assert allowed_actions(refused, desk) == [A.CLOSE, A.LINK]
    assert allowed_actions(unsatisfied, desk) == [A.SCREEN_REASONABLE, A.SCREEN_UNREASONABLE,
                                                  A.LINK]  # fmt: skip
    error = refusal(unsatisfied, desk, A.CLOSE)
    assert isinstance(error, PermissionDenied) and "甄别" in error.message
    assert decide(unsatisfied, desk, A.SCREEN_REASONABLE).next == S.IN_PROGRESS
    assert decide(unsatisfied, desk, A.SCREEN_UNREASONABLE).next == S.CLOSED
    # a screened rating is not screened twice
    screened = replace(unsatisfied, screening="unreasonable")
    assert refusal(screened, desk, A.SCREEN_REASONABLE) is not None
    assert refusal(callback(callback_status="reached", satisfaction="satisfied"), desk,
                   A.RECORD_CALLBACK) is not None  # fmt: skip


def test_unreachable_needs_the_configured_number_of_days() -> None:
    desk = who(R.DESK)
    for days, allowed in ((0, False), (2, False), (3, True), (4, True)):
        case = callback(failed_callback_days=days)
        assert (refusal(case, desk, A.CLOSE_UNREACHABLE) is None) == allowed, days
    error = refusal(callback(failed_callback_days=1), desk, A.CLOSE_UNREACHABLE)
    assert error is not None and "3个不同的日子" in error.message and "1天" in error.message
    stricter = callback(failed_callback_days=3, callback_max_attempts=5)
    assert refusal(stricter, desk, A.CLOSE_UNREACHABLE) is not None
    assert refusal(replace(stricter, failed_callback_days=5), desk, A.CLOSE_UNREACHABLE) is None


def test_anonymous_and_confidential_cases_are_not_called_back() -> None:
    desk = who(R.DESK)
    for flag in ("anonymous", "confidential"):
        quiet = callback(**{flag: True}, failed_callback_days=5)
        assert allowed_actions(quiet, desk) == [A.NO_CALLBACK, A.LINK]
        error = refusal(quiet, desk, A.RECORD_CALLBACK)
        assert error is not None and "不回访" in error.message
    assert refusal(callback(), desk, A.NO_CALLBACK) is not None
