"""Every write announces what it changed: the unit of work collects topics and case ids from the
rows it flushed, a service call's changes come back through ``collect()``, and on PostgreSQL the
same changes are sent with NOTIFY when, and only when, the transaction commits."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from sqlalchemy.engine import make_url

from hotline_desk.domain.changes import (
    CALENDAR,
    CASES,
    EVERYTHING,
    LIMITS,
    REPORTS,
    TEMPLATES,
    USERS,
    Changes,
)
from hotline_desk.domain.periods import Period
from hotline_desk.services.admin import calendar, time_limits, users
from hotline_desk.services.admin.time_limits import LimitInput
from hotline_desk.services.admin.users import UserInput
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.lifecycle import templates
from hotline_desk.services.stats import freeze
from hotline_desk.store import change_feed
from hotline_desk.store.models import Case
from tests.conftest import MakeActor
from tests.factories import case_input
from tests.services.test_deadlines_flow import routed
from tests.services.test_lifecycle_paths import Office


def changes_of(ctx: ServiceContext, call):  # type: ignore[no-untyped-def]
    with ctx.uow.collect() as collected:
        result = call()
    return result, collected.changes


def test_registering_announces_the_new_case(ctx: ServiceContext, make_actor: MakeActor) -> None:
    clerk = make_actor("intake")
    detail, changes = changes_of(
        ctx, lambda: registration.register_case(ctx, clerk, case_input(ctx))
    )
    assert changes.topics == {CASES}
    assert changes.case_ids == {detail.id} and not changes.all_cases
    assert changes.touches_case(detail.id) and not changes.touches_case(detail.id + 1)


def test_a_lifecycle_action_announces_its_case(ctx: ServiceContext, make_actor: MakeActor) -> None:
    people = Office(ctx, make_actor)
    case, changes = changes_of(ctx, lambda: routed(people))
    assert CASES in changes.topics and case.id in changes.case_ids


def test_reads_and_refusals_announce_nothing(ctx: ServiceContext, make_actor: MakeActor) -> None:
    clerk = make_actor("intake")
    with ctx.uow.collect() as collected:
        with pytest.raises(Exception):  # noqa: B017 - any refusal
            registration.register_case(ctx, clerk, case_input(ctx, title=""))
        with ctx.uow.read() as uow:
            uow.session.get(Case, 1)
    assert not collected.changes


def test_admin_writes_announce_their_topics(ctx: ServiceContext, make_actor: MakeActor) -> None:
    admin = make_actor("sys_admin")
    desk = make_actor("desk")
    _, changes = changes_of(
        ctx, lambda: calendar.set_day(ctx, admin, date(2026, 12, 7), False, "停工")
    )
    assert CALENDAR in changes.topics and CASES not in changes.topics
    _, changes = changes_of(
        ctx, lambda: templates.save_template(ctx, admin, None, "consult", "通用", "您好，经核实……")
    )
    assert TEMPLATES in changes.topics and CASES not in changes.topics
    _, changes = changes_of(
        ctx,
        lambda: users.create_user(
            ctx, admin, UserInput("newbie", "新人", admin.org_unit_id, ("intake",))
        ),
    )
    assert USERS in changes.topics
    _, changes = changes_of(ctx, lambda: freeze.freeze_month(ctx, desk, Period.month(2026, 10)))
    assert REPORTS in changes.topics and CASES not in changes.topics
    limit = time_limits.list_limits(ctx)[0]
    _, changes = changes_of(
        ctx,
        lambda: time_limits.save_limit(
            ctx,
            admin,
            limit.id,
            LimitInput(
                limit.clock,
                limit.urgency,
                limit.category,
                limit.channel,
                limit.amount + 1,
                limit.unit,
                limit.active,
            ),
        ),  # fmt: skip
    )
    assert LIMITS in changes.topics and CASES not in changes.topics


def test_recomputing_deadlines_announces_the_cases_it_changed(
    ctx: ServiceContext, make_actor: MakeActor
) -> None:
    people = Office(ctx, make_actor)
    case = routed(people)
    admin = make_actor("sys_admin")
    _, changes = changes_of(ctx, lambda: time_limits.apply_to_open_cases(ctx, admin))
    assert CASES in changes.topics and changes.touches_case(case.id)


def test_changes_survive_a_notice_payload() -> None:
    many = Changes.of(CASES, case_ids=range(1000))
    assert many.all_cases and not many.case_ids, "too many ids: any case"
    some = Changes.of(CASES, USERS, case_ids=(3, 5))
    assert Changes.from_payload(some.to_payload("desk1")) == (some, "desk1")
    assert Changes.from_payload(many.to_payload()) == (many, "")
    assert Changes.from_payload("not json") == (EVERYTHING, "")
    assert (some | Changes.of(CALENDAR)).topics == {CASES, USERS, CALENDAR}


@pytest.mark.postgres
def test_postgres_notifies_other_desks_only_when_the_write_commits(
    db_url: str, ctx: ServiceContext, make_actor: MakeActor
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("NOTIFY is PostgreSQL's")
    clerk = make_actor("intake")
    url = make_url(db_url).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as other:
        other.execute(f'LISTEN "{change_feed.channel_of(other)}"')
        with pytest.raises(Exception):  # noqa: B017 - refused: rolled back, nothing sent
            registration.register_case(ctx, clerk, case_input(ctx, title=""))
        detail = registration.register_case(ctx, clerk, case_input(ctx))
        notices = [
            Changes.from_payload(n.payload) for n in other.notifies(timeout=2.0, stop_after=1)
        ]
    changes, origin = notices[0]
    assert origin == change_feed.ORIGIN
    assert CASES in changes.topics and detail.id in changes.case_ids
