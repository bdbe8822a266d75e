"""Routing-suggestion benchmark: accuracy against how cases were really routed, and time per
suggestion next to the bare SQL of its window, measured in the same run.

On a demo database of N cases (default 1,000,000; built with ``hotline-desk demo`` when the
data directory does not already hold enough cases, as ``bench_foundation.py`` does), the newest
M routed cases are held out one by one: each is suggested a lead section from its topic, title
and content, seeing only cases older than itself, and the suggestion is compared with the
section that actually led it (``lead_unit_id``). Printed next to it:

* the topic-default baseline (the 派单目录's lead section; top-3 adds its default assisting
  sections), and the topic-majority baseline (the most frequent lead among the same window);
* the time of ``suggest_route`` (median, p95) against the floor: the same window SELECTs sent
  through a raw ``sqlite3`` connection, interleaved call by call;
* the query plans of the window SELECTs.

    python benchmarks/bench_routing.py --cases 20000 --data-dir /tmp/bench20k
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    Figure,
    Report,
    machine_info,
    median,
    prepare_database,
    print_table,
    query_plan,
    raw_connect,
)

from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.services.lifecycle import routing_suggest
from hotline_desk.services.lifecycle.routing_suggest import Window, suggest_route  # noqa: E402
from hotline_desk.store.engine import sqlite_url  # noqa: E402
from hotline_desk.store.models import User  # noqa: E402

USERNAME = "duban"
GOAL_MS = 5.0


@dataclass(frozen=True)
class HeldOut:
    id: int
    topic_id: int | None
    title: str
    content: str
    lead: int


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(1, -(-95 * len(ordered) // 100)) - 1]


def held_out_cases(con: sqlite3.Connection, m: int) -> list[HeldOut]:
    """The newest M cases that were routed to a section and not handed back (still pending)."""
    rows = con.execute(
        "SELECT id, topic_id, title, content, lead_unit_id FROM cases "
        "WHERE tier IN (2, 3) AND lead_unit_id IS NOT NULL AND status != 'return_requested' "
        "ORDER BY id DESC LIMIT ?",
        (m,),
    ).fetchall()
    return [HeldOut(*r) for r in rows]


def catalogue(con: sqlite3.Connection) -> tuple[dict[int, int | None], dict[int, list[int]]]:
    defaults = dict(con.execute("SELECT id, lead_unit_id FROM topics").fetchall())
    assists: dict[int, list[int]] = {}
    for topic, unit in con.execute(
        "SELECT topic_id, org_unit_id FROM topic_assist_units ORDER BY topic_id, org_unit_id"
    ):
        assists.setdefault(topic, []).append(unit)
    return defaults, assists


def compiled(window: Window) -> list[tuple[str, list[Any]]]:
    """The window SELECTs as SQLite text with positional parameters, for the raw floor."""
    dialect = sqlite_dialect.dialect()
    out = []
    for stmt, values in routing_suggest.window_statements(window):
        c = stmt.compile(dialect=dialect)
        state = c.construct_expanded_state(values)
        out.append((state.statement, list(state.positional_parameters)))
    return out


def desk_actor(ctx: ServiceContext) -> Actor:
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == USERNAME)).scalar_one()
        return actor_for(uow.session, user)


def bench(report: Report, ctx: ServiceContext, db: Path, m: int) -> dict[str, Any]:
    con = raw_connect(db)
    cases = held_out_cases(con, m)
    if not cases:
        raise SystemExit("no routed cases to hold out")
    defaults, assists = catalogue(con)
    actor = desk_actor(ctx)
    hits = Counter[str]()
    ours_ms: list[float] = []
    floor_ms: list[float] = []
    score_ms: list[float] = []
    neighbours: list[int] = []
    for n, case in enumerate(cases):
        window = Window(case.topic_id, case.id, case.id)
        started = time.perf_counter()
        got = suggest_route(ctx, actor, topic_id=case.topic_id, title=case.title,
                            content=case.content, exclude_case_id=case.id,
                            before_id=case.id)  # fmt: skip
        ours_ms.append((time.perf_counter() - started) * 1000)
        statements = compiled(window)
        started = time.perf_counter()
        per_statement = [con.execute(sql, params).fetchall() for sql, params in statements]
        floor_ms.append((time.perf_counter() - started) * 1000)
        rows = [row for found in per_statement for row in found]
        candidates = sorted({r[0]: (r[0], r[1], r[2], r[3] or "") for r in rows}.values(),
                            key=lambda r: -r[0])  # fmt: skip
        sections = frozenset(u for _id, u, _t, _h in candidates) | {case.lead}
        started = time.perf_counter()
        routing_suggest.rank_sections(case.title, case.content, candidates,
                                      defaults.get(case.topic_id or -1), sections)  # fmt: skip
        score_ms.append((time.perf_counter() - started) * 1000)
        ranked = [unit for unit, _name, _share in got.ranked]
        hits["ours1"] += ranked[:1] == [case.lead]
        hits["ours3"] += case.lead in ranked[:3]
        default = defaults.get(case.topic_id or -1)
        hits["default1"] += default == case.lead
        hits["default3"] += case.lead in ([default] + assists.get(case.topic_id or -1, []))[:3]
        topic_rows = per_statement[0] if case.topic_id is not None else []
        majority = [u for u, _c in Counter(r[1] for r in topic_rows).most_common(3)]
        hits["majority1"] += majority[:1] == [case.lead]
        hits["majority3"] += case.lead in majority
        neighbours.append(got.similar_cases)
        if n == 0:
            report.extra["first_suggestion"] = {"case": case.id, "basis": got.basis,
                                                "ranked": got.ranked}  # fmt: skip
    total = len(cases)
    accuracy = {key: 100.0 * value / total for key, value in hits.items()}
    report.extra["accuracy"] = accuracy
    report.extra["held_out"] = total
    report.extra["mean_neighbours"] = sum(neighbours) / total
    report.add(Figure("suggest_route, median", median(ours_ms), median(floor_ms), "ms",
                      goal=f"≤ {GOAL_MS:g} ms", limit=GOAL_MS,
                      note=f"scoring in Python alone: median {median(score_ms):.2f} ms; "
                      "the rest is SQLAlchemy and the catalogue look-ups"))  # fmt: skip
    report.add(Figure("suggest_route, p95", p95(ours_ms), p95(floor_ms), "ms"))
    report.extra["timings_ms"] = {
        "ours_median": median(ours_ms), "ours_p95": p95(ours_ms),
        "floor_median": median(floor_ms), "floor_p95": p95(floor_ms),
        "scoring_median": median(score_ms),
    }  # fmt: skip
    plans = {}
    for sql, params in compiled(Window(cases[0].topic_id, cases[0].id, cases[0].id)):
        plans[" ".join(sql.split())] = query_plan(con, sql, params)
    report.plans["window"] = plans  # type: ignore[assignment]
    con.close()
    return accuracy


def print_accuracy(accuracy: dict[str, float], total: int, mean_neighbours: float) -> None:
    print(f"\nAccuracy on the newest {total:,} routed cases (each sees only older cases):")
    rows = [
        ("method", "top-1", "top-3"),
        ("similar past cases + topic prior (ours)",
         f"{accuracy['ours1']:.1f} %", f"{accuracy['ours3']:.1f} %"),
        ("topic default (派单目录; top-3 adds its assists)",
         f"{accuracy['default1']:.1f} %", f"{accuracy['default3']:.1f} %"),
        ("most frequent lead in the same window",
         f"{accuracy['majority1']:.1f} %", f"{accuracy['majority3']:.1f} %"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows) + 2
    for n, (name, one, three) in enumerate(rows):
        print(f"  {name:<{width}} {one:>8} {three:>8}")
        if n == 0:
            print("  " + "-" * (width + 18))
    print(f"  (similar cases found per suggestion: {mean_neighbours:.1f} on average)")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the database")
    parser.add_argument("--data-dir", default=None, help="data directory holding hotline_desk.db")
    parser.add_argument(
        "--rebuild", action="store_true", help="build a new demo database even if DIR holds one"
    )
    parser.add_argument("--holdout", type=int, default=2000, help="newest routed cases tested")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.cases < 1 or args.holdout < 1:
        parser.error("--cases and --holdout must be positive")
    if args.data_dir is None:
        args.data_dir = str(Path(tempfile.gettempdir()) / f"hotline_bench_{args.cases}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = Path(args.data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / DB_FILE
    prepare_database(data_dir, args.cases, args.rebuild)
    report = Report()
    info = machine_info(db)
    print("Machine:", ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    report.extra["machine"] = info
    ctx = open_desk(sqlite_url(db))
    try:
        accuracy = bench(report, ctx, db, args.holdout)
    finally:
        ctx.engines.dispose()
    print_accuracy(accuracy, report.extra["held_out"], report.extra["mean_neighbours"])
    print_table(report)
    print("\nEXPLAIN QUERY PLAN of the window SELECTs:")
    for sql, plan in report.plans["window"].items():
        print(f"  {sql}")
        for line in plan:
            print(f"    {line}")
    first = report.extra["first_suggestion"]
    print(f"\nExample (case {first['case']}): {first['basis']}")
    print(f"  load average at end {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    print(
        "\nReproduce: python benchmarks/bench_routing.py "
        f"--cases {args.cases} --data-dir {data_dir} --holdout {args.holdout}"
    )
    if args.json:
        payload = {"args": vars(args), "figures": [f.as_json() for f in report.figures],
                   "plans": report.plans, **report.extra}  # fmt: skip
        Path(args.json).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
