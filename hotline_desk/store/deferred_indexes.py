"""A bulk load into SQLite with the tables' own indexes made after it, not kept up row by row.

Every row written into ``cases`` updated its 30 indexes, each entry landing somewhere in a
b-tree that outgrows the page cache as the table grows: building a 1,000,000-case demo slowed
from ~1,700 cases a second at the start to ~1,270 over the whole run. ``CREATE INDEX`` on the
loaded table sorts once instead. The indexes are made again from the very SQL
``sqlite_master`` held for them (partial and expression indexes, UNIQUE ones included: a
duplicate the load let in makes that ``CREATE`` fail loudly), also when the load raised or was
interrupted. Only named indexes are dropped; SQLite's own for a table's UNIQUE constraints
(``sqlite_autoindex_*``) and the FTS5 search index stay. Other engines keep their indexes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine


@contextmanager
def indexes_deferred(engine: Engine, tables: Iterable[str], cache_kib: int = 0) -> Iterator[int]:
    """The body loads ``tables`` without their named indexes (on SQLite); yields how many
    were dropped. Afterwards every one is made again as it was (with a page cache of
    ``cache_kib`` for the sorting, when given; the connection's own is put back). The caller
    refreshes the statistics (``ANALYZE``) once it is done."""
    names = sorted(set(tables))
    if engine.dialect.name != "sqlite" or not names:
        yield 0
        return
    marks = ", ".join("?" for _ in names)
    with engine.begin() as conn:
        found = conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            tuple(names),
        ).all()
        for name, _sql in found:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield len(found)
    finally:
        with engine.begin() as conn:
            cache = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
            if cache_kib:
                conn.exec_driver_sql(f"PRAGMA cache_size=-{int(cache_kib)}")
            try:
                for _name, sql in found:
                    conn.exec_driver_sql(sql)
            finally:
                conn.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")
