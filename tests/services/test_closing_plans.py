"""Query plans of the duplicate look-up and the callback queue on an analysed demo database
(SQLite): every window is a bounded index range read newest first, none sorts the table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Select, func, select

from hotline_desk.demo.generate import generate_demo
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.callbacks import queue as callback_queue
from hotline_desk.services.cases import duplicates
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


def test_the_duplicate_windows_use_their_indexes(demo: ServiceContext) -> None:
    with demo.engines.reader.connect() as conn:
        latest = conn.execute(select(func.max(Case.id))).scalar_one()
        phone, topic, received = conn.execute(
            select(Case.caller_phone, Case.topic_id, Case.received_at).where(Case.id == latest - 7)
        ).one()
        since = received - timedelta(days=30)
        start = duplicates.window_start_id(conn, since, latest - 7)
        window = duplicates.Window(since, start, phone or "13800000000", topic,
                                   before_id=latest - 7)  # fmt: skip
        plans = [plan(conn, stmt, params) for stmt, params in duplicates.window_statements(window)]
        rows = duplicates.read_window(conn, window)
    assert plans[0].startswith(
        "SEARCH cases USING INDEX ix_cases_phone_id (caller_phone=? AND id>?"
    )
    assert plans[1].startswith("SEARCH cases USING INDEX ix_cases_topic_id (topic_id=? AND id>?")
    assert plans[2].startswith("SEARCH cases USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")
    assert all("TEMP B-TREE" not in p for p in plans)
    assert rows and all(start <= r[0] < latest - 7 and r[2] >= since for r in rows)
    assert len(rows) <= duplicates.PHONE_LIMIT + duplicates.TOPIC_WINDOW + duplicates.RECENT_WINDOW


def test_the_callback_queue_reads_the_replied_cases_only(demo: ServiceContext) -> None:
    with demo.engines.reader.connect() as conn:
        stmt = (
            select(Case.id)
            .where(callback_queue.queue_condition("pending"))
            .order_by(*callback_queue._order("pending"))
        )
        found = plan(conn, stmt.limit(101), {})
    assert "USING INDEX ix_cases_status_id (status=?)" in found, found
