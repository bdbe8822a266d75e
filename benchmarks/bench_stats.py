"""Statistics and export benchmark (issue 12: statistics from ``case_facts``): one month's KPIs,
the whole monthly report and the 12-month trend on a large demo database, each next to floors
measured in the same run, interleaved run by run; and a 100,000-row case export next to a bare
xlsxwriter write of the same rows.

    python benchmarks/bench_stats.py --data-dir /tmp/b12_1m              # an existing database
    python benchmarks/bench_stats.py --cases 20000 --data-dir /tmp/b20k  # built if missing

Figures (medians of ``--reps`` runs after one warm-up):

* **one month by section** (the table the 统计 page opens with, ``figures.compute_table``, marks
  kept) against the *bare floor*: ``SELECT count(*) FROM cases WHERE received_at >= ? AND
  received_at < ?`` on its index through a raw ``sqlite3`` connection, i.e. counting the month's
  cases once. Goal (issue 12): ≤ 100 ms and ≤ 3× the bare floor.
* **the same statements raw**: every statement ``compute_table`` sent (captured with
  SQLAlchemy's ``before_cursor_execute``: the two facts statements, the two month-boundary
  marks, the office settings, the section list …) replayed through the raw connection in one
  read transaction — what SQLite alone costs for our answer.
* **first read** (no marks kept: ``fact_instants`` emptied, so ``keep_months`` computes every
  month boundary from the first fact up to the month's end) and **first read of a new month**
  (marks kept up to the month's start, so one boundary is computed from one month's facts), each
  against the bare floor, with the time ``keep_months`` took of it.
* **one month, bureau total**; **monthly report** (every breakdown through one cube, the previous
  month's total, the trend); **12-month trend** (goal ≤ 1 s) — each against its statements run
  raw and against the bare floor of the month (the trend: of its twelve months).
* **export N cases (xlsx / csv)**: ``exports.export_cases`` of the newest N cases vs the same N
  rows fetched by one raw SELECT and written with bare xlsxwriter (constant memory) / csv.

Then ``EXPLAIN QUERY PLAN`` of every statement of the month's table and of the bare floor.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    Figure,
    Report,
    machine_info,
    median,
    prepare_database,
    print_table,
    raw_connect,
    sql_datetime,
)

from hotline_desk.domain.kpi import Breakdown  # noqa: E402
from hotline_desk.domain.periods import Period, last_months, previous_month  # noqa: E402
from hotline_desk.reports.trace import CSV_COLUMNS  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor, CaseFilter  # noqa: E402
from hotline_desk.services.output import exports  # noqa: E402
from hotline_desk.services.stats import figures  # noqa: E402
from hotline_desk.services.stats.kept import keep_months  # noqa: E402
from hotline_desk.store import audit_key  # noqa: E402
from hotline_desk.store.engine import sqlite_url  # noqa: E402
from hotline_desk.store.models import User  # noqa: E402

GOAL_MONTH_MS = 100.0
GOAL_MONTH_RATIO = 3.0
GOAL_TREND_MS = 1000.0
BARE_COUNT = "SELECT count(*) FROM cases WHERE received_at >= ? AND received_at < ?"


@dataclass
class BothFigure(Figure):
    """A figure held to an absolute limit *and* a ratio to its floor."""

    @property
    def verdict(self) -> str:
        fails = []
        if self.limit is not None and self.ours is not None and self.ours > self.limit:
            fails.append("time")
        ratio = self.ratio
        if self.ratio_limit is not None and ratio is not None and ratio > self.ratio_limit:
            fails.append("ratio")
        return "ok" if not fails else "MISS (" + ", ".join(fails) + ")"


def timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


# --- what ours sends, and the same SQL raw ------------------------------------------------------

Captured = list[tuple[str, Any]]


@contextmanager
def capture(ctx: ServiceContext) -> Iterator[Captured]:
    """Every statement the desk's engines send inside the block (``BEGIN`` left out)."""
    out: Captured = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            out.append((statement, parameters))

    engines = {id(e): e for e in (ctx.engines.reader, ctx.engines.writer)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        yield out
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)


def replay(con: sqlite3.Connection, captured: Captured) -> Callable[[], None]:
    """The captured statements in one read transaction on the raw connection, rows fetched."""

    def run() -> None:
        con.execute("BEGIN")
        for sql, params in captured:
            con.execute(sql, params).fetchall()
        con.execute("COMMIT")

    return run


