"""Deadline maths (DESIGN.md §4): which time limit applies, when a clock ends, when it turns
yellow, and the warning level of a case at a moment.

Working-day limits count from the day after the clock starts (次日起算) and end at the close of
the N-th working day; hour and minute limits run on the clock and ignore working days. A clock
turns yellow when 70 % of its limit has elapsed or one working day is left, red once overdue.
Pure rules on a ``WorkCalendar``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotline_desk.domain.calendar import WorkCalendar, end_of_day, start_of_day
from hotline_desk.domain.enums.supervision import Clock, Level, LimitUnit
from hotline_desk.domain.errors import Msg

YELLOW_SHARE = 0.7
"""A clock turns yellow once this share of its limit has elapsed."""
MAX_AMOUNT = {LimitUnit.WORKDAYS: 120, LimitUnit.HOURS: 720, LimitUnit.MINUTES: 1440}


@dataclass(frozen=True)
class LimitRule:
    """A row of the time-limit table; None in a key matches any value."""

    clock: str
    urgency: str | None
    category: str | None
    channel: str | None
    amount: int
    unit: str
    id: int | None = None

    def matches(self, clock: str, urgency: str, category: str, channel: str) -> bool:
        return (
            self.clock == clock
            and self.urgency in (None, urgency)
            and self.category in (None, category)
            and self.channel in (None, channel)
        )

    @property
    def specificity(self) -> tuple[int, int, int, int]:
        """More keys given wins; among equals urgency outranks category outranks channel."""
        keys = (self.urgency, self.category, self.channel)
        return (sum(k is not None for k in keys), *(k is not None for k in keys))

    @property
    def text(self) -> str:
        """How a person says it: 15个工作日, 24小时, 30分钟."""
        return limit_text(self.amount, self.unit)


def limit_text(amount: int, unit: str) -> str:
    """A limit as stored with the case and printed on slips (``15个工作日``)."""
    return f"{amount}{LimitUnit(unit).label}"


def parse_limit_text(text: str) -> tuple[int, LimitUnit] | None:
    """The amount and unit of a ``limit_text`` (None for anything else)."""
    for unit in LimitUnit:
        number = text.removesuffix(unit.label)
        if number != text and number.isdigit():
            return int(number), unit
    return None


class NoLimit(LookupError):
    """No time-limit rule covers the case (the table lost its catch-all rows)."""


def pick_limit(
    rules: Iterable[LimitRule], clock: str, urgency: str, category: str, channel: str
) -> LimitRule:
    """The most specific rule for this clock and case."""
    candidates = [r for r in rules if r.matches(clock, urgency, category, channel)]
    if not candidates:
        raise NoLimit(Msg("时限表中没有适用于“{clock}”的规则", clock=Clock(clock)))
    return max(candidates, key=lambda r: r.specificity)


@dataclass(frozen=True)
class Deadline:
    start: datetime
    due: datetime
    warn_at: datetime


def compute_deadline(cal: WorkCalendar, start: datetime, amount: int, unit: str) -> Deadline:
    """When a clock started at ``start`` with this limit ends, and when it turns yellow."""
    if amount < 0:
        raise ValueError("a time limit cannot be negative")
    if unit == LimitUnit.WORKDAYS:
        cal_day = cal.add_workdays
        due = end_of_day(cal_day(start.date(), amount))
        # 70 % of N working days have elapsed part-way through working day floor(0.7N) + 1;
        # one working day is left from the start of the last one.
        share = YELLOW_SHARE * amount
        whole = math.floor(share)
        partial = start_of_day(cal_day(start.date(), whole + 1)) + timedelta(days=share - whole)
        warn = min(partial, start_of_day(due.date()))
        return Deadline(start, due, min(max(warn, start), due))
    minutes = amount * 60 if unit == LimitUnit.HOURS else amount
    if unit not in (LimitUnit.HOURS, LimitUnit.MINUTES):
        raise ValueError(f"unknown time-limit unit {unit!r}")
    due = start + timedelta(minutes=minutes)
    warn = start + timedelta(seconds=round(minutes * 60 * YELLOW_SHARE))
    return Deadline(start, due, warn)


def extend(cal: WorkCalendar, due: datetime, workdays: int) -> datetime:
    """An approved extension moves the effective deadline by whole working days."""
    return end_of_day(cal.add_workdays(due.date(), workdays))


def warn_before(cal: WorkCalendar, start: datetime, due: datetime) -> datetime:
    """The yellow moment of a deadline moved by an extension: one working day before it ends,
    or 70 % of the way from ``start``, whichever is later (an extension buys calm time)."""
    share = start + (due - start) * YELLOW_SHARE
    one_day_left = end_of_day(cal.add_workdays(due.date(), -1))
    return min(max(share, one_day_left, start), due)


def level_at(now: datetime, due: datetime | None, warn_at: datetime | None) -> Level:
    """The warning level of a clock at ``now`` (SQL computes the same from the two columns)."""
    if due is None:
        return Level.NORMAL
    if now > due:
        return Level.RED
    if warn_at is not None and now >= warn_at:
        return Level.YELLOW
    return Level.NORMAL


def working_days_taken(cal: WorkCalendar, received: datetime, replied: datetime) -> int:
    """平均办理时长's unit: working days from receipt to reply (a same-day reply is 0)."""
    return cal.workdays_between(received.date(), replied.date())


def overdue_workdays(cal: WorkCalendar, due: datetime, now: datetime) -> int:
    """How many working days a deadline is overdue by ``now``: the working days after the
    deadline's day up to and including today (0: overdue since earlier today)."""
    return cal.workdays_between(due.date(), now.date()) if now > due else 0


def overdue_since_before(cal: WorkCalendar, now: datetime, workdays: int) -> datetime:
    """Deadlines before this moment have been overdue on at least ``workdays`` working days by
    now, today counted: 1 is "since before today" (an urge is due the next working day); 5 is the
    red-order rule (the deadline's day, then five working days on)."""
    if workdays < 1:
        raise ValueError("count at least one working day")
    return start_of_day(cal.add_workdays(now.date(), -(workdays - 1)))
