"""The registration's honest floor (``bench_register.py``): every row one registration stores,
written in the least statements the engine allows, nothing computed or read.

The rows: the day's counter bumped (a ``BENCH…`` key), the case, its 登记 event, its
``case_facts`` rows and its ``case_search`` row (copied from the desk's latest registration, so
they are the same rows), an audit-shaped row and the chain head's new hash (scratch tables: the
real ones only take chained rows). On SQLite one statement a table (there is no statement that
writes two tables, and a statement costs no round trip); on PostgreSQL one statement of
data-modifying CTEs, so one round trip before the COMMIT.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, bindparam, func, insert, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_upsert
from sqlalchemy.dialects.sqlite import insert as sqlite_upsert

from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case, CaseEvent, CaseFact, CaseNoCounter, CaseSearch

CASES, EVENTS = Case.__table__, CaseEvent.__table__
FACTS, SEARCH = CaseFact.__table__, CaseSearch.__table__
CASE_DEFAULTS = {
    c.key: c.default.arg  # type: ignore[union-attr]
    for c in CASES.columns
    if c.default is not None and c.default.is_scalar  # type: ignore[union-attr]
}
"""The column defaults a Core insert adds (a CTE's insert is given every value)."""


def _binds(table: Table, prefix: str, keys: list[str]) -> dict[Any, Any]:
    return {table.c[k]: bindparam(prefix + k, type_=table.c[k].type) for k in keys}


def same_rows_floor(
    engine: Engine, base: int, topic_id: int, actor: Actor, audit: Table, head: Table
) -> Callable[[int, datetime], None]:
    """A function writing one registration's rows for run ``i`` at ``now``."""
    with engine.connect() as conn:
        last = conn.execute(
            select(func.max(Case.id)).where(Case.case_no.not_like("BENCH%"))
        ).scalar_one()
        fact_keys = [c.key for c in FACTS.columns if c.key not in ("id", "case_id")]
        facts = [dict(r._mapping) for r in conn.execute(
            select(*(FACTS.c[k] for k in fact_keys)).where(FACTS.c.case_id == last)
        )]  # fmt: skip
        found = conn.execute(
            select(SEARCH.c.public_text, SEARCH.c.personal_text).where(SEARCH.c.case_id == last)
        ).one()
    pg = engine.dialect.name == "postgresql"
    upsert = (pg_upsert if pg else sqlite_upsert)(CaseNoCounter)
    counter = upsert.values(key=bindparam("key"), last_seq=1).on_conflict_do_update(
        index_elements=[CaseNoCounter.key], set_={"last_seq": CaseNoCounter.last_seq + 1}
    )

    def case_row(i: int, now: datetime) -> dict[str, Any]:
        return CASE_DEFAULTS | {"case_no": f"BENCH-S{base + i:09d}", "query_code": "000000",
                "channel": "hotline", "received_at": now - timedelta(minutes=5),
                "caller_name": "张三明", "caller_phone": f"138{i:08d}",
                "caller_address": "解放路88号3单元", "category": "consult",
                "topic_id": topic_id, "urgency": "normal", "title": "咨询中小企业专项资金申报条件",
                "content": "来电人咨询今年中小企业发展专项资金的申报条件和截止时间。",
                "status": "registered", "registered_by": actor.user_id, "created_at": now,
                "updated_at": now, "updated_by": actor.user_id, "version": 1}  # fmt: skip

    def event_row(now: datetime) -> dict[str, Any]:
        return {"at": now, "actor_id": actor.user_id, "kind": "registered",
                "to_status": "registered", "summary": "热线电话登记", "changes": "{}"}  # fmt: skip

    def audit_row(now: datetime, i: int) -> dict[str, Any]:
        return {"at": now, "actor_id": actor.user_id, "actor_name": actor.username,
                "action": "case_register", "object_type": "case", "object_id": f"S{i}",
                "detail": "{}", "prev_hash": "0" * 64, "hash": f"{i:064d}"}  # fmt: skip

    search_row = {"public_text": found[0], "personal_text": found[1]}
    if not pg:

        def write_sqlite(i: int, now: datetime) -> None:
            with engine.begin() as conn:
                conn.execute(counter, {"key": f"BENCH{now:%Y%m%d}"})
                cid = conn.execute(insert(CASES), case_row(i, now)).inserted_primary_key[0]
                conn.execute(insert(EVENTS), event_row(now) | {"case_id": cid})
                conn.execute(insert(FACTS), [f | {"case_id": cid} for f in facts])
                conn.execute(insert(SEARCH), search_row | {"case_id": cid})
                conn.execute(insert(audit), audit_row(now, i))
                conn.execute(update(head).where(head.c.id == 1), {"last_hash": f"{i:064d}"})

        return write_sqlite

    case_keys = list(case_row(0, datetime.now()))
    event_keys, audit_keys = list(event_row(datetime.now())), list(audit_row(datetime.now(), 0))
    n = counter.cte("n")
    c = insert(CASES).values(_binds(CASES, "c_", case_keys)).returning(CASES.c.id).cte("c")

    def follow(table: Table, prefix: str, keys: list[str]) -> Any:
        values = _binds(table, prefix, keys)
        return select(c.c.id, *values.values())

    e = insert(EVENTS).from_select(["case_id", *event_keys], follow(EVENTS, "e_", event_keys))
    f = insert(FACTS).from_select(
        ["case_id", *fact_keys],
        union_all(*(follow(FACTS, f"f{j}_", fact_keys) for j in range(len(facts)))),
    )
    s = insert(SEARCH).from_select(["case_id", *search_row], follow(SEARCH, "s_", [*search_row]))
    a = insert(audit).values(_binds(audit, "a_", audit_keys))
    h = update(head).where(head.c.id == 1).values(last_hash=bindparam("h_hash"))
    ctes = [x.cte(name) for x, name in ((e, "e"), (f, "f"), (s, "s"), (a, "a"), (h, "h"))]
    stmt = select(c.c.id).add_cte(n, *ctes)

    def write_pg(i: int, now: datetime) -> None:
        params = {"key": f"BENCH{now:%Y%m%d}", "h_hash": f"{i:064d}"}
        params |= {f"c_{k}": v for k, v in case_row(i, now).items()}
        params |= {f"e_{k}": v for k, v in event_row(now).items()}
        params |= {f"s_{k}": v for k, v in search_row.items()}
        params |= {f"a_{k}": v for k, v in audit_row(now, i).items()}
        for j, fact in enumerate(facts):
            params |= {f"f{j}_{k}": v for k, v in fact.items()}
        with engine.begin() as conn:
            conn.execute(stmt, params).one()

    return write_pg
