"""The reply clock of a case not routed yet, on SQLite and PostgreSQL (issue 12: "a case never
routed is never overdue"): with the office's default (答复时限受理次日起算) registration starts
it from receipt, the case turns yellow and red on the 督办台 and in the desk's alerts, routing
keeps its deadline, a correction of its class before routing recomputes it, new time limits and
the start-up backfill reach it; counted from dispatch or signing, nothing runs before routing;
rejected and merged cases have no running clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from hotline_desk.domain.calendar import END_OF_DAY
from hotline_desk.services.admin import office, time_limits
from hotline_desk.services.admin.setup import prepare_deadlines
from hotline_desk.services.admin.time_limits import LimitInput
from hotline_desk.services.cases import duplicates, read_model, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.dto import CaseDeadlines, RouteInput
from hotline_desk.services.supervision import alerts, board, clocks
from hotline_desk.services.supervision.board import BoardFilter
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from hotline_desk.store.models.office import OfficeSetting
from tests.conftest import Clock, MakeActor
from tests.factories import case_input
from tests.services.test_lifecycle_paths import Office, unit_id

RECEIVED = datetime(2026, 9, 15, 9, 0)  # a Tuesday
"""The issue's consultation: received 09-15, due three working days later, on Fri 09-18."""


@pytest.fixture
def people(ctx: ServiceContext, make_actor: MakeActor, clock: Clock) -> Office:
    clock.now = RECEIVED + timedelta(hours=1)
    return Office(ctx, make_actor)


def eod(y: int, m: int, d: int) -> datetime:
    return datetime.combine(date(y, m, d), END_OF_DAY)


def clocks_of(people: Office, case_id: int) -> CaseDeadlines:
    d = read_model.get_case(people.ctx, people.desk, case_id)
    assert d.work is not None and d.work.deadlines is not None
    return d.work.deadlines


def consultation(people: Office, **overrides: object) -> CaseDetail:
    return people.register(received_at=RECEIVED, **overrides)


def route(people: Office, case: CaseDetail, tier: int = 2) -> CaseDetail:
    target = (
        RouteInput(tier=2, lead_unit_id=unit_id(people.ctx, "CYFZ"))
        if tier == 2
        else (RouteInput(tier=1))
    )
    return routing.route_case(people.ctx, people.desk, case.id, case.version, target)


def on_board(people: Office) -> dict[int, str]:
    return {r.id: r.level for r in board.board_page(people.ctx, people.desk, BoardFilter()).rows}


def test_registration_starts_the_reply_clock_from_receipt(people: Office) -> None:
    case = consultation(people)
    d = clocks_of(people, case.id)
    assert d.reply_deadline == d.reply_deadline_original == eod(2026, 9, 18)
    assert d.reply_limit == "3个工作日" and d.sign_deadline is None
    assert (d.due_clock, d.due_at, d.level) == ("reply", eod(2026, 9, 18), "normal")
    with people.ctx.uow.read() as uow:
        row = uow.session.get(Case, case.id)
        assert row is not None and row.reply_clock_start == RECEIVED
    urgent = clocks_of(people, consultation(people, urgency="urgent").id)
    assert urgent.reply_deadline == RECEIVED + timedelta(hours=24), "clock hours from receipt"
    letter = clocks_of(people, consultation(people, channel="mailbox").id)
    assert letter.reply_deadline == eod(2026, 9, 21), "a mailbox letter: 5 working days"


