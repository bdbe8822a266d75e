"""Deadline maths on the real 2026 holiday calendar (from chinesecalendar): National Day and the
Spring Festival, make-up Saturdays, a case received on a holiday, clock hours over a weekend,
an unmaintained year, extensions, warning levels; and properties that hold for any start."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hotline_desk.domain.calendar import END_OF_DAY, WorkCalendar
from hotline_desk.domain.deadlines import (
    LimitRule,
    NoLimit,
    compute_deadline,
    extend,
    level_at,
    limit_text,
    overdue_since_before,
    pick_limit,
    warn_before,
    working_days_taken,
)
from hotline_desk.domain.enums.supervision import Level
from hotline_desk.services.admin.calendar import package_days


def _calendar() -> WorkCalendar:
    days = {d: (w, n) for year in (2025, 2026) for d, w, n in package_days(year)}
    return WorkCalendar(days, (2025, 2026))


CAL = _calendar()


def eod(y: int, m: int, d: int) -> datetime:
    return datetime.combine(date(y, m, d), END_OF_DAY)


def workdays(start: datetime, n: int) -> datetime:
    return compute_deadline(CAL, start, n, "workdays").due


def test_national_day_holidays_do_not_count_and_the_makeup_saturday_does() -> None:
    # received Wed 30 Sep: 1–7 Oct are holidays, Thu 8 and Fri 9 count, Sat 10 Oct is a 调休 workday
    assert workdays(datetime(2026, 9, 30, 15, 0), 3) == eod(2026, 10, 10)
    assert workdays(datetime(2026, 9, 30, 15, 0), 4) == eod(2026, 10, 12)


def test_spring_festival_and_its_makeup_saturdays() -> None:
    # Fri 13 Feb: Sat 14 is a make-up workday (1), 15–23 off, then 24, 25, 26, 27
    assert workdays(datetime(2026, 2, 13, 10, 0), 5) == eod(2026, 2, 27)
    # Fri 27 Feb with one working day: the make-up Saturday 28 Feb
    assert workdays(datetime(2026, 2, 27, 16, 0), 1) == eod(2026, 2, 28)


def test_received_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert workdays(datetime(2026, 2, 17, 9, 30), 3) == eod(2026, 2, 26)
    assert workdays(datetime(2026, 10, 3, 20, 0), 1) == eod(2026, 10, 8)


def test_clock_hours_ignore_weekends_and_holidays() -> None:
    friday_evening = datetime(2026, 11, 20, 18, 0)
    d = compute_deadline(CAL, friday_evening, 24, "hours")
    assert d.due == datetime(2026, 11, 21, 18, 0)
    assert d.warn_at == friday_evening + timedelta(hours=24 * 0.7)
    assert compute_deadline(CAL, datetime(2026, 10, 1, 8, 0), 30, "minutes").due == datetime(
        2026, 10, 1, 8, 30
    )


def test_a_year_without_data_falls_back_to_monday_to_friday() -> None:
    assert not CAL.is_maintained(2027)
    # Thu 31 Dec 2026 + 3: Fri 1 Jan 2027 counts (no holiday data yet), then Mon 4, Tue 5
    assert workdays(datetime(2026, 12, 31, 10, 0), 3) == eod(2027, 1, 5)
    assert CAL.missing_years([2026, 2027]) == [2027]
    assert not CAL.info(date(2027, 1, 2)).is_workday and not CAL.info(date(2027, 1, 2)).maintained


def test_an_extension_moves_the_deadline_by_working_days() -> None:
    due = eod(2026, 11, 27)  # a Friday
    assert extend(CAL, due, 5) == eod(2026, 12, 4)
    assert extend(CAL, eod(2026, 9, 30), 2) == eod(2026, 10, 9)
    start = datetime(2026, 11, 20, 10, 0)
    warn = warn_before(CAL, start, eod(2026, 12, 4))
    assert warn == eod(2026, 12, 3), "yellow once one working day is left"


def test_warning_moments_and_levels() -> None:
    start = datetime(2026, 11, 2, 9, 0)  # Monday
    d = compute_deadline(CAL, start, 15, "workdays")
    assert d.due == eod(2026, 11, 23)
    # 70 % of 15 working days: half-way through the 11th working day (Tue 17 Nov)
    assert d.warn_at == datetime(2026, 11, 17, 12, 0)
    # 70 % of 5 = 3.5: noon of the 4th working day; of 3: one day left wins (start of day 3)
    five = compute_deadline(CAL, datetime(2026, 11, 20, 10, 0), 5, "workdays")
    assert five.warn_at == datetime(2026, 11, 26, 12, 0)
    three = compute_deadline(CAL, datetime(2026, 11, 20, 10, 0), 3, "workdays")
    assert three.warn_at == datetime(2026, 11, 25, 0, 0)
    assert level_at(datetime(2026, 11, 10, 9, 0), d.due, d.warn_at) == Level.NORMAL
    assert level_at(datetime(2026, 11, 18, 9, 0), d.due, d.warn_at) == Level.YELLOW
    assert level_at(datetime(2026, 11, 24, 0, 0), d.due, d.warn_at) == Level.RED
    one = compute_deadline(CAL, datetime(2026, 11, 20, 10, 0), 1, "workdays")
    assert one.due == eod(2026, 11, 23) and one.warn_at == datetime(2026, 11, 23, 0, 0)
    assert level_at(datetime(2026, 11, 21, 12, 0), None, None) == Level.NORMAL


def test_most_specific_rule_wins() -> None:
    rules = [
        LimitRule("reply", None, None, None, 5, "workdays"),
        LimitRule("reply", "normal", "consult", None, 3, "workdays"),
        LimitRule("reply", "normal", "consult", "mailbox", 5, "workdays"),
        LimitRule("reply", "urgent", None, None, 24, "hours"),
    ]
    assert pick_limit(rules, "reply", "normal", "consult", "hotline").amount == 3
    assert pick_limit(rules, "reply", "normal", "consult", "mailbox").amount == 5
    assert pick_limit(rules, "reply", "urgent", "consult", "mailbox").unit == "hours"
    assert pick_limit(rules, "reply", "normal", "complaint", "visit").amount == 5
    with pytest.raises(NoLimit):
        pick_limit(rules, "sign", "normal", "consult", "hotline")
    assert limit_text(15, "workdays") == "15个工作日" and limit_text(2, "hours") == "2小时"


def test_working_days_taken_and_escalation_thresholds() -> None:
    assert working_days_taken(CAL, datetime(2026, 9, 30, 9), datetime(2026, 10, 9, 17)) == 2
    assert working_days_taken(CAL, datetime(2026, 11, 20, 9), datetime(2026, 11, 20, 17)) == 0
    now = datetime(2026, 11, 30, 10, 0)  # Monday
    assert overdue_since_before(CAL, now, 1) == datetime(2026, 11, 30, 0, 0)
    # due Mon 23 Nov: overdue on Tue 24, Wed, Thu, Fri and today, Mon 30 — five working days
    assert overdue_since_before(CAL, now, 5) == datetime(2026, 11, 24, 0, 0)
    assert eod(2026, 11, 23) < overdue_since_before(CAL, now, 5) < eod(2026, 11, 24)


STARTS = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 6, 30))


@given(start=STARTS, n=st.integers(min_value=1, max_value=60))
def test_a_working_day_deadline_ends_on_a_working_day_after_its_start(
    start: datetime, n: int
) -> None:
    d = compute_deadline(CAL, start, n, "workdays")
    assert d.due > start
    assert CAL.is_workday(d.due.date()) and d.due.time() == END_OF_DAY
    assert CAL.workdays_between(start.date(), d.due.date()) == n
    assert start <= d.warn_at <= d.due


@given(
    start=STARTS,
    n=st.integers(min_value=1, max_value=59),
    unit=st.sampled_from(["workdays", "hours", "minutes"]),
)
def test_a_longer_limit_never_ends_earlier(start: datetime, n: int, unit: str) -> None:
    shorter = compute_deadline(CAL, start, n, unit)
    longer = compute_deadline(CAL, start, n + 1, unit)
    assert start <= shorter.due <= longer.due
    assert shorter.warn_at <= shorter.due


@given(start=STARTS, n=st.integers(min_value=0, max_value=40))
def test_counting_back_undoes_counting_forward(start: datetime, n: int) -> None:
    day = start.date()
    forward = CAL.add_workdays(day, n)
    if CAL.is_workday(day):
        assert CAL.add_workdays(forward, -n) == day
    assert CAL.workdays_between(day, forward) == n
