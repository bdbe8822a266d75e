"""Query plans of the duplicate look-up and the callback queue on an analysed demo database
(SQLite): every read is a bounded index range read newest first (the text's pieces through
the FTS5 index), none sorts the table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Select, func, select

from hotline_desk.demo.generate import generate_demo
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.callbacks import queue as callback_queue
from hotline_desk.services.cases import duplicate_index, duplicates
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import Case
from tests.conftest import Clock


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    folder = tmp_path_factory.mktemp("plans")
    ctx = open_desk(f"sqlite+pysqlite:///{folder / 'demo.db'}", folder / "bk",
                    clock=Clock(datetime(2026, 11, 20, 10)))  # fmt: skip
    generate_demo(ctx, 3000, seed=5)  # ends with ANALYZE
    yield ctx
    ctx.engines.dispose()


def plan(conn: Connection, stmt: Select[Any], params: dict[str, Any]) -> str:
    compiled = stmt.compile(dialect=conn.dialect)
    state = compiled.construct_expanded_state(params)
    rows = conn.exec_driver_sql(
        "EXPLAIN QUERY PLAN " + state.statement, tuple(state.positional_parameters)
    ).all()
    return " | ".join(r[-1] for r in rows)


def test_the_duplicate_look_up_reads_by_its_indexes(demo: ServiceContext) -> None:
    """The caller's cases by ``(caller_phone, id)``, each piece of text by the FTS5 index
    within the window's ids newest first, the candidates by primary key: nothing sorted."""
    with demo.engines.reader.connect() as conn:
        latest = conn.execute(select(func.max(Case.id))).scalar_one()
        phone, title, content, received = conn.execute(
            select(Case.caller_phone, Case.title, Case.content, Case.received_at).where(
                Case.id == latest - 7
            )
        ).one()
        since = received - timedelta(days=30)
        start = duplicates.window_start_id(conn, since, latest - 7)
        window = duplicates.Window(since, start, phone or "13800000000", before_id=latest - 7)
        plans = [plan(conn, stmt, params) for stmt, params in duplicates.window_statements(window)]
        pieces = duplicate_index.chunks(title, content)
        params = {"piece": duplicate_index.piece_param(pieces[0], True), "start_id": start,
                  "before_id": latest - 7, "k": duplicate_index.PER_CHUNK}  # fmt: skip
        plans.append(plan(conn, duplicate_index.chunk_statement(True), params))
        memo = duplicate_index.Memo()
        ids = duplicate_index.index_candidates(conn, memo, pieces, start, latest - 7)
        rows = duplicates.read_candidates(conn, window, ids)
        plans.append(plan(conn, duplicates._rows_statement(False),
                          {"ids": ids, "start_id": start, "since": since}))  # fmt: skip
    assert plans[0].startswith(
        "SEARCH cases USING INDEX ix_cases_phone_id (caller_phone=? AND id>?"
    )
    assert plans[1].startswith("SCAN case_search_fts VIRTUAL TABLE INDEX"), plans[1]
    assert plans[2].startswith("SEARCH cases USING INTEGER PRIMARY KEY (rowid=?)"), plans[2]
    assert all("TEMP B-TREE" not in p for p in plans)
    assert 0 < len(ids) <= duplicate_index.CANDIDATES
    assert all(start <= i < latest - 7 for i in ids)
    assert rows and all(r[2] >= since for r in rows)


def test_the_callback_queue_reads_the_replied_cases_only(demo: ServiceContext) -> None:
    with demo.engines.reader.connect() as conn:
        stmt = (
            select(Case.id)
            .where(callback_queue.queue_condition("pending"))
            .order_by(*callback_queue._order("pending"))
        )
        found = plan(conn, stmt.limit(101), {})
    assert "USING INDEX ix_cases_status_id (status=?)" in found, found
