"""Keeping a case's clocks (DESIGN.md §4) inside the transaction that moves it.

A clock's deadline is stored when the clock starts — dispatch starts the sign clock, receipt (or
dispatch or signing, an office setting) the reply clock, the recorded reply the callback clock,
a reopen the reopened-case clock — and changes later only through an approved extension, a
reopen, or a time-limit change the admin applies (``recompute``). A reply clock that runs from
receipt starts at registration, so a case nobody has routed yet goes yellow and red too; until
routing, a correction of the case's class or receipt recomputes it (``on_registration``).
``sync_due`` then points the case's ``due_at``/``warn_at`` at the clock running in its new
state, which is what the supervision board and the warning levels read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.calendar import WorkCalendar, start_of_day
from hotline_desk.domain.deadlines import (
    LimitRule,
    compute_deadline,
    extend,
    pick_limit,
    warn_before,
    working_days_taken,
)
from hotline_desk.domain.enums.handling import CaseStatus, Tier
from hotline_desk.domain.enums.supervision import Clock
from hotline_desk.services.admin import office
from hotline_desk.services.admin.calendar import calendar_at
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import TimeLimit

S = CaseStatus
REPLY_CLOCK_STATES = frozenset(
    {S.REGISTERED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED, S.RETURN_REQUESTED}
)
"""States in which the reply clock is the one running: the desk has yet to route the case (when
the clock runs from receipt), or the section (or the desk, tier 1) is on it."""


@dataclass(frozen=True)
class Rules:
    """What the deadline maths needs, loaded once per transaction (cached across them)."""

    calendar: WorkCalendar
    limits: tuple[LimitRule, ...]
    reply_clock_from: str  # received / dispatched / signed
    _picked: dict[tuple[str, str, str, str], LimitRule] = field(
        default_factory=dict, compare=False, repr=False
    )  # ``limit``'s answers: a batch of cases asks for few combinations

    def limit(self, clock: Clock, case: Case) -> LimitRule:
        key = (clock.value, case.urgency, case.category, case.channel)
        found = self._picked.get(key)
        if found is None:
            found = self._picked[key] = pick_limit(self.limits, *key)
        return found


def _load_limits(s: Session) -> tuple[LimitRule, ...]:
    rows = s.execute(select(TimeLimit).where(TimeLimit.active).order_by(TimeLimit.id)).scalars()
    return tuple(
        LimitRule(t.clock, t.urgency, t.category, t.channel, t.amount, t.unit, t.id) for t in rows
    )


_limits = office.RevisionCache(office.LIMITS_REVISION, _load_limits)


def load_limits(s: Session) -> tuple[LimitRule, ...]:
    """The active time-limit rules (cached per database and revision)."""
    return _limits.get(s)


RULE_KEYS = (office.CALENDAR_REVISION, office.LIMITS_REVISION, office.REPLY_CLOCK_FROM)
"""The settings the rules are made of, read in one statement (the tables cached by revision)."""


def rules_from(s: Session, values: tuple[object, ...]) -> Rules:
    """The rules from the values of ``RULE_KEYS`` (the calendar and limits of those revisions)."""
    calendar_revision, limits_revision, reply_clock_from = values
    return Rules(
        calendar=calendar_at(s, int(calendar_revision)),  # type: ignore[call-overload]
        limits=_limits.at(s, int(limits_revision)),  # type: ignore[call-overload]
        reply_clock_from=str(reply_clock_from),
    )


def load_rules(s: Session) -> Rules:
    return rules_from(s, office.read_many(s, RULE_KEYS))


# --- starting clocks ------------------------------------------------------------------------


def start_sign_clock(rules: Rules, case: Case, start: datetime) -> None:
    rule = rules.limit(Clock.SIGN, case)
    d = compute_deadline(rules.calendar, start, rule.amount, rule.unit)
    case.sign_deadline, case.sign_warn_at = d.due, d.warn_at


def start_reply_clock(
    rules: Rules, case: Case, start: datetime, clock: Clock = Clock.REPLY
) -> None:
    """The reply deadline from ``start`` (its original too: extensions move only the effective
    one). ``clock`` is ``REOPEN`` for a reopened case's shorter limit."""
    rule = rules.limit(clock, case)
    d = compute_deadline(rules.calendar, start, rule.amount, rule.unit)
    case.reply_clock_start = start
    case.reply_limit = rule.text
    case.reply_deadline = case.reply_deadline_original = d.due
    case.reply_warn_at = d.warn_at
    case.extension_days = 0


