"""Every statistics statement walks an index that starts with its period column (SQLite's
EXPLAIN QUERY PLAN), for the bureau total, one breakdown and the cube of all of them, and the
counts on ``cases`` are index-only (covering indexes, no table lookups)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period, last_months
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.stats.sql import CUBE, count_queries, trend_statements
from tests import stats_data
from tests.conftest import Clock

# statement → the index (starting with the period column) its driving table is searched by
EXPECTED = {
    "received": "ix_cases_received_stats (received_at>? AND received_at<?)",
    "linked": "ix_cases_received_stats (received_at>? AND received_at<?)",
    "dispatched": "ix_cases_dispatched (dispatched_at>? AND dispatched_at<?)",
    "replied": "ix_cases_replied (replied_at>? AND replied_at<?)",
    "closed": "ix_cases_closed (closed_at>? AND closed_at<?)",
    "open": "ix_cases_ended (ended_at",
    "callback_due": "ix_cases_callback_due (callback_deadline>? AND callback_deadline<?)",
    "callbacks": "ix_callbacks_at (at>? AND at<?)",
    "extensions": "ix_extensions_decided (decided_at>? AND decided_at<?)",
    "returns": "ix_return_requests_decided (decided_at>? AND decided_at<?)",
    "reopened": "ix_case_events_kind_at (kind=? AND at>? AND at<?)",
}
COVERED = {"received", "dispatched", "replied", "closed", "open", "callback_due", "callbacks"}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("plans")
    ctx = open_desk(f"sqlite+pysqlite:///{folder / 'p.db'}", folder / "bk",
                    clock=Clock(datetime(2026, 12, 5)))  # fmt: skip
    stats_data.build(ctx)  # not analysed: the planner assumes big tables, as a desk's are
    conn = ctx.engines.reader.connect()
    yield conn
    conn.close()
    ctx.engines.dispose()


def _plan(conn, stmt) -> list[str]:  # type: ignore[no-untyped-def]
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    return [row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]


@pytest.mark.parametrize("dims", [(), (Breakdown.SECTION,), (Breakdown.TOPIC,), CUBE],
                         ids=["bureau", "section", "topic", "cube"])  # fmt: skip
def test_period_statements_start_from_the_date_index(con, dims) -> None:  # type: ignore[no-untyped-def]
    queries = count_queries(Period.month(2026, 11), dims)
    assert {q.name for q in queries} == set(EXPECTED)
    for query in queries:
        plan = _plan(con, query.statement)
        if query.name == "linked":  # the few duplicate links may drive: never a scan of cases
            assert not any(step.startswith("SCAN cases") for step in plan), plan
            continue
        driving = next(step for step in plan if not step.startswith("USE TEMP"))
        assert driving.startswith("SEARCH "), (query.name, plan)
        assert EXPECTED[query.name] in driving, (query.name, plan)
        assert not any(step.startswith("SCAN") for step in plan), (query.name, plan)
        if query.name in COVERED:
            assert "COVERING INDEX" in driving, (query.name, plan)
        for step in plan[1:]:  # a joined case is one lookup by its id (analysed: the covering
            if step.startswith("SEARCH cases"):  # ix_cases_groups; the benchmark shows it)
                assert step.endswith(("(rowid=?)", "(id=?)")), (query.name, plan)


def test_trend_statements_are_index_ranges(con) -> None:  # type: ignore[no-untyped-def]
    for stmt in trend_statements(last_months(Period.month(2026, 11))):
        plan = _plan(con, stmt)
        assert plan[0].startswith("SEARCH cases USING COVERING INDEX"), plan
        assert "(received_at>? AND received_at<?)" in plan[0], plan
