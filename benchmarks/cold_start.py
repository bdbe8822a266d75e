"""Cold start of the desk (``python -m hotline_desk``), each run a fresh process offscreen, to
its login painted and to its first rows painted, against bare PySide6 floors measured in the
same run; ``bench_foundation.py`` (``--only cold``) turns the result into its figures.

The floors: a bare window with an empty table (the login window's floor); the same window
showing the same rows (the first page's statements as the desk sent them in its warm-up run,
replayed through a read-only ``sqlite3`` connection into a ``QStandardItemModel``); and that
with the login's comparable step, one Argon2 verify of the user's stored hash. Every process
runs from compiled bytecode, as an installed desk does (``compile_bytecode``); the desk's run
records the time of each stage (its ``DeskOpening.stages`` and the child's own marks), and one
more run under ``python -X importtime`` lists what was imported before the login painted.
"""

from __future__ import annotations

import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cold_children import APP_CHILD, BARE_CHILD, ROWS_CHILD

HEAVY_MODULES = ("sqlalchemy", "alembic", "reportlab", "jieba", "openpyxl", "xlsxwriter", "argon2")
LOGIN_PAINTED_LINE = "BENCH-LOGIN-PAINTED"

# (stage, mark it ends at, mark it starts at): the desk's start from the process to the rows
STAGES: tuple[tuple[str, str, str], ...] = (
    ("process start to login painted", "login painted", "start"),
    ("SQLAlchemy and the desk's store loaded", "store loaded", "login painted"),
    ("engine, schema check (no Alembic), seed check", "database open", "store loaded"),
    ("login services loaded, 登录 goes on", "database ready", "database open"),
    ("credentials accepted (Argon2 + the login's transaction)", "logged in", "database ready"),
    ("main window modules loaded (waits for the worker)", "modules loaded", "logged in"),
    ("MainWindow() built", "window built", "modules loaded"),
    ("shown (page on screen)", "window shown", "window built"),
    ("first page query (its worker, start to rows)", "page queried", "page query started"),
    ("rows in the model (after MainWindow() built)", "rows", "window built"),
    ("rows painted", "painted", "rows"),
)


def compile_bytecode(*checkouts: Path) -> None:
    """Byte-compile each checkout's ``hotline_desk`` package, as an installed desk is (pip and
    the PyInstaller build ship ``.pyc``): with PYTHONDONTWRITEBYTECODE set nothing else would,
    and every start would compile hundreds of modules from source."""
    for root in checkouts:
        package = root / "hotline_desk"
        if package.is_dir():
            compileall.compile_dir(str(package), quiet=1, workers=1)


def run_child(script: Path, args: list[str], env: dict[str, str], timeout_s: float) -> dict:
    """One fresh process; its marks in ms after the moment it was spawned (and, for the desk,
    ``first_page``: the statements of its first page)."""
    import time

    spawned = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout_s + 30,
    )
    exited = time.monotonic()
    lines = proc.stdout.splitlines()
    line = next((ln for ln in lines if ln.startswith("BENCH-MARKS ")), None)
    if proc.returncode or line is None:
        raise RuntimeError(
            f"{script.name} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    marks = json.loads(line.split(" ", 1)[1])
    result: dict[str, Any] = {k: (v - spawned) * 1000.0 for k, v in marks.items()}
    result["cpu"] = marks.get("cpu", 0.0) * 1000.0  # CPU ms to the paint (not after the spawn)
    result["exited"] = (exited - spawned) * 1000.0
    page = next((ln for ln in lines if ln.startswith("BENCH-FIRST-PAGE ")), None)
    if page is not None:
        result["first_page"] = json.loads(page.split(" ", 1)[1])
    return result


def run_importtime(script: Path, args: list[str], env: dict[str, str], timeout_s: float) -> str:
    """One more run of ``script`` under ``python -X importtime`` (not timed); its stderr."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout_s + 30,
    )
    return proc.stderr


@dataclass
class Imported:
    name: str
    depth: int
    self_us: int
    cumulative_us: int


def parse_importtime(stderr: str, until: str | None = None) -> list[Imported]:
    """The ``import time:`` lines of ``-X importtime`` (up to the line ``until``)."""
    found: list[Imported] = []
    for line in stderr.splitlines():
        if until is not None and until in line:
            break
        if not line.startswith("import time:") or "| imported package" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|", 2)
        if not self_us.strip().isdigit():
            continue
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        found.append(Imported(name.strip(), depth, int(self_us), int(cumulative)))
    return found


def top_imports(found: list[Imported], n: int = 20) -> list[str]:
    """The ``n`` modules of largest cumulative import time, as lines (depth indented)."""
    top = sorted(found, key=lambda m: m.cumulative_us, reverse=True)[:n]
    return [
        f"{m.cumulative_us / 1000:7.1f} ms (self {m.self_us / 1000:5.1f}) {'  ' * m.depth}{m.name}"
        for m in top
    ]


def import_summary(found: list[Imported]) -> str:
    heavy = sorted({m.name.split(".")[0] for m in found} & set(HEAVY_MODULES))
    total = sum(m.cumulative_us for m in found if m.depth == 0) / 1000
    return (
        f"{len(found)} modules, {total:.0f} ms at the top level; "
        f"heavy: {', '.join(heavy) if heavy else 'none'}"
    )


def stored_hash(db: Path, username: str) -> str:
    """The user's password hash, read without writing (for the floor's Argon2 verify)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sql = "SELECT password_hash FROM users WHERE username = ?"
        row = con.execute(sql, (username,)).fetchone()
    finally:
        con.close()
    return str(row[0]) if row and row[0] else ""