def _stop_reply_clock(case: Case) -> None:
    case.reply_clock_start = case.reply_deadline = case.reply_deadline_original = None
    case.reply_warn_at = None
    case.reply_limit = ""
    case.extension_days = 0


def start_unrouted_clock(rules: Rules, case: Case) -> None:
    """The clock of a case not routed yet: the reply clock from receipt when the office counts
    from there, under the limit for the case's urgency, category and channel as they are now;
    none when the clock counts from dispatch or signing."""
    if rules.reply_clock_from == "received":
        start_reply_clock(rules, case, case.received_at)
    else:
        _stop_reply_clock(case)
    sync_due(case)


def start_callback_clock(rules: Rules, case: Case, replied_at: datetime) -> None:
    rule = rules.limit(Clock.CALLBACK, case)
    case.callback_deadline = compute_deadline(
        rules.calendar, replied_at, rule.amount, rule.unit
    ).due
    case.reply_workdays = working_days_taken(rules.calendar, case.received_at, replied_at)


def apply_extension(rules: Rules, case: Case, workdays: int) -> tuple[datetime, datetime]:
    """Move the effective reply deadline by ``workdays``; returns (before, after)."""
    assert case.reply_deadline is not None and case.reply_clock_start is not None
    before = case.reply_deadline
    case.reply_deadline = extend(rules.calendar, before, workdays)
    case.reply_warn_at = warn_before(rules.calendar, case.reply_clock_start, case.reply_deadline)
    case.extension_days += workdays
    sync_due(case)
    return before, case.reply_deadline


def _reply_start(rules: Rules, case: Case, now: datetime) -> datetime | None:
    """When the reply clock of a routed case starts, or None if it starts later (at signing)."""
    wanted = rules.reply_clock_from
    if wanted == "received":
        return case.received_at
    if wanted == "dispatched" or case.tier == Tier.DIRECT:
        return case.dispatched_at or now
    return case.signed_at  # "signed": None until the section signs


UNROUTED_CLOCK_FIELDS = frozenset({"received_at", "urgency", "category", "channel"})
"""What an unrouted case's reply deadline depends on: its start and the time-limit rule's keys."""


def on_registration(s: Session, case: Case) -> None:
    """登记, and a correction of the case's class or receipt before routing
    (``UNROUTED_CLOCK_FIELDS``): (re)start the unrouted case's clock (``start_unrouted_clock``)."""
    start_unrouted_clock(load_rules(s), case)


def on_transition(s: Session, case: Case, action: Action, now: datetime) -> None:
    """Start the clocks this action starts, then point ``due_at`` at the running one. A reply
    clock already running (from receipt, since registration) keeps its deadline on routing.

    Called by ``pipeline.apply_in`` after the case took its new state, inside the same
    transaction, for every lifecycle action.
    """
    if action in (
        Action.ROUTE,
        Action.REROUTE,
        Action.APPROVE_RETURN,
        Action.HANDLE_DIRECTLY,
        Action.SIGN,
        Action.RECORD_REPLY,
    ):
        rules = load_rules(s)
        if action in (Action.ROUTE, Action.REROUTE, Action.APPROVE_RETURN):
            start_sign_clock(rules, case, case.dispatched_at or now)
        if case.reply_deadline is None and case.status != S.REPLIED:
            start = _reply_start(rules, case, now)
            if start is not None:
                start_reply_clock(rules, case, start)
        if action == Action.RECORD_REPLY and case.replied_at is not None:
            start_callback_clock(rules, case, case.replied_at)
            case.callback_status = case.callback_status or "pending"
    elif action in (Action.SCREEN_REASONABLE, Action.REOPEN):
        start_reply_clock(load_rules(s), case, now, Clock.REOPEN)  # 重办: the shorter limit
        case.callback_deadline = None  # the next reply starts the next callback clock
    sync_due(case)


