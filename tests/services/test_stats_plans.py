"""Every statistics statement walks an index of the facts that starts with its period column
(SQLite's EXPLAIN QUERY PLAN), for the bureau total, one breakdown and the cube of all of them,
index-only (covering indexes, no table lookups)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.stats.sql import CUBE, count_queries
from tests import stats_data
from tests.conftest import Clock

# statement → the index (starting with the period column) its driving table is searched by
EXPECTED = {
    "facts": "ix_case_facts_at (at>? AND at<?)",
    "callbacks_due": "ix_case_facts_due (due_at>? AND due_at<?)",
}


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
        driving = next(step for step in plan if not step.startswith("USE TEMP"))
        assert driving.startswith("SEARCH "), (query.name, plan)
        assert EXPECTED[query.name] in driving, (query.name, plan)
        assert not any(step.startswith("SCAN") for step in plan), (query.name, plan)
        assert "COVERING INDEX" in driving, (query.name, plan)
