"""Does one month cost the same when the database holds 1 year or 5 years of cases? (issue 12)

Builds two demo databases with the same number of cases per year, one covering the last year and
one the last five (the demo generator, its cases spread over ``--years`` years instead of one,
so the last year of both has the same density and the same kinds of cases), then on each
measures the same month (``bench_stats.measure_month``): the warm read of one month by section,
the first read with no month-boundary marks kept (``fact_instants`` empty: every boundary since
the first fact is computed), the first read of a new month (marks kept up to its start), the
12-month trend, and the bare floor (the month's cases counted once on ``received_at``).

    python benchmarks/bench_stats_years.py --per-year 200000 --data-dir /tmp/b12_years
    python benchmarks/bench_stats_years.py --per-year 5000 --data-dir /tmp/b12_years_small

The databases are ``DIR/y1`` and ``DIR/y5`` (reused when they hold the expected number of
cases; ``--rebuild`` replaces demo databases). With ``--json`` the figures for ``run_all.py``:
the month's warm read on each (goal ≤ 100 ms and ≤ 3× the bare count, issue 12), the 12-month
trend (≤ 1 s), and "flat as years accumulate": the month with 5 years held against the same
month with 1 year held as the floor (the issue says "flat"; read here as ≤ 1.5×).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    _is_demo_database,
    _load_average,
    count_existing_cases,
    raw_connect,
)
from bench_json import Bound, Report, write_json  # noqa: E402
from bench_stats import default_month, desk, measure_month  # noqa: E402

from hotline_desk.demo import generate as demo_generate  # noqa: E402
from hotline_desk.domain.periods import Period  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.store import audit_key  # noqa: E402
from hotline_desk.store.engine import sqlite_url  # noqa: E402


def build(folder: Path, per_year: int, years: int, rebuild: bool, seed: int) -> dict[str, Any]:
    db = folder / DB_FILE
    want = per_year * years
    stats_file = folder / "bench_years.json"
    have = count_existing_cases(db)
    if have == want and not rebuild:
        print(f"Reusing {db}: {have:,} cases.", flush=True)
        return json.loads(stats_file.read_text()) if stats_file.exists() else {}
    if have:
        if not _is_demo_database(db):
            raise SystemExit(f"{db} is not a demo database; refusing to delete it.")
        if not rebuild:
            raise SystemExit(f"{db} holds {have:,} cases, not {want:,}; pass --rebuild.")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"Building {db}: {want:,} cases over {years} year(s) ...", flush=True)
    started = time.perf_counter()
    audit_key.use_directory(folder)  # the key made for the new desk goes beside it
    ctx = open_desk(sqlite_url(db), backup_dir=None)

    def progress(done: int, total: int) -> None:
        if done % 100_000 < demo_generate.BATCH:
            print(f"  {done:,}/{total:,} {time.perf_counter() - started:.0f} s", flush=True)

    try:  # the demo's own builder, its cases received over ``years`` years
        report = demo_generate.generate_demo(ctx, want, seed, progress, years=years)
    finally:
        ctx.engines.dispose()
    info = {"cases": want, "years": years, "seconds": report.seconds,
            "wall_seconds": time.perf_counter() - started,
            "built_at": datetime.now().isoformat(timespec="seconds"),
            "load_average": _load_average()}  # fmt: skip
    stats_file.write_text(json.dumps(info, indent=2))
    print(f"  built in {report.seconds:.0f} s ({want / report.seconds:,.0f} cases/s)", flush=True)
    return info


ROWS = (
    ("month, warm read (by section)", "warm"),
    ("  the same SQL raw", "same_raw"),
    ("  bare floor: count(*) of the month's cases", "floor"),
    ("month, first read (no marks kept)", "first"),
    ("  of which keep_months", "first_keep"),
    ("month, first read of a new month", "new_month"),
    ("  of which keep_months", "new_month_keep"),
    ("12-month trend", "trend"),
    ("  bare floor: count(*) of 12 months", "trend_floor"),
)
COUNTS = (
    ("cases received in the month", "month_cases"),
    ("facts dated in the month", "month_facts"),
    ("open cases at the month's start", "open_start"),
    ("open cases at the month's end", "open_end"),
    ("boundaries computed by the first read", "first_boundaries"),
)


FLAT = 1.5
"""The month with 5 years held is "flat" when it costs at most this many times with 1 year."""


def figures(results: dict[int, Any], month: str, per_year: int) -> Report:
    report = Report()
    held = {1: "1 year", 5: "5 years"}
    for y, r in results.items():
        report.add(
            Bound(
                f"month {month} warm read, {held[y]} of {per_year:,} held",
                r["warm"],
                r["floor"],
                "ms",
                goal="<= 100 ms, <= 3x",
                limit=100.0,
                ratio_limit=3.0,
                note="floor: count(*) of the month's cases on received_at",
            )
        )
        report.add(
            Bound(
                f"12-month trend, {held[y]} held",
                r["trend"],
                r["trend_floor"],
                "ms",
                goal="<= 1 s",
                limit=1000.0,
                note="floor: count(*) of the 12 months' cases",
            )
        )
    a, b = results[1], results[5]
    for key, what in (("warm", "warm read"), ("new_month", "first read of a new month")):
        report.add(
            Bound(
                f"month {month} {what}, 5 years held (floor: 1 year held)",
                b[key],
                a[key],
                "ms",
                goal=f"flat (<= {FLAT}x)",
                ratio_limit=FLAT,
            )
        )
    return report  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-year", type=int, default=200_000, help="cases per year")
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/bench_stats_years"))
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--first-reps", type=int, default=3)
    ap.add_argument("--month", help="YYYY-MM (default: the month before the newest case)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    spans = (1, 5)
    builds = {y: build(args.data_dir / f"y{y}", args.per_year, y, args.rebuild, args.seed)
              for y in spans}  # fmt: skip
    results: dict[int, Any] = {}
    month: Period | None = Period.parse(args.month) if args.month else None
    for y in spans:
        db = args.data_dir / f"y{y}" / DB_FILE
        audit_key.use_directory(db.parent)  # the demo's key, kept beside its database
        ctx = open_desk(sqlite_url(db), backup_dir=None)
        con = raw_connect(db)
        month = month or default_month(con)
        size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal")
                   if Path(f"{db}{s}").exists()) / 2**20  # fmt: skip
        print(f"{y} year(s): {db}, {count_existing_cases(db):,} cases, {size:,.0f} MB; "
              f"month {month.key}; load {_load_average()}", flush=True)  # fmt: skip
        m = measure_month(ctx, desk(ctx), con, month, args.reps, args.first_reps)
        results[y] = {k: v for k, v in vars(m).items() if k != "captured"}
        results[y]["facts_total"] = con.execute("SELECT count(*) FROM case_facts").fetchone()[0]
        results[y]["database_mb"] = round(size)
        con.close()
        ctx.engines.dispose()
    assert month is not None
    a, b = results[1], results[5]
    print(f"\nmonth {month.key}, {args.per_year:,} cases a year; ms (medians of {args.reps}, "
          f"first reads of {args.first_reps}); load at end {_load_average()} "
          f"({os.cpu_count()} CPUs)\n")  # fmt: skip
    print(f"{'':44} {'1 year':>10} {'5 years':>10} {'5y / 1y':>8}")
    for label, key in ROWS:
        print(f"{label:44} {a[key]:10.1f} {b[key]:10.1f} {b[key] / a[key]:7.2f}x")
    for label, key in (("warm read / bare floor", "warm"), ("first read / bare floor", "first"),
                       ("new month's first read / bare floor", "new_month")):  # fmt: skip
        print(f"{label:44} {a[key] / a['floor']:9.2f}x {b[key] / b['floor']:9.2f}x")
    print()
    for label, key in (*COUNTS, ("facts in the database", "facts_total"),
                       ("database size (MB)", "database_mb")):  # fmt: skip
        print(f"{label:44} {a[key]:10,} {b[key]:10,}")
    for y in spans:
        if builds[y]:
            b = builds[y]
            print(f"built {y} year(s): {b['cases']:,} cases in {b['seconds']:.0f} s "
                  f"({b['built_at']}, load {b.get('load_average', 'n/a')})")  # fmt: skip
    write_json(args.json, figures(results, month.key, args.per_year), args, month=month.key,
               per_year=args.per_year, results=results, builds=builds)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
