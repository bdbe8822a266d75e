"""The working-day calendar (DESIGN.md §4): which days are working days, counted forwards and
backwards, with a Monday–Friday fallback for years nobody has maintained yet.

Pure rules: the services load the ``calendar_days`` rows into a ``WorkCalendar``; seeding those
rows from the ``chinesecalendar`` package happens in the services as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

END_OF_DAY = time(23, 59, 59)
"""Working-day limits end at the close of their last day."""


@dataclass(frozen=True)
class DayInfo:
    day: date
    is_workday: bool
    name: str  # 国庆节, 调休上班(春节), 周末, or "" for an ordinary working day
    maintained: bool  # False: the year has no data and Mon–Fri is assumed


def default_is_workday(day: date) -> bool:
    return day.weekday() < 5


def default_name(day: date) -> str:
    return "" if default_is_workday(day) else "周末"


class WorkCalendar:
    """Working days of maintained years from ``days``; any other year is Monday–Friday.

    ``days`` maps a date to (is_workday, name); ``years`` are the maintained years. A day of a
    maintained year missing from ``days`` also falls back to its weekday.
    """

    def __init__(self, days: Mapping[date, tuple[bool, str]], years: Iterable[int]) -> None:
        self._days = dict(days)
        self.years = frozenset(years)
        self._added: dict[tuple[date, int], date] = {}  # add_workdays' answers (days are fixed)

    @classmethod
    def weekdays_only(cls) -> WorkCalendar:
        return cls({}, ())

    def is_maintained(self, year: int) -> bool:
        return year in self.years

    def info(self, day: date) -> DayInfo:
        found = self._days.get(day)
        if found is not None:
            return DayInfo(day, found[0], found[1], day.year in self.years)
        return DayInfo(day, default_is_workday(day), default_name(day), day.year in self.years)

    def is_workday(self, day: date) -> bool:
        found = self._days.get(day)
        return found[0] if found is not None else default_is_workday(day)

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (次日起算: ``start`` itself never counts);
        with ``n`` = 0, ``start``. Negative ``n`` counts backwards: the ``|n|``-th working day
        before ``start``."""
        found = self._added.get((start, n))
        if found is not None:
            return found
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        day = start
        while remaining:
            day += timedelta(days=step)
            if self.is_workday(day):
                remaining -= 1
        if len(self._added) < 20_000:  # a clock's day and limit: a few thousand at most
            self._added[(start, n)] = day
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` ≤ ``start``)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def missing_years(self, years: Iterable[int]) -> list[int]:
        """Which of ``years`` fall back to Monday–Friday (for the banner)."""
        return sorted({y for y in years if y not in self.years})


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min)
