"""Memory benchmark (issue 19): the desk's resident memory (RSS) after opening the main window
on the demo database, scrolling the case list down 1,000 rows and opening 20 cases (goal
≤ 200 MB), and how it grows over 1,000 more case openings (goal: flat, ≤ 10 MB).

    python benchmarks/bench_memory.py --cases 1000000 --data-dir /tmp/b1m --json /tmp/mem.json

Each side runs in a fresh process (offscreen Qt), so neither sees the other's imports:

* **desk**: ``hotline_desk.gui.shell.main_window.MainWindow`` as the demo user ``duban`` (logged
  in with the demo password), 全部办件 shown, the table scrolled to the bottom until 1,000 rows
  are loaded (the list's lazy pages), then 20 rows selected one after the other, each waited
  for until its detail shows; RSS then. Then 1,000 more openings (the same walk down the loaded
  rows, round and round), RSS after each 100: the growth is the last sample minus the first
  (after 100), so caches that fill once (topics, fonts, the detector) are not counted.
* **floor**: a bare ``QTableView`` in a ``QMainWindow`` of the same size over a
  ``QStandardItemModel`` holding the same 1,000 rows and columns, read by one raw SELECT
  through ``sqlite3``; RSS once painted. The floor has no database layer, no services and no
  detail pane: the gap is what the desk's own machinery costs in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    Figure,
    Report,
    machine_info,
    prepare_database,
    print_table,
)

GOAL_MB = 200.0
GOAL_GROWTH_MB = 10.0
ROWS = 1000
FIRST_OPENINGS = 20
MORE_OPENINGS = 1000
SAMPLE_EVERY = 100

_COMMON = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb():
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")
"""

DESK_CHILD = (
    _COMMON
    + r"""
from pathlib import Path
from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication

data_dir, rows_wanted, first, more, every = sys.argv[1], *map(int, sys.argv[2:6])
app = QApplication(sys.argv[:1])
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import auth
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.store import audit_key
from hotline_desk.store.engine import sqlite_url

audit_key.use_directory(Path(data_dir))
ctx = open_desk(sqlite_url(Path(data_dir) / "hotline_desk.db"), backup_dir=None)
actor = auth.login(ctx, "duban", "Demo@2026").actor


def wait_until(condition, timeout_ms=120_000):
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise SystemExit(f"timed out waiting ({condition})")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


window = MainWindow(ctx, actor, None, "bench")
window.resize(1366, 740)
window.show()
window.show_page("cases")
panel = window.case_panel
wait_until(lambda: panel.model.rowCount() > 0)
opened = {"window": rss_mb()}
model = panel.model
top = model.index(-1, -1)  # the invalid index: the list itself
while model.rowCount() < rows_wanted:  # the user drags the scrollbar down
    have = model.rowCount()
    panel.table.scrollToBottom()  # the view asks for the next page (fetchMore) at the bottom
    QApplication.processEvents()
    if not model.loading and model.canFetchMore(top):
        model.fetchMore(top)
    wait_until(lambda: model.rowCount() > have or not (model.loading or model.canFetchMore(top)))
    if model.rowCount() == have:
        break
scrolled = panel.model.rowCount()
opened["scrolled"] = rss_mb()


def open_row(i):
    panel.table.selectRow(i)
    want = panel.model.row(i).id
    wait_until(lambda: window.detail is not None and window.detail.case is not None
               and window.detail.case.id == want)


for i in range(first):
    open_row(i * 7 % scrolled)
opened["opened"] = rss_mb()
samples = []
t = time.perf_counter()
for n in range(1, more + 1):
    open_row((first + n) * 7 % scrolled)
    if n % every == 0:
        samples.append(rss_mb())
print("BENCH-MEMORY " + json.dumps({"rows": scrolled, "rss": opened, "samples": samples,
                                     "openings_s": time.perf_counter() - t}), flush=True)
window.close()
ctx.engines.dispose()
"""
)

FLOOR_CHILD = (
    _COMMON
    + r"""
import sqlite3
from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

db, rows_wanted = sys.argv[1], int(sys.argv[2])
app = QApplication(sys.argv[:1])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = con.execute(
    "SELECT c.case_no, c.channel, c.received_at, c.caller_name, c.caller_phone, c.category, "
    "t.name, c.urgency, c.important, c.title, c.status, o.name FROM cases c "
    "LEFT JOIN topics t ON t.id = c.topic_id LEFT JOIN org_units o ON o.id = c.lead_unit_id "
    "ORDER BY c.id DESC LIMIT ?", (rows_wanted,)).fetchall()
model = QStandardItemModel(len(rows), len(rows[0]) if rows else 0)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        model.setItem(r, c, QStandardItem("" if value is None else str(value)))
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1366, 740)
window.show()
view.scrollToBottom()
deadline = QDeadlineTimer(500)
while not deadline.hasExpired():
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
print("BENCH-MEMORY " + json.dumps({"rows": len(rows), "rss": rss_mb()}), flush=True)
"""
)


def run_child(code: str, args: list[str], timeout_s: float) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(code)
        script = f.name
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        proc = subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                              encoding="utf-8", env=env, timeout=timeout_s)  # fmt: skip
    finally:
        os.unlink(script)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH-MEMORY ")), None)
    if proc.returncode or line is None:
        raise RuntimeError(f"child failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return json.loads(line.split(" ", 1)[1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_memory")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--rows", type=int, default=ROWS)
    ap.add_argument("--openings", type=int, default=MORE_OPENINGS)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    db = args.data_dir / DB_FILE
    if not db.exists() or args.rebuild:
        prepare_database(args.data_dir, args.cases, args.rebuild)
    info = machine_info(db)
    print("Machine:", ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    started = time.perf_counter()
    desk = run_child(DESK_CHILD, [str(args.data_dir), str(args.rows), str(FIRST_OPENINGS),
                                  str(args.openings), str(SAMPLE_EVERY)], 3600)  # fmt: skip
    floor = run_child(FLOOR_CHILD, [str(db), str(desk["rows"])], 600)
    rss, samples = desk["rss"], desk["samples"]
    growth = samples[-1] - samples[0] if len(samples) > 1 else 0.0
    report = Report()
    report.add(Figure(f"desk RSS: window, {desk['rows']:,} rows, {FIRST_OPENINGS} cases",
                      rss["opened"], floor["rss"], "MB", goal=f"<= {GOAL_MB:.0f} MB",
                      limit=GOAL_MB,
                      note=f"window {rss['window']:.0f} MB, scrolled {rss['scrolled']:.0f} MB; "
                           f"floor: bare QTableView, {floor['rows']:,} rows"))  # fmt: skip
    report.add(Figure(f"desk RSS growth over {args.openings:,} more openings", growth, None,
                      "MB", goal=f"<= {GOAL_GROWTH_MB:.0f} MB", limit=GOAL_GROWTH_MB,
                      note="RSS every 100 openings: "
                           + ", ".join(f"{s:.0f}" for s in samples)
                           + f" MB; {desk['openings_s'] / max(1, args.openings) * 1000:.0f} ms "
                             "an opening"))  # fmt: skip
    print_table(report)
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.json:
        payload = {"machine": info, "desk": desk, "floor": floor,
                   "figures": [f.as_json() for f in report.figures]}  # fmt: skip
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