def bare_count(con: sqlite3.Connection, months: list[Period]) -> Callable[[], None]:
    """The issue's floor: count each month's cases once, on the ``received_at`` index."""
    bounds = [(sql_datetime(m.start), sql_datetime(m.end)) for m in months]

    def run() -> None:
        for b in bounds:
            con.execute(BARE_COUNT, b).fetchone()

    return run


def interleaved(reps: int, *fns: Callable[[], Any]) -> list[float]:
    """Median ms of each function, called round-robin ``reps`` times after one warm-up each."""
    for fn in fns:
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(reps):
        for i, fn in enumerate(fns):
            samples[i].append(timed(fn))
    return [median(s) for s in samples]


def clear_marks(con: sqlite3.Connection, after: datetime | None = None) -> None:
    """Forget the kept month-boundary marks (all, or those after ``after``): derived data that
    ``keep_months`` computes again."""
    where, params = ("WHERE instant > ?", (sql_datetime(after),)) if after else ("", ())
    con.execute("BEGIN IMMEDIATE")
    con.execute(f"DELETE FROM fact_marks {where}", params)
    con.execute(f"DELETE FROM fact_instants {where}", params)
    kept = ("WHERE month >= ?", (sql_datetime(after.replace(day=1)),)) if after else ("", ())
    con.execute(f"DELETE FROM fact_month_cells {kept[0]}", kept[1])
    con.execute(f"DELETE FROM fact_months {kept[0]}", kept[1])
    con.execute("COMMIT")


def count_marks(con: sqlite3.Connection) -> int:
    return int(con.execute("SELECT count(*) FROM fact_instants").fetchone()[0])


# --- one month: the measurements shared with bench_stats_years.py ----------------------------


@dataclass
class MonthFigures:
    """What one month costs on one database (ms; medians unless said)."""

    warm: float
    same_raw: float
    floor: float
    statements: int
    first: float  # no marks kept at all
    first_keep: float  # of which keep_months
    first_boundaries: int
    new_month: float  # marks kept up to the month's start
    new_month_keep: float
    new_month_boundaries: int
    trend: float
    trend_raw: float
    trend_floor: float
    month_cases: int
    month_facts: int
    open_start: int
    open_end: int
    trend_months_with_cases: int
    captured: Captured


def first_read(ctx: ServiceContext, actor: Actor, con: sqlite3.Connection, month: Period,
               after: datetime | None) -> tuple[float, float, int]:  # fmt: skip
    """(total ms, keep_months ms, boundaries computed) of a table read with the marks after
    ``after`` forgotten (all when None)."""
    clear_marks(con, after)
    before = count_marks(con)
    keep = timed(lambda: keep_months(ctx, month.end))
    made = count_marks(con) - before
    rest = timed(lambda: figures.compute_table(ctx, actor, month))
    return keep + rest, keep, made


def measure_month(ctx: ServiceContext, actor: Actor, con: sqlite3.Connection, month: Period,
                  reps: int, first_reps: int) -> MonthFigures:  # fmt: skip
    def table() -> Any:
        return figures.compute_table(ctx, actor, month)

    # First reads (each rep forgets the marks again), then the new month's first read.
    firsts = [first_read(ctx, actor, con, month, None) for _ in range(first_reps)]
    news = [first_read(ctx, actor, con, month, month.start) for _ in range(first_reps)]
    table()
    with capture(ctx) as captured:
        table()
    floor = bare_count(con, [month])
    warm, same_raw, bare = interleaved(reps, table, replay(con, captured), floor)
    months = last_months(month)
    with capture(ctx) as trend_sql:
        figures.compute_trend(ctx, actor, month)
    trend, trend_raw, trend_floor = interleaved(
        reps, lambda: figures.compute_trend(ctx, actor, month), replay(con, trend_sql),
        bare_count(con, months))  # fmt: skip
    start, end = sql_datetime(month.start), sql_datetime(month.end)
    month_cases = con.execute(BARE_COUNT, (start, end)).fetchone()[0]
    month_facts = con.execute(
        "SELECT count(*) FROM case_facts WHERE at >= ? AND at < ?", (start, end)
    ).fetchone()[0]
    open_at = "SELECT count(*) FROM fact_marks WHERE instant = ?"
    return MonthFigures(
        warm=warm, same_raw=same_raw, floor=bare, statements=len(captured),
        first=median([f[0] for f in firsts]), first_keep=median([f[1] for f in firsts]),
        first_boundaries=firsts[-1][2],
        new_month=median([f[0] for f in news]), new_month_keep=median([f[1] for f in news]),
        new_month_boundaries=news[-1][2], trend=trend, trend_raw=trend_raw,
        trend_floor=trend_floor, month_cases=month_cases, month_facts=month_facts,
        open_start=con.execute(open_at, (start,)).fetchone()[0],
        open_end=con.execute(open_at, (end,)).fetchone()[0],
        trend_months_with_cases=sum(
            1 for m in months
            if con.execute(BARE_COUNT + " LIMIT 1", (sql_datetime(m.start), sql_datetime(m.end))
                           ).fetchone()[0]),
        captured=list(captured),
    )  # fmt: skip


