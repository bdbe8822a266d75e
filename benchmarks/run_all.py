"""Every benchmark in one command, one table: each figure with the desk's value, the floor
measured in the same run, the ratio, the goal, whether it is met and the load average when it
was taken; the whole table also written as JSON.

    python benchmarks/run_all.py --cases 1000000 --data-dir /tmp/bench1m --json /tmp/all.json

The benchmarks run one after the other as child processes on the same demo database (built by
the first that needs it, when the data directory holds fewer cases); each writes its own JSON,
which this script reads back. ``--only board,print`` runs a subset; ``--skip-gui`` passes on to
those with Qt figures. A benchmark that fails is reported as failed and the others still run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Bench:
    """One benchmark script: how it is called and how its JSON becomes table rows."""

    name: str
    script: str
    args: Callable[[argparse.Namespace], list[str]]
    rows: Callable[[dict[str, Any]], list[dict[str, Any]]]
    gui: bool = False


def _db_args(a: argparse.Namespace) -> list[str]:
    return ["--cases", str(a.cases), "--data-dir", str(a.data_dir)]


def _report_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The scripts built on ``bench_foundation.Report``: their figures as they are."""
    return [
        {
            "figure": f["name"],
            "ours": f["ours"],
            "floor": f["floor"],
            "unit": f["unit"],
            "ratio": f["ratio"],
            "goal": f["goal"],
            "met": f["verdict"],
            "load": f.get("load"),
        }
        for f in payload.get("figures", [])
    ]


def _import_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    ratio = payload.get("ratio")
    return [
        {
            "figure": f"platform import of {payload.get('rows', '?'):,} rows",
            "ours": payload.get("ours_s"),
            "floor": payload.get("floor_s"),
            "unit": "s",
            "ratio": ratio,
            "goal": "<= 2x",
            "met": "" if ratio is None else ("ok" if ratio <= 2 else "MISS"),
            "load": payload.get("load"),
        }
    ]


def _letter_rows(payload: Any) -> list[dict[str, Any]]:
    rows = payload if isinstance(payload, list) else payload.get("rows", [])
    out = []
    for r in rows:
        ours = max(r.get("slip_s", 0) or 0, r.get("letter_s", 0) or 0)
        floor = r.get("floor_s")
        out.append(
            {
                "figure": f"lay out a {r.get('chars', '?'):,}-character letter",
                "ours": ours,
                "floor": floor,
                "unit": "s",
                "ratio": ours / floor if floor else None,
                "goal": "<= 1 s",
                "met": "ok" if ours <= 1 else "MISS",
                "load": None,
            }
        )
    return out


def _register_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """``bench_register.py``: the median against the floor that stores the same rows."""
    ours, floor = payload.get("ours_median_ms"), payload.get("rows_floor_median_ms")
    ratio = payload.get("ratio")
    met = ours is not None and ratio is not None and ours <= 5 and ratio <= 4
    return [
        {
            "figure": f"register one case, median ({payload.get('engine')}, floor: same rows)",
            "ours": ours,
            "floor": floor,
            "unit": "ms",
            "ratio": ratio,
            "goal": "<= 5 ms, <= 4x",
            "met": "ok" if met else "MISS",
            "load": payload.get("load"),
        }
    ]


BENCHES: tuple[Bench, ...] = (
    Bench(
        "foundation",
        "bench_foundation.py",
        lambda a: [*_db_args(a), *(["--skip-gui"] if a.skip_gui else [])],
        _report_rows,
        gui=True,
    ),
    Bench(
        "board",
        "bench_board.py",
        lambda a: [*_db_args(a), *(["--skip-gui"] if a.skip_gui else [])],
        _report_rows,
        gui=True,
    ),
    Bench("stats", "bench_stats.py", _db_args, _report_rows),
    Bench("duplicates", "bench_duplicates.py", _db_args, _report_rows),
    Bench("routing", "bench_routing.py", _db_args, _report_rows),
    Bench(
        "print",
        "bench_print.py",
        lambda a: [*_db_args(a), *(["--skip-gui"] if a.skip_gui else [])],
        _report_rows,
        gui=True,
    ),
    Bench("memory", "bench_memory.py", _db_args, _report_rows, gui=True),
    Bench("import", "bench_import.py", lambda a: [], _import_rows),
    Bench(
        "register",
        "bench_register.py",
        lambda a: ["--work", str(Path(tempfile.gettempdir()) / "bench_register_all")],
        _register_rows,
    ),
    Bench("long_letter", "bench_long_letter.py", lambda a: [], _letter_rows),
    Bench("search", "bench_search.py", lambda a: [*_db_args(a), "--skip-build"], _report_rows),
)


@dataclass
class Outcome:
    bench: str
    seconds: float
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""


def run(bench: Bench, a: argparse.Namespace, folder: Path) -> Outcome:
    out = folder / f"{bench.name}.json"
    command = [sys.executable, str(HERE / bench.script), *bench.args(a), "--json", str(out)]
    print(f"\n=== {bench.name}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    proc = subprocess.run(command, env=env, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode or not out.exists():
        return Outcome(bench.name, seconds, error=f"exit code {proc.returncode}")
    try:
        return Outcome(bench.name, seconds, bench.rows(json.loads(out.read_text("utf-8"))))
    except (ValueError, KeyError, TypeError) as exc:
        return Outcome(bench.name, seconds, error=f"unreadable JSON ({exc})")


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    digits = 3 if abs(value) < 1 else (2 if abs(value) < 10 else (1 if abs(value) < 1000 else 0))
    return f"{value:,.{digits}f} {unit}"


def table(outcomes: Sequence[Outcome]) -> str:
    header = ("benchmark", "figure", "desk", "floor", "ratio", "goal", "met", "load")
    lines = [header]
    for o in outcomes:
        if o.error:
            lines.append((o.bench, f"FAILED: {o.error}", "", "", "", "", "", ""))
        for r in o.rows:
            ratio = r["ratio"]
            lines.append(
                (
                    o.bench,
                    r["figure"],
                    _value(r["ours"], r["unit"]),
                    _value(r["floor"], r["unit"]),
                    "n/a" if ratio is None else f"{ratio:,.1f}x",
                    r["goal"] or "-",
                    r["met"] or "",
                    "" if r["load"] is None else f"{r['load']:.1f}",
                )
            )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    text = []
    for n, line in enumerate(lines):
        text.append(" | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            text.append("-+-".join("-" * w for w in widths))
    return "\n".join(text)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "hotline_bench_all"
    )
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    chosen = {n.strip() for n in a.only.split(",") if n.strip()}
    unknown = chosen - {b.name for b in BENCHES}
    if unknown:
        print(f"unknown benchmarks: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    benches = [b for b in BENCHES if not chosen or b.name in chosen]
    with tempfile.TemporaryDirectory(prefix="bench_all_") as tmp:
        outcomes = [run(b, a, Path(tmp)) for b in benches]
    print("\n" + table(outcomes))
    misses = sum(1 for o in outcomes for r in o.rows if r["met"] == "MISS")
    failed = [o.bench for o in outcomes if o.error]
    print(f"\n{misses} goals missed; {len(failed)} benchmarks failed {failed or ''}".rstrip())
    if a.json is not None:
        payload = {
            "args": {k: str(v) for k, v in vars(a).items()},
            "benchmarks": [
                {"name": o.bench, "seconds": o.seconds, "error": o.error, "figures": o.rows}
                for o in outcomes
            ],
        }
        a.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
