"""The working-day calendar table: seeded from the ``chinesecalendar`` package for every year it
knows (holidays, weekends and make-up working days 调休), edited by the 系统管理员, loaded into a
``domain.calendar.WorkCalendar`` for the deadline maths.

Workstations cache the loaded calendar and reload it when the office-wide ``calendar_revision``
counter moves, so an edit on one PC reaches the others at their next write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hotline_desk.domain.calendar import DayInfo, WorkCalendar, default_is_workday, default_name
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models.deadlines import CalendarDay, CalendarYear

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
NAME_MAX = 32
BANNER_LOOKAHEAD_DAYS = 45
"""From this many days before a new year, the desk is warned when that year is not maintained
(deadlines set in December already fall into January)."""


def package_years() -> list[int]:
    """The years the installed chinesecalendar package has holiday data for."""
    from chinese_calendar import constants

    first = min(constants.holidays).year
    last = max(max(constants.holidays).year, max(constants.workdays).year)
    return list(range(first, last + 1))


def package_days(year: int) -> list[tuple[date, bool, str]]:
    """Every day of ``year`` as the package knows it: (day, is_workday, name)."""
    from chinese_calendar import constants

    days = []
    day = date(year, 1, 1)
    while day.year == year:
        if day in constants.holidays:
            days.append((day, False, HOLIDAY_NAMES.get(constants.holidays[day], "节假日")))
        elif day in constants.workdays:
            festival = HOLIDAY_NAMES.get(constants.workdays[day], "")
            days.append((day, True, f"调休上班（{festival}）" if festival else "调休上班"))
        else:
            days.append((day, default_is_workday(day), default_name(day)))
        day += timedelta(days=1)
    return days


def sync_package_years(s: Session, now: datetime) -> list[int]:
    """Add the package's years the table lacks (an upgrade of the package adds a year); years
    already maintained, by the package or the admin, are left alone. Returns the years added."""
    have = set(s.execute(select(CalendarYear.year)).scalars())
    added = [y for y in package_years() if y not in have]
    for year in added:
        days = CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))
        s.execute(delete(CalendarDay).where(days))
        s.add_all(
            CalendarDay(day=d, is_workday=w, name=n, source="package", updated_at=now)
            for d, w, n in package_days(year)
        )
        s.add(CalendarYear(year=year, source="package", maintained_at=now))
    if added:
        office.bump(s, office.CALENDAR_REVISION, None, now)
    return added


# --- loading with a per-process cache --------------------------------------------------------


def _load(s: Session) -> WorkCalendar:
    years = list(s.execute(select(CalendarYear.year)).scalars())
    rows = s.execute(select(CalendarDay.day, CalendarDay.is_workday, CalendarDay.name)).all()
    return WorkCalendar({d: (bool(w), n) for d, w, n in rows}, years)


_calendars = office.RevisionCache(office.CALENDAR_REVISION, _load)


def load_calendar(s: Session) -> WorkCalendar:
    """The calendar as of this transaction (cached per database and revision)."""
    return _calendars.get(s)


def calendar_at(s: Session, revision: int) -> WorkCalendar:
    """The calendar of ``revision`` (``calendar_revision``, read by the caller)."""
    return _calendars.at(s, revision)


def calendar(ctx: ServiceContext) -> WorkCalendar:
    with ctx.uow.read() as uow:
        return load_calendar(uow.session)


# --- the admin's year view ------------------------------------------------------------------


@dataclass(frozen=True)
class YearView:
    year: int
    maintained: bool
    source: str  # package / admin / "" (not maintained)
    days: tuple[DayInfo, ...]
    workdays: int
    holidays: tuple[tuple[date, str], ...]  # named days off that fall on weekdays
    makeup_days: tuple[tuple[date, str], ...]  # working weekends (调休)


@user_input
def year_view(ctx: ServiceContext, year: int) -> YearView:
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": "年份须在 1990–2100 之间"})
    with ctx.uow.read() as uow:
        s = uow.session
        cal = load_calendar(s)
        row = s.get(CalendarYear, year)
        source = row.source if row is not None else ""
    days = []
    day = date(year, 1, 1)
    while day.year == year:
        days.append(cal.info(day))
        day += timedelta(days=1)
    return YearView(
        year=year,
        maintained=bool(source),
        source=source,
        days=tuple(days),
        workdays=sum(d.is_workday for d in days),
        holidays=tuple((d.day, d.name) for d in days if not d.is_workday and d.day.weekday() < 5),
        makeup_days=tuple((d.day, d.name) for d in days if d.is_workday and d.day.weekday() >= 5),
    )


@user_input
def set_day(ctx: ServiceContext, actor: Actor, day: date, is_workday: bool, name: str) -> DayInfo:
    """Change one day (系统管理员); the year counts as maintained from then on."""
    require(actor.roles, frozenset({Role.SYS_ADMIN}), "维护工作日历")
    name = name.strip()
    if len(name) > NAME_MAX:
        raise ValidationError({"name": Msg("名称最多 {limit} 个字", limit=NAME_MAX)})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        _ensure_year_rows(s, day.year, actor, now)
        row = s.get(CalendarDay, day)
        assert row is not None
        old = (row.is_workday, row.name)
        row.is_workday, row.name, row.source = is_workday, name, "admin"
        row.updated_at, row.updated_by = now, actor.user_id
        office.bump(s, office.CALENDAR_REVISION, actor.user_id, now)
        record_audit(
            s,
            now,
            actor,
            "calendar_day",
            "calendar",
            day.isoformat(),
            {"old": list(old), "new": [is_workday, name]},
        )
        uow.commit()
    return DayInfo(day, is_workday, name, True)


@user_input
def mark_maintained(ctx: ServiceContext, actor: Actor, year: int) -> None:
    """The admin confirms a year's holiday notice has been entered (the banner goes away)."""
    require(actor.roles, frozenset({Role.SYS_ADMIN}), "维护工作日历")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        _ensure_year_rows(s, year, actor, now)
        office.bump(s, office.CALENDAR_REVISION, actor.user_id, now)
        record_audit(s, now, actor, "calendar_year", "calendar", str(year))
        uow.commit()