def first_page_plans(db: Path, statements: list[list[Any]]) -> list[list[str]]:
    """EXPLAIN QUERY PLAN of each first-page statement (as the desk sent it), read-only."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        plans = []
        for sql, params in statements:
            plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            plans.append([" ".join(sql.split()), *plan])
        return plans
    finally:
        con.close()


@dataclass
class ColdStart:
    """Every run's marks (ms after spawn) of the desk, its floors and the baseline."""

    bare: list[dict[str, float]] = field(default_factory=list)
    rows: list[dict[str, float]] = field(default_factory=list)
    rows_login: list[dict[str, float]] = field(default_factory=list)
    ours: list[dict[str, float]] = field(default_factory=list)
    typed: list[dict[str, float]] = field(default_factory=list)
    """The desk with 登录 pressed ``typing_ms`` after the login painted (a clerk typing)."""
    typing_ms: int = 0
    old: list[dict[str, float]] = field(default_factory=list)
    warm_up: dict[str, float] = field(default_factory=dict)
    loads: list[float] = field(default_factory=list)
    importtime: str = ""
    first_page: list[list[Any]] = field(default_factory=list)
    plans: list[list[str]] = field(default_factory=list)


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def measure(db: Path, data_dir: Path, runs: int, username: str, password: str,
            timeout_s: float, baseline: Path | None = None,
            typing_ms: int = 0) -> ColdStart:  # fmt: skip
    """Warm-ups (not counted), then ``runs`` rounds alternating the floors and the desk (and
    the ``baseline`` checkout's desk, and with ``typing_ms`` the desk with the login typed over
    that long), then one ``-X importtime`` run of the desk."""
    import hotline_desk  # the checkout the children import too (they inherit the environment)

    root = Path(hotline_desk.__file__).resolve().parents[1]
    compile_bytecode(root, *([baseline] if baseline else []))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOTLINE_DESK_DATA_DIR": str(data_dir)}
    old_env = {**env, "PYTHONPATH": str(baseline)} if baseline else None
    timeout = str(int(timeout_s * 1000))
    result = ColdStart(typing_ms=typing_ms)
    with tempfile.TemporaryDirectory(prefix="bench_gui_") as tmp:
        scripts = {name: Path(tmp, f"{name}.py") for name in ("bare", "rows", "app")}
        for name, text in (("bare", BARE_CHILD), ("rows", ROWS_CHILD), ("app", APP_CHILD)):
            scripts[name].write_text(text, encoding="utf-8")
        statements = Path(tmp, "first_page.json")
        app_args = [timeout, str(data_dir), username, password]
        first = run_child(scripts["app"], app_args, env, timeout_s)
        result.first_page = first.pop("first_page", [])
        statements.write_text(json.dumps(result.first_page, ensure_ascii=False), "utf-8")
        result.plans = first_page_plans(db, result.first_page)
        rows_args = [timeout, str(db), str(statements), "", password]
        login_args = [timeout, str(db), str(statements), stored_hash(db, username), password]
        result.warm_up = {
            "ours": first["painted"],
            "bare": run_child(scripts["bare"], [timeout], env, timeout_s)["painted"],
            "rows": run_child(scripts["rows"], rows_args, env, timeout_s)["painted"],
            "rows_login": run_child(scripts["rows"], login_args, env, timeout_s)["painted"],
        }
        if old_env:
            run_child(scripts["app"], app_args, old_env, timeout_s)
        print(f"Cold start: warm-ups done, {runs} rounds alternating ...", flush=True)
        for _ in range(runs):
            result.loads.append(_load())
            result.bare.append(run_child(scripts["bare"], [timeout], env, timeout_s))
            result.ours.append(_without_page(run_child(scripts["app"], app_args, env, timeout_s)))
            result.rows.append(run_child(scripts["rows"], rows_args, env, timeout_s))
            result.rows_login.append(run_child(scripts["rows"], login_args, env, timeout_s))
            if typing_ms:
                typed = run_child(scripts["app"], [*app_args, str(typing_ms)], env, timeout_s)
                result.typed.append(_without_page(typed))
            if old_env:
                result.old.append(
                    _without_page(run_child(scripts["app"], app_args, old_env, timeout_s))
                )
        result.importtime = run_importtime(scripts["app"], app_args, env, timeout_s)
    return result


def _without_page(marks: dict[str, Any]) -> dict[str, float]:
    marks.pop("first_page", None)
    return marks


def med(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median([s[key] for s in samples])


def clerk_wait(run: dict[str, float]) -> float:
    """What a clerk waits for in a run with the login typed at a clerk's pace: the login
    window, then from 登录 to the first rows painted (the typing is the clerk's own time)."""
    return run["login painted"] + run["painted"] - run["login pressed"]


AFTER_LOGIN: tuple[tuple[str, str, str], ...] = (
    ("credentials accepted", "logged in", "login pressed"),
    ("MainWindow() built", "window built", "logged in"),
    ("rows in the model", "rows", "window built"),
    ("rows painted", "painted", "rows"),
    # when the worker's loading behind the login had finished, after the login painted: any
    # typing longer than that hides all of it (DeskOpening.stages "preloaded")
    ("loading behind the login done, after it painted", "preloaded", "login painted"),
)
"""The stages after 登录 of a run typed at a clerk's pace (the loading was done behind it)."""


def stages(samples: list[dict[str, float]],
           table: tuple[tuple[str, str, str], ...] = STAGES) -> dict[str, float]:  # fmt: skip
    """Median ms of each stage of ``table`` the runs marked (an older desk marks fewer)."""
    found: dict[str, float] = {}
    for name, end, begin in table:
        gaps = [s[end] - s[begin] for s in samples if end in s and begin in s]
        if gaps:
            found[name] = statistics.median(gaps)
    return found


def breakdown(values: dict[str, float]) -> str:
    return "; ".join(f"{k} {v:.0f}" for k, v in values.items())
