"""``store/compiled.py``'s reads on SQLite: several statements on one checkout convert a value
they share once (the alert check's ``now``), and never hand one statement's values to another
(issue 19's alert check, ≤ 1.5× its statements bare)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, Table, bindparam, create_engine, select
from sqlalchemy.types import TypeDecorator

from hotline_desk.store.compiled import compile_page, fetch_many


def test_each_statement_gets_its_own_values_and_a_shared_value_is_converted_once(
    tmp_path: Path,
) -> None:
    conversions: list[datetime] = []

    class Counted(TypeDecorator[datetime]):
        impl = DateTime
        cache_ok = True

        def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
            conversions.append(value)
            return value

    engine = create_engine(f"sqlite:///{tmp_path / 'reads.db'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", DateTime))
    table.create(engine)
    days = [datetime(2026, 12, d) for d in (1, 2, 3, 4)]
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"at": d} for d in days])
    now = bindparam("now", type_=Counted)
    before = compile_page(engine, select(table.c.id).where(table.c.at < now).order_by(table.c.id))
    after = compile_page(engine, select(table.c.id).where(table.c.at >= now).order_by(table.c.id))
    early, late = {"now": days[1]}, {"now": days[3]}
    rows = fetch_many(engine, [(before, early), (after, early), (before, late), (after, late)])
    assert [[r[0] for r in page] for page in rows] == [[1], [2, 3, 4], [1, 2, 3], [4]]
    assert conversions == [days[1], days[3]]  # each values dict's ``now`` once, not per statement
    engine.dispose()
