"""What the session re-check (``services.admin.sessions.check_session``, run by ``@user_input``
and ``@signed_in`` before every service that takes an actor) adds to one service call.

For each engine: a fresh desk with one logged-in user; calls of ``queues.inbox_counts``
(``@signed_in``) and ``read_model.find_case_id`` (``@user_input``) with the check and, as the
floor, the same calls with the check replaced by a no-op; rounds alternate the two so both see
the same cache and load. Also the check alone. Medians in milliseconds.

    python benchmarks/bench_session_check.py [--calls 2000] [--pg-url URL] [--json out.json]

No issue sets a goal on it; the floor is the same call with the check replaced by a no-op.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Figure, Report, add_pg_url, pg_schema, write_json  # noqa: E402

from hotline_desk.services import boundary  # noqa: E402
from hotline_desk.services.admin import auth  # noqa: E402
from hotline_desk.services.admin.sessions import check_session  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.cases import queues, read_model  # noqa: E402
from hotline_desk.store.models import User, UserRole  # noqa: E402

PASSWORD = "Bench#Lx7vQ9mzp"


def _desk(url: str) -> tuple[Any, Any]:
    ctx = open_desk(url)
    with ctx.uow.write() as uow:
        user = User(username="bench", display_name="测速", password_hash=auth.hash_password(
            PASSWORD), must_change_password=False, active=True, failed_logins=0, is_demo=False,
            created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="intake"), UserRole(role="handler")]
        uow.session.add(user)
        uow.commit()
    return ctx, auth.login(ctx, "bench", PASSWORD).actor


def _per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls * 1000


def measure(url: str, calls: int, rounds: int = 5) -> dict[str, float]:
    ctx, actor = _desk(url)
    services = {
        "inbox_counts": lambda: queues.inbox_counts(ctx, actor),
        "find_case_id": lambda: read_model.find_case_id(ctx, actor, "2026-000001"),
    }
    out: dict[str, list[float]] = {}
    real = boundary.check_session
    try:
        for _ in range(rounds):
            for name, fn in services.items():
                fn()  # warm
                boundary.check_session = lambda *_a, **_k: None  # type: ignore[assignment]
                out.setdefault(f"{name} floor", []).append(_per_call(fn, calls))
                boundary.check_session = real
                out.setdefault(f"{name} checked", []).append(_per_call(fn, calls))
            out.setdefault("check alone", []).append(
                _per_call(lambda: check_session(ctx, actor), calls)
            )
    finally:
        boundary.check_session = real
        ctx.engines.dispose()
    result = {k: round(statistics.median(v), 4) for k, v in out.items()}
    for name in services:
        result[f"{name} added"] = round(result[f"{name} checked"] - result[f"{name} floor"], 4)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    add_pg_url(parser)
    parser.add_argument("--pg", dest="pg_url", help=argparse.SUPPRESS)  # the old name
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = measure(f"sqlite+pysqlite:///{tmp}/bench.db", args.calls)
    if args.pg_url:
        with pg_schema(args.pg_url) as url:
            results["postgresql"] = measure(url, max(args.calls // 4, 200))
    else:
        report.notes.append("PostgreSQL skipped: no --pg-url")
    for engine, figures in results.items():
        print(engine)
        for key, value in figures.items():
            print(f"  {key:<22} {value:8.4f} ms")
        for name in ("inbox_counts", "find_case_id"):
            report.add(Figure(f"{name} with the session check ({engine})",
                              figures[f"{name} checked"], figures[f"{name} floor"], "ms",
                              note="floor: the same call, the check a no-op"))  # fmt: skip
    write_json(args.json, report, args, results=results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
