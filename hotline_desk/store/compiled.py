"""SQLite statements run on every call without repeating SQLAlchemy's work each time: the
search page (issue 16: the list's first page within 3× the bare FTS5 query that returns the
same rows), the session check before every service, the minute's alert check and the 督办台's
counts and pages (issue 19).

A statement whose varying values are named parameters (the search page's words and cursor:
``search.match.fts_page``; the check's user id; the alert's and the board's times and cursor),
everything else fixed by a key its caller gives (who may see what, the other filters, the page
size), is built and compiled once per key and afterwards run as its SQL text straight on the
pool's ``sqlite3`` connection, the parameters through their types' bind processors (a time
becomes SQLite's text form) and the column types' own result processors (times, flags) applied
to the columns that have one. One SELECT reads one consistent snapshot of the database by
itself, so no ``BEGIN``/``ROLLBACK`` is wrapped around it; several (``fetch_many``,
``run_selects``) run in one read transaction. SQLite only (its ``?`` parameters, no round trip
to save elsewhere; ``run_selects`` runs the same statements through SQLAlchemy elsewhere).

Measured in ``benchmarks/bench_search.py``; what it saves per search page at 1 M cases:
building the statement (~0.13 ms), SQLAlchemy's cache key and result machinery (~0.25 ms) and
the read transaction (~0.08 ms).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select

CACHE_SIZE = 256
"""Statements kept (a search page per actor and filter shape; a desk uses a handful)."""


@dataclass(frozen=True)
class CompiledPage:
    """A page statement as SQL text: its parameters in order (the ones fixed at compile time
    with their values) and the result processors by column position."""

    sql: str
    order: tuple[str, ...]
    fixed: dict[str, Any]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    binds: tuple[tuple[str, Callable[[Any], Any]], ...] = ()
    """The parameters' bind processors (a time becomes SQLite's text form)."""

    def __post_init__(self) -> None:
        # the arguments in order with the fixed values in place, and where each named value
        # goes with its processor: a call fills in the slots (no dict per parameter)
        processors = dict(self.binds)
        places: dict[str, list[int]] = {}
        for i, name in enumerate(self.order):
            places.setdefault(name, []).append(i)
        slots = tuple((name, tuple(at), processors.get(name)) for name, at in places.items())
        object.__setattr__(self, "_base", [self.fixed.get(name) for name in self.order])
        object.__setattr__(self, "_slots", slots)

    def fetch(self, engine: Engine, values: dict[str, Any]) -> list[Any]:
        """The rows for ``values`` (the named parameters that vary), typed as SQLAlchemy
        would type them (tuples, or lists where a column was converted)."""
        pooled = engine.raw_connection()  # no ``Connection`` around it: a few µs a call
        try:
            return self.fetch_on(pooled.driver_connection, values)
        finally:
            pooled.close()

    def fetch_on(self, driver: Any, values: dict[str, Any],
                 memo: dict[tuple[str, Any], Any] | None = None) -> list[Any]:  # fmt: skip
        """``fetch`` on a driver connection the caller holds (several statements on one
        checkout: ``fetch_many``, whose ``memo`` — one per ``values`` — converts a value
        several statements share, e.g. the check's ``now``, once)."""
        args = list(self._base)  # type: ignore[attr-defined]
        for name, at, process in self._slots:  # type: ignore[attr-defined]
            if name in values:
                value = values[name]
                if process is not None and value is not None:
                    if memo is None:
                        value = process(value)
                    elif (name, process) in memo:
                        value = memo[name, process]
                    else:
                        value = memo[name, process] = process(value)
                for i in at:
                    args[i] = value
        rows = driver.execute(self.sql, args).fetchall()
        if not self.processors:
            return rows  # type: ignore[no-any-return]
        out = []
        for row in rows:
            typed = list(row)
            for i, process in self.processors:
                if typed[i] is not None:
                    typed[i] = process(typed[i])
            out.append(typed)
        return out


def fetch_many(engine: Engine, pages: list[tuple[CompiledPage, dict[str, Any]]]) -> list[list[Any]]:
    """Each page's rows for its values, on one pooled connection and in one read transaction
    (one snapshot for all of them: a check's counts and its lists agree)."""
    pooled = engine.raw_connection()
    driver: Any = pooled.driver_connection
    try:
        if len(pages) == 1:
            return [pages[0][0].fetch_on(driver, pages[0][1])]
        driver.execute("BEGIN")
        memos: dict[int, dict[tuple[str, Any], Any]] = {}  # one per values dict (alive here)
        try:
            return [
                page.fetch_on(driver, values, memos.setdefault(id(values), {}))
                for page, values in pages
            ]
        finally:
            driver.execute("COMMIT")
    finally:
        pooled.close()


_cache: OrderedDict[Hashable, CompiledPage] = OrderedDict()
_lock = threading.Lock()


def compile_page(engine: Engine, stmt: Select[Any]) -> CompiledPage:
    """``stmt`` as a ``CompiledPage`` for ``engine``'s dialect (lists in ``IN`` rendered for
    the values they hold now: they belong to the key)."""
    dialect = engine.dialect
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    order = tuple(compiled.positiontup or ())
    processors = []
    for i, column in enumerate(stmt.selected_columns):
        process = column.type._cached_result_processor(dialect, None)  # noqa: SLF001
        if process is not None:
            processors.append((i, process))
    binds = []
    for name, bind in compiled.binds.items():
        process = bind.type._cached_bind_processor(dialect)  # noqa: SLF001
        if process is not None and name in order:
            binds.append((name, process))
    fixed = dict(compiled.params)
    for name, process in binds:
        if fixed.get(name) is not None:
            fixed[name] = process(fixed[name])
    return CompiledPage(str(compiled), order, fixed, tuple(processors), tuple(binds))


def cached_page(engine: Engine, key: Hashable, build: Callable[[], Select[Any]]) -> CompiledPage:
    """The compiled page for ``key`` (built by ``build`` the first time)."""
    with _lock:
        page = _cache.get(key)
        if page is not None:
            _cache.move_to_end(key)
            return page
    page = compile_page(engine, build())
    with _lock:
        _cache[key] = page
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return page


def run_selects(
    engine: Engine,
    key: tuple[Any, ...],
    statements: list[tuple[Hashable, Select[Any]]],
    values: dict[str, Any],
) -> list[list[Any]]:
    """Each statement's rows for ``values``, in one read: on SQLite each compiled once under
    ``(*key, place)`` (``place``: the statement's name in its caller's set; ``key`` must fix
    everything else the statement holds) and run on one pooled connection (``fetch_many``);
    elsewhere through a plain connection."""
    if engine.dialect.name == "sqlite":
        pages = [
            (cached_page(engine, (*key, place), lambda s=stmt: s), values)
            for place, stmt in statements
        ]
        return fetch_many(engine, pages)
    with engine.connect() as conn:
        return [list(conn.execute(stmt, values).all()) for _place, stmt in statements]
