"""Which pairs of actions race, derived from the lifecycle table.

Two actions the table allows on the same case at once conflict when

- both change the case row (neither is an overlay, ``OVERLAYS``): the row lock and the version
  let only one of them through, whichever comes first (``EXCLUSIVE``);
- they are the same overlay that uses up what allowed it (``USED_UP``: a second extension
  request while the first waits, a second 已阅, a second answer or closing of one order, a second
  link of the same two cases, a second yellow order): one succeeds (``EXCLUSIVE``);
- one changes the state into one where the table has no row for the other (an extension request
  against a return request that moves the case to 退回待审): the overlay may still succeed
  first, so one or both succeed (``ORDERED``).

Everything else commutes; ``COMMUTING`` names a few such pairs the suite races to show that an
additive action or the desk's urge never makes anyone's save fail. ``ISSUE`` are the pairs the
issue names, raced at full length in CI; ``NAMED`` adds the other pairs its brief lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations_with_replacement

from hotline_desk.domain.actions import OVERLAYS, Action
from hotline_desk.domain.lifecycle import transition_for

A = Action
EXCLUSIVE, ORDERED, COMMUTES = "exclusive", "ordered", "commutes"
USED_UP = frozenset({A.REQUEST_EXTENSION, A.ACKNOWLEDGE_URGE, A.ANSWER_ORDER, A.CLOSE_ORDER,
                     A.LINK, A.ISSUE_ORDER})  # fmt: skip


@dataclass(frozen=True)
class Pair:
    setting: str
    a: Action
    b: Action
    kind: str

    @property
    def name(self) -> str:
        return f"{self.setting}:{self.a.value}/{self.b.value}"


def _pairs(kind: str, *rows: tuple[str, Action, Action]) -> tuple[Pair, ...]:
    return tuple(Pair(setting, a, b, kind) for setting, a, b in rows)


ISSUE: tuple[Pair, ...] = _pairs(
    EXCLUSIVE,
    ("dispatched", A.SIGN, A.SIGN),
    ("dispatched", A.SIGN, A.REQUEST_RETURN),
    ("awaiting_approval", A.APPROVE_REPLY, A.SEND_BACK),
    ("return_requested", A.APPROVE_RETURN, A.REJECT_RETURN),
    ("in_progress", A.REQUEST_EXTENSION, A.REQUEST_EXTENSION),
    ("extension_pending", A.APPROVE_EXTENSION, A.APPROVE_EXTENSION),
    ("extension_pending", A.DENY_EXTENSION, A.DENY_EXTENSION),
    ("extension_pending", A.APPROVE_EXTENSION, A.DENY_EXTENSION),
    ("registered", A.ROUTE, A.REJECT),
    ("callback_due", A.RECORD_CALLBACK, A.RECORD_CALLBACK),
    ("registered", A.MERGE, A.ROUTE),
)
"""The pairs issue 13 names (sign/sign, sign/return, approve/send back, approve-return/
reject-return, request extension twice, decide extension twice, route/reject, callback/callback,
merge/route)."""

NAMED: tuple[Pair, ...] = ISSUE + _pairs(
    EXCLUSIVE,
    ("registered", A.ROUTE, A.ROUTE),
    ("registered", A.MERGE, A.MERGE),
    ("in_progress", A.SUBMIT_REPLY, A.SUBMIT_REPLY),
    ("approved", A.RECORD_REPLY, A.RECORD_REPLY),
    ("callback_unreached", A.RECORD_CALLBACK, A.CLOSE_UNREACHABLE),
    ("satisfied", A.CLOSE, A.CLOSE),
    ("unsatisfied", A.SCREEN_REASONABLE, A.SCREEN_UNREASONABLE),
    ("closed", A.REOPEN, A.REOPEN),
    ("in_progress", A.ACKNOWLEDGE_URGE, A.ACKNOWLEDGE_URGE),
    ("order_open", A.ANSWER_ORDER, A.ANSWER_ORDER),
    ("order_answered", A.CLOSE_ORDER, A.CLOSE_ORDER),
)
"""The issue's pairs and the others its brief lists (route twice, merge twice, reply submitted
or recorded twice, the closing and reopening pairs, the supervision answers)."""

COMMUTING: tuple[Pair, ...] = _pairs(
    COMMUTES,
    ("in_progress", A.ADD_NOTE, A.ADD_NOTE),
    ("in_progress", A.SUBMIT_OPINION, A.SUBMIT_OPINION),
    ("in_progress", A.URGE, A.SUBMIT_REPLY),
    ("in_progress", A.URGE, A.ACKNOWLEDGE_URGE),
    ("in_progress", A.ADD_NOTE, A.SUBMIT_REPLY),
)


def kind_of(a: Action, b: Action, after_a: str, after_b: str) -> str:
    """How ``a`` and ``b`` started on the same case interact; ``after_x``: the state the case
    is in once ``x`` alone has run."""
    if a not in OVERLAYS and b not in OVERLAYS:
        return EXCLUSIVE
    if a == b:
        return EXCLUSIVE if a in USED_UP else COMMUTES
    for mover, overlay, after in ((a, b, after_a), (b, a, after_b)):
        if mover not in OVERLAYS and transition_for(after, overlay) is None:
            return ORDERED
    return COMMUTES


def derive(enabled: Mapping[str, Mapping[Action, str]], states: Mapping[str, str]) -> list[Pair]:
    """Every conflicting pair of the actions the table offers on each setting (``enabled``:
    setting -> action -> the state its row leads to), once per lifecycle state
    (``states``: setting -> its state; the first setting of a state that offers both wins)."""
    found, seen = [], set()
    for setting, actions in enabled.items():
        ordered = sorted(actions, key=list(Action).index)
        for a, b in combinations_with_replacement(ordered, 2):
            kind = kind_of(a, b, actions[a], actions[b])
            key = (states[setting], a, b)
            if kind != COMMUTES and key not in seen:
                seen.add(key)
                found.append(Pair(setting, a, b, kind))
    return found


def without(pairs: Iterable[Pair], known: Iterable[Pair]) -> list[Pair]:
    """``pairs`` less those raced already (the same setting and actions, either order)."""
    seen = {(p.setting, frozenset((p.a, p.b))) for p in known}
    return [p for p in pairs if (p.setting, frozenset((p.a, p.b))) not in seen]