def test_an_unrouted_consultation_turns_yellow_then_red_on_the_board(
    people: Office, clock: Clock
) -> None:
    ctx = people.ctx
    case = consultation(people)
    clock.now = datetime(2026, 9, 17, 23, 59)  # Thu night: two of three days gone
    assert on_board(people) == {case.id: "normal"}
    start = alerts.check_alerts(ctx, people.desk, None)
    clock.now = datetime(2026, 9, 18, 0, 0)  # Fri: the last working day begins
    assert on_board(people) == {case.id: "yellow"}
    counts = board.board_counts(ctx, people.desk)
    assert (counts.red, counts.yellow, counts.normal) == (0, 1, 0)
    assert [(x.unit_id, x.yellow) for x in counts.by_section] == [(None, 1)], "（未分办）"
    yellow = alerts.check_alerts(ctx, people.desk, start.checked_at)
    assert yellow.yellow == 1 and [(a.case_id, a.kind) for a in yellow.new] == [(case.id, "yellow")]
    clock.now = eod(2026, 9, 18)  # the deadline itself: still in time
    assert on_board(people) == {case.id: "yellow"}
    clock.now = datetime(2026, 9, 19, 0, 0)  # Saturday: overdue
    assert on_board(people) == {case.id: "red"}
    assert board.board_page(ctx, people.desk, BoardFilter(level="red")).rows[0].id == case.id
    counts = board.board_counts(ctx, people.desk)
    assert (counts.red, counts.yellow, counts.normal) == (1, 0, 0)
    red = alerts.check_alerts(ctx, people.desk, yellow.checked_at)
    assert red.red == 1 and [(a.case_id, a.kind) for a in red.new] == [(case.id, "red")]
    assert clocks_of(people, case.id).level == "red"
    clock.now = datetime(2026, 9, 28, 9, 0)
    counts = board.board_counts(ctx, people.desk)
    assert counts.suggest_urge == counts.suggest_order == 0, "the desk routes it, nobody to urge"
    assert alerts.check_alerts(ctx, people.handler, None).red == 0, "no section holds it yet"


