"""Every benchmark in one command, one table: each figure with the desk's value, the floor
measured in the same run, the ratio, the goal, whether it is met and the load average when it
was taken; the whole table also written as JSON.

    python benchmarks/run_all.py --cases 1000000 --data-dir /tmp/bench1m --json /tmp/all.json
    python benchmarks/run_all.py --list
    python benchmarks/run_all.py --only attachments,backup --pg-url postgresql+psycopg://…

The benchmarks run one after the other as child processes on the same demo database (built by
the first that needs it, when the data directory holds fewer cases); each writes its own JSON,
which this script reads back. ``--only board,print`` runs a subset; ``--skip-gui`` passes on to
those with Qt figures; ``--pg-url`` (a PostgreSQL database the benchmarks may make scratch
schemas and databases in) passes on to those with PostgreSQL figures, which skip them without
it. A benchmark that fails (an exit code, no JSON, a JSON it cannot read, a timeout) is
reported as failed and the others still run; the last lines name the goals missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
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
    desk: bool = False
    """Reads the demo database of ``--cases`` without building it: run_all builds it first."""
    about: str = ""


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


def _pg(a: argparse.Namespace) -> list[str]:
    return ["--pg-url", a.pg_url] if a.pg_url else []


def _gui(a: argparse.Namespace) -> list[str]:
    return ["--skip-gui"] if a.skip_gui else []


def _scratch(name: str) -> str:
    return str(Path(tempfile.gettempdir()) / f"bench_{name}_all")


BENCHES: tuple[Bench, ...] = (
    Bench("foundation", "bench_foundation.py", lambda a: [*_db_args(a), *_gui(a)], _report_rows,
          gui=True, about="demo build, login, registration, list pages, cold start"),
    Bench("board", "bench_board.py", lambda a: [*_db_args(a), *_gui(a)], _report_rows, gui=True,
          about="督办台 counts, alert check, the board in the GUI"),
    Bench("inbox", "bench_inbox.py", _db_args, _report_rows, about="我的待办 counts and total"),
    Bench("stats", "bench_stats.py", _db_args, _report_rows, about="one month's KPIs, exports"),
    Bench("duplicates", "bench_duplicates.py", _db_args, _report_rows,
          about="duplicate look-up while typing"),
    Bench("routing", "bench_routing.py", _db_args, _report_rows, about="routing suggestion"),
    Bench("print", "bench_print.py", lambda a: [*_db_args(a), *_gui(a)], _report_rows, gui=True,
          about="slips, batches, printing at 300 dpi"),
    Bench("memory", "bench_memory.py", _db_args, _report_rows, gui=True,
          about="the desk's RSS over pages and case openings"),
    Bench("import", "bench_import.py", lambda a: [], _import_rows, about="platform import"),
    Bench("register", "bench_register.py", lambda a: ["--work", _scratch("register")],
          _register_rows, about="one registration against the same rows stored bare"),
    Bench("long_letter", "bench_long_letter.py", lambda a: [], _report_rows,
          about="laying out long letters"),
    Bench("search", "bench_search.py", lambda a: [*_db_args(a), "--skip-build"], _report_rows,
          about="full-text search pages and indexing"),
    Bench("attachments", "bench_attachments.py",
          lambda a: ["--work", _scratch("attach"), *_pg(a)], _report_rows,
          about="adding a 10 MB file, opening a case with 20 files (SQLite, PostgreSQL)"),
    Bench("login", "bench_login.py", lambda a: ["--rounds", "20"], _report_rows,
          about="login time by who is asking, against one Argon2 verify"),
    Bench("audit_key", "bench_audit_key.py", lambda a: ["--count", "200"], _report_rows,
          about="what the keyed audit adds to a registration"),
    Bench("changes", "bench_changes.py", lambda a: [], _report_rows,
          about="what collecting a write's changes costs"),
    Bench("session_check", "bench_session_check.py", _pg, _report_rows,
          about="what the session re-check adds to a service call (SQLite, PostgreSQL)"),
    Bench("privacy", "bench_privacy.py", lambda a: [], _report_rows,
          about="personal-data detector: recall, precision, time for a letter"),
    Bench("facts", "bench_facts.py", lambda a: ["--data-dir", str(a.data_dir)], _report_rows,
          desk=True, about="what recording the statistics' facts adds to each step"),
    Bench("stats_years", "bench_stats_years.py",
          lambda a: ["--per-year", str(max(a.cases // 10, 2000)), "--data-dir",
                     str(a.data_dir / "years"), "--reps", "7", "--first-reps", "1"],
          _report_rows, about="one month with 1 and with 5 years of cases held"),
    Bench("sqlite_writers", "bench_sqlite_writers.py",
          lambda a: [*_db_args(a), "--procs", "1,8", "--duration", "10"], _report_rows,
          about="8 processes saving into one SQLite file"),
    Bench("two_desks", "bench_two_desks.py",
          lambda a: [*_pg(a), "--rounds", "20", "--window-rounds", "0" if a.skip_gui else "5"],
          _report_rows, gui=True, about="another desk's commit until this desk's feed has it"),
    Bench("backup", "bench_backup.py",
          lambda a: ["--db", str(a.data_dir / "hotline_desk.db"), "--work", _scratch("backup"),
                     "--rounds", "1", "--copy-rounds", "3", *_pg(a),
                     "--pg-cases", str(min(max(a.cases // 10, 2000), 100_000))],
          _report_rows, desk=True, about="backup and restore against the bare tools"),
    Bench("demo_pg", "bench_demo_pg.py",
          lambda a: [*_pg(a), "--cases", str(min(max(a.cases // 10, 2000), 100_000))],
          _report_rows, about="demo generation on PostgreSQL against the bare executemany"),
)  # fmt: skip


@dataclass
class Outcome:
    bench: str
    seconds: float
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    skipped: str = ""
    """Why a benchmark measured nothing by design (e.g. its PostgreSQL figures without --pg-url)."""


def run(bench: Bench, a: argparse.Namespace, folder: Path) -> Outcome:
    out = folder / f"{bench.name}.json"
    command = [sys.executable, str(HERE / bench.script), *bench.args(a), "--json", str(out)]
    print(f"\n=== {bench.name}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    path = os.pathsep.join(p for p in (str(HERE.parent), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path,
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}  # fmt: skip
    try:
        proc = subprocess.run(command, env=env, check=False, timeout=a.timeout)
    except subprocess.TimeoutExpired:
        return Outcome(bench.name, time.perf_counter() - started, error=f"timeout {a.timeout} s")
    except OSError as exc:
        return Outcome(bench.name, time.perf_counter() - started, error=f"not started ({exc})")
    seconds = time.perf_counter() - started
    if proc.returncode or not out.exists():
        return Outcome(bench.name, seconds, error=f"exit code {proc.returncode}")
    return outcome_of(bench, seconds, out.read_text("utf-8"))


def outcome_of(bench: Bench, seconds: float, text: str) -> Outcome:
    """The table rows of one benchmark's JSON, or why it could not be read."""
    try:
        payload = json.loads(text)
        rows = bench.rows(payload)
        for r in rows:
            missing = {"figure", "ours", "floor", "unit", "ratio", "goal", "met", "load"} - set(r)
            if missing:
                raise KeyError(", ".join(sorted(missing)))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return Outcome(bench.name, seconds, error=f"unreadable JSON ({exc!r})")
    if not rows:
        skipped = payload.get("skipped") if isinstance(payload, dict) else ""
        if skipped:
            return Outcome(bench.name, seconds, skipped=str(skipped))
        return Outcome(bench.name, seconds, error="no figures in its JSON")
    return Outcome(bench.name, seconds, rows)


