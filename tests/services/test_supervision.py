"""Supervision on SQLite and PostgreSQL: urges counted and acknowledged, orders opened,
escalated, answered and closed; the board's warning levels, section counts and suggestions
computed in SQL; the alerts behind the badge and the notification."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import alerts, board
from hotline_desk.services.supervision import supervise as supervision
from hotline_desk.services.supervision.board import BoardFilter
from tests.conftest import Clock, MakeActor
from tests.services.test_lifecycle_paths import Office, unit_id


@pytest.fixture
def people(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def signed_case(people: Office, section: str = "CYFZ", **overrides: object) -> CaseDetail:
    ctx = people.ctx
    case = people.register(**overrides)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, section))
    routed = routing.route_case(ctx, people.desk, case.id, case.version, route)
    signer = people.handler if section == "CYFZ" else people.other_handler
    return handling.sign_case(ctx, signer, case.id, routed.version)


def test_urges_are_counted_shown_to_the_section_and_acknowledged(people: Office) -> None:
    ctx = people.ctx
    case = signed_case(people)
    first = supervision.urge_case(ctx, people.desk, case.id, "请加快办理，今日内反馈进度")
    second = supervision.urge_case(ctx, people.desk, case.id, "再次催办")
    assert second.work is not None and second.work.deadlines is not None
    assert second.work.deadlines.urge_count == 2
    assert second.version == case.version == first.version, "urging never conflicts"
    assert [x.kind for x in second.work.supervisions] == ["urge", "urge"]
    assert people.counts(people.handler)["supervised"] == 1
    assert people.counts(people.other_handler)["supervised"] == 0
    with pytest.raises(PermissionDenied):
        supervision.urge_case(ctx, people.handler, case.id, "自己催自己")
    with pytest.raises(ValidationError):
        supervision.urge_case(ctx, people.desk, case.id, " ")
    read = supervision.acknowledge_urges(ctx, people.handler, case.id)
    assert read.work is not None
    assert {x.status for x in read.work.supervisions} == {"acknowledged"}
    assert people.counts(people.handler)["supervised"] == 0
    assert [e.kind for e in read.events][-3:] == ["urged", "urged", "urge_acknowledged"]


def test_an_order_is_answered_by_the_section_and_closed_by_the_desk(people: Office) -> None:
    ctx = people.ctx
    case = signed_case(people)
    due = date(2026, 11, 25)
    yellow = supervision.issue_order(ctx, people.desk, case.id, "yellow", "临近期限未见进展", due)
    assert yellow.work is not None and yellow.work.deadlines is not None
    assert yellow.work.deadlines.order_level == "yellow"
    with pytest.raises(ValidationError) as info:
        supervision.issue_order(ctx, people.desk, case.id, "yellow", "再发一张", due)
    assert "level" in info.value.field_errors
    with pytest.raises(ValidationError) as info:
        supervision.issue_order(ctx, people.desk, case.id, "red", "逾期", date(2026, 11, 1))
    assert "response_due" in info.value.field_errors
    red = supervision.issue_order(ctx, people.desk, case.id, "red", "已超期，红牌督办", due)
    assert red.work is not None
    orders = [x for x in red.work.supervisions if x.kind == "order"]
    assert [(o.level, o.status) for o in orders] == [("yellow", "closed"), ("red", "open")]
    assert orders[0].close_note == "升级为红牌督办"
    assert people.counts(people.handler)["supervised"] == 1
    with pytest.raises(PermissionDenied, match="回复后"):
        supervision.close_order(ctx, people.desk, case.id, "办结")
    with pytest.raises(NotFound):  # another section does not even see the case
        supervision.answer_order(ctx, people.other_handler, case.id, "不是我们的")
    answered = supervision.answer_order(ctx, people.handler, case.id, "已约企业现场核查,周五前答复")
    assert answered.work is not None and answered.work.open_orders[0].status == "answered"
    assert people.counts(people.handler)["supervised"] == 0
    closed = supervision.close_order(ctx, people.desk, case.id, "已按期答复，督办办结")
    assert closed.work is not None and closed.work.deadlines is not None
    assert closed.work.deadlines.order_level is None and not closed.work.open_orders
    with pytest.raises(PermissionDenied):
        supervision.close_order(ctx, people.desk, case.id, "再办结一次")


def test_tier1_cases_are_not_supervised(people: Office) -> None:
    ctx = people.ctx
    case = people.register()
    direct = routing.route_case(ctx, people.desk, case.id, case.version, RouteInput(tier=1))
    with pytest.raises(PermissionDenied, match="直办件"):
        supervision.urge_case(ctx, people.desk, direct.id, "催")


def test_board_levels_counts_and_pages(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    # Fri 20 Nov: consult (3 working days → Wed 25), help (5 → Fri 27), complaint (15 → 11 Dec)
    consult = signed_case(people)
    help_case = signed_case(people, category="help")
    complaint = signed_case(people, "ZXQY", category="complaint")
    waiting = people.register()
    routing.reject_case(ctx, people.desk, waiting.id, waiting.version, "litigation", "已起诉")
    # rejected (不予受理): no clock, not on the board (unrouted open cases: test_unrouted_clock)
    clock.now = datetime(2026, 11, 25, 9, 0)  # Wed: consult on its last working day
    counts = board.board_counts(ctx, people.desk)
    assert (counts.red, counts.yellow, counts.normal) == (0, 1, 2)
    clock.now = datetime(2026, 11, 26, 13, 0)  # Thu afternoon: help past 70 % (Thu noon)
    counts = board.board_counts(ctx, people.desk)
    assert (counts.red, counts.yellow, counts.normal) == (1, 1, 1)
    by_unit = {x.unit_name: (x.red, x.yellow, x.normal) for x in counts.by_section}
    assert by_unit == {"产业发展科": (1, 1, 0), "中小企业科": (0, 0, 1)}
    page = board.board_page(ctx, people.desk, BoardFilter())
    assert [r.id for r in page.rows] == [consult.id, help_case.id, complaint.id]
    assert [r.level for r in page.rows] == ["red", "yellow", "normal"]
    assert waiting.id not in {r.id for r in page.rows}
    red = board.board_page(ctx, people.desk, BoardFilter(level="red"))
    assert [r.id for r in red.rows] == [consult.id]
    mine = board.board_page(ctx, people.desk, BoardFilter(lead_unit_id=unit_id(ctx, "ZXQY")))
    assert [r.id for r in mine.rows] == [complaint.id]
    first = board.board_page(ctx, people.desk, BoardFilter(), limit=2)
    rest = board.board_page(ctx, people.desk, BoardFilter(), after=first.cursor, limit=2)
    assert [r.id for r in first.rows + rest.rows] == [consult.id, help_case.id, complaint.id]
    assert rest.cursor is None
    section = board.board_page(ctx, people.other_handler, BoardFilter())
    assert [r.id for r in section.rows] == [complaint.id], "sections see their own cases"


def test_suggestions_urge_next_working_day_then_red_order(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    consult = signed_case(people)  # reply deadline Wed 25 Nov
    clock.now = datetime(2026, 11, 25, 22, 0)
    assert board.board_counts(ctx, people.desk).suggest_urge == 0, "not overdue yet"
    clock.now = datetime(2026, 11, 26, 8, 30)  # Thursday: overdue since last night
    counts = board.board_counts(ctx, people.desk)
    assert counts.red == 1 and counts.suggest_urge == 1 and counts.suggest_order == 0
    suggested = board.board_page(ctx, people.desk, BoardFilter(suggestion="urge")).rows
    assert [r.id for r in suggested] == [consult.id]
    supervision.urge_case(ctx, people.desk, consult.id, "已超期，请尽快答复")
    assert board.board_counts(ctx, people.desk).suggest_urge == 0
    clock.now = datetime(2026, 12, 2, 9, 0)  # Wed: 5 working days overdue (Thu–Wed)
    counts = board.board_counts(ctx, people.desk)
    assert counts.suggest_order == 1
    supervision.issue_order(ctx, people.desk, consult.id, "red", "超期5个工作日", date(2026, 12, 4))
    assert board.board_counts(ctx, people.desk).suggest_order == 0


def test_alerts_count_what_is_mine_and_report_what_is_new(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    consult = signed_case(people)
    signed_case(people, "ZXQY", category="complaint")  # 15 working days: calm all along
    start = alerts.check_alerts(ctx, people.handler, None)
    assert (start.yellow, start.red, start.badge, start.new) == (0, 0, 0, ())
    before = clock.now
    clock.now = datetime(2026, 11, 25, 9, 0)
    now = alerts.check_alerts(ctx, people.handler, before)
    assert now.yellow == 1 and [(a.case_id, a.kind) for a in now.new] == [(consult.id, "yellow")]
    clock.now = datetime(2026, 11, 25, 10, 0)
    supervision.urge_case(ctx, people.desk, consult.id, "催办")
    clock.now = datetime(2026, 11, 26, 9, 0)
    later = alerts.check_alerts(ctx, people.handler, now.checked_at)
    assert later.red == 1 and later.unread_urges == 1 and later.badge == 2
    assert {a.kind for a in later.new} == {"red", "urge"}
    other = alerts.check_alerts(ctx, people.other_handler, now.checked_at)
    assert other.red == 0 and other.unread_urges == 0 and other.new == ()


def test_the_work_record_shows_the_level(people: Office, clock: Clock) -> None:
    case = signed_case(people)
    clock.now = datetime(2026, 11, 26, 9, 0)
    fresh = read_model.get_case(people.ctx, people.desk, case.id)
    assert fresh.work is not None and fresh.work.deadlines is not None
    assert fresh.work.deadlines.level == "red"
    with pytest.raises(NotFound):
        supervision.answer_order(people.ctx, people.handler, case.id + 999, "x")


def test_default_order_due_is_three_working_days_ahead(people: Office) -> None:
    assert supervision.default_order_due(people.ctx) == date(2026, 11, 25)
    assert supervision.default_order_due(people.ctx) - people.ctx.now().date() == timedelta(5)


def test_board_total_counts_what_the_filter_selects(people: Office, clock: Clock) -> None:
    signed_case(people)
    signed_case(people, "ZXQY", category="complaint")
    clock.now = datetime(2026, 11, 26, 9, 0)
    ctx = people.ctx
    assert board.board_total(ctx, people.desk, BoardFilter()) == 2
    assert board.board_total(ctx, people.desk, BoardFilter(level="red")) == 1
    assert board.board_total(ctx, people.desk, BoardFilter(suggestion="urge")) == 1
    assert board.board_total(ctx, people.desk, BoardFilter(lead_unit_id=unit_id(ctx, "ZXQY"))) == 1
