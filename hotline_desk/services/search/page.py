"""SQLite's search page without repeating the statement work on every call (issue 16: the
list's first page within 3× the bare FTS5 query that returns the same rows).

The page's statement (``match.fts_page`` over ``cases.queries._page_query``) depends on the
searched words and the cursor only through two named parameters (``fts_match``,
``fts_before``); everything else in it — who may see what, the other filters, the words too
short for the index, the page size — is fixed by a key the caller gives. So it is built and
compiled once per key and afterwards run as its SQL text straight on the pool's ``sqlite3``
connection, with the column types' own result processors (the time of receipt, the flags)
applied to the few columns that have one. One statement reads one consistent snapshot of the
database by itself, so no ``BEGIN``/``ROLLBACK`` is wrapped around it.

Measured in ``benchmarks/bench_search.py``; what it saves per page at 1 M cases: building the
statement (~0.13 ms), SQLAlchemy's cache key and result machinery (~0.25 ms) and the read
transaction (~0.08 ms).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select

CACHE_SIZE = 256
"""Compiled pages kept (one per actor's visibility and filter shape; a desk uses a handful)."""


@dataclass(frozen=True)
class CompiledPage:
    """A page statement as SQL text: its parameters in order (the ones fixed at compile time
    with their values) and the result processors by column position."""

    sql: str
    order: tuple[str, ...]
    fixed: dict[str, Any]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]

    def fetch(self, engine: Engine, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The rows for ``values`` (the named parameters that vary), typed as SQLAlchemy
        would type them."""
        params = {**self.fixed, **values}
        args = tuple(params[name] for name in self.order)
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            rows = raw.execute(self.sql, args).fetchall()
        if not self.processors:
            return rows
        out = []
        for row in rows:
            typed = list(row)
            for i, process in self.processors:
                if typed[i] is not None:
                    typed[i] = process(typed[i])
            out.append(tuple(typed))
        return out


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
    return CompiledPage(str(compiled), order, dict(compiled.params), tuple(processors))


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
