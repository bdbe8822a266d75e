"""Several desks saving into one SQLite file: the latency of each save when N processes write.

N processes (each this script with ``--child``) register cases through the real service
(``services.cases.registration.register_case``, an intake clerk of the demo bureau) on one
seeded demo database, back to back for a fixed duration, all released at the same moment. Each
save's wall time is recorded, waiting for the write lock included. Printed per N: the count,
p50/p95/p99/max, the throughput and the spread between the busiest and the idlest process;
the floor is the same saves by one process alone (N = 1), measured in the same run, and each
N's percentiles are shown as ratios to it. Saves that failed (e.g. "database is locked") are
counted, never dropped silently.

On a demo database of C cases (default 100,000; built with ``hotline-desk demo`` when the data
directory does not already hold enough cases, as ``bench_foundation.py`` does). Each run adds
its registrations to that database.

    python benchmarks/bench_sqlite_writers.py --cases 100000 --data-dir /tmp/bench100k \\
        --procs 1,4,8 --duration 20 --json /tmp/writers.json

The JSON's figures (``run_all.py``): for each N > 1 the p99 and p50 save against the same
percentile of one process alone, the p99 held to the goal (issue 13: ≤ 500 ms with 8 writers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import DB_FILE, machine_info, prepare_database  # noqa: E402
from bench_json import Figure, Report, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLERK = "dengji"
WARMUP = 3
START_DELAY_S = 1.0


# --- one desk (child process) -------------------------------------------------------------------
def child(url: str, duration: float, index: int) -> None:
    """Warm up, say ``ready``; on ``go START`` register until START + duration; print JSON."""
    from datetime import timedelta

    from sqlalchemy import event, select
    from sqlalchemy.engine import make_url

    from hotline_desk.domain.validation import CaseInput
    from hotline_desk.services.admin.auth import actor_for
    from hotline_desk.services.cases import catalog
    from hotline_desk.services.cases.registration import register_case
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.store import audit_key
    from hotline_desk.store.engine import make_engines
    from hotline_desk.store.models import User

    audit_key.use_directory(Path(str(make_url(url).database)).parent)  # the demo's key beside it
    ctx = ServiceContext.for_engines(make_engines(url))
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == CLERK)).scalar_one()
        actor = actor_for(uow.session, user)
    topic_id = next(t.id for t in catalog.list_topics(ctx) if t.lead_unit_id)

    def form(i: int) -> CaseInput:  # a typical intake form, a phone of its own each time
        return CaseInput(channel="hotline", received_at=ctx.now() - timedelta(minutes=5),
                         caller_name="张三明", caller_phone=f"13{index:01d}{i % 10**8:08d}",
                         caller_address="解放路88号3单元", title="咨询中小企业专项资金申报条件",
                         content="来电人咨询今年中小企业发展专项资金的申报条件和截止时间。",
                         category="consult", topic_id=topic_id, urgency="normal")  # fmt: skip

    began_at: list[float] = []  # BEGIN done (the write lock taken), for the time it is held
    committed_at: list[float] = []
    # on the engine itself, after its own listener (the gate, then BEGIN IMMEDIATE)
    event.listen(ctx.engines.reader, "begin", lambda _c: began_at.append(time.perf_counter()))
    committed = ctx.uow.committed

    def note_commit(changes: Any) -> None:  # runs right after the DBAPI commit
        committed_at.append(time.perf_counter())
        committed(changes)

    ctx.uow.committed = note_commit  # type: ignore[method-assign]
    for i in range(WARMUP):
        register_case(ctx, actor, form(i))
    print("ready", flush=True)
    line = sys.stdin.readline().split()
    start = float(line[1])
    time.sleep(max(0.0, start - time.time()))
    end = start + duration
    latencies: list[float] = []
    held: list[float] = []
    errors: list[str] = []
    i = WARMUP
    while time.time() < end:
        i += 1
        data = form(i)
        began_at.clear()
        committed_at.clear()
        began = time.perf_counter()
        try:
            register_case(ctx, actor, data)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the loop goes on
            errors.append("".join(traceback.format_exception_only(exc)).strip()[:200])
            continue
        latencies.append((time.perf_counter() - began) * 1000.0)
        held.append((committed_at[-1] - began_at[0]) * 1000.0)
    ctx.engines.dispose()
    print(json.dumps({"latencies_ms": latencies, "held_ms": held, "errors": errors}), flush=True)


# --- the run ------------------------------------------------------------------------------------
def run_writers(url: str, n: int, duration: float) -> dict[str, Any]:
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", url, str(duration), str(i)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )  # fmt: skip
        for i in range(n)
    ]
    for p in procs:
        assert p.stdout is not None
        ready = p.stdout.readline().strip()
        if ready != "ready":
            raise SystemExit(f"a writer did not start: {ready!r}")
    start = time.time() + START_DELAY_S
    for p in procs:
        assert p.stdin is not None
        p.stdin.write(f"go {start!r}\n")
        p.stdin.flush()
    load_before = os.getloadavg()[0]
    per_process = []
    for p in procs:
        out, _ = p.communicate(timeout=duration + 120)
        if p.returncode:
            raise SystemExit(f"a writer failed with exit code {p.returncode}")
        per_process.append(json.loads(out.strip().splitlines()[-1]))
    latencies = [x for r in per_process for x in r["latencies_ms"]]
    held = sorted(x for r in per_process for x in r["held_ms"])
    errors = [e for r in per_process for e in r["errors"]]
    counts = [len(r["latencies_ms"]) for r in per_process]
    return {
        "processes": n,
        "duration_s": duration,
        "saves": len(latencies),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "throughput_per_s": len(latencies) / duration,
        "saves_per_process": counts,
        "load_average_1min": [load_before, os.getloadavg()[0]],
        **percentiles(latencies),
        "held_p50_ms": percentile(held, 50) if held else float("nan"),
        "held_p99_ms": percentile(held, 99) if held else float("nan"),
        "latencies_ms": latencies,
    }


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, -(-int(q * 100) * len(ordered) // 10000))
    return ordered[rank - 1]


def percentiles(latencies: list[float]) -> dict[str, float]:
    if not latencies:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan"),
                "max_ms": float("nan"), "mean_ms": float("nan")}  # fmt: skip
    ordered = sorted(latencies)
    return {
        "p50_ms": percentile(ordered, 50),
        "p95_ms": percentile(ordered, 95),
        "p99_ms": percentile(ordered, 99),
        "max_ms": ordered[-1],
        "mean_ms": statistics.fmean(ordered),
    }


def print_table(results: list[dict[str, Any]], goal_ms: float) -> None:
    floor = next((r for r in results if r["processes"] == 1), None)
    print(f"\n{'N':>2} {'saves':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'saves/s':>8} {'per process':>12} {'held p50/p99':>13}  "
          "p99 against the floor, goal")  # fmt: skip
    for r in results:
        ratio = ""
        if floor is not None and r is not floor and floor["p99_ms"] > 0:
            ratio = f"{r['p99_ms'] / floor['p99_ms']:.1f}× floor p99"
        verdict = ("ok" if r["p99_ms"] <= goal_ms else "MISS") if r["processes"] > 1 else "floor"
        spread = f"{min(r['saves_per_process'])}–{max(r['saves_per_process'])}"
        held = f"{r['held_p50_ms']:.1f}/{r['held_p99_ms']:.1f}"
        print(f"{r['processes']:>2} {r['saves']:>6} {r['errors']:>4} {r['p50_ms']:>8.1f} "
              f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} "
              f"{r['throughput_per_s']:>8.1f} {spread:>12} {held:>13}  "
              f"{ratio} {verdict}")  # fmt: skip
        for sample in r["error_samples"]:
            print(f"     error: {sample}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the demo database")
    parser.add_argument("--data-dir", default=None, help="directory holding hotline_desk.db")
    parser.add_argument("--rebuild", action="store_true", help="build a new demo database")
    parser.add_argument("--procs", default="1,4,8", help="comma-separated process counts")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per process count")
    parser.add_argument("--goal-ms", type=float, default=500.0, help="p99 goal with N > 1")
    parser.add_argument("--json", default=None, help="also write every figure and sample")
    parser.add_argument("--child", nargs=3, metavar=("URL", "DURATION", "INDEX"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], float(args.child[1]), int(args.child[2]))
        return 0
    from hotline_desk.services.admin.setup import open_desk
    from hotline_desk.store.engine import sqlite_url

    data_dir = Path(args.data_dir or Path(os.environ.get("TMPDIR", "/tmp"))
                    / f"hotline_bench_{args.cases}").expanduser().resolve()  # fmt: skip
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / DB_FILE
    prepare_database(data_dir, args.cases, args.rebuild)
    open_desk(sqlite_url(db)).engines.dispose()  # migrated and seeded before the writers start
    info = machine_info(db)
    print("Machine:", ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    results = []
    for n in [int(x) for x in args.procs.split(",")]:
        print(f"{n} process(es) saving for {args.duration:g} s ...", flush=True)
        results.append(run_writers(sqlite_url(db), n, args.duration))
    print_table(results, args.goal_ms)
    print(f"\n  measured {time.strftime('%Y-%m-%d %H:%M')}, load average at start "
          f"{info['load_average']}, at end {'/'.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)")  # fmt: skip
    print(f"Reproduce: python benchmarks/bench_sqlite_writers.py --cases {args.cases} "
          f"--data-dir {data_dir} --procs {args.procs} --duration {args.duration:g}")  # fmt: skip
    write_json(args.json, figures(results, args.goal_ms), args, machine=info, results=results)
    return 0


def figures(results: list[dict[str, Any]], goal_ms: float) -> Report:
    """Each N > 1 against one process alone (the floor: the same saves, no one to wait for)."""
    report = Report()
    floor = next((r for r in results if r["processes"] == 1), None)
    for r in results:
        if r["processes"] == 1:
            continue
        note = (f"{r['saves']} saves, {r['errors']} failed; floor: the same saves by one "
                f"process alone" + ("" if floor else " (not measured: no N = 1)"))  # fmt: skip
        load = r["load_average_1min"][1]
        for q in ("p99", "p50"):
            goal = {"goal": f"<= {goal_ms:g} ms", "limit": goal_ms} if q == "p99" else {}
            report.add(Figure(f"{q} save with {r['processes']} processes writing",
                              r[f"{q}_ms"], floor[f"{q}_ms"] if floor else None, "ms",
                              note=note, load=load, **goal))  # fmt: skip
        if r["errors"]:
            report.add(Figure(f"failed saves with {r['processes']} processes", r["errors"], 0,
                              "saves", goal="0", limit=0, load=load))  # fmt: skip
    return report


if __name__ == "__main__":
    sys.exit(main())
