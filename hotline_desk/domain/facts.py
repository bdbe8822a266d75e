"""The statistics' facts (DESIGN.md §6, issue 12): what happened to a case, one row per
happening, dated when it happened and never rewritten — a receipt, a dispatch, a signing, each
round's reply and closing, each callback attempt, a reopen, an approved extension or return, a
merge. Each fact carries the cell it happened in (section, category, channel, topic, tier as
they stood then) and the case's state right after it (open, replied in this round, the reply
deadline as it stood), so the state at any past instant is the state of each case's latest fact
before it.

Month M's figures read facts dated inside M and the state at its start and end; nothing done
after M — a reopen, a late callback, a re-route, an extension — can change them, because those
add facts dated after M.

``history_facts`` derives the facts of a case from its stored records (the case row, its
timeline events, callbacks, extensions, returns and duplicate links): the upgrade to facts
(migration 0006), the demo data and hand-built test data use it. Live work records facts as it
happens (``store/fact_recorder.py``) with the same rules (``judge_*``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum


class FactKind(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"  # to a section or unit (tier 2/3); direct handling is not one
    SIGNED = "signed"
    REPLIED = "replied"
    CALLBACK_DUE = "callback_due"  # a round's callback clock started (at the reply)
    CALLBACK = "callback"  # one callback attempt (outcome, rating)
    CLOSED = "closed"
    ENDED = "ended"  # rejected (不予受理) or merged (并单): ended without closing
    REOPENED = "reopened"
    EXTENDED = "extended"  # an extension approved
    RETURNED = "returned"  # a return (退单) approved; cell = the section that asked
    DUPLICATE = "duplicate"  # merged or marked as a duplicate (once per case)
    MOVED_OUT = "moved_out"  # an open case left this cell (routed, re-routed, edited) …
    MOVED_IN = "moved_in"  # … and came into this one
    STATE = "state"  # the state changed with nothing else to say (deadline, limits)


REENTERED = "ended"  # a REOPENED fact's outcome when the case had ended (not a re-screening)
STILL_OPEN = "open"

SETTLE = timedelta(hours=1)
"""How long after an instant what happened before it is taken as final: a transaction begun
just before may still commit a fact dated before it (desks' clocks agree to within this)."""

# Callback outcomes that take a round out of 回访率's base.
NOT_REQUIRED_OUTCOMES = ("refused", "not_required")
DUE_REQUIRED = "required"
DUE_ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Cell:
    """Where a fact counts: the groups of every statistics breakdown, as they stood."""

    section_id: int | None = None
    category: str | None = None
    channel: str | None = None
    topic_id: int | None = None
    tier: int | None = None


@dataclass(frozen=True)
class CaseState:
    """The case right after a fact: what the carry-over and the open-overdue count read."""

    is_open: bool = True
    replied: bool = False  # replied in the current round
    reply_due: datetime | None = None  # the effective reply deadline as it stood


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    at: datetime
    round: int
    cell: Cell
    state: CaseState
    due_at: datetime | None = None  # the deadline the fact is judged against (or its clock's)
    on_time: bool | None = None
    workdays: int | None = None
    outcome: str | None = None  # callback outcome; callback_due: required / anonymous
    rating: str | None = None
    resolved: bool | None = None


def judge(at: datetime, deadline: datetime | None) -> bool:
    """On time: no later than the deadline as it stood (no deadline: on time)."""
    return deadline is None or at <= deadline


def overdue_at(state: CaseState, instant: datetime) -> bool:
    """Open, not replied in its round, and past the reply deadline as it stood at ``instant``."""
    return (
        state.is_open
        and not state.replied
        and state.reply_due is not None
        and state.reply_due < instant
    )


# --- deriving the facts of a stored case -----------------------------------------------------


@dataclass(frozen=True)
class CallbackRow:
    at: datetime
    round: int
    outcome: str
    satisfaction: str | None
    resolved: bool | None


@dataclass(frozen=True)
class ExtensionRow:
    decided_at: datetime
    deadline_before: datetime | None
    deadline_after: datetime | None


@dataclass
class CaseHistory:
    """A case's stored records, as ``history_facts`` reads them (plain values)."""

    received_at: datetime
    category: str | None
    channel: str | None
    topic_id: int | None
    section_id: int | None
    tier: int | None
    anonymous: bool = False
    dispatched_at: datetime | None = None
    signed_at: datetime | None = None
    sign_deadline: datetime | None = None
    replied_at: datetime | None = None
    reply_deadline: datetime | None = None
    reply_deadline_original: datetime | None = None
    reply_workdays: int | None = None
    callback_deadline: datetime | None = None
    callback_status: str | None = None
    closed_at: datetime | None = None
    ended_at: datetime | None = None
    merged: bool = False
    reopen_count: int = 0
    events: list[tuple[str, datetime]] = field(default_factory=list)  # (event kind, at)
    callbacks: list[CallbackRow] = field(default_factory=list)
    extensions: list[ExtensionRow] = field(default_factory=list)  # approved ones
    returns: list[tuple[datetime, int]] = field(default_factory=list)  # (decided, asker)
    linked_at: datetime | None = None  # first marked as a duplicate


ROUTED_TIERS = (2, 3)
_ORDER = {k: i for i, k in enumerate((
    FactKind.RECEIVED, FactKind.MOVED_IN, FactKind.RETURNED, FactKind.DISPATCHED, FactKind.SIGNED,
    FactKind.EXTENDED, FactKind.REPLIED, FactKind.CALLBACK_DUE, FactKind.CALLBACK,
    FactKind.CLOSED, FactKind.DUPLICATE, FactKind.ENDED, FactKind.REOPENED, FactKind.STATE,
    FactKind.MOVED_OUT,
))}  # fmt: skip


def _times(column: datetime | None, events: Iterable[tuple[str, datetime]],
           kinds: tuple[str, ...]) -> list[datetime]:  # fmt: skip
    out = {at for kind, at in events if kind in kinds}
    if column is not None:
        out.add(column)
    return sorted(out)


def history_facts(h: CaseHistory) -> list[Fact]:
    """The facts of a stored case, oldest first.

    What the records cannot tell (named in migration 0006 and the README): the cell before the
    latest edit or re-route (a case counts under its current section, category and topic from
    its first dispatch on, and as 未转办 before it); the reply deadline and the working days of
    a round before the latest reopen (its reply is judged against the deadline of round 0 kept
    in ``reply_deadline_original`` when there was no reopen, else counted on time; its working
    days are left out of the average); the callback deadline of a round before the latest
    reopen (its round is not in 回访率's base; its ratings still count).
    """
    ev = h.events
    reopens = _times(None, ev, ("reopened",))
    points: list[tuple[datetime, FactKind, dict[str, object]]] = [
        (h.received_at, FactKind.RECEIVED, {})
    ]
    first_dispatch = min(_times(h.dispatched_at, ev, ("dispatched", "rerouted",
                                                     "handled_directly", "return_approved")),
                         default=None)  # fmt: skip
    if h.tier in ROUTED_TIERS:
        for at in _times(h.dispatched_at, ev, ("dispatched", "rerouted", "return_approved")):
            points.append((at, FactKind.DISPATCHED, {}))
    for at in _times(h.signed_at, ev, ("signed",)) if h.tier in ROUTED_TIERS else ():
        latest = at == h.signed_at
        points.append((at, FactKind.SIGNED, {
            "due_at": h.sign_deadline if latest else None,
            "on_time": judge(at, h.sign_deadline if latest else None)}))  # fmt: skip
    for at in _times(h.replied_at, ev, ("replied",)):
        points.append((at, FactKind.REPLIED, {"latest": at == h.replied_at}))
    for at in _times(h.closed_at, ev, ("closed",)):
        points.append((at, FactKind.CLOSED, {}))
    if h.ended_at is not None and h.ended_at != h.closed_at:
        points.append((h.ended_at, FactKind.ENDED, {}))
    for at in reopens:
        points.append((at, FactKind.REOPENED, {}))
    for x in h.extensions:
        points.append((x.decided_at, FactKind.EXTENDED, {"due_at": x.deadline_after}))
    for decided, asker in h.returns:
        points.append((decided, FactKind.RETURNED, {"asker": asker}))
    dup = [t for t in (h.linked_at, h.ended_at if h.merged else None) if t is not None]
    if dup:
        points.append((min(dup), FactKind.DUPLICATE, {}))
    for cb in h.callbacks:
        points.append((cb.at, FactKind.CALLBACK, {"cb": cb}))
    points.sort(key=lambda p: (p[0], _ORDER[p[1]]))
    return _walk(h, points, first_dispatch, len(reopens))


def _reply_round(h: CaseHistory, reopens: int) -> int:
    """The round of the latest reply: the one whose callback deadline the case row keeps."""
    if h.replied_at is None:
        return reopens
    return sum(1 for kind, at in h.events if kind == "reopened" and at <= h.replied_at)


def _round_deadline(h: CaseHistory, round_no: int, rounds: int, at: datetime) -> datetime | None:
    """The effective reply deadline of ``round_no`` as it stood at ``at``."""
    if round_no != rounds:  # an earlier round: only round 0's original survives a reopen
        return h.reply_deadline_original if rounds == 0 else None
    due = h.reply_deadline_original if rounds == 0 else None
    for x in sorted(h.extensions, key=lambda x: x.decided_at):
        if due is None and x.deadline_before is not None:
            due = x.deadline_before
        if x.decided_at <= at:
            due = x.deadline_after or due
    if due is None:
        due = h.reply_deadline
    return due


def _walk(h: CaseHistory, points: list[tuple[datetime, FactKind, dict[str, object]]],
          first_dispatch: datetime | None, rounds: int) -> list[Fact]:  # fmt: skip
    out: list[Fact] = []
    state = CaseState(reply_due=_round_deadline(h, 0, rounds, h.received_at))
    round_no = 0
    routed = Cell(None, h.category, h.channel, h.topic_id, None)
    if first_dispatch is not None and first_dispatch > h.received_at:
        points.append((first_dispatch, FactKind.MOVED_IN, {}))
        points.sort(key=lambda p: (p[0], _ORDER[p[1]]))
    for at, kind, extra in points:
        before = routed
        if first_dispatch is not None and at >= first_dispatch:
            routed = Cell(h.section_id, h.category, h.channel, h.topic_id, h.tier)
        cell = routed
        values: dict[str, object] = {}
        if kind == FactKind.MOVED_IN:  # routed: out of 未转办 into the section, if still open
            if state.is_open and before != routed:
                out.append(Fact(FactKind.MOVED_OUT, at, round_no, before, state))
                out.append(Fact(FactKind.MOVED_IN, at, round_no, routed, state))
            continue
        if kind == FactKind.REOPENED:
            round_no += 1
            values["outcome"] = STILL_OPEN if state.is_open else REENTERED
            state = CaseState(True, False, _round_deadline(h, round_no, rounds, at))
        elif kind in (FactKind.CLOSED, FactKind.ENDED):
            state = CaseState(False, state.replied, state.reply_due)  # (``replace`` is slow)
        elif kind == FactKind.EXTENDED:
            state = CaseState(
                state.is_open, state.replied, _round_deadline(h, round_no, rounds, at)
            )
            values["due_at"] = extra.get("due_at")
        elif kind == FactKind.RETURNED:
            cell = replace(cell, section_id=extra["asker"])  # type: ignore[arg-type]
        elif kind == FactKind.SIGNED:
            values.update(due_at=extra["due_at"], on_time=extra["on_time"])
        elif kind == FactKind.REPLIED:
            due = state.reply_due
            latest = bool(extra["latest"])
            values.update(due_at=due, on_time=judge(at, due),
                          workdays=h.reply_workdays if latest else None)  # fmt: skip
            state = CaseState(state.is_open, True, state.reply_due)
        elif kind == FactKind.CALLBACK:
            cb: CallbackRow = extra["cb"]  # type: ignore[assignment]
            kept = cb.round == _reply_round(h, rounds) and not h.anonymous
            values.update(outcome=cb.outcome, rating=cb.satisfaction, resolved=cb.resolved,
                          due_at=h.callback_deadline if kept else None)  # fmt: skip
        out.append(Fact(kind, at, round_no, cell, state, **values))  # type: ignore[arg-type]
        if kind == FactKind.REPLIED and extra["latest"] and h.callback_deadline is not None:
            out.append(Fact(FactKind.CALLBACK_DUE, at, round_no, cell, state,
                            due_at=h.callback_deadline,
                            outcome=DUE_ANONYMOUS if h.anonymous else DUE_REQUIRED))  # fmt: skip
    return out
