"""Past months never move (issue 12), on SQLite and PostgreSQL: random sequences of lifecycle
actions through the real services over September and October; October's figures — every KPI of
every breakdown — are read; more actions dated after October follow (reopens, late callbacks,
extensions, merges, returns, re-routes, new cases); October must read exactly the same. And the
sections always add up to the bureau total, for every count.

CI runs a bounded number of sequences; ``HOTLINE_DESK_LONG=1`` (the benchmark run) runs many.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.kpi import COUNT_KEYS, Breakdown, open_after
from hotline_desk.domain.lifecycle import InvalidTransition
from hotline_desk.domain.periods import Period
from hotline_desk.services.callbacks import closing
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.cases import duplicates, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.stats import figures, sql
from hotline_desk.services.supervision import extensions
from tests.conftest import Clock, MakeActor
from tests.services.test_lifecycle_paths import Office, unit_id

LONG = os.environ.get("HOTLINE_DESK_LONG") == "1"
OCT = Period.month(2026, 10)
Op = Callable[["Desk", CaseDetail], object]


class Desk:
    def __init__(self, ctx: ServiceContext, office: Office) -> None:
        self.ctx, self.o = ctx, office
        self.cyfz, self.zxqy = unit_id(ctx, "CYFZ"), unit_id(ctx, "ZXQY")
        self.cases: list[int] = []

    def detail(self, case_id: int) -> CaseDetail:
        return read_model.get_case(self.ctx, self.o.desk, case_id)

    def callback(self, d: CaseDetail, outcome: str, rating: str | None = None) -> object:
        now = self.ctx.now()
        data = CallbackInput(outcome, now, rating, rating != "unsatisfied" if rating else None,
                             "问题没有解决" if rating == "unsatisfied" else "")  # fmt: skip
        return closing.record_callback(self.ctx, self.o.desk, d.id, d.version, data)


def _reply(k: Desk, d: CaseDetail) -> object:
    o = k.o
    head = o.head if d.lead_unit_name == "产业发展科" else o.other_head
    handler = o.handler if d.lead_unit_name == "产业发展科" else o.other_handler
    d = replies.submit_reply(k.ctx, handler, d.id, d.version, "答复意见")
    d = replies.approve_reply(k.ctx, head, d.id, d.version)
    return replies.record_reply(k.ctx, o.desk, d.id, d.version, "phone", k.ctx.now(), "张先生")


def _sign(k: Desk, d: CaseDetail) -> object:
    handler = k.o.handler if d.lead_unit_name == "产业发展科" else k.o.other_handler
    return handling.sign_case(k.ctx, handler, d.id, d.version)


def _extend(k: Desk, d: CaseDetail) -> object:
    handler = k.o.handler if d.lead_unit_name == "产业发展科" else k.o.other_handler
    d = extensions.request_extension(k.ctx, handler, d.id, 3, "需要现场核查")
    return extensions.approve_extension(k.ctx, k.o.desk, d.id, d.version)


def _return(k: Desk, d: CaseDetail) -> object:
    handler = k.o.handler if d.lead_unit_name == "产业发展科" else k.o.other_handler
    d = handling.request_return(k.ctx, handler, d.id, d.version, "not_our_duty", "不属本科职责")
    other = k.zxqy if d.lead_unit_name == "产业发展科" else k.cyfz
    return routing.approve_return(k.ctx, k.o.desk, d.id, d.version,
                                  RouteInput(tier=2, lead_unit_id=other))  # fmt: skip


def _merge(k: Desk, d: CaseDetail) -> object:
    master = next(c for c in k.cases if c != d.id)
    return duplicates.merge_case(k.ctx, k.o.desk, d.id, d.version, master, "同一诉求")


OPS: dict[str, Op] = {
    "route": lambda k, d: routing.route_case(k.ctx, k.o.desk, d.id, d.version,
                                             RouteInput(tier=2, lead_unit_id=k.cyfz)),
    "reroute": lambda k, d: routing.reroute_case(k.ctx, k.o.desk, d.id, d.version,
                                                 RouteInput(tier=2, lead_unit_id=k.zxqy,
                                                            reason="更符合职责")),
    "sign": _sign,
    "reply": _reply,
    "satisfied": lambda k, d: k.callback(d, "reached", "satisfied"),
    "unsatisfied": lambda k, d: k.callback(d, "reached", "unsatisfied"),
    "unreached": lambda k, d: k.callback(d, "unreached"),
    "refused": lambda k, d: k.callback(d, "refused"),
    "screen": lambda k, d: closing.screen_case(k.ctx, k.o.desk, d.id, d.version, True, "合理"),
    "close": lambda k, d: closing.close_case(k.ctx, k.o.desk, d.id, d.version),
    "reopen": lambda k, d: closing.reopen_case(k.ctx, k.o.desk, d.id, d.version, "平台退回重办"),
    "extend": _extend,
    "return": _return,
    "merge": _merge,
    "reject": lambda k, d: routing.reject_case(k.ctx, k.o.desk, d.id, d.version,
                                               "not_in_scope", "不属本局职责"),
}  # fmt: skip
NEXT = {  # what may happen to a case in each state (weighted by repetition)
    "registered": ("route", "route", "route", "reject", "merge"),
    "dispatched": ("sign", "sign", "sign", "return", "reroute"),
    "in_progress": ("reply", "reply", "reply", "extend", "return", "reroute"),
    "replied": ("satisfied", "satisfied", "satisfied", "unsatisfied", "unreached", "refused",
                "close", "close", "screen"),
    "closed": ("reopen",),
}  # fmt: skip
Step = tuple[int, bool, int, int]  # hours to wait, a new case?, which case, which next step
steps = st.lists(
    st.tuples(st.integers(1, 20), st.integers(0, 3).map(lambda n: n == 0), st.integers(0, 200),
              st.integers(0, 50)),
    min_size=40, max_size=150 if LONG else 80,
)  # fmt: skip


def _play(k: Desk, clock: Clock, plan: list[Step], until: datetime) -> None:
    for hours, new, pick, choice in plan:
        if clock.now + timedelta(hours=hours) >= until:
            return
        clock.now += timedelta(hours=hours)
        if new or not k.cases:
            k.cases.append(k.o.register(received_at=clock.now - timedelta(minutes=5)).id)
            continue
        d = k.detail(k.cases[pick % len(k.cases)])
        options = NEXT.get(str(d.status), ())
        if not options:
            continue
        try:
            OPS[options[choice % len(options)]](k, d)
        except (DeskError, InvalidTransition, StopIteration):
            pass  # not possible in the case's state: nothing happened


def _october(ctx: ServiceContext, actor: object) -> dict[str, object]:
    report = figures.monthly_report(ctx, actor, OCT)  # type: ignore[arg-type]
    tables = {b: figures.compute_table(ctx, actor, OCT, b) for b in Breakdown}  # type: ignore[arg-type]
    return {
        "report": {k: [(r.label, r.counts) for r in t.rows] + [t.total.counts]
                   for k, t in report.tables.items()},
        "tables": {b.value: ([(r.label, r.values) for r in t.rows], t.total.values)
                   for b, t in tables.items()},
    }  # fmt: skip


def _adds_up(ctx: ServiceContext, actor: object, period: Period) -> None:
    for b in Breakdown:
        if b == Breakdown.BUREAU:
            continue
        table = figures.compute_table(ctx, actor, period, b)  # type: ignore[arg-type]
        for key in COUNT_KEYS:
            summed = sum(r.counts.get(key, 0) for r in table.rows)
            assert summed == table.total.counts[key], (b, key)


@pytest.mark.slow
@settings(max_examples=40 if LONG else 4, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(before=steps, after=steps)
def test_a_month_does_not_move_after_it_is_over(
    ctx: ServiceContext, make_actor: MakeActor, clock: Clock,
    before: list[Step], after: list[Step],
) -> None:  # fmt: skip
    office = _office(ctx, make_actor)
    k = Desk(ctx, office)
    _clear_cases(ctx)  # each example starts from a desk without cases
    clock.now = datetime(2026, 9, 20, 9, 0)
    _play(k, clock, before + before, OCT.end)
    clock.now = max(clock.now, datetime(2026, 11, 1, 9, 0))
    leader = office.leader
    first = _october(ctx, leader)
    _adds_up(ctx, leader, OCT)
    _play(k, clock, after + after + after, datetime(2027, 1, 31))
    assert _october(ctx, leader) == first
    _kept_is_counted(ctx, clock.now)
    _adds_up(ctx, leader, OCT)
    _adds_up(ctx, leader, Period.month(2026, 11))
    _balances(ctx, leader, [Period.month(2026, m) for m in (9, 10, 11, 12)])


def _kept_is_counted(ctx: ServiceContext, now: datetime) -> None:
    """October as kept when it was first read is October counted from its facts now."""
    every = tuple(Breakdown)
    with ctx.uow.read() as uow:
        kept = sql.kept_groups(uow.session, OCT, every)
        live = sql._live_groups(uow.session, OCT, every, now)
    assert kept is not None
    for b in every:
        nonzero = {v: {k: n for k, n in c.items() if n} for v, c in live[b].items()}
        assert kept[b] == {v: c for v, c in nonzero.items() if c}, b


def _balances(ctx: ServiceContext, actor: object, months: list[Period]) -> None:
    """Open at the start + came in − left − closed − ended = open at the next start, per cell."""
    for b in (Breakdown.BUREAU, Breakdown.SECTION, Breakdown.CATEGORY):
        tables = [figures.compute_table(ctx, actor, m, b) for m in months]  # type: ignore[arg-type]
        for this, following in zip(tables, tables[1:], strict=False):
            after = {r.key: r.counts["carried_over"] for r in (*following.rows, following.total)}
            for row in (*this.rows, this.total):
                flow = open_after(row.counts)
                assert flow == after.get(row.key, 0), (b, this.period_key, row.label, row.counts)


_OFFICES: dict[int, Office] = {}


def _office(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    """One set of users per desk (hypothesis calls the test many times on one fixture)."""
    if id(ctx) not in _OFFICES:
        _OFFICES[id(ctx)] = Office(ctx, make_actor)
    return _OFFICES[id(ctx)]


def _clear_cases(ctx: ServiceContext) -> None:
    from sqlalchemy import text

    tables = ("case_facts", "fact_marks", "fact_instants", "fact_month_cells", "fact_months",
              "callbacks", "case_links",
              "extensions", "supervisions", "return_requests", "reply_reviews", "reply_drafts",
              "handling_notes", "case_assignments", "instructions", "case_events")  # fmt: skip
    with ctx.uow.write() as uow:
        s = uow.session
        for table in tables:
            s.execute(text(f"DELETE FROM {table}"))
        s.execute(text("UPDATE cases SET merged_into_id = NULL"))
        s.execute(text("DELETE FROM cases"))
        uow.commit()
