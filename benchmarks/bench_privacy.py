"""Personal-data detector benchmark (issue 15): recall and precision by group (names,
addresses, numbers) on the labelled letters and replies of ``tests/data/``, for the detector of
``domain.privacy`` next to today's exact-match scrubbing
(``domain.privacy.redact.scrub_text``: exact copies of the caller's fields plus number patterns),
on three splits with their own sentences,
names, streets and estates: dev (the detector was tuned on it), held-out and fresh (each
measured once before its errors were looked at; ``benchmarks/README.md`` keeps both figures);
and the time to scan a 2,000-character letter next to floors measured in the same run: the
bare ``jieba.cut`` the detector tags from, and the bare ``jieba.posseg.cut`` (its POS-HMM).

    python benchmarks/bench_privacy.py [--json out.json] [--reps 200]

Counting (``domain.privacy.measure``): a labelled span is found when every character is covered
by a finding; a finding is right when at least half of its characters are labelled personal.
With ``--json`` the figures for ``run_all.py``: the letter's time against the bare
``jieba.cut`` (goal ≤ 20 ms), and per split the worst group's recall (≥ 95 %) and precision
(≥ 90 %), which are not times and have no floor (the exact-match baseline is in the note).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Bound, Figure, Report, write_json  # noqa: E402

from hotline_desk.domain.privacy.detector import find_personal, warm_up  # noqa: E402
from hotline_desk.domain.privacy.measure import (  # noqa: E402
    GROUPS,
    baseline_findings,
    known_of,
    score,
)

DATA = ROOT / "tests" / "data"
SPLITS = {
    "dev": "privacy_letters.jsonl",
    "heldout": "privacy_letters_heldout.jsonl",
    "fresh": "privacy_letters_fresh.jsonl",
}
GOALS = {"recall": 0.95, "precision": 0.90}


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def letter_of(items: list[dict], size: int = 2000) -> str:
    """A 2,000-character letter: the set's texts one after another, cut at ``size``."""
    text = ""
    for item in items:
        text += item["text"]
        if len(text) >= size:
            break
    return text[:size]


def median_ms(fn, reps: int) -> float:
    for _ in range(5):
        fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def cold_start_ms() -> dict[str, float]:
    """In a fresh interpreter: importing the detector, and its first letter (loads jieba)."""
    code = (
        "import time;t=time.perf_counter();"
        "from hotline_desk.domain.privacy import detector;a=time.perf_counter();"
        "import sys;assert 'jieba' not in sys.modules;"
        "detector.scrub('我叫张建国，住宏图路93号。');b=time.perf_counter();"
        "print((a-t)*1000,(b-a)*1000)"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    imp, first = (float(x) for x in out.stdout.split())
    return {"import_ms": imp, "first_letter_ms": first}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--reps", type=int, default=200, help="timed runs per figure (median)")
    args = parser.parse_args()

    report: dict = {"machine": platform.platform(), "python": platform.python_version(), "sets": {}}
    print(f"{'split':8} {'group':8} {'labelled':>8} | {'baseline R':>10} {'P':>6} | "
          f"{'detector R':>10} {'P':>6} | goal")  # fmt: skip
    all_met = True
    out = Report()
    for split, name in SPLITS.items():
        items = load(name)
        base = score(items, baseline_findings)
        new = score(items, find_personal)
        report["sets"][split] = {
            "items": len(items),
            "letters": sum(i["kind"] == "letter" for i in items),
        }
        for g in GROUPS:
            b, n = base[g], new[g]
            met = n.recall >= GOALS["recall"] and n.precision >= GOALS["precision"]
            all_met &= met
            print(
                f"{split:8} {g:8} {n.labelled:8} | {b.recall:10.1%} {b.precision:6.1%} | "
                f"{n.recall:10.1%} {n.precision:6.1%} | {'met' if met else 'NOT MET'}"
            )
            report["sets"][split][g] = {
                "labelled": n.labelled,
                "baseline": {"recall": b.recall, "precision": b.precision, "findings": b.findings},
                "detector": {"recall": n.recall, "precision": n.precision, "findings": n.findings,
                             "missed": n.missed, "wrong": n.wrong},
            }  # fmt: skip
        for what, goal in GOALS.items():
            worst = min(GROUPS, key=lambda g, w=what: getattr(new[g], w))
            value, base_value = getattr(new[worst], what), getattr(base[worst], what)
            out.add(Bound(f"{what}, worst group ({worst}), {split}", value * 100, None, "%",
                          goal=f">= {goal:.0%}", at_least=goal * 100,
                          note=f"exact-match baseline {base_value:.1%}"))  # fmt: skip

    import jieba
    import jieba.posseg

    warm_up()
    dev = load(SPLITS["dev"])
    letter = letter_of(dev)
    known = known_of(dev[0])
    timing = {
        "letter_chars": len(letter),
        "detector_ms": median_ms(lambda: find_personal(letter, known), args.reps),
        "baseline_ms": median_ms(lambda: baseline_findings(letter, known), args.reps),
        "floor_jieba_cut_ms": median_ms(lambda: list(jieba.cut(letter)), args.reps),
        "floor_jieba_posseg_ms": median_ms(lambda: list(jieba.posseg.cut(letter)), args.reps),
    }
    timing.update(cold_start_ms())
    report["timing"] = timing
    print()
    print(f"2,000-character letter (median of {args.reps} after 5 warm-ups):")
    print(f"  detector find_personal      {timing['detector_ms']:7.2f} ms   (goal ≤ 20 ms)")
    print(f"  baseline exact match        {timing['baseline_ms']:7.2f} ms")
    print(f"  floor: bare jieba.cut       {timing['floor_jieba_cut_ms']:7.2f} ms")
    print(f"  floor: bare jieba.posseg    {timing['floor_jieba_posseg_ms']:7.2f} ms")
    print(f"  cold: import detector       {timing['import_ms']:7.1f} ms (jieba not loaded)")
    print(f"  cold: first letter          {timing['first_letter_ms']:7.1f} ms (loads jieba)")
    report["goals_met"] = all_met and timing["detector_ms"] <= 20
    out.add(
        Figure(
            "personal data in a 2,000-character letter (floor: bare jieba.cut)",
            timing["detector_ms"],
            timing["floor_jieba_cut_ms"],
            "ms",
            goal="<= 20 ms",
            limit=20.0,
            note=f"bare jieba.posseg {timing['floor_jieba_posseg_ms']:.1f} ms; "
            f"exact-match baseline {timing['baseline_ms']:.2f} ms",
        )
    )
    write_json(args.json, out, args, **report)


if __name__ == "__main__":
    main()
