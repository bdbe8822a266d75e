"""The case lifecycle (DESIGN.md §3) as one table: (state, action) → (next state, roles, guard).

Every service that moves a case asks ``decide`` first; the GUI asks ``allowed_actions`` to offer
only what the user may do now. Both read the same ``TRANSITIONS`` table, so what is offered and
what is accepted can never drift apart. Pure rules: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.callbacks import CallbackStatus, Satisfaction, Screening
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import DeskError, Msg, PermissionDenied
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES


class InvalidTransition(DeskError):
    """The action does not exist in the case's current state."""


class Who(Protocol):
    """What the rules need to know about the acting user (services' ``Actor`` fits)."""

    @property
    def user_id(self) -> int: ...
    @property
    def roles(self) -> frozenset[str]: ...
    @property
    def org_unit_id(self) -> int | None: ...


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about the case."""

    status: str
    tier: int | None = None
    important: bool = False
    approval_step: str | None = None  # "section" or "leader" while awaiting approval
    lead_unit_id: int | None = None
    handling_unit_id: int | None = None  # the 直属单位 of a tier-3 case
    assist_unit_ids: frozenset[int] = frozenset()
    opinion_unit_ids: frozenset[int] = frozenset()  # assisting sections that have answered
    return_from: str | None = None  # the state a pending return request came from
    pending_extension: bool = False  # a 延期申请 awaits the desk's decision
    unread_urge: bool = False  # a 催办 the section has not acknowledged yet
    open_order: bool = False  # a 督办单 awaits the section's answer
    answered_order: bool = False  # a 督办单 was answered and awaits the desk's closing
    # Closing the loop (回访, 甄别)
    anonymous: bool = False
    confidential: bool = False
    callback_status: str | None = None
    satisfaction: str | None = None
    screening: str | None = None
    failed_callback_days: int = 0  # different days with an unanswered attempt, this round
    callback_max_attempts: int = 3  # office setting: such days before 联系不上 may close it


OPEN_STATES = frozenset(
    {
        CaseStatus.REGISTERED,
        CaseStatus.DISPATCHED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.AWAITING_APPROVAL,
        CaseStatus.APPROVED,
        CaseStatus.RETURN_REQUESTED,
    }
)
SECTION_STAFF = SECTION_STAFF_ROLES
Guard = Callable[[CaseFacts, Who], str | None]
"""Returns None when the rule allows the action, else a Chinese reason."""
Next = CaseStatus | Callable[[CaseFacts], CaseStatus] | None
"""The next state, one computed from the facts, or None: the state does not change."""


def _holds(who: Who, role: Role) -> bool:
    return role.value in who.roles


def _own_units(case: CaseFacts) -> set[int]:
    return {u for u in (case.lead_unit_id, case.handling_unit_id) if u is not None}


def handles(case: CaseFacts, who: Who) -> str | None:
    """The case is the actor's to handle: their section leads it (or its 直属单位 handles it);
    for a tier-1 case the desk is the handler."""
    if case.tier == 1 and _holds(who, Role.DESK):
        return None
    if who.org_unit_id in _own_units(case) and any(_holds(who, r) for r in SECTION_STAFF):
        return None
    return Msg("该办件不由您所在的单位承办")


def _unit_head(case: CaseFacts, who: Who) -> str | None:
    if _holds(who, Role.SECTION_HEAD) and who.org_unit_id in _own_units(case):
        return None
    return Msg("只有承办单位的负责人可以指派经办人")


def _routed_to_section(case: CaseFacts, who: Who) -> str | None:
    if case.tier == 1:
        return Msg("直办件由办公室自行办理，不能申请退回")
    return handles(case, who)


def _assists(case: CaseFacts, who: Who) -> str | None:
    if who.org_unit_id not in case.assist_unit_ids:
        return Msg("您所在的科室不是该办件的协办单位")
    if not any(_holds(who, r) for r in SECTION_STAFF):
        return Msg("协办意见由协办科室的经办人或负责人提交")
    return None


def _approver(case: CaseFacts, who: Who) -> str | None:
    if case.approval_step == "leader":
        return None if _holds(who, Role.LEADER) else Msg("重要件的答复需局领导审核")
    if _holds(who, Role.SECTION_HEAD) and who.org_unit_id == case.lead_unit_id:
        return None
    return Msg("答复由主办单位负责人审核（直办件由办公室负责人审核）")


def _records_reply(case: CaseFacts, who: Who) -> str | None:
    return None if _holds(who, Role.DESK) else handles(case, who)


def _may_extend(case: CaseFacts, who: Who) -> str | None:
    if case.tier == 1:
        return Msg("直办件由办公室自行办理，无需申请延期")
    if case.pending_extension:
        return Msg("已有一份延期申请待办公室审批")
    return handles(case, who)


def _extension_pending(case: CaseFacts, _who: Who) -> str | None:
    return None if case.pending_extension else "没有待审批的延期申请"


def _routed(case: CaseFacts, _who: Who) -> str | None:
    return Msg("直办件由办公室自行办理，无需催办督办") if case.tier == 1 else None


def _urge_unread(case: CaseFacts, who: Who) -> str | None:
    return handles(case, who) if case.unread_urge else "没有待阅的催办"


def _order_open(case: CaseFacts, who: Who) -> str | None:
    return handles(case, who) if case.open_order else "没有待回复的督办单"


def _order_answered(case: CaseFacts, _who: Who) -> str | None:
    return None if case.answered_order else "督办单须经承办单位回复后才能办结"


def _no_callback_wanted(case: CaseFacts) -> bool:
    return case.anonymous or case.confidential


def _callback_due(case: CaseFacts, _who: Who) -> str | None:
    if case.callback_status != CallbackStatus.PENDING:
        return Msg("该办件的回访已经结束")
    if _no_callback_wanted(case):
        return Msg("匿名或要求保密的办件不回访，请标记“不回访”")
    return None


def _closable(case: CaseFacts, _who: Who) -> str | None:
    if case.callback_status == CallbackStatus.NOT_REQUIRED:
        return None  # the caller refused the callback
    if case.callback_status == CallbackStatus.REACHED:
        if case.satisfaction in (Satisfaction.SATISFIED, Satisfaction.BASICALLY):
            return None
        return Msg("回访不满意的办件须先甄别")
    return Msg("须回访满意或基本满意后方可办结")


def _unreachable(case: CaseFacts, _who: Who) -> str | None:
    if case.callback_status != CallbackStatus.PENDING or _no_callback_wanted(case):
        return Msg("只有待回访的办件可以按“联系不上”办结")
    if case.failed_callback_days < case.callback_max_attempts:
        return Msg(
            "须在{days}个不同的日子回访均未联系上，方可按“联系不上”办结（目前{failed}天）",
            days=case.callback_max_attempts,
            failed=case.failed_callback_days,
        )
    return None


def _no_callback(case: CaseFacts, _who: Who) -> str | None:
    if case.callback_status != CallbackStatus.PENDING:
        return Msg("该办件的回访已经结束")
    if not _no_callback_wanted(case):
        return Msg("只有匿名来电或要求保密的办件可以不回访")
    return None


def _unsatisfied(case: CaseFacts, _who: Who) -> str | None:
    if case.screening != Screening.PENDING:
        return Msg("只有回访不满意、待甄别的办件可以甄别")
    return None


def _after_approval(case: CaseFacts) -> CaseStatus:
    if case.important and case.approval_step != "leader":
        return CaseStatus.AWAITING_APPROVAL  # on to the leader
    return CaseStatus.APPROVED


def _back_to_where_it_was(case: CaseFacts) -> CaseStatus:
    return CaseStatus(case.return_from or CaseStatus.DISPATCHED)


@dataclass(frozen=True)
class Transition:
    state: CaseStatus
    action: Action
    next: Next
    roles: frozenset[Role]
    guard: Guard | None = None
    note: str = field(default="", compare=False)

    def next_state(self, case: CaseFacts) -> CaseStatus:
        if self.next is None:
            return CaseStatus(case.status)
        if isinstance(self.next, CaseStatus):
            return self.next
        return self.next(case)


S = CaseStatus
DESK = frozenset({Role.DESK})
INTAKE_OR_DESK = frozenset({Role.INTAKE, Role.DESK})
HANDLERS = frozenset({Role.DESK, Role.HANDLER, Role.SECTION_HEAD})


def _rows() -> Iterable[Transition]:
    yield Transition(S.REGISTERED, Action.ROUTE, S.DISPATCHED, DESK, note="转办科室或交办直属单位")
    yield Transition(S.REGISTERED, Action.HANDLE_DIRECTLY, S.IN_PROGRESS, DESK, note="办公室直办")
    yield Transition(S.REGISTERED, Action.REJECT, S.REJECTED, DESK, note="不予受理（终态）")
    yield Transition(S.REGISTERED, Action.EDIT, None, INTAKE_OR_DESK, note="转办前修改登记信息")
    yield Transition(S.DISPATCHED, Action.SIGN, S.IN_PROGRESS, SECTION_STAFF, handles)
    for state in (S.DISPATCHED, S.IN_PROGRESS):
        yield Transition(state, Action.REQUEST_RETURN, S.RETURN_REQUESTED, SECTION_STAFF,
                         _routed_to_section)  # fmt: skip
        yield Transition(state, Action.ASSIGN, None, frozenset({Role.SECTION_HEAD}),
                         _unit_head)  # fmt: skip
    yield Transition(S.RETURN_REQUESTED, Action.APPROVE_RETURN, S.DISPATCHED, DESK,
                     note="同意退回并改派")  # fmt: skip
    yield Transition(S.RETURN_REQUESTED, Action.REJECT_RETURN, _back_to_where_it_was, DESK,
                     note="驳回退回，回到原状态")  # fmt: skip
    for state in (S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED):
        yield Transition(state, Action.ADD_NOTE, None, HANDLERS, handles)
    for state in (S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL):
        yield Transition(state, Action.SUBMIT_OPINION, None, SECTION_STAFF, _assists)
    yield Transition(S.IN_PROGRESS, Action.SUBMIT_REPLY, S.AWAITING_APPROVAL, HANDLERS, handles)
    yield Transition(S.AWAITING_APPROVAL, Action.APPROVE_REPLY, _after_approval,
                     frozenset({Role.SECTION_HEAD, Role.LEADER}), _approver,
                     note="重要件经科室负责人审核后再送局领导")  # fmt: skip
    yield Transition(S.AWAITING_APPROVAL, Action.SEND_BACK, S.IN_PROGRESS,
                     frozenset({Role.SECTION_HEAD, Role.LEADER}), _approver)  # fmt: skip
    yield Transition(S.APPROVED, Action.RECORD_REPLY, S.REPLIED, HANDLERS, _records_reply)
    for state in OPEN_STATES:
        yield Transition(state, Action.INSTRUCT, None, frozenset({Role.LEADER}),
                         note="批示并标记为重要件")  # fmt: skip
    for state in (S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED):
        yield Transition(state, Action.REROUTE, S.DISPATCHED, DESK, note="改派（须说明原因）")
    yield from _deadline_rows()
    yield from _closing_rows()


SUPERVISED = (S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED, S.RETURN_REQUESTED)
"""States in which a section holds the case, so the desk can urge it or issue an order."""


def _deadline_rows() -> Iterable[Transition]:
    """Extensions and supervision (DESIGN.md §4–5): overlays that never change the state."""
    for state in (S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL):
        yield Transition(state, Action.REQUEST_EXTENSION, None, SECTION_STAFF, _may_extend,
                         note="答复期限届满前申请")  # fmt: skip
    for state in SUPERVISED:
        yield Transition(state, Action.APPROVE_EXTENSION, None, DESK, _extension_pending)
        yield Transition(state, Action.DENY_EXTENSION, None, DESK, _extension_pending)
        yield Transition(state, Action.URGE, None, DESK, _routed)
        yield Transition(state, Action.ISSUE_ORDER, None, DESK, _routed)
    for state in (*SUPERVISED, S.REPLIED, S.CLOSED):
        yield Transition(state, Action.ACKNOWLEDGE_URGE, None, SECTION_STAFF, _urge_unread)
        yield Transition(state, Action.ANSWER_ORDER, None, SECTION_STAFF, _order_open)
    for state in CaseStatus:
        yield Transition(state, Action.CLOSE_ORDER, None, DESK, _order_answered)


def _closing_rows() -> Iterable[Transition]:
    """Closing the loop (DESIGN.md §2–3): callback, closing, screening and reopening (the
    desk); duplicates: the intake clerk merges or links the case being registered, the desk
    any open one."""
    yield Transition(S.REPLIED, Action.RECORD_CALLBACK, None, DESK, _callback_due)
    yield Transition(S.REPLIED, Action.CLOSE, S.CLOSED, DESK, _closable,
                     note="回访满意或基本满意（或来电人拒绝回访）后办结")  # fmt: skip
    yield Transition(S.REPLIED, Action.CLOSE_UNREACHABLE, S.CLOSED, DESK, _unreachable,
                     note="多日回访联系不上，办结")  # fmt: skip
    yield Transition(S.REPLIED, Action.NO_CALLBACK, S.CLOSED, DESK, _no_callback,
                     note="匿名或要求保密：不回访，办结")  # fmt: skip
    yield Transition(S.REPLIED, Action.SCREEN_REASONABLE, S.IN_PROGRESS, DESK, _unsatisfied,
                     note="不满意合理：重办，回到原承办单位")  # fmt: skip
    yield Transition(S.REPLIED, Action.SCREEN_UNREASONABLE, S.CLOSED, DESK, _unsatisfied,
                     note="不满意不合理：记录理由后办结")  # fmt: skip
    yield Transition(
        S.CLOSED, Action.REOPEN, S.IN_PROGRESS, DESK, note="已办结件重办（须说明原因）"
    )
    for state in OPEN_STATES:
        roles = INTAKE_OR_DESK if state == S.REGISTERED else DESK
        yield Transition(state, Action.MERGE, S.MERGED, roles, note="并单：并入主办件（终态）")
    for state in (*OPEN_STATES, S.REPLIED, S.CLOSED):
        roles = INTAKE_OR_DESK if state == S.REGISTERED else DESK
        yield Transition(state, Action.LINK, None, roles, note="关联相关办件")


TRANSITIONS: tuple[Transition, ...] = tuple(_rows())
_TABLE: Mapping[tuple[CaseStatus, Action], Transition] = {
    (t.state, t.action): t for t in TRANSITIONS
}
assert len(_TABLE) == len(TRANSITIONS), "one row per (state, action)"


def transition_for(status: str, action: Action) -> Transition | None:
    return _TABLE.get((CaseStatus(status), action))


def refusal(case: CaseFacts, who: Who, action: Action) -> DeskError | None:
    """Why ``who`` may not take ``action`` on ``case`` now (None when they may)."""
    row = transition_for(case.status, action)
    if row is None:
        return InvalidTransition(
            "办件当前状态为“{status}”，不能{action}", status=CaseStatus(case.status), action=action
        )
    if not any(_holds(who, r) for r in row.roles):
        roles = tuple(sorted(row.roles, key=lambda r: r.label))
        return PermissionDenied(
            "您没有“{action}”的权限（需要：{roles}）", action=action, roles=roles
        )
    reason = row.guard(case, who) if row.guard else None
    return PermissionDenied(reason) if reason else None


def decide(case: CaseFacts, who: Who, action: Action) -> Transition:
    """The row that applies, or the domain error that refuses the action."""
    error = refusal(case, who, action)
    if error is not None:
        raise error
    row = transition_for(case.status, action)
    assert row is not None
    return row


def allowed_actions(case: CaseFacts, who: Who) -> list[Action]:
    """What ``who`` may do with ``case`` now, in the table's order."""
    return [a for a in Action if refusal(case, who, a) is None]
