"""``benchmarks/run_all.py`` without running a benchmark: its rows, table and missed goals from
canned JSON, a failing benchmark reported while the others run, ``--list``, and the figures'
bounds of ``benchmarks/bench_json.py``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _module(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    return _module("run_all")


def _figure(name: str, ours: float, floor: float | None, verdict: str, **kw: Any) -> dict:
    return {"name": name, "ours": ours, "floor": floor, "unit": "ms", "goal": kw.get("goal", "-"),
            "ratio": ours / floor if floor else None, "verdict": verdict, "load": 1.25}  # fmt: skip


CANNED = {
    "figures": [
        _figure("open a case with 20 attachments", 21.0, 18.0, "ok", goal="<= +50 ms"),
        _figure("month warm read", 240.0, 20.0, "MISS", goal="<= 100 ms, <= 3x"),
        _figure("recall, worst group", 98.4, None, "ok"),
        _figure("one month by section", 6.0, 0.05, "MISS (ratio)", goal="<= 100 ms and <= 3x"),
    ]
}


def test_report_rows_carry_every_column(run_all: ModuleType) -> None:
    bench = next(b for b in run_all.BENCHES if b.name == "attachments")
    outcome = run_all.outcome_of(bench, 2.0, json.dumps(CANNED))
    assert outcome.error == ""
    first, missed, no_floor, _ratio_missed = outcome.rows
    assert first == {"figure": "open a case with 20 attachments", "ours": 21.0, "floor": 18.0,
                     "unit": "ms", "ratio": 21.0 / 18.0, "goal": "<= +50 ms", "met": "ok",
                     "load": 1.25}  # fmt: skip
    assert missed["met"] == "MISS" and no_floor["ratio"] is None

    text = run_all.table([outcome, run_all.Outcome("backup", 1.0, error="exit code 1")])
    lines = text.splitlines()
    assert [c.strip() for c in lines[0].split(" | ")][:3] == ["benchmark", "figure", "desk"]
    assert "21.0 ms" in lines[2] and "18.0 ms" in lines[2] and "1.2x" in lines[2]
    assert "1.2" in lines[2].rsplit("|", 1)[1]  # the load beside the figure
    assert "n/a" in lines[4]  # no floor, no ratio
    assert lines[-1].startswith("backup") and "FAILED: exit code 1" in lines[-1]
    assert run_all.misses([outcome]) == [
        "attachments: month warm read: 240.0 ms (12.0x the floor), goal <= 100 ms, <= 3x",
        "attachments: one month by section: 6.00 ms (120.0x the floor), goal <= 100 ms and <= 3x",
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [("{not json", "unreadable JSON"), ('{"figures": []}', "no figures"),
     ('{"figures": [{"name": "x"}]}', "unreadable JSON")],
)  # fmt: skip
def test_unreadable_json_is_a_failure(run_all: ModuleType, text: str, error: str) -> None:
    bench = next(b for b in run_all.BENCHES if b.name == "login")
    assert error in run_all.outcome_of(bench, 1.0, text).error


def test_a_benchmark_skipped_by_design_is_not_a_failure(run_all: ModuleType) -> None:
    bench = next(b for b in run_all.BENCHES if b.name == "demo_pg")
    outcome = run_all.outcome_of(bench, 0.5, '{"figures": [], "skipped": "no --pg-url"}')
    assert (outcome.error, outcome.skipped) == ("", "no --pg-url")
    assert "skipped: no --pg-url" in run_all.table([outcome]).splitlines()[-1]


def test_a_failing_benchmark_is_reported_and_the_others_run(
    run_all: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    writes = "import json, sys; open(sys.argv[sys.argv.index('--json') + 1], 'w').write(%r)"
    (tmp_path / "good.py").write_text(writes % json.dumps(CANNED), encoding="utf-8")
    (tmp_path / "bad.py").write_text("raise SystemExit(3)", encoding="utf-8")
    rows = run_all._report_rows
    benches = (run_all.Bench("bad", "bad.py", lambda a: [], rows),
               run_all.Bench("good", "good.py", lambda a: [], rows))  # fmt: skip
    monkeypatch.setattr(run_all, "HERE", tmp_path)
    monkeypatch.setattr(run_all, "BENCHES", benches)
    out = tmp_path / "all.json"
    assert run_all.main(["--data-dir", str(tmp_path / "d"), "--json", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "2 goals missed; 1 benchmarks failed ['bad']" in printed
    assert "MISS good: month warm read" in printed
    saved = json.loads(out.read_text("utf-8"))
    assert [(b["name"], b["error"], len(b["figures"])) for b in saved["benchmarks"]] == [
        ("bad", "exit code 3", 0), ("good", "", 4)]  # fmt: skip
    assert saved["missed"] == run_all.misses(
        [run_all.Outcome("good", 0, run_all._report_rows(CANNED))]
    )


def test_list_names_every_benchmark_and_each_writes_json(run_all: ModuleType) -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "run_all.py"), "--list"],
                          capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    listed = [line.split()[0] for line in done.stdout.splitlines()]
    assert listed == [b.name for b in run_all.BENCHES]
    scripts = {p.name for p in BENCHMARKS.glob("bench_*.py")} - {"bench_json.py"}
    assert scripts == {b.script for b in run_all.BENCHES}  # every benchmark is run
    for b in run_all.BENCHES:
        assert '"--json"' in (BENCHMARKS / b.script).read_text(encoding="utf-8"), b.script
    unknown = subprocess.run([sys.executable, str(BENCHMARKS / "run_all.py"), "--only", "nope"],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert unknown.returncode == 2 and "unknown benchmarks: nope" in unknown.stderr


def test_bounds_a_plain_figure_cannot_say() -> None:
    bound = _module("bench_json").Bound
    added = bound("open", 60.0, 12.0, "ms", added_limit=50.0)
    assert added.verdict == "ok" and bound("open", 63.0, 12.0, "ms", added_limit=50.0).verdict \
        == "MISS"  # fmt: skip
    assert bound("recall", 94.0, None, "%", at_least=95.0).verdict == "MISS"
    assert bound("recall", 95.0, None, "%", at_least=95.0).verdict == "ok"
    both = {"limit": 100.0, "ratio_limit": 3.0}
    assert bound("month", 90.0, 20.0, "ms", **both).verdict == "MISS"  # under 100 ms, but 4.5x
    assert bound("month", 50.0, 20.0, "ms", **both).verdict == "ok"
    assert bound("month", 50.0, 20.0, "ms").verdict == ""
    assert bound("open", 60.0, 12.0, "ms", added_limit=50.0).as_json()["verdict"] == "ok"
