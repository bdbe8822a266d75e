"""Demo generation on PostgreSQL against its floor, in one run (issue 19: demo data ≤ 2× the bare
``executemany``; ``bench_foundation.py`` measures SQLite's).

In a scratch database of the server ``--pg-url`` names (created, then dropped): ``hotline-desk
demo --cases N`` (ours: the generator's own seconds, as it prints them, and the whole process's
wall clock in the note), then ``demo_floor_pg.py`` on the same database: a bare psycopg
``executemany`` of every row the generator wrote for those N cases into copies of its tables
with the same indexes and foreign keys, in the generator's batch size. Rates in cases/s.

    python benchmarks/bench_demo_pg.py --pg-url postgresql+psycopg://postgres@host/db --cases 20000

Without ``--pg-url`` nothing is measured (the JSON says why).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_json import Figure, Report, add_pg_url, write_json  # noqa: E402

HERE = Path(__file__).resolve().parent


def measure(report: Report, server_url: str, cases: int) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_demo_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory(prefix="bench_demo_pg_") as data_dir:
            demo = [sys.executable, "-m", "hotline_desk", "--data-dir", data_dir,
                    "--database-url", url, "demo", "--cases", str(cases)]  # fmt: skip
            started = time.perf_counter()
            done = subprocess.run(demo, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - started
            found = re.search(r"用时\s*([\d.]+)\s*秒", done.stdout)
            seconds = float(found.group(1)) if found else wall
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "floor.json"
                floor = [sys.executable, str(HERE / "demo_floor_pg.py"), "--database-url", url,
                         "--sample", str(cases), "--json", str(out)]  # fmt: skip
                subprocess.run(floor, check=True)
                bare = json.loads(out.read_text())
        report.add(Figure(f"demo generation rate, {cases:,} cases (PostgreSQL)", cases / seconds,
                          bare["floor_cases_per_s"], "cases/s", goal="<= 2x", ratio_limit=2.0,
                          higher_is_better=True,
                          note=f"ours: the generator's {seconds:.1f} s ({wall:.1f} s wall clock "
                               f"for the process); floor: bare executemany of the same "
                               f"{bare['rows']:,} rows into copies of the tables with the same "
                               "indexes and foreign keys"))  # fmt: skip
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_pg_url(ap)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--json", help="also write the figures (run_all.py)")
    args = ap.parse_args(argv)
    report = Report()
    if args.pg_url:
        measure(report, args.pg_url, args.cases)
    else:
        print("PostgreSQL skipped: pass --pg-url")
        report.notes.append("PostgreSQL skipped: no --pg-url")
    write_json(args.json, report, args, skipped="" if args.pg_url else "no --pg-url")
    return 0


if __name__ == "__main__":
    sys.exit(main())
