"""The calendar and time-limit tables, on SQLite and PostgreSQL: seeded from chinesecalendar,
edited by the admin (an unmaintained year filled in), the time-limit rules changed and applied
to open cases only when the admin says so, and the backfill after an upgrade."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select, update

from hotline_desk.domain.calendar import END_OF_DAY
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.services.admin import calendar, time_limits
from hotline_desk.services.admin.setup import prepare_deadlines
from hotline_desk.services.admin.time_limits import LimitInput
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import extensions
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.deadlines import CalendarDay
from tests.conftest import Clock, MakeActor
from tests.services.test_lifecycle_paths import Office, unit_id


@pytest.fixture
def people(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def eod(y: int, m: int, d: int) -> datetime:
    return datetime.combine(date(y, m, d), END_OF_DAY)


def test_the_package_years_are_seeded_once(ctx: ServiceContext) -> None:
    years = dict(calendar.maintained_years(ctx))
    assert set(calendar.package_years()) <= set(years) and years[2026] == "package"
    view = calendar.year_view(ctx, 2026)
    assert view.maintained and len(view.days) == 365
    assert (date(2026, 10, 10), "调休上班（国庆节）") in view.makeup_days
    assert (date(2026, 10, 5), "国庆节") in view.holidays
    import chinese_calendar

    assert view.workdays == len(chinese_calendar.get_workdays(date(2026, 1, 1), date(2026, 12, 31)))
    with ctx.uow.write() as uow:
        assert calendar.sync_package_years(uow.session, ctx.now()) == []
    assert calendar.count_days(ctx) == sum(
        366 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 365 for y in years
    )


def test_an_unmaintained_year_warns_until_the_admin_fills_it_in(
    people: Office, make_actor: MakeActor, clock: Clock
) -> None:
    ctx = people.ctx
    admin = make_actor("sys_admin")
    clock.now = datetime(2026, 12, 30, 10, 0)  # Wednesday
    assert calendar.missing_years(ctx, clock.now.date()) == [2027]
    before = calendar.year_view(ctx, 2027)
    assert not before.maintained and before.days[0].is_workday, "Mon–Fri fallback: 1 Jan is a Fri"
    with pytest.raises(PermissionDenied):
        calendar.set_day(ctx, people.desk, date(2027, 1, 1), False, "元旦")
    with pytest.raises(ValidationError):
        calendar.set_day(ctx, admin, date(2027, 1, 1), False, "元" * 40)
    calendar.set_day(ctx, admin, date(2027, 1, 1), False, "元旦")
    assert calendar.missing_years(ctx, clock.now.date()) == []
    after = calendar.year_view(ctx, 2027)
    assert after.maintained and after.source == "admin" and not after.days[0].is_workday
    # a consultation received on Wed 30 Dec: 31 Dec, (1 Jan off), Mon 4 Jan
    case = people.register(received_at=datetime(2026, 12, 30, 9, 0))
    routed = routing.route_case(
        ctx,
        people.desk,
        case.id,
        case.version,
        RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ")),
    )
    assert routed.work is not None and routed.work.deadlines is not None
    assert routed.work.deadlines.reply_deadline == eod(2027, 1, 5)


def test_changed_limits_apply_to_new_cases_and_to_open_ones_when_applied(
    people: Office, make_actor: MakeActor
) -> None:
    ctx = people.ctx
    admin = make_actor("sys_admin")
    old = routed(people)
    signed = handling.sign_case(ctx, people.handler, old.id, old.version)
    extensions.request_extension(ctx, people.handler, old.id, 2, "等待企业材料")
    extensions.approve_extension(ctx, people.desk, old.id, signed.version)
    rule = next(
        r
        for r in time_limits.list_limits(ctx)
        if (r.clock, r.urgency, r.category, r.channel) == ("reply", "normal", "consult", None)
    )
    with pytest.raises(PermissionDenied):
        time_limits.save_limit(
            ctx, people.desk, rule.id, LimitInput("reply", "normal", "consult", None, 4, "workdays")
        )
    time_limits.save_limit(
        ctx, admin, rule.id, LimitInput("reply", "normal", "consult", None, 4, "workdays")
    )
    fresh = routed(people)
    assert fresh.work is not None and fresh.work.deadlines is not None
    assert fresh.work.deadlines.reply_deadline == eod(2026, 11, 26) and (
        fresh.work.deadlines.reply_limit == "4个工作日"
    )
    with ctx.uow.read() as uow:
        kept = uow.session.get(Case, old.id)
        assert kept is not None and kept.reply_deadline == eod(2026, 11, 27), "3 + 2 extension"
    seen: list[tuple[int, int]] = []
    changed = time_limits.apply_to_open_cases(ctx, admin, report=lambda d, t: seen.append((d, t)))
    assert changed == 1 and seen[-1] == (2, 2), "only the old case had other deadlines"
    with ctx.uow.read() as uow:
        s = uow.session
        again = s.get(Case, old.id)
        assert again is not None and again.reply_deadline_original == eod(2026, 11, 26)
        assert again.reply_deadline == eod(2026, 11, 30) and again.extension_days == 2
        events = s.execute(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.kind == "deadlines_recomputed")
        ).scalar_one()
    assert events == 1


def test_limit_rules_stay_unique_and_complete(ctx: ServiceContext, make_actor: MakeActor) -> None:
    admin = make_actor("sys_admin")
    with pytest.raises(ValidationError, match="相同条件"):
        time_limits.save_limit(
            ctx, admin, None, LimitInput("reply", "normal", "consult", None, 2, "workdays")
        )
    catch_all = next(
        r
        for r in time_limits.list_limits(ctx)
        if r.clock == "sign" and r.urgency is None and r.category is None
    )
    with pytest.raises(ValidationError, match="通用规则"):
        time_limits.save_limit(
            ctx,
            admin,
            catch_all.id,
            LimitInput("sign", None, None, None, 1, "workdays", active=False),
        )
    with pytest.raises(ValidationError) as info:
        time_limits.save_limit(
            ctx, admin, None, LimitInput("reply", "normal", None, "mailbox", 0, "workdays")
        )
    assert "amount" in info.value.field_errors
    added = time_limits.save_limit(
        ctx, admin, None, LimitInput("reply", "normal", None, "visit", 7, "workdays")
    )
    assert added.text == "7个工作日"


def test_open_cases_from_before_deadlines_get_them_after_the_upgrade(people: Office) -> None:
    ctx = people.ctx
    case = routed(people)
    with ctx.uow.write() as uow:
        uow.session.execute(
            update(Case).values(
                sign_deadline=None,
                sign_warn_at=None,
                reply_deadline=None,
                reply_warn_at=None,
                reply_deadline_original=None,
                reply_clock_start=None,
                due_at=None,
                warn_at=None,
                due_clock=None,
            )
        )
        uow.session.execute(update(Case).where(Case.id == case.id).values(version=Case.version))
        uow.commit()
    prepare_deadlines(ctx, backfill=True)
    with ctx.uow.read() as uow:
        row = uow.session.get(Case, case.id)
        assert row is not None and row.reply_deadline == eod(2026, 11, 25)
        assert row.due_clock == "sign" and row.sign_deadline == eod(2026, 11, 23)


def routed(people: Office):  # type: ignore[no-untyped-def]
    ctx = people.ctx
    case = people.register()
    return routing.route_case(
        ctx,
        people.desk,
        case.id,
        case.version,
        RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ")),
    )


def test_days_are_stored_for_every_maintained_day(ctx: ServiceContext) -> None:
    with ctx.uow.read() as uow:
        first = uow.session.execute(select(func.min(CalendarDay.day))).scalar_one()
    assert first == date(min(calendar.package_years()), 1, 1)