def sync_due(case: Case) -> None:
    """Point ``due_at``/``warn_at``/``due_clock`` at the clock running in the case's state."""
    status = case.status
    due: datetime | None = None
    warn: datetime | None = None
    clock: str | None = None
    if status == S.DISPATCHED and case.sign_deadline is not None:
        due, warn, clock = case.sign_deadline, case.sign_warn_at, Clock.SIGN.value
        if case.reply_deadline is not None and case.reply_deadline < due:
            due, warn, clock = case.reply_deadline, case.reply_warn_at, Clock.REPLY.value
    elif status in REPLY_CLOCK_STATES or (status == S.DISPATCHED and case.reply_deadline):
        due, warn, clock = case.reply_deadline, case.reply_warn_at, Clock.REPLY.value
    elif status == S.REPLIED and case.callback_status in (None, "pending"):
        if case.callback_deadline is not None:
            due, clock = case.callback_deadline, Clock.CALLBACK.value
            warn = max(start_of_day(due.date()), case.replied_at or due)
    if due is None:
        clock = warn = None
    case.due_at, case.warn_at, case.due_clock = due, warn, clock


# --- recomputing (policy change, upgrade backfill) -------------------------------------------

OPEN_WITH_CLOCKS = (
    S.REGISTERED,
    S.DISPATCHED,
    S.IN_PROGRESS,
    S.AWAITING_APPROVAL,
    S.APPROVED,
    S.RETURN_REQUESTED,
    S.REPLIED,
)


def recompute_case(rules: Rules, case: Case) -> bool:
    """Recompute an open case's stored deadlines from their start times under the current
    rules, keeping approved extensions; True when anything changed."""
    before = _stored(case)
    if case.status == S.REGISTERED:
        start_unrouted_clock(rules, case)
        return before != _stored(case)
    if case.status == S.DISPATCHED and case.dispatched_at is not None:
        start_sign_clock(rules, case, case.dispatched_at)
    start = case.reply_clock_start or _reply_start(
        rules, case, case.dispatched_at or case.received_at
    )
    if start is not None and case.status != S.REPLIED:
        extension = case.extension_days
        reopened = case.reopen_count > 0 and case.reopened_at is not None
        start_reply_clock(
            rules,
            case,
            case.reopened_at if reopened else start,  # type: ignore[arg-type]
            Clock.REOPEN if reopened else Clock.REPLY,
        )
        if extension:
            apply_extension(rules, case, extension)
    if case.status == S.REPLIED and case.replied_at is not None:
        start_callback_clock(rules, case, case.replied_at)
    sync_due(case)
    return before != _stored(case)


def _stored(case: Case) -> tuple[datetime | None, ...]:
    return (
        case.sign_deadline,
        case.reply_deadline,
        case.reply_deadline_original,
        case.callback_deadline,
        case.due_at,
    )


def recompute_open_cases(
    s: Session,
    where: Iterable[object] = (),
    on_case: Callable[[Case], None] | None = None,
    batch: int = 500,
) -> int:
    """Recompute every open case matching ``where`` (in batches by id); returns how many
    changed. ``on_case`` is told of each changed case (to write its timeline event)."""
    rules = load_rules(s)
    changed = 0
    last_id = 0
    while True:
        cases = list(
            s.execute(
                select(Case)
                .where(
                    Case.status.in_([x.value for x in OPEN_WITH_CLOCKS]), Case.id > last_id, *where
                )  # type: ignore[arg-type]
                .order_by(Case.id)
                .limit(batch)
                .with_for_update()  # the one lock order: cases by ascending id (store/locks.py)
            ).scalars()
        )
        if not cases:
            return changed
        for case in cases:
            if recompute_case(rules, case):
                changed += 1
                if on_case is not None:
                    on_case(case)
        last_id = cases[-1].id
        s.flush()


CLOCK_RULES = 1
"""Which cases this release runs clocks on, raised when a release starts clocks where the one
before ran none (1: unrouted cases, from receipt), so that start-up gives an existing
database's open cases theirs once (``admin.setup.prepare_deadlines``)."""


def backfill_deadlines(s: Session) -> int:
    """Give open cases without any deadline theirs: those from before deadlines existed
    (migration 0004), and unrouted ones from before their reply clock ran from receipt; and
    dispatched cases whose dispatch time an upgrade filled in (0007) their sign deadline."""
    no_clock = and_(Case.due_at.is_(None), Case.reply_deadline.is_(None))
    unsigned = and_(
        Case.status == S.DISPATCHED.value,
        Case.dispatched_at.is_not(None),
        Case.sign_deadline.is_(None),
    )
    return recompute_open_cases(s, where=(or_(no_clock, unsigned),))
