"""One spec per action: what each action is called, what it writes, where its button goes and what
its dialog asks. The transition table (``lifecycle.TRANSITIONS``) says in which states and for
which roles and guards it is allowed; this table says everything else, so adding an action means
a row here, a row there, a service function and a dialog registered for it.

Labels are the Chinese source words; the GUI translates them in the context ``actions`` (verbs on
buttons; the same words as timeline events are translated in ``enum``). Period actions
(freezing a month's figures) are rows of their own kind at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from hotline_desk.domain.enums.base import LabelledEnum
from hotline_desk.domain.enums.handling import EventKind
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.permissions import require


class Action(LabelledEnum):
    """What a user can do to a case (the lifecycle table's actions); its label is its spec's."""

    ROUTE = "route"
    HANDLE_DIRECTLY = "handle_directly"
    REJECT = "reject"
    SIGN = "sign"
    REQUEST_RETURN = "request_return"
    APPROVE_RETURN = "approve_return"
    REJECT_RETURN = "reject_return"
    ASSIGN = "assign"
    ADD_NOTE = "add_note"
    SUBMIT_OPINION = "submit_opinion"
    SUBMIT_REPLY = "submit_reply"
    APPROVE_REPLY = "approve_reply"
    SEND_BACK = "send_back"
    RECORD_REPLY = "record_reply"
    INSTRUCT = "instruct"
    REROUTE = "reroute"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    DENY_EXTENSION = "deny_extension"
    URGE = "urge"
    ACKNOWLEDGE_URGE = "acknowledge_urge"
    ISSUE_ORDER = "issue_order"
    ANSWER_ORDER = "answer_order"
    CLOSE_ORDER = "close_order"
    RECORD_CALLBACK = "record_callback"
    CLOSE = "close"
    CLOSE_UNREACHABLE = "close_unreachable"
    NO_CALLBACK = "no_callback"
    SCREEN_REASONABLE = "screen_reasonable"
    SCREEN_UNREASONABLE = "screen_unreasonable"
    REOPEN = "reopen"
    MERGE = "merge"
    LINK = "link"
    EDIT = "edit"

    @property
    def label(self) -> str:
        return SPEC[self].label


class Input(StrEnum):
    """What the action's dialog asks for before the service call."""

    CONFIRM = "confirm"  # a yes/no question
    CASE_FORM = "case_form"  # the registration form (修改登记信息)
    ROUTE = "route"  # tier, lead and assisting sections, opinion
    REASON = "reason"  # a reason or note text
    RETURN = "return"  # a reason code and its basis
    HANDLER = "handler"  # a person of the section
    REPLY = "reply"  # a reply text (from a template)
    REVIEW = "review"  # approve or send back, with a comment
    REPLY_SENT = "reply_sent"  # method and time of the reply
    EXTENSION = "extension"  # days and reason, or the desk's decision on them
    ORDER = "order"  # level, reason, response due date
    CALLBACK = "callback"  # outcome, satisfaction, resolved, remarks
    SCREENING = "screening"  # reasonable or not, with the reason
    OTHER_CASE = "other_case"  # the case to merge into or link with


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    label: str
    """The verb (Chinese source text): menu entries and the dialog's title."""
    event: EventKind
    """The timeline event the action writes."""
    input: Input
    order: int | None
    """Position of the action's button (the step that moves the case on first); None: no button of
    its own, it is offered inside the dialog of ``via``."""
    button: str = ""
    """The button's text when it differs from ``label``."""
    via: Action | None = None

    @property
    def button_text(self) -> str:
        return self.button or self.label


A, E, In = Action, EventKind, Input


def _specs() -> tuple[ActionSpec, ...]:
    rows = [
        # the step that moves the case on, first; it is the default button
        (A.SIGN, "签收", E.SIGNED, In.CONFIRM, ""),
        (A.ROUTE, "转办", E.DISPATCHED, In.ROUTE, ""),
        (A.HANDLE_DIRECTLY, "直办", E.HANDLED_DIRECTLY, In.ROUTE, ""),
        (A.APPROVE_RETURN, "同意退回", E.RETURN_APPROVED, In.ROUTE, "同意退回并改派"),
        (A.SUBMIT_REPLY, "提交答复", E.REPLY_SUBMITTED, In.REPLY, ""),
        (A.APPROVE_REPLY, "审核通过", E.REPLY_APPROVED, In.REVIEW, "审核答复"),
        (A.RECORD_REPLY, "登记答复", E.REPLIED, In.REPLY_SENT, ""),
        (A.RECORD_CALLBACK, "回访", E.CALLBACK, In.CALLBACK, ""),
        (A.CLOSE, "办结", E.CLOSED, In.REASON, ""),
        (A.SCREEN_REASONABLE, "甄别为合理", E.REOPENED, In.SCREENING, "甄别"),
        (A.NO_CALLBACK, "不回访", E.CLOSED, In.REASON, ""),
        (A.CLOSE_UNREACHABLE, "联系不上办结", E.CLOSED, In.REASON, ""),
        (A.REOPEN, "重办", E.REOPENED, In.REASON, ""),
        (A.SUBMIT_OPINION, "协办意见", E.OPINION, In.REASON, ""),
        # what supervision asks for
        (A.ANSWER_ORDER, "回复督办", E.ORDER_ANSWERED, In.REASON, ""),
        (A.ACKNOWLEDGE_URGE, "阅知催办", E.URGE_ACKNOWLEDGED, In.CONFIRM, ""),
        (A.APPROVE_EXTENSION, "审批延期", E.EXTENSION_APPROVED, In.EXTENSION, ""),
        (A.CLOSE_ORDER, "督办办结", E.ORDER_CLOSED, In.REASON, ""),
        # side actions
        (A.EDIT, "修改登记信息", E.EDITED, In.CASE_FORM, "修改"),
        (A.ASSIGN, "指派经办人", E.ASSIGNED, In.HANDLER, ""),
        (A.ADD_NOTE, "办理记录", E.NOTE, In.REASON, ""),
        (A.REQUEST_EXTENSION, "申请延期", E.EXTENSION_REQUESTED, In.EXTENSION, ""),
        (A.REQUEST_RETURN, "申请退回", E.RETURN_REQUESTED, In.RETURN, ""),
        (A.REJECT_RETURN, "驳回退回", E.RETURN_REJECTED, In.REASON, ""),
        (A.URGE, "催办", E.URGED, In.REASON, ""),
        (A.ISSUE_ORDER, "发督办单", E.ORDERED, In.ORDER, ""),
        (A.REJECT, "不予受理", E.REJECTED, In.REASON, ""),
        (A.REROUTE, "改派", E.REROUTED, In.ROUTE, ""),
        (A.INSTRUCT, "领导批示", E.INSTRUCTION, In.REASON, ""),
        (A.MERGE, "并单", E.MERGED, In.OTHER_CASE, ""),
        (A.LINK, "关联", E.LINKED, In.OTHER_CASE, ""),
    ]
    specs = [
        ActionSpec(action, label, event, kind, order, button)
        for order, (action, label, event, kind, button) in enumerate(rows)
    ]
    # offered inside another action's dialog (that dialog has both outcomes)
    specs += [
        ActionSpec(A.SEND_BACK, "退回修改", E.REPLY_SENT_BACK, In.REVIEW, None,
                   via=A.APPROVE_REPLY),
        ActionSpec(A.DENY_EXTENSION, "不同意延期", E.EXTENSION_DENIED, In.EXTENSION, None,
                   via=A.APPROVE_EXTENSION),
        ActionSpec(A.SCREEN_UNREASONABLE, "甄别为不合理", E.CLOSED, In.SCREENING, None,
                   via=A.SCREEN_REASONABLE),
    ]  # fmt: skip
    return tuple(specs)


SPECS: tuple[ActionSpec, ...] = _specs()
SPEC: Mapping[Action, ActionSpec] = {s.action: s for s in SPECS}
assert len(SPEC) == len(SPECS) == len(Action), "one spec per action"

BUTTON_ORDER: tuple[Action, ...] = tuple(
    s.action for s in sorted(SPECS, key=lambda s: s.order or 0) if s.order is not None
)
"""The action bar's order: the step that moves the case on comes first (the default button),
then what supervision asks for, then the side actions."""


def spec(action: Action | str) -> ActionSpec:
    return SPEC[Action(action)]


# --- who can take whose chance away ------------------------------------------------------------

OVERLAYS: frozenset[Action] = frozenset({
    A.ADD_NOTE, A.SUBMIT_OPINION, A.LINK, A.REQUEST_EXTENSION, A.URGE, A.ACKNOWLEDGE_URGE,
    A.ISSUE_ORDER, A.ANSWER_ORDER, A.CLOSE_ORDER,
})  # fmt: skip
"""Actions that add rows beside the case and leave its version alone (at most a supervision
counter on the case row changes), so they never make another user's save stale; the other
actions carry the version the user saw and are refused when the case moved since. An overlay
action carries the newest timeline event the user saw instead, so a refusal can still say who
moved the case first."""

QUIET_EVENTS: frozenset[EventKind] = frozenset(
    {SPEC[a].event for a in OVERLAYS}
    | {E.DUPLICATE_JOINED, E.ATTACHMENT_ADDED, E.ATTACHMENT_WITHDRAWN}
) - {s.event for s in SPECS if s.action not in OVERLAYS}
"""Timeline events written without moving the case's version (the overlays', a duplicate
joining its master, a file attached or withdrawn): never the reason a versioned save was refused."""

HARMLESS_EVENTS: frozenset[EventKind] = frozenset(
    {E.NOTE, E.OPINION, E.LINKED, E.DUPLICATE_JOINED, E.URGED, E.REVEALED, E.ATTACHMENT_ADDED}
)
"""Events that only add something and can take no one's chance to act away; never named as the
reason another user's action was refused."""


# --- period actions (statistics) --------------------------------------------------------------


class PeriodAction(StrEnum):
    FREEZE = "freeze_month"
    UNFREEZE = "unfreeze_month"


@dataclass(frozen=True)
class PeriodActionSpec:
    action: PeriodAction
    label: str
    roles: frozenset[Role]
    audit: str
    """The audit row's action code."""


PERIOD_SPECS: Mapping[PeriodAction, PeriodActionSpec] = {
    PeriodAction.FREEZE: PeriodActionSpec(
        PeriodAction.FREEZE, "锁定月报", frozenset({Role.DESK}), "report_freeze"
    ),
    PeriodAction.UNFREEZE: PeriodActionSpec(
        PeriodAction.UNFREEZE, "解除月报锁定", frozenset({Role.SYS_ADMIN}), "report_unfreeze"
    ),
}


def period_actions_for(roles: frozenset[str]) -> frozenset[PeriodAction]:
    """The period actions a user with ``roles`` may take."""
    return frozenset(a for a, s in PERIOD_SPECS.items() if any(r in s.roles for r in roles))


def require_period_action(roles: frozenset[str], action: PeriodAction) -> PeriodActionSpec:
    """The spec of ``action``, or ``PermissionDenied`` naming the roles it needs."""
    row = PERIOD_SPECS[action]
    require(roles, row.roles, row.label)
    return row
