"""Demo data: demo users for every role and N realistic cases over the last 12 months.

Each case walks the lifecycle (DESIGN.md §3) as far as its age suggests, and every row the
services would have written on the way is there: timeline events, assignments (主办/协办/交办),
return requests, reply drafts and their reviews, and the case's lifecycle columns. Titles come
from per-topic templates, and a template's sub-theme decides the section that handles it (~90 %
of the time), so routing can be learnt from past cases.

Rows are built as plain dicts and written straight to the driver in multi-row statements
(``store.driver_rows``: on SQLite less of the engine's work a row than a statement a row, and
one FTS5 segment a statement for the search rows; on PostgreSQL ``COPY``), a transaction a
batch of ``BATCH`` cases, not one ORM object at a time, so a million cases take minutes. Demo
accounts are only ever created by this module. A demo database's seeded administrator
``admin`` is claimed the one way there is, with the setup code the desk has just written
(``setup_code``): the generator reads it and sets ``DEMO_ADMIN_PASSWORD``, so a demo database
has no account that the first comer could claim.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, text, update

from hotline_desk.demo.pipeline import BuildPlan, Ended, batches, batches_from_child
from hotline_desk.demo.rows import (
    DEMO_PASSWORD,
    Batch,
    ensure_demo_users,
    load_org,
    upsert_counters,
)
from hotline_desk.demo.text import (
    DEMO_USERS,
)
from hotline_desk.domain.errors import DeskError
from hotline_desk.services.admin import auth
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.stats.rebuild import forget_kept
from hotline_desk.services.supervision.clocks import (
    load_rules,
)
from hotline_desk.store.deferred_indexes import indexes_deferred
from hotline_desk.store.driver_rows import bulk_insert
from hotline_desk.store.models import (
    Case,
    CaseEvent,
    CaseFact,
    CaseNoCounter,
    CaseSearch,
    ReplyDraft,
    Topic,
    User,
)

BATCH = 20_000
BULK_CACHE_KIB = 512 * 1024
"""SQLite's page cache for the generator's connection while it writes (the default is 2 MB):
every batch's index entries land all over the cases table's indexes, and with the default
cache each of those pages was read again from the operating system — at 1,000,000 cases a
quarter of the build's CPU time was the kernel's. Set for the build only, then put back."""
LARGE_BUILD = 50_000
"""From this many cases the rows are made in a second process while this one writes
(``demo.pipeline``), and the tables are loaded without their indexes, which are made at the
end (``store.deferred_indexes``, SQLite: at 1,000,000 cases each row kept 30 indexes of
``cases`` up to date, in pages that no longer fit the cache)."""
DEMO_ADMIN_PASSWORD = "Hotline-Demo#2026"
"""Strong enough for the password policy of any door (the demo accounts' hashes bypass it)."""


@dataclass(frozen=True)
class DemoReport:
    cases: int
    events: int
    seconds: float


def generate_demo(
    ctx: ServiceContext,
    n_cases: int,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
    setup_code: str | None = None,
    years: int = 1,
) -> DemoReport:
    """Add demo users and ``n_cases`` cases received over the last ``years`` years; refuses a
    database that holds real cases. With the ``setup_code`` of a fresh database, the seeded
    ``admin`` gets ``DEMO_ADMIN_PASSWORD``."""
    started = time.perf_counter()
    if setup_code and auth.needs_initial_password(ctx, "admin"):
        auth.set_initial_password(ctx, "admin", DEMO_ADMIN_PASSWORD, setup_code)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        has_cases = s.scalar(select(func.count()).select_from(Case).limit(1))
        has_demo = s.scalar(select(func.count()).select_from(User).where(User.is_demo))
        if has_cases and not has_demo:
            raise DeskError(
                "该数据库已有正式办件，不能写入演示数据。请用新的数据目录(--data-dir)生成演示库。"
            )
        user_ids = ensure_demo_users(s, now)
        org = load_org(s, user_ids)
        topics = s.execute(select(Topic.id, Topic.code, Topic.lead_unit_id)).all()
        next_id = (s.scalar(select(func.max(Case.id))) or 0) + 1
        next_event = (s.scalar(select(func.max(CaseEvent.id))) or 0) + 1
        next_draft = (s.scalar(select(func.max(ReplyDraft.id))) or 0) + 1
        counters: dict[str, int] = dict(
            s.execute(select(CaseNoCounter.key, CaseNoCounter.last_seq)).all()
        )
        record_audit(s, now, None, "demo_generate", "database", "", {"cases": n_cases},
                     actor_name="demo")  # fmt: skip
        rules = load_rules(s)
        uow.commit()

    plan = BuildPlan(seed, now, [tuple(t) for t in topics], org, user_ids, counters, n_cases,
                     rules, next_id, next_event, next_draft, BATCH, years)  # fmt: skip
    large = n_cases >= LARGE_BUILD
    made = batches_from_child(plan) if large else batches(plan)
    total_events = done = 0
    dialect = ctx.engines.writer.dialect.name
    cache = _bulk_cache(ctx) if dialect == "sqlite" else None
    deferred = (*Batch.TABLES, CaseFact.__table__.name) if large else ()
    ended: Ended | None = None
    # the indexes made after the load; the child stopped whatever happens here
    with indexes_deferred(ctx.engines.writer, deferred, BULK_CACHE_KIB), closing(made):
        for item in made:
            if isinstance(item, Ended):
                ended = item
                continue
            with ctx.engines.writer.begin() as conn:
                if cache is not None:  # the connection the pool hands out this time
                    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
                item.batch.write(conn)  # every table in multi-row statements (``driver_rows``)
                bulk_insert(conn, CaseFact.__table__, item.facts, one_statement=True)
                # FTS5: a segment a statement
                bulk_insert(conn, CaseSearch.__table__, item.found, one_statement=True)
            total_events += len(item.batch.events)
            done += len(item.batch.cases)
            if progress:
                progress(done, n_cases)

    assert ended is not None, "every build ends with Ended"
    with ctx.engines.writer.begin() as conn:
        forget_kept(conn)  # month marks kept before these facts no longer hold
        upsert_counters(conn, dialect, ended.counters)
        late = ended.late_summaries
        if late:  # masters' lines naming a duplicate built in a later batch
            stmt = (update(CaseEvent).where(CaseEvent.id == bindparam("event_id"))
                    .values(summary=bindparam("text")))  # fmt: skip
            conn.execute(stmt, [{"event_id": i, "text": t} for i, t in late])
        if dialect == "postgresql":
            for table in ("cases", "case_events", "reply_drafts"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                ))  # fmt: skip
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql(f"PRAGMA cache_size={cache}")
    return DemoReport(n_cases, total_events, time.perf_counter() - started)


def _bulk_cache(ctx: ServiceContext) -> int:
    """The writer connections' cache size before the build (what it goes back to)."""
    with ctx.engines.writer.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())


def demo_summary() -> str:
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}）："]
    for username, name, _unit, roles in DEMO_USERS:
        lines.append(f"  {username:<11} {name}  {'、'.join(r.label for r in roles)}")
    lines.append(f"  {'admin':<11} 初始系统管理员（密码 {DEMO_ADMIN_PASSWORD}，用安装码设置）")
    return "\n".join(lines)
