"""Many race cases at once: copies of a prototype case with every row that hangs off it.

Building each case of a 50-round race through the services would cost five or six calls per
case; instead one prototype is built that way (``stage.SETTINGS``) and copied with bulk inserts:
the case row under a new id and number, and every row of every table that refers to it
(assignments, returns, extensions, supervision, drafts and reviews, callbacks, events, the
statistics' facts), with fresh ids and references between them mapped to the copies. Audit rows
are not copied (the chain is the database's own). On PostgreSQL the id sequences are moved past
the copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from hotline_desk.store.models import Case
from hotline_desk.store.models.base import Base

CASES: Table = Case.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class Copy:
    """One race case: its id, number, version and the newest timeline event on it."""

    case_id: int
    case_no: str
    version: int
    seen: int
    events: int


def _children() -> list[Table]:
    """Tables whose rows belong to one case (a ``case_id`` referring to cases), parents first;
    not ``case_search`` (keyed by the case: the copies are never searched)."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if "case_id" in t.c
        and "id" in t.c
        and any(fk.column.table is CASES for fk in t.c.case_id.foreign_keys)
    ]


def _next_id(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def clone(conn: Connection, proto_id: int, n: int) -> list[Copy]:
    """``n`` copies of case ``proto_id`` inside the caller's transaction."""
    proto = conn.execute(select(CASES).where(CASES.c.id == proto_id)).mappings().one()
    first = _next_id(conn, CASES)
    ids = list(range(first, first + n))
    conn.execute(insert(CASES), [
        {**proto, "id": i, "case_no": f"ZZ{i:08d}", "platform_ref": None} for i in ids
    ])  # fmt: skip
    mapped: dict[str, dict[int, list[int]]] = {}  # table -> old id -> the copies' ids
    events_of = last_event = 0
    for table in _children():
        rows = conn.execute(select(table).where(table.c.case_id == proto_id)).mappings().all()
        if not rows:
            continue
        start = _next_id(conn, table)
        new: list[dict[str, Any]] = []
        ids_of: dict[int, list[int]] = {}
        for k, case_id in enumerate(ids):
            for j, row in enumerate(rows):
                row_id = start + k * len(rows) + j
                ids_of.setdefault(row["id"], []).append(row_id)
                new.append({**_mapped(table, row, k, mapped), "id": row_id, "case_id": case_id})
        conn.execute(insert(table), new)
        mapped[table.name] = ids_of
        if table.name == "case_events":
            events_of, last_event = len(rows), max(r["id"] for r in rows)
    _move_sequences(conn, [CASES, *_children()])
    event_ids = mapped.get("case_events", {})
    return [
        Copy(i, f"ZZ{i:08d}", proto["version"], event_ids[last_event][k] if events_of else 0,
             events_of)
        for k, i in enumerate(ids)
    ]  # fmt: skip


def _mapped(
    table: Table, row: Any, k: int, mapped: dict[str, dict[int, list[int]]]
) -> dict[str, Any]:
    """The row with its references to other copied rows pointed at the k-th copy's."""
    out = dict(row)
    for fk in table.foreign_keys:
        target = mapped.get(fk.column.table.name)
        value = out.get(fk.parent.name)
        if target is not None and value in target:
            out[fk.parent.name] = target[value][k]
    return out


def _move_sequences(conn: Connection, tables: Sequence[Table]) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
            f" (SELECT max(id) FROM {table.name}))"
        ))  # fmt: skip
