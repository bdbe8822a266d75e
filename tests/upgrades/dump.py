"""Reading a whole database for before/after comparisons (``dump``), the rules any database
must meet for the current desk to move its cases (``UNMET``), and the case facts as stored
against those derived afresh from the records (``facts_and_derived``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import MetaData, select, text

from hotline_desk.services.stats.rebuild import rebuild_facts
from hotline_desk.store.engine import Engines
from hotline_desk.store.models.facts import CaseFact

Rows = dict[tuple[Any, ...], dict[str, Any]]


def dump(engines: Engines) -> dict[str, Rows]:
    """Every table's rows by primary key (the Alembic version table left out)."""
    with engines.reader.connect() as conn:
        meta = MetaData()
        meta.reflect(conn)
        out: dict[str, Rows] = {}
        for name, table in meta.tables.items():
            if name == "alembic_version":
                continue
            key = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
            rows = conn.execute(select(table)).mappings()
            out[name] = {tuple(r[k] for k in key): dict(r) for r in rows}
        return out


UNMET = {
    "replied without a callback status （回访 refused, not in the 回访 page）":
        "SELECT count(*) FROM cases WHERE status = 'replied' AND callback_status IS NULL",
    "awaiting approval without an approval step （not in 待审核）":
        "SELECT count(*) FROM cases WHERE status = 'awaiting_approval' AND approval_step IS NULL",
    "awaiting approval without a draft （审核 fails）":
        "SELECT count(*) FROM cases c WHERE status = 'awaiting_approval' AND NOT EXISTS "
        "(SELECT 1 FROM reply_drafts d WHERE d.case_id = c.id)",
    "return requested without a pending request （退回审核 fails）":
        "SELECT count(*) FROM cases c WHERE status = 'return_requested' AND NOT EXISTS "
        "(SELECT 1 FROM return_requests r WHERE r.case_id = c.id AND r.decision IS NULL)",
    "直办 without the office as its section (no one may approve its reply)":
        "SELECT count(*) FROM cases WHERE tier = 1 AND lead_unit_id IS NULL",
    "replied in the timeline, no reply time (no callback clock)":
        "SELECT count(*) FROM cases c WHERE replied_at IS NULL AND EXISTS "
        "(SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'replied')",
}  # fmt: skip
"""What the current code needs of every case, as counts that must be 0 (on a schema that has
the columns, i.e. from 0004 on)."""


def unmet(engines: Engines) -> dict[str, int]:
    with engines.reader.connect() as conn:
        return {what: int(conn.execute(text(sql)).scalar_one()) for what, sql in UNMET.items()}


FACT_COLUMNS = [c for c in CaseFact.__table__.columns if c.name != "id"]
Facts = dict[int, list[tuple[Any, ...]]]


def by_case(rows: Iterable[Sequence[Any]]) -> Facts:
    """Fact rows (``FACT_COLUMNS``, the case id first) grouped by case, in a fixed order."""
    out: Facts = defaultdict(list)
    for row in rows:
        out[row[0]].append(tuple(row))
    return {case_id: sorted(facts, key=repr) for case_id, facts in out.items()}


def dumped_facts(dumped: dict[str, Rows]) -> Facts:
    rows = dumped.get("case_facts", {}).values()
    return by_case([tuple(r[c.name] for c in FACT_COLUMNS) for r in rows])


def facts_and_derived(engines: Engines) -> tuple[Facts, Facts]:
    """The stored case facts, and those ``rebuild_facts`` derives from the records now (in a
    transaction rolled back)."""
    with engines.writer.connect() as conn, conn.begin() as tx:
        stored = by_case(conn.execute(select(*FACT_COLUMNS)).all())
        rebuild_facts(conn)
        derived = by_case(conn.execute(select(*FACT_COLUMNS)).all())
        tx.rollback()
    return stored, derived
