"""Office hours for demo data and the screenshots' clock: citizens call at any time, but staff
sign, route, reply, approve and call back on working days (the bureau's calendar) from 08:30 to
12:00 and 14:00 to 18:00. ``OfficeHours.at`` moves a moment the generator drew to the next such
time, and ``screenshot_clock`` is the one fixed "now" the screenshots are taken at: the next
office moment after everything the database holds, so no time shown lies in the future."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from time import monotonic

from sqlalchemy import Connection, func, select

from hotline_desk.domain.calendar import WorkCalendar
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.supervision.clocks import load_rules
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.callbacks import Callback

MORNING = (time(8, 30), time(12, 0))
AFTERNOON = (time(14, 0), time(18, 0))
TEA_TIME = time(15, 30)
"""When the screenshots are taken after a night or a weekend."""
SPREAD_MINUTES = 90
"""A step that would fall outside office hours happens within this long after the next opening
(less than either half-day, so it never leaves it)."""


def in_office_hours(calendar: WorkCalendar, t: datetime) -> bool:
    """Whether a member of staff could have acted at ``t``."""
    now = t.time()
    in_slot = MORNING[0] <= now < MORNING[1] or AFTERNOON[0] <= now < AFTERNOON[1]
    return in_slot and calendar.is_workday(t.date())


class OfficeHours:
    """Moves drawn moments into office hours (never earlier: the order of steps is kept)."""

    def __init__(self, calendar: WorkCalendar, rng: random.Random) -> None:
        self.calendar, self.rng = calendar, rng
        self._workdays: dict[date, bool] = {}
        self._next: dict[date, date] = {}

    def workday(self, day: date) -> bool:
        found = self._workdays.get(day)
        if found is None:
            found = self._workdays[day] = self.calendar.is_workday(day)
        return found

    def _opening(self, day: date, at: time) -> datetime:
        jitter = self.rng.random() * SPREAD_MINUTES * 60
        return datetime.combine(day, at) + timedelta(seconds=int(jitter))

    def at(self, t: datetime) -> datetime:
        """``t`` if it falls in office hours, else a few minutes after the next opening."""
        day, clock = t.date(), t.time()
        if self.workday(day):
            if clock < MORNING[0]:
                return self._opening(day, MORNING[0])
            if clock < MORNING[1]:
                return t
            if clock < AFTERNOON[0]:
                return self._opening(day, AFTERNOON[0])
            if clock < AFTERNOON[1]:
                return t
        following = self._next.get(day)
        if following is None:
            following = self._next[day] = self.calendar.add_workdays(day, 1)
        return self._opening(following, MORNING[0])

    def later(self, t: datetime, low_hours: float, high_hours: float) -> datetime:
        """A working moment between ``low_hours`` and ``high_hours`` after ``t`` (or the next
        one)."""
        return self.at(t + timedelta(hours=self.rng.uniform(low_hours, high_hours)))


def latest_record(conn: Connection) -> datetime | None:
    """The latest moment the database speaks of: receipts, timeline steps and callbacks."""
    found = [
        conn.execute(select(func.max(Case.received_at))).scalar(),
        conn.execute(select(func.max(CaseEvent.at))).scalar(),
        conn.execute(select(func.max(Callback.at))).scalar(),
    ]
    stamps = [_as_datetime(v) for v in found if v is not None]
    return max(stamps) if stamps else None


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))  # SQLite's max() of a text column


def screenshot_clock(calendar: WorkCalendar, latest: datetime | None,
                     fallback: datetime) -> datetime:  # fmt: skip
    """The screenshots' "now": a working-day afternoon after ``latest`` (the latest record),
    to the minute — ten minutes after it when that is one, else 15:30 of the day (or of the next
    working day), so the morning's work can have happened; ``fallback`` (the wall clock) on an
    empty database."""
    if latest is None:
        return fallback.replace(second=0, microsecond=0)
    t = (latest + timedelta(minutes=10)).replace(second=0, microsecond=0)
    day = t.date()
    if calendar.is_workday(day):
        if AFTERNOON[0] <= t.time() < AFTERNOON[1]:
            return t
        if t.time() < TEA_TIME:
            return datetime.combine(day, TEA_TIME)
    return datetime.combine(calendar.add_workdays(day, 1), TEA_TIME)


def fix_clock(ctx: ServiceContext) -> datetime:
    """Set ``ctx``'s clock to start at ``screenshot_clock`` of its database and tick on with
    real time (so waits still end); returns the start. Everything the screenshots write or show
    is dated by it."""
    with ctx.engines.reader.connect() as conn:
        latest = latest_record(conn)
    start = screenshot_clock(office_calendar(ctx), latest, ctx.now())
    began = monotonic()

    def clock() -> datetime:
        return start + timedelta(seconds=int(monotonic() - began))

    ctx.clock = clock
    ctx.uow.clock = clock
    return start


def office_calendar(ctx: ServiceContext) -> WorkCalendar:
    """The bureau's working-day calendar."""
    with ctx.uow.read() as uow:
        return load_rules(uow.session).calendar