def prepare_desk(a: argparse.Namespace) -> str:
    """The demo database of ``--cases`` cases in ``--data-dir`` (reused when it holds enough),
    as ``bench_foundation`` builds it; an error message, or "" when it is there."""
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench_foundation import prepare_database; "
            "prepare_database(Path(sys.argv[2]), int(sys.argv[3]), False)")  # fmt: skip
    a.data_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-c", code, str(HERE), str(a.data_dir), str(a.cases)],
                          check=False)  # fmt: skip
    return f"demo database not prepared (exit code {proc.returncode})" if proc.returncode else ""


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    digits = 3 if abs(value) < 1 else (2 if abs(value) < 10 else (1 if abs(value) < 1000 else 0))
    return f"{value:,.{digits}f} {unit}"


def _width(text: str) -> int:
    """Columns on a terminal: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(outcomes: Sequence[Outcome]) -> str:
    header = ("benchmark", "figure", "desk", "floor", "ratio", "goal", "met", "load")
    lines = [header]
    for o in outcomes:
        if o.error:
            lines.append((o.bench, f"FAILED: {o.error}", "", "", "", "", "", ""))
        if o.skipped:
            lines.append((o.bench, f"skipped: {o.skipped}", "", "", "", "", "", ""))
        for r in o.rows:
            lines.append(
                (
                    o.bench,
                    r["figure"],
                    _value(r["ours"], r["unit"]),
                    _value(r["floor"], r["unit"]),
                    _ratio(r["ratio"]),
                    r["goal"] or "-",
                    r["met"] or "",
                    "" if r["load"] is None else f"{r['load']:.1f}",
                )
            )
    widths = [max(_width(str(line[i])) for line in lines) for i in range(len(header))]
    text = []
    for n, line in enumerate(lines):
        cells = (str(c) + " " * (w - _width(str(c))) for c, w in zip(line, widths, strict=True))
        text.append(" | ".join(cells).rstrip())
        if n == 0:
            text.append("-+-".join("-" * w for w in widths))
    return "\n".join(text)


def _ratio(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio:,.1f}x"


def misses(outcomes: Sequence[Outcome]) -> list[str]:
    """One line per goal missed: the benchmark, the figure, the desk's value and the goal."""
    return [
        f"{o.bench}: {r['figure']}: {_value(r['ours'], r['unit'])} ({_ratio(r['ratio'])} the "
        f"floor), goal {r['goal']}"
        for o in outcomes
        for r in o.rows
        if str(r["met"]).startswith("MISS")  # "MISS (ratio)" too
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "hotline_bench_all"
    )
    parser.add_argument("--only", default="", help="comma-separated benchmark names (--list)")
    parser.add_argument("--list", action="store_true", help="print the benchmarks and stop")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--pg-url", default="", help="PostgreSQL for the figures on it")
    parser.add_argument("--timeout", type=float, default=3 * 3600.0, help="seconds a benchmark")
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    if a.list:
        width = max(len(b.name) for b in BENCHES)
        for b in BENCHES:
            print(f"{b.name:<{width}}  {b.script:<26}  {b.about}")
        return 0
    a.data_dir = a.data_dir.expanduser().resolve()
    chosen = {n.strip() for n in a.only.split(",") if n.strip()}
    unknown = chosen - {b.name for b in BENCHES}
    if unknown:
        print(f"unknown benchmarks: {', '.join(sorted(unknown))} (see --list)", file=sys.stderr)
        return 2
    benches = [b for b in BENCHES if not chosen or b.name in chosen]
    outcomes: list[Outcome] = []
    desk_error: str | None = None
    with tempfile.TemporaryDirectory(prefix="bench_all_") as tmp:
        for b in benches:
            if b.desk and desk_error is None:
                desk_error = prepare_desk(a)
            if b.desk and desk_error:
                outcomes.append(Outcome(b.name, 0.0, error=desk_error))
                continue
            outcomes.append(run(b, a, Path(tmp)))
    print("\n" + table(outcomes))
    missed = misses(outcomes)
    failed = [o.bench for o in outcomes if o.error]
    print(f"\n{len(missed)} goals missed; {len(failed)} benchmarks failed {failed or ''}".rstrip())
    for line in missed:
        print(f"  MISS {line}")
    if a.json is not None:
        payload = {
            "args": {k: str(v) for k, v in vars(a).items()},
            "benchmarks": [
                {
                    "name": o.bench,
                    "seconds": o.seconds,
                    "error": o.error,
                    "skipped": o.skipped,
                    "figures": o.rows,
                }  # fmt: skip
                for o in outcomes
            ],
            "missed": missed,
        }
        a.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
