"""Statistics and export benchmark: one month's KPIs, the whole monthly report and the 12-month
trend on a large demo database, each next to its bare SQL (the same statements sent through a
raw ``sqlite3`` connection, interleaved run by run); and a 100,000-row case export next to a
bare xlsxwriter write of the same rows.

    python benchmarks/bench_stats.py --data-dir /work/bench7            # an existing database
    python benchmarks/bench_stats.py --cases 20000 --data-dir /tmp/b20k  # built if missing

Figures (medians of ``--reps`` runs after one warm-up):

* **one month by section**: ``figures.compute_table`` for the last full month (the table the 统计
  page opens with, and its bureau total) vs its statements run raw. Goal: < 300 ms.
* **one month, bureau total**: the same without a breakdown.
* **monthly report**: ``figures.monthly_report`` (every breakdown through one cube, the previous
  month's total, the trend) vs all its statements run raw.
* **12-month trend**: ``figures.compute_trend`` vs its twelve statements run raw.
* **export N cases (xlsx / csv)**: ``exports.export_cases`` of the newest N cases (keyset pages
  of 1,000 through the list query, masking, escaping, writing) vs the floor: the same N rows
  fetched by one raw SELECT and written with bare xlsxwriter (constant memory) / csv.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    Figure,
    Report,
    median,
    prepare_database,
    print_table,
    raw_connect,
)

from hotline_desk.domain.kpi import Breakdown  # noqa: E402
from hotline_desk.domain.periods import Period, last_months, previous_month  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.dto import Actor, CaseFilter  # noqa: E402
from hotline_desk.services.output import exports
from hotline_desk.services.stats import figures
from hotline_desk.services.stats.sql import (
    CUBE,
    closed_trend_statements,
    count_queries,
    trend_statements,
)
from hotline_desk.store.engine import sqlite_url  # noqa: E402
from hotline_desk.store.models import User  # noqa: E402

GOAL_MS = 300.0


def raw_sql(stmt: Any) -> tuple[str, list[Any]]:
    c = stmt.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"render_postcompile": True})
    params = c.construct_params()
    values = [params[name] for name in c.positiontup]  # type: ignore[union-attr]
    out = []
    for v in values:  # datetimes as the desk stores them
        out.append(v.isoformat(" ", "microseconds") if hasattr(v, "isoformat") else v)
    return str(c), out


def timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def pair(report: Report, name: str, ours: Callable[[], Any], statements: list[Any],
         con: sqlite3.Connection, reps: int, goal: float | None = None) -> None:  # fmt: skip
    compiled = [raw_sql(s) for s in statements]

    def floor() -> None:
        for sql, params in compiled:
            con.execute(sql, params).fetchall()

    ours()
    floor()
    mine, bare = [], []
    for _ in range(reps):
        mine.append(timed(ours))
        bare.append(timed(floor))
    report.add(Figure(name, median(mine), median(bare), "ms",
                      goal=f"< {goal:.0f} ms" if goal else "-", limit=goal,
                      note=f"{len(compiled)} statements"))  # fmt: skip


def desk(ctx: Any) -> Actor:
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == "duban")).scalar_one()
        return actor_for(uow.session, user)


def export_floor(con: sqlite3.Connection, n: int, path: Path, fmt: str) -> float:
    """Bare: one SELECT of the same columns, then xlsxwriter (constant memory) or csv."""
    t = time.perf_counter()
    rows = con.execute(
        "SELECT c.case_no, c.received_at, c.channel, c.category, c.urgency, t.name, c.title, "
        "c.caller_name, c.caller_phone, o.name, c.status, c.important FROM cases c "
        "LEFT JOIN topics t ON t.id = c.topic_id LEFT JOIN org_units o ON o.id = c.lead_unit_id "
        "ORDER BY c.id DESC LIMIT ?", (n,)).fetchall()  # fmt: skip
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(rows)
    else:
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        ws = book.add_worksheet()
        for i, row in enumerate(rows):
            ws.write_row(i, 0, row)
        book.close()
    return (time.perf_counter() - t) * 1000


def bench_export(report: Report, ctx: Any, actor: Actor, con: sqlite3.Connection, n: int,
                 folder: Path) -> None:  # fmt: skip
    newest = con.execute("SELECT id FROM cases ORDER BY id DESC LIMIT 1 OFFSET ?",
                         (n - 1,)).fetchone()  # fmt: skip
    with ctx.uow.read() as uow:
        from hotline_desk.store.models import Case

        first = uow.session.get(Case, newest[0]).received_at.date()
    flt = CaseFilter(received_from=first)
    for fmt in ("xlsx", "csv"):
        t = time.perf_counter()
        result = exports.export_cases(ctx, actor, flt, folder / f"ours.{fmt}", fmt)
        ours = (time.perf_counter() - t) * 1000
        bare = export_floor(con, result.rows, folder / f"floor.{fmt}", fmt)
        report.add(Figure(f"export {result.rows:,} cases ({fmt})", ours / 1000, bare / 1000, "s",
                          note="ours: keyset pages, masking, labels, escaping"))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_stats")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--export-rows", type=int, default=100_000)
    ap.add_argument("--month", help="YYYY-MM (default: the month before the newest case)")
    args = ap.parse_args(argv)
    db = args.data_dir / DB_FILE
    if not db.exists() or args.rebuild:
        prepare_database(args.data_dir, args.cases, args.rebuild)
    ctx = open_desk(sqlite_url(db), backup_dir=None)
    actor = desk(ctx)
    con = raw_connect(db)
    newest = con.execute("SELECT max(received_at) FROM cases").fetchone()[0]
    month = Period.parse(args.month) if args.month else previous_month(
        date.fromisoformat(newest[:10]))  # fmt: skip
    n = con.execute("SELECT count(*) FROM cases").fetchone()[0]
    print(f"database: {db} ({n:,} cases); month {month.key}")
    report = Report()
    section = [q.statement for q in count_queries(month, (Breakdown.SECTION,))]
    bureau = [q.statement for q in count_queries(month, ())]
    months = last_months(month)
    trend = trend_statements(months) + closed_trend_statements(months)
    whole = ([q.statement for q in count_queries(month, CUBE)] +
             [q.statement for q in count_queries(month.previous(), ())] + trend)  # fmt: skip
    pair(report, "one month by section", lambda: figures.compute_table(ctx, actor, month),
         section, con, args.reps, GOAL_MS)  # fmt: skip
    pair(
        report,
        "one month, bureau total",
        lambda: figures.compute_table(ctx, actor, month, Breakdown.BUREAU),
        bureau,
        con,
        args.reps,
    )
    pair(
        report,
        "monthly report (all breakdowns)",
        lambda: figures.monthly_report(ctx, actor, month),
        whole,
        con,
        max(3, args.reps // 2),
    )
    pair(report, "12-month trend", lambda: figures.compute_trend(ctx, actor, month), trend, con,
         args.reps)  # fmt: skip
    if args.export_rows > 0:
        with tempfile.TemporaryDirectory() as folder:
            bench_export(report, ctx, actor, con, min(args.export_rows, n), Path(folder))
    for q in count_queries(month, (Breakdown.SECTION,)):
        sql, params = raw_sql(q.statement)
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params)]
        report.notes.append(f"plan {q.name}: {' / '.join(plan)}")
    print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
