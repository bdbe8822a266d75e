"""Many new rows of one table written with one ``executemany`` straight to the driver.

SQLAlchemy's per-row parameter processing (a dict of every bound value per row, then each
type's processor) was a third of the demo generator's time and a fifth of a platform import's.
Here the statement is compiled once for the rows' keys and each row becomes a tuple (or stays a
dict, for drivers with named parameters) with the same type processors applied as a Core
``insert`` applies (on SQLite: datetimes as SQLAlchemy stores them, ``2026-11-20
10:00:00.000000``, which sorts as time), so what is stored is the same. The caller's dicts are
not changed. Core events of the connection (``before_cursor_execute``) still see the statement.

``one_statement``: the rows in as few statements as the engine allows instead of an
``executemany`` of one statement per row. On SQLite, multi-row ``INSERT … VALUES (…), (…)``
statements (as long as SQLite's limit of bound values allows): every statement that fires a
trigger into the FTS5 search index (``case_search``) has FTS5 write its pending terms out as a
new segment at the statement's end, so an ``executemany`` of 1,000 rows wrote 1,000 tiny
segments and merged them, four times the work of one statement for the same rows; a statement
per row costs a fifth more on other tables too. On PostgreSQL (psycopg), ``COPY … FROM STDIN``
on the transaction's own connection: the server's bulk path (triggers, constraints and foreign
keys checked per row as ever), half the server's time of a pipelined ``executemany`` and less
of the client's (a multi-row ``VALUES`` had psycopg rewrite its many placeholders slowly, ten
times the CPU for the 55 columns of ``cases``) — from ``COPY_FROM`` rows. A refused row raises
what an INSERT would (``IntegrityError`` …); Core's cursor events do not see a ``COPY``.

``fetch_rows`` is the other way round: many rows of a SELECT as the driver's tuples, each column
through the same result processor SQLAlchemy applies (on SQLite: the stored times made
datetimes), without a SQLAlchemy row object each (a third of reading an export's page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from types import NoneType
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, Dialect, Select, Table, insert
from sqlalchemy.exc import DBAPIError

Row = dict[str, Any]
_STAMPED = {datetime, NoneType}
_FLAGS = {bool, NoneType}
_TZINFO = attrgetter("tzinfo")


MAX_PARAMS = 32_000
"""Bound values per statement on SQLite, at most (its limit: 32,766 since 3.32, 999 before;
``_variable_limit`` asks the library)."""
COPY_FROM = 20
"""Rows from which PostgreSQL gets a ``COPY`` (it waits for the server once more before the
rows go: for the few facts of an everyday write the ``executemany`` is as quick)."""


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Row], *,
                one_statement: bool = False) -> None:  # fmt: skip
    """INSERT ``rows`` (dicts with the same keys: column keys of ``table``) into ``table``
    (``one_statement``: module docstring)."""
    if not rows:
        return
    dialect = conn.dialect
    keys = list(rows[0])
    if one_statement and dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        _values_insert(conn, table, rows, keys)
        return
    if one_statement and dialect.driver == "psycopg" and len(rows) >= COPY_FROM:
        _copy_in(conn, table, rows, keys)
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order: list[str] = list(compiled.positiontup or ()) if compiled.positional else keys
    procs = _processors(dialect, table, order)
    params: list[Any]
    if compiled.positional:  # column by column: no Python loop a row (issue 19: the demo)
        params = _tuples(rows, order, procs)
    elif procs:
        params = [{**row, **{k: p(row[k]) for _i, k, p in procs}} for row in rows]
    else:
        params = list(rows)
    conn.exec_driver_sql(str(compiled), params)


Processor = tuple[int, str, Callable[[Any], Any]]
"""(position, key, bind processor) of a column whose values the driver gets converted."""


def _tuples(rows: Sequence[Row], order: list[str], procs: list[Processor]) -> list[tuple[Any, ...]]:
    """The rows as tuples of their ``order`` values, each column through its processor: the
    columns taken out and converted column by column (``_processed``), then zipped, all in C
    loops (no Python loop a row: issue 19, the demo)."""
    columns: list[Sequence[Any]] = [list(map(itemgetter(k), rows)) for k in order]
    for i, _key, proc in procs:
        columns[i] = _processed(columns[i], proc)
    return list(zip(*columns, strict=True))


def _processors(dialect: Dialect, table: Table, order: list[str]) -> list[Processor]:
    """(position, key, bind processor) of the columns whose values the driver gets converted,
    as a Core ``insert`` converts them."""
    procs: list[Processor] = []
    for i, key in enumerate(order):
        column_type = table.c[key].type
        proc = column_type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None and dialect.name == "sqlite" and isinstance(column_type, DateTime):
            proc = _sqlite_stamp(proc)
        elif proc is not None and dialect.name == "sqlite" and isinstance(column_type, Boolean):
            proc = _sqlite_flag(proc)
        if proc is not None:
            procs.append((i, key, proc))
    return procs


def _values_insert(conn: Connection, table: Table, rows: Sequence[Row], keys: list[str]) -> None:
    """The rows as multi-row ``INSERT … VALUES`` statements, each as long as the limit allows."""
    prep = conn.dialect.identifier_preparer
    names = ", ".join(prep.quote(table.c[k].name) for k in keys)
    group = "(" + ", ".join("?" * len(keys)) + ")"
    flat = list(chain.from_iterable(_tuples(rows, keys, _processors(conn.dialect, table, keys))))
    width = len(keys)
    per = max(1, min(MAX_PARAMS, _variable_limit(conn)) // width)
    head = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES "
    for start in range(0, len(rows), per):
        count = min(per, len(rows) - start)
        values = tuple(flat[start * width : (start + count) * width])
        conn.exec_driver_sql(head + ", ".join([group] * count), values)


def _variable_limit(conn: Connection) -> int:
    """The SQLite library's limit of bound values in one statement."""
    import sqlite3

    raw = conn.connection.dbapi_connection
    getlimit = getattr(raw, "getlimit", None)  # Python 3.11+
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)) if getlimit else 999


