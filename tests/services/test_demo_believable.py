"""Demo data a bureau would believe (issue 18): the desk decides return requests (so 退单率 is
not 0 %), staff act in office hours on working days, routing opinions speak of the case's own
topic, the statistics add up and balance month to month, and the screenshots' clock lies after
everything the demo holds (SQLite, as the other demo tests)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from hotline_desk.demo.hours import fix_clock, in_office_hours, latest_record, screenshot_clock
from hotline_desk.demo.text import MATTER
from hotline_desk.domain.calendar import WorkCalendar
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.stats import figures
from hotline_desk.services.supervision.clocks import load_rules
from tests.conftest import Clock
from tests.desk_templates import DeskTemplates
from tests.services.test_demo import DEMO, _actor, rows
from tests.services.test_stats_invariant import _adds_up, _balances

NOW = datetime(2026, 11, 20, 10, 0, 0)  # a Friday morning


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, desk_templates: DeskTemplates
) -> Iterator[ServiceContext]:
    """test_demo's demo (3000 cases, seed 2, at NOW): a copy of the session's one."""
    folder = tmp_path_factory.mktemp("believable")
    ctx = desk_templates.open(f"sqlite+pysqlite:///{folder / 'demo.db'}", folder / "bk",
                              Clock(NOW), NOW, demo=DEMO)  # fmt: skip
    yield ctx
    ctx.engines.dispose()


def _calendar(ctx: ServiceContext) -> WorkCalendar:
    with ctx.uow.read() as uow:
        return load_rules(uow.session).calendar


def _at(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_return_requests_are_decided_unless_recent(demo: ServiceContext) -> None:
    cal = _calendar(demo)
    recent = datetime.combine(cal.add_workdays(NOW.date(), -3), datetime.min.time())
    found = rows(demo, "SELECT r.case_id, r.requested_at, r.decision, r.decided_at, "
                       "r.org_unit_id, c.lead_unit_id, c.status, u.username "
                       "FROM return_requests r JOIN cases c ON c.id = r.case_id "
                       "LEFT JOIN users u ON u.id = r.decided_by")  # fmt: skip
    kinds = {(case, kind) for case, kind in rows(
        demo, "SELECT case_id, kind FROM case_events WHERE kind LIKE 'return_%'")}  # fmt: skip
    decisions: dict[object, int] = {}
    for case, asked, decision, decided, unit, lead, status, who in found:
        decisions[decision] = decisions.get(decision, 0) + 1
        if decision is None:
            assert _at(asked) >= recent, "only a recent request still waits for the desk"
            assert status == "return_requested"
            continue
        assert who == "duban" and _at(decided) > _at(asked)
        assert (case, f"return_{decision}") in kinds, "the decision is on the timeline"
        if decision == "approved":
            assert lead != unit, "an approved return goes to another section"
    total = sum(decisions.values())
    assert total > 50
    assert 0.4 < decisions["approved"] / total < 0.8 and decisions["rejected"] > 0.15 * total


def test_the_return_rate_of_a_month_is_not_zero(demo: ServiceContext) -> None:
    leader = _actor(demo, "lingdao")
    months = [Period.month(2026, m) for m in (7, 8, 9, 10)]
    for month in months:
        table = figures.compute_table(demo, leader, month, Breakdown.BUREAU)
        assert table.total.counts["returns"] > 0, month
        assert table.total.values["return_rate"], month
        _adds_up(demo, leader, month)  # the sections add up to the bureau
    _balances(demo, leader, months)  # open at the start + in − out = open at the next start


def test_staff_act_in_office_hours_on_working_days(demo: ServiceContext) -> None:
    cal = _calendar(demo)
    stamps = (
        [
            ("event " + kind, at)
            for kind, at in rows(
                demo, "SELECT kind, at FROM case_events WHERE kind <> 'registered'"
            )
        ]
        + [("callback", at) for (at,) in rows(demo, "SELECT at FROM callbacks")]
        + [("review", at) for (at,) in rows(demo, "SELECT at FROM reply_reviews")]
        + [("draft", at) for (at,) in rows(demo, "SELECT submitted_at FROM reply_drafts")]
        + [
            ("return " + k, at)
            for k in ("requested_at", "decided_at")
            for (at,) in rows(demo, f"SELECT {k} FROM return_requests WHERE {k} IS NOT NULL")
        ]
        + [
            ("supervision " + k, at)
            for k in ("issued_at", "responded_at")
            for (at,) in rows(demo, f"SELECT {k} FROM supervisions WHERE {k} IS NOT NULL")
        ]
        + [
            ("extension " + k, at)
            for k in ("requested_at", "decided_at")
            for (at,) in rows(demo, f"SELECT {k} FROM extensions WHERE {k} IS NOT NULL")
        ]
        + [("assignment", at) for (at,) in rows(demo, "SELECT assigned_at FROM case_assignments")]
    )
    assert len(stamps) > 20_000
    outside = [(what, at) for what, at in stamps if not in_office_hours(cal, _at(at))]
    assert outside == []
    night_calls = rows(demo, "SELECT count(*) FROM cases WHERE strftime('%H', received_at) < '07'")
    assert night_calls[0][0] > 0, "citizens still call at any hour"


def test_routing_opinions_speak_of_the_cases_topic(demo: ServiceContext) -> None:
    found = rows(demo, "SELECT c.office_opinion, t.code, c.tier FROM cases c "
                       "JOIN topics t ON t.id = c.topic_id WHERE c.tier IS NOT NULL")  # fmt: skip
    with_opinion = [(o, code) for o, code, _tier in found if o]
    assert len(with_opinion) > 0.5 * len(found)
    for opinion, code in with_opinion:
        assert MATTER[code] in opinion, (code, opinion)
    blasting = [o for o, code in with_opinion if code == "MBGL"]
    assert blasting and not any("资金" in o for o in blasting)
    (mismatch,) = rows(demo, "SELECT count(*) FROM cases c WHERE c.office_opinion <> '' AND "
                             "NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id "
                             "AND e.kind IN ('dispatched', 'handled_directly', 'return_approved') "
                             "AND e.summary LIKE '%' || c.office_opinion)")[0]  # fmt: skip
    assert mismatch == 0, "the timeline's routing line carries the opinion"


def test_the_screenshot_clock_is_after_everything(demo: ServiceContext) -> None:
    cal = _calendar(demo)
    with demo.engines.reader.connect() as conn:
        latest = latest_record(conn)
    assert latest is not None
    clock = screenshot_clock(cal, latest, datetime(2020, 1, 1))
    assert in_office_hours(cal, clock)
    for table, column in (("cases", "received_at"), ("case_events", "at"), ("callbacks", "at"),
                          ("reply_reviews", "at"), ("supervisions", "issued_at")):  # fmt: skip
        ((last,),) = rows(demo, f"SELECT max({column}) FROM {table}")
        assert _at(last) <= clock, table
    saturday_night = datetime(2026, 11, 21, 23, 50)
    assert screenshot_clock(cal, saturday_night, NOW) == datetime(2026, 11, 23, 15, 30)
    assert screenshot_clock(cal, datetime(2026, 11, 20, 11, 55), NOW) == datetime(
        2026, 11, 20, 15, 30
    )
    assert screenshot_clock(cal, None, datetime(2026, 11, 20, 9, 1, 5)) == datetime(
        2026, 11, 20, 9, 1
    )
    assert fix_clock(demo) == clock and clock <= demo.now() < clock + timedelta(minutes=1)
    assert demo.uow.clock is demo.clock, "what the screenshots write is dated by it too"
