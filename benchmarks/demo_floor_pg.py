"""The demo generator's floor on PostgreSQL (``bench_foundation.py`` measures SQLite's): a bare
``executemany`` through psycopg of every row the generator wrote for the oldest N cases of a
demo database (``bench_foundation.DEMO_TABLES``: cases, events, assignments, returns, drafts,
reviews, extensions, supervisions, callbacks, links, facts, search rows) into copies of those
tables in a scratch schema (``LIKE … INCLUDING ALL``: the same columns, defaults and indexes —
the search rows' ``pg_trgm`` GIN indexes among them — and the same foreign keys, to the copies
or to the desk's users, units and topics), in transactions of the generator's batch size.
Prints cases/s.

    python -m hotline_desk --database-url URL --data-dir D demo --cases 100000  # ours
    python benchmarks/demo_floor_pg.py --database-url URL --sample 100000
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import DEMO_TABLES  # noqa: E402

from hotline_desk.demo.generate import BATCH  # noqa: E402

SCRATCH = "bench_demo_floor"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--sample", type=int, default=100_000)
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    dsn = args.database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        last = conn.execute(
            "SELECT max(id) FROM (SELECT id FROM cases ORDER BY id LIMIT %s) s", (args.sample,)
        ).fetchone()[0]
        tables = {}
        for table in DEMO_TABLES:
            key = "id" if table == "cases" else "case_id"
            cur = conn.execute(f"SELECT * FROM {table} WHERE {key} <= %s ORDER BY {key}", (last,))
            cols = [d.name for d in cur.description]
            tables[table] = (cols, cols.index(key), cur.fetchall())
        conn.execute(f"DROP SCHEMA IF EXISTS {SCRATCH} CASCADE")
        conn.execute(f"CREATE SCHEMA {SCRATCH}")
        for table in DEMO_TABLES:
            conn.execute(f"CREATE TABLE {SCRATCH}.{table} (LIKE public.{table} INCLUDING ALL)")
        keys_of = conn.execute(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        ).fetchall()
        conn.execute(f"SET LOCAL search_path = {SCRATCH}, public")  # references: copies first
        for table, definition in keys_of:
            if table in DEMO_TABLES:
                conn.execute(f"ALTER TABLE {SCRATCH}.{table} ADD {definition}")
        conn.commit()
        n_cases = len(tables["cases"][2])
        keys = {t: [r[k] for r in rows] for t, (_c, k, rows) in tables.items()}
        pos = dict.fromkeys(tables, 0)
        sql = {
            t: f"INSERT INTO {SCRATCH}.{t} ({', '.join(cols)}) "
            f"VALUES ({', '.join(['%s'] * len(cols))})"
            for t, (cols, _k, _rows) in tables.items()
        }
        cases = tables["cases"][2]
        started = time.perf_counter()
        for start in range(0, n_cases, BATCH):
            top = cases[min(start + BATCH, n_cases) - 1][0]
            with conn.cursor() as cur:
                for table, (_cols, _key, rows) in tables.items():
                    end = bisect.bisect_right(keys[table], top, lo=pos[table])
                    if end > pos[table]:
                        cur.executemany(sql[table], rows[pos[table] : end])
                    pos[table] = end
            conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute(f"DROP SCHEMA {SCRATCH} CASCADE")
        conn.commit()
    n_rows = sum(len(rows) for _c, _k, rows in tables.values())
    rate, load = n_cases / elapsed, os.getloadavg()[0]
    figures = {"cases": n_cases, "rows": n_rows, "seconds": round(elapsed, 1),
               "floor_cases_per_s": round(rate), "load": load}  # fmt: skip
    print(f"floor: {n_cases:,} cases ({n_rows:,} rows in {len(tables)} tables) in "
          f"{elapsed:.1f} s: {rate:,.0f} cases/s (load {load:.2f})")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