def _copy_in(conn: Connection, table: Table, rows: Sequence[Row], keys: list[str]) -> None:
    """The rows through PostgreSQL's ``COPY … FROM STDIN`` on the transaction's own connection;
    a refusal raises the ``DBAPIError`` subclass an INSERT would (``IntegrityError`` …)."""
    import psycopg

    prep = conn.dialect.identifier_preparer
    names = ", ".join(prep.quote(table.c[k].name) for k in keys)
    statement = f"COPY {prep.format_table(table)} ({names}) FROM STDIN"
    tuples = _tuples(rows, keys, _processors(conn.dialect, table, keys))
    raw = conn.connection.dbapi_connection
    assert raw is not None
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for values in tuples:
                copy.write_row(values)
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from None


def _processed(column: Sequence[Any], proc: Callable[[Any], Any]) -> Sequence[Any]:
    """``proc`` of each value of ``column``, without a Python call a value where the driver
    stores the same: a column of plain naive datetimes (and blanks) formatted by ``isoformat``
    itself (``_sqlite_stamp``'s text; with blanks, each distinct time once), a column of
    ``bool`` (and blanks) left as it is (``_sqlite_flag``)."""
    if getattr(proc, "naive_stamp", False):
        kinds = set(map(type, column))
        if kinds <= _STAMPED and not any(map(_TZINFO, filter(None, column))):
            if NoneType not in kinds:
                return list(map(datetime.isoformat, column, repeat(" "), repeat("microseconds")))
            distinct = dict.fromkeys(column)
            del distinct[None]
            stamps = map(datetime.isoformat, distinct, repeat(" "), repeat("microseconds"))
            text: dict[Any, str | None] = dict(zip(distinct, stamps, strict=True))
            text[None] = None
            return list(map(text.__getitem__, column))
    if getattr(proc, "plain_flag", False) and set(map(type, column)) <= _FLAGS:
        return column
    return list(map(proc, column))


def _sqlite_flag(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLAlchemy's SQLite boolean processor (``True`` → 1), marked: the driver stores a
    ``bool`` as that same integer (``bool`` is an ``int``), so a column of them and blanks
    goes as it is (``_processed``)."""

    def flag(value: Any) -> Any:
        return proc(value)

    flag.plain_flag = True  # type: ignore[attr-defined]
    return flag


def _sqlite_stamp(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLAlchemy's SQLite datetime processor, quicker for None and a plain ``datetime`` (the
    same text, each distinct time formatted once per statement: a batch's rows share their
    clock's times; ``tests/services/test_driver_rows.py`` compares what is stored)."""
    seen: dict[datetime, str] = {}

    def stamp(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is datetime and value.tzinfo is None:
            text = seen.get(value)
            if text is None:
                text = seen[value] = value.isoformat(" ", "microseconds")
            return text
        return proc(value)

    stamp.naive_stamp = True  # type: ignore[attr-defined]
    return stamp


def fetch_rows(conn: Connection, query: Select[Any], raw: bool = False) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as tuples holding what its ``Row`` objects would hold; ``raw``:
    as the driver gives them (SQLite: the times as their stored text, unparsed)."""
    dialect = conn.dialect
    procs = []
    for i, column in enumerate(() if raw else query.selected_columns):
        proc = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if proc is not None:
            procs.append((i, proc))
    result = conn.execute(query)
    try:
        rows: list[tuple[Any, ...]] = result.cursor.fetchall()  # type: ignore[attr-defined]
    finally:
        result.close()
    if len(procs) == 1:  # the usual: one time column (SQLite)
        ((i, proc),) = procs
        return [(*r[:i], proc(r[i]), *r[i + 1 :]) for r in rows]
    for i, proc in procs:
        rows = [(*r[:i], proc(r[i]), *r[i + 1 :]) for r in rows]
    return rows