def test_routing_keeps_the_deadline_from_receipt(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    case = consultation(people)
    clock.now = datetime(2026, 9, 18, 10, 0)  # routed on the last day
    routed = route(people, case)
    d = clocks_of(people, case.id)
    assert d.reply_deadline == d.reply_deadline_original == eod(2026, 9, 18)
    assert d.sign_deadline == eod(2026, 9, 20), "one working day (the make-up Sunday)"
    assert (d.due_clock, d.due_at) == ("reply", eod(2026, 9, 18)), "the earlier clock shows"
    signed = handling.sign_case(ctx, people.handler, case.id, routed.version)
    assert signed.work is not None and signed.work.deadlines is not None
    assert signed.work.deadlines.reply_deadline == eod(2026, 9, 18)
    direct = consultation(people, category="help")
    route(people, direct, tier=1)
    assert clocks_of(people, direct.id).reply_deadline == eod(2026, 9, 21), "直办: kept too"


@pytest.mark.parametrize("start", ["dispatched", "signed"])
def test_counted_from_dispatch_or_signing_nothing_runs_before_routing(
    people: Office, make_actor: MakeActor, clock: Clock, start: str
) -> None:
    ctx = people.ctx
    office.save_setting(ctx, make_actor("sys_admin"), "reply_clock_from", start)
    case = consultation(people)
    d = clocks_of(people, case.id)
    assert (d.reply_deadline, d.due_at, d.due_clock) == (None, None, None)
    clock.now = datetime(2026, 9, 22, 9, 0)
    assert case.id not in on_board(people)
    routed = route(people, case)
    d = clocks_of(people, case.id)
    if start == "dispatched":
        assert d.reply_deadline == eod(2026, 9, 28), "3 working days from Tue 22 Sep （中秋）"
    else:
        assert d.reply_deadline is None and d.due_clock == "sign"
        handling.sign_case(ctx, people.handler, case.id, routed.version)
        assert clocks_of(people, case.id).reply_deadline == eod(2026, 9, 28)


def test_correcting_the_class_before_routing_recomputes_from_receipt(people: Office) -> None:
    ctx = people.ctx
    case = consultation(people)

    def edit(version: int, **changes: object) -> CaseDetail:
        data = case_input(ctx, **{"received_at": RECEIVED, **changes})
        return registration.update_case(ctx, people.desk, case.id, version, data)

    complaint = edit(case.version, category="complaint")
    d = clocks_of(people, case.id)
    assert d.reply_deadline == d.reply_deadline_original == eod(2026, 10, 12), "15 working days"
    assert d.reply_limit == "15个工作日" and d.due_at == d.reply_deadline
    urgent = edit(complaint.version, category="complaint", urgency="urgent")
    assert clocks_of(people, case.id).reply_deadline == RECEIVED + timedelta(hours=24)
    edit(urgent.version, received_at=RECEIVED - timedelta(days=1))  # in fact on Monday
    d = clocks_of(people, case.id)
    assert d.reply_deadline == eod(2026, 9, 17) and d.reply_limit == "3个工作日"


def test_new_time_limits_reach_unrouted_cases(people: Office, make_actor: MakeActor) -> None:
    ctx = people.ctx
    admin = make_actor("sys_admin")
    case = consultation(people)
    rule = next(
        r
        for r in time_limits.list_limits(ctx)
        if (r.clock, r.urgency, r.category, r.channel) == ("reply", "normal", "consult", None)
    )
    time_limits.save_limit(
        ctx, admin, rule.id, LimitInput("reply", "normal", "consult", None, 4, "workdays")
    )
    assert clocks_of(people, case.id).reply_deadline == eod(2026, 9, 18), "kept until applied"
    data = case_input(ctx, received_at=RECEIVED, caller_phone="13900001111")
    registration.update_case(ctx, people.desk, case.id, case.version, data)
    assert clocks_of(people, case.id).reply_deadline == eod(2026, 9, 18), "a new phone: kept"
    assert time_limits.open_cases_with_clocks(ctx) == 1
    assert time_limits.apply_to_open_cases(ctx, admin) == 1
    assert clocks_of(people, case.id).reply_deadline == eod(2026, 9, 20)
    kinds = [e.kind for e in read_model.get_case(ctx, people.desk, case.id).events]
    assert kinds == ["registered", "edited", "deadlines_recomputed"]


def test_rejected_and_merged_cases_have_no_running_clock(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    master = consultation(people)
    rejected = consultation(people, title="诉讼中的合同纠纷")
    done = routing.reject_case(ctx, people.desk, rejected.id, rejected.version, "litigation", "")
    d = clocks_of(people, done.id)
    assert (d.due_at, d.due_clock, d.level) == (None, None, "normal")
    merged = duplicates.register_duplicate(
        ctx, people.desk, case_input(ctx, received_at=RECEIVED), master.id
    )
    assert merged.status == "merged" and clocks_of(people, merged.id).due_at is None
    clock.now = datetime(2026, 9, 28, 9, 0)
    assert on_board(people) == {master.id: "red"}
    with ctx.uow.read() as uow:
        assert (
            uow.session.execute(
                select(func.count()).select_from(Case).where(Case.due_at.is_not(None))
            ).scalar_one()
            == 1
        )


def test_an_upgraded_database_gives_its_unrouted_cases_deadlines_once(people: Office) -> None:
    ctx = people.ctx
    waiting = consultation(people)
    later = consultation(people, category="help")
    old_state = {
        "reply_clock_start": None, "reply_limit": "", "reply_deadline": None,
        "reply_deadline_original": None, "reply_warn_at": None, "due_at": None,
        "warn_at": None, "due_clock": None,
    }  # fmt: skip
    with ctx.uow.write() as uow:  # as the release before left them
        uow.session.execute(update(Case).values(**old_state))
        uow.session.execute(
            delete(OfficeSetting).where(OfficeSetting.key == "clock_rules_revision")
        )
        uow.commit()
    assert clocks_of(people, waiting.id).due_at is None
    prepare_deadlines(ctx, backfill=False)  # a start-up without a schema upgrade
    d = clocks_of(people, waiting.id)
    assert (d.reply_deadline, d.due_clock) == (eod(2026, 9, 18), "reply")
    assert clocks_of(people, later.id).reply_deadline == eod(2026, 9, 21)
    with ctx.uow.read() as uow:
        s = uow.session
        assert office.read(s, office.CLOCK_RULES_REVISION) == clocks.CLOCK_RULES
        audit = s.execute(
            select(AuditLog.detail).where(AuditLog.action == "deadlines_backfill")
        ).scalar_one()
        assert '"cases": 2' in audit
        assert (
            s.execute(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == waiting.id)
            ).scalar_one()
            == 1
        ), "the backfill writes no timeline event"
    with ctx.uow.write() as uow:
        uow.session.execute(update(Case).where(Case.id == later.id).values(**old_state))
        uow.commit()
    prepare_deadlines(ctx, backfill=False)
    assert clocks_of(people, later.id).due_at is None, "once: the next start-up leaves it be"