def plans(con: sqlite3.Connection, captured: Captured, month: Period) -> list[str]:
    out = []
    bounds = (sql_datetime(month.start), sql_datetime(month.end))
    for sql, params in [(BARE_COUNT, bounds), *captured]:
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params)]
        out.append(" ".join(sql.split())[:160] + ("…" if len(" ".join(sql.split())) > 160 else ""))
        out.extend(f"    {p}" for p in plan)
    return out


def desk(ctx: ServiceContext) -> Actor:
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == "duban")).scalar_one()
        return actor_for(uow.session, user)


def default_month(con: sqlite3.Connection) -> Period:
    newest = con.execute("SELECT max(received_at) FROM cases").fetchone()[0]
    return previous_month(date.fromisoformat(newest[:10]))


# --- exports ---------------------------------------------------------------------------------


def export_floor(con: sqlite3.Connection, n: int, path: Path, fmt: str) -> float:
    """Bare: one SELECT of the same rows and columns (the title and the caller as the file holds
    them, masked at the case's last write: ``case_search.masked_title``, ``masked_name`` and
    ``masked_phone``, which ours reads too), then xlsxwriter (constant memory) or csv.writer,
    with the same header row (and, in the CSV, the two trailing columns naming who exported
    when). Enum codes and dates go out as stored: ours writes their labels and minutes, checks
    every cell for a formula and marks confidential callers, which the floor does not pay for."""
    t = time.perf_counter()
    rows = con.execute(  # fmt: skip
        "SELECT c.case_no, c.received_at, c.channel, c.category, c.urgency, t.name, "
        "s.masked_title, s.masked_name, s.masked_phone, o.name, c.status, c.important "
        "FROM cases c LEFT JOIN topics t ON t.id = c.topic_id "
        "LEFT JOIN org_units o ON o.id = c.lead_unit_id "
        "LEFT JOIN case_search s ON s.case_id = c.id ORDER BY c.id DESC LIMIT ?",
        (n,),
    ).fetchall()
    headers = [c[1] for c in exports.CASE_COLUMNS]
    if fmt == "csv":
        tail = ["督办员", "2026-12-06 05:00"]
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow([*headers, *CSV_COLUMNS])
            out.writerows([*row, *tail] for row in rows)
    else:
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        ws = book.add_worksheet()
        ws.write_row(0, 0, headers)
        for i, row in enumerate(rows, 1):
            ws.write_row(i, 0, row)
        book.close()
    return (time.perf_counter() - t) * 1000