def _ensure_year_rows(s: Session, year: int, actor: Actor, now: datetime) -> None:
    """Give an unmaintained year its rows (Mon–Fri) and mark it maintained by the admin."""
    if s.get(CalendarYear, year) is not None:
        return
    first, last = date(year, 1, 1), date(year, 12, 31)
    have = set(
        s.execute(select(CalendarDay.day).where(CalendarDay.day.between(first, last))).scalars()
    )
    day = first
    while day <= last:
        if day not in have:
            s.add(
                CalendarDay(
                    day=day,
                    is_workday=default_is_workday(day),
                    name=default_name(day),
                    source="admin",
                    updated_at=now,
                    updated_by=actor.user_id,
                )
            )
        day += timedelta(days=1)
    s.add(CalendarYear(year=year, source="admin", maintained_at=now, maintained_by=actor.user_id))
    s.flush()


@user_input
def missing_years(ctx: ServiceContext, today: date) -> list[int]:
    """Years the desk must be warned about: this year, and next year once it is near, when
    they fall back to Monday–Friday. (Shown as 2027年节假日安排尚未维护.)"""
    wanted = [today.year]
    if (date(today.year + 1, 1, 1) - today).days <= BANNER_LOOKAHEAD_DAYS:
        wanted.append(today.year + 1)
    with ctx.uow.read() as uow:
        have = set(
            uow.session.execute(
                select(CalendarYear.year).where(CalendarYear.year.in_(wanted))
            ).scalars()
        )
    return [y for y in wanted if y not in have]


def maintained_years(ctx: ServiceContext) -> list[tuple[int, str]]:
    with ctx.uow.read() as uow:
        return [
            (y, src)
            for y, src in uow.session.execute(
                select(CalendarYear.year, CalendarYear.source).order_by(CalendarYear.year)
            ).all()
        ]


def count_days(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return int(uow.session.execute(select(func.count()).select_from(CalendarDay)).scalar_one())
