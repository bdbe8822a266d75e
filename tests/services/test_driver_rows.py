"""``store.driver_rows.bulk_insert`` stores what a Core ``insert`` stores, on both engines:
every type the desk's bulk writes use (datetimes with and without microseconds, dates,
booleans, None, integers, text), compared as the database holds them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
)

from hotline_desk.store.driver_rows import bulk_insert

META = MetaData()
SCRATCH = Table(
    "scratch_driver_rows", META,
    Column("id", Integer, primary_key=True),
    Column("tag", String(10), nullable=False),
    Column("at", DateTime, nullable=True),
    Column("day", Date, nullable=True),
    Column("flag", Boolean, nullable=True),
    Column("n", Integer, nullable=True),
    Column("words", String(200), nullable=True),
)  # fmt: skip
ROWS = [
    {"at": datetime(2026, 11, 20, 10, 0), "day": date(2026, 11, 20), "flag": True, "n": 3,
     "words": "市民来电反映 ‘问题’"},
    {"at": datetime(2026, 11, 20, 10, 0, 5, 123456), "day": None, "flag": False, "n": None,
     "words": None},
    {"at": None, "day": date(2000, 1, 1), "flag": None, "n": 0, "words": ""},
]  # fmt: skip


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = create_engine(db_url)
    META.create_all(eng)
    yield eng
    META.drop_all(eng)
    eng.dispose()


def test_the_driver_stores_what_core_stores(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(SCRATCH), [{**r, "tag": "core"} for r in ROWS])
        mine = [{**r, "tag": "driver"} for r in ROWS]
        bulk_insert(conn, SCRATCH, mine)
    assert mine[0]["at"] == datetime(2026, 11, 20, 10, 0)  # the caller's rows are left alone
    cols = "at, day, flag, n, words"
    with engine.connect() as conn:  # as stored: on SQLite the text of the dates, not parsed
        raw = {tag: conn.execute(text(f"SELECT {cols} FROM scratch_driver_rows WHERE tag = :t "
                                      "ORDER BY id"), {"t": tag}).all()
               for tag in ("core", "driver")}  # fmt: skip
        typed = conn.execute(select(SCRATCH).where(SCRATCH.c.tag == "driver")).all()
    assert raw["core"] == raw["driver"]
    assert [dict(r._mapping) | {"id": 0, "tag": ""} for r in typed] == [
        {**r, "id": 0, "tag": ""} for r in ROWS
    ]


@pytest.mark.parametrize("per_statement", [None, 14])
def test_one_statement_stores_what_core_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, per_statement: int | None
) -> None:
    """``one_statement`` (multi-row VALUES on SQLite, COPY on PostgreSQL), also when the rows
    take several statements (``per_statement``: a limit of 14 values, two rows of six)."""
    from sqlalchemy import event

    from hotline_desk.store import driver_rows

    monkeypatch.setattr(driver_rows, "COPY_FROM", 2)  # PostgreSQL: COPY for these few rows
    if per_statement is not None:
        monkeypatch.setattr(driver_rows, "MAX_PARAMS", per_statement)
    sent: list[str] = []

    def note(*args: object) -> None:  # before_cursor_execute(conn, cursor, statement, …)
        sent.append(str(args[2]))

    with engine.begin() as conn:
        conn.execute(insert(SCRATCH), [{**r, "tag": "core"} for r in ROWS * 3])
        event.listen(conn, "before_cursor_execute", note)
        bulk_insert(conn, SCRATCH, [{**r, "tag": "one"} for r in ROWS * 3], one_statement=True)
        event.remove(conn, "before_cursor_execute", note)
    if engine.dialect.name == "sqlite":  # 9 rows: in one statement, or in five of two rows
        assert len(sent) == (1 if per_statement is None else 5)
        assert sent[0].count("(?, ?, ?, ?, ?, ?)") == (9 if per_statement is None else 2)
    else:
        assert sent == []  # COPY, on the transaction's own connection
    cols = "at, day, flag, n, words"
    with engine.connect() as conn:
        raw = {tag: conn.execute(text(f"SELECT {cols} FROM scratch_driver_rows WHERE tag = :t "
                                      "ORDER BY id"), {"t": tag}).all()
               for tag in ("core", "one")}  # fmt: skip
    assert raw["core"] == raw["one"] and len(raw["one"]) == 9


def test_one_statement_refuses_a_row_as_an_insert_would(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate key: ``IntegrityError`` (SQLAlchemy's), and nothing of the statement stays."""
    from sqlalchemy.exc import IntegrityError

    from hotline_desk.store import driver_rows

    monkeypatch.setattr(driver_rows, "COPY_FROM", 2)
    rows = [{**r, "tag": "one", "id": 100 + i} for i, r in enumerate(ROWS)]
    with engine.begin() as conn:
        bulk_insert(conn, SCRATCH, rows[:1], one_statement=True)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        bulk_insert(conn, SCRATCH, rows, one_statement=True)
    with engine.connect() as conn:
        assert conn.execute(select(SCRATCH.c.id)).scalars().all() == [100]


def test_the_statements_keep_within_the_librarys_limit(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite built with a lower limit of bound values (999 before 3.32) gets statements of
    at most that many: here 13, so two rows of six values each."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's limit")
    from sqlalchemy import event

    from hotline_desk.store import driver_rows

    with engine.connect() as conn:
        assert driver_rows._variable_limit(conn) >= 999  # the library's own
    monkeypatch.setattr(driver_rows, "_variable_limit", lambda _conn: 13)
    sent: list[str] = []

    def note(*args: object) -> None:
        sent.append(str(args[2]))

    with engine.begin() as conn:
        event.listen(conn, "before_cursor_execute", note)
        bulk_insert(conn, SCRATCH, [{**r, "tag": "one"} for r in ROWS * 3], one_statement=True)
    assert [q.count("(?") for q in sent] == [2, 2, 2, 2, 1]
    with engine.connect() as conn:
        assert conn.execute(select(SCRATCH.c.id)).scalars().all() == list(range(1, 10))