def bench_export(report: Report, ctx: Any, actor: Actor, con: sqlite3.Connection, n: int,
                 folder: Path, reps: int = 1) -> None:  # fmt: skip
    """Ours and the floor interleaved ``reps`` times per format; medians."""
    newest = con.execute("SELECT id FROM cases ORDER BY id DESC LIMIT 1 OFFSET ?",
                         (n - 1,)).fetchone()  # fmt: skip
    with ctx.uow.read() as uow:
        from hotline_desk.store.models import Case

        first = uow.session.get(Case, newest[0]).received_at.date()
    flt = CaseFilter(received_from=first)
    for fmt in ("xlsx", "csv"):
        ours_ms, bare_ms, rows = [], [], 0
        for _ in range(reps):
            t = time.perf_counter()
            result = exports.export_cases(ctx, actor, flt, folder / f"ours.{fmt}", fmt)
            ours_ms.append((time.perf_counter() - t) * 1000)
            rows = result.rows
            bare_ms.append(export_floor(con, rows, folder / f"floor.{fmt}", fmt))
        goal = 1.2 if fmt == "xlsx" else 1.5
        report.add(Figure(f"export {rows:,} cases ({fmt})", median(ours_ms) / 1000,
                          median(bare_ms) / 1000, "s", goal=f"<= {goal}x", ratio_limit=goal,
                          note=f"median of {reps}, ours and the floor alternating; ours: "
                               "keyset pages, stored masked titles and callers, labels, "
                               "escaping"))  # fmt: skip


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_stats")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--first-reps", type=int, default=3, help="first reads (marks forgotten)")
    ap.add_argument("--export-rows", type=int, default=100_000)
    ap.add_argument("--export-reps", type=int, default=3)
    ap.add_argument("--export-only", action="store_true", help="only the export figures")
    ap.add_argument("--month", help="YYYY-MM (default: the month before the newest case)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    db = args.data_dir / DB_FILE
    if not db.exists() or args.rebuild:
        prepare_database(args.data_dir, args.cases, args.rebuild)
    audit_key.use_directory(args.data_dir)  # the demo's key, kept beside its database
    ctx = open_desk(sqlite_url(db), backup_dir=None)
    actor = desk(ctx)
    con = raw_connect(db)
    month = Period.parse(args.month) if args.month else default_month(con)
    info = machine_info(db)
    print("Machine:", ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    print(f"month {month.key}", flush=True)
    report = Report()
    if args.export_only:
        n = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        with tempfile.TemporaryDirectory() as folder:
            bench_export(report, ctx, actor, con, min(args.export_rows, n), Path(folder),
                         args.export_reps)  # fmt: skip
        print_table(report)
        if args.json:
            payload = {"machine": info, "figures": [f.as_json() for f in report.figures]}
            args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        ctx.engines.dispose()
        return 0

    m = measure_month(ctx, actor, con, month, args.reps, args.first_reps)
    goal = f"<= {GOAL_MONTH_MS:.0f} ms and <= {GOAL_MONTH_RATIO:.0f}x"
    report.add(BothFigure("one month by section (warm) / bare count", m.warm, m.floor, "ms",
                          goal=goal, limit=GOAL_MONTH_MS, ratio_limit=GOAL_MONTH_RATIO,
                          note=f"{m.month_cases:,} cases received in the month, "
                               f"{m.month_facts:,} facts dated in it; open at its start "
                               f"{m.open_start:,}, at its end {m.open_end:,}"))  # fmt: skip
    report.add(Figure("one month by section (warm) / same SQL raw", m.warm, m.same_raw, "ms",
                      note=f"the {m.statements} statements compute_table sent, replayed raw "
                           "in one read transaction"))  # fmt: skip
    report.add(
        Figure(
            "same SQL raw / bare count",
            m.same_raw,
            m.floor,
            "ms",
            note="what SQLite alone costs for our answer, over the bare floor",
        )
    )
    report.add(
        Figure(
            "one month, first read (no marks) / bare count",
            m.first,
            m.floor,
            "ms",
            note=f"median of {args.first_reps}; keep_months computed "
            f"{m.first_boundaries} boundaries in {m.first_keep:,.0f} ms",
        )
    )
    report.add(Figure("one month, first read of a new month / bare count", m.new_month, m.floor,
                      "ms", note=f"marks kept up to the month's start; keep_months computed "
                                 f"{m.new_month_boundaries} boundary in "
                                 f"{m.new_month_keep:,.0f} ms"))  # fmt: skip
    report.add(Figure("12-month trend / bare count of 12 months", m.trend, m.trend_floor, "ms",
                      goal=f"<= {GOAL_TREND_MS:.0f} ms", limit=GOAL_TREND_MS,
                      note=f"the same SQL raw: {m.trend_raw:.1f} ms; "
                           f"{m.trend_months_with_cases} of the 12 months hold cases"))  # fmt: skip

    floor = bare_count(con, [month])
    for name, fn, n in (
        ("one month, bureau total", lambda: figures.compute_table(ctx, actor, month,
                                                                  Breakdown.BUREAU), args.reps),
        ("monthly report (all breakdowns)", lambda: figures.monthly_report(ctx, actor, month),
         max(3, args.reps // 3)),
    ):  # fmt: skip
        fn()
        with capture(ctx) as sent:
            fn()
        ours, raw, bare = interleaved(n, fn, replay(con, sent), floor)
        report.add(
            Figure(
                f"{name} / bare count",
                ours,
                bare,
                "ms",
                note=f"the same {len(sent)} statements raw: {raw:.1f} ms",
            )
        )

    if args.export_rows > 0:
        n = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        with tempfile.TemporaryDirectory() as folder:
            bench_export(report, ctx, actor, con, min(args.export_rows, n), Path(folder),
                         args.export_reps)  # fmt: skip
    print_table(report)
    print("\nEXPLAIN QUERY PLAN (the bare floor, then each statement of the month's table):")
    for line in plans(con, m.captured, month):
        print("  " + line)
    print(f"\nReproduce: python benchmarks/bench_stats.py --data-dir {args.data_dir} "
          f"--month {month.key}")  # fmt: skip
    if args.json:
        payload = {"machine": info, "month": month.key,
                   "figures": [f.as_json() for f in report.figures]}  # fmt: skip
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    ctx.engines.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
