"""PostgreSQL: a batch of chained audit rows appended in one call (``record_audits``: an
import's ``case_register`` rows, a print run's rows) through ``audit_append_rows`` (migration
0028), which checks each row as ``audit_append`` checks one — linked to the head or the row
before, ids rising, a hash — and sets the chain head once.

Used where the function is installed and this login may run it (remembered per engine: the look
costs a query); otherwise the rows go to ``audit_append`` one by one as before (a login granted
``audit_append`` alone, a migration that could not hand the function to the audit tables'
owner)."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

COLUMNS = ("id", "at", "actor_id", "actor_name", "action", "object_type", "object_id", "detail",
           "prev_hash", "hash")  # fmt: skip
TYPES = ("integer", "timestamp", "integer", "text", "text", "text", "text", "text", "text", "text")
SIGNATURE = f"audit_append_rows({', '.join(f'{t}[]' for t in TYPES)})"
APPEND_ROWS = text(
    "SELECT audit_append_rows("
    + ", ".join(f"CAST(:{c} AS {t}[])" for c, t in zip(COLUMNS, TYPES, strict=True))
    + ")"
)
_MAY: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def may_append_rows(conn: Connection) -> bool:
    """Whether ``audit_append_rows`` is there and this login may run it."""
    engine = conn.engine
    may = _MAY.get(engine)
    if may is None:
        may = _MAY[engine] = bool(conn.execute(
            text("SELECT CASE WHEN to_regprocedure(:f) IS NULL THEN false ELSE "
                 "has_function_privilege(to_regprocedure(:f), 'EXECUTE') END"), {"f": SIGNATURE}
        ).scalar())  # fmt: skip
    return may


def append_rows(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Append ``rows`` (each with every column of ``COLUMNS``, chained in order)."""
    conn.execute(APPEND_ROWS, {c: [row[c] for row in rows] for c in COLUMNS})
