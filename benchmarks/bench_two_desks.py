"""Two-desk benchmark: how long from another process's commit until this desk's feed delivers it.

A second process (this script with ``--child``) is "the other desk": told "go" on its stdin, it
registers a case through the services and prints ``time.time()`` right after the commit. This
process waits on its feed and notes when the ``Changes`` arrive; the difference is one sample.

* **PostgreSQL** — ``PgListener.wait`` (``LISTEN`` on its own connection, notices parsed and this
  process's own skipped) against the floor: a bare psycopg ``NOTIFY`` from the other process and
  a bare ``conn.notifies()`` here, the same two processes, interleaved round by round.
* **SQLite** — ``SqliteWatcher.poll`` on the desk's schedule (every ``--interval`` s, as the
  window's timer does) against its floor: a bare sqlite3 commit of one row from the other
  process and a bare ``PRAGMA data_version`` poll here on the same schedule, interleaved round
  by round. A commit lands at a random moment of the interval, so both wait about half of it
  on median and nearly all of it at p95. The same pair polled every 5 ms shows what detecting a
  commit costs apart from the schedule.

The GUI adds one queued signal on top (microseconds). Figures: median and p95 over ``--rounds``.

    python benchmarks/bench_two_desks.py [--pg-url URL] [--rounds 30] [--interval 1.0] [--json F]

Without ``--pg-url`` the PostgreSQL figures are skipped; with it a schema of its own is made and
dropped again. The JSON's figures (``run_all.py``) are the medians and p95s against the floors
above (in the window: PostgreSQL's bare NOTIFY, SQLite's poll interval of the window's timer),
held to issue 11's goal: every running desk refreshes within 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Figure, Report, write_json  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from two_desks_other import (  # noqa: E402
    USERNAME,
    BarePoll,
    OtherDesk,
    add_user,
    case_data,
    child,
)

from hotline_desk.domain.changes import Changes  # noqa: E402
from hotline_desk.gui.shell.remote_changes import POLL_MS  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.cases import registration  # noqa: E402
from hotline_desk.services.other_desks import open_feed  # noqa: E402
from hotline_desk.store.change_feed import channel_of, conninfo  # noqa: E402
from hotline_desk.store.models import User  # noqa: E402

GOAL_MS = 2000.0
REPORT = Report()


def stats_ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def row(name: str, samples: list[float], floor: tuple[float, float] | None = None) -> None:
    med, p95 = stats_ms(samples)
    text_ = f"  {name:<44} median {med:8.1f} ms   p95 {p95:8.1f} ms"
    if floor is not None and floor[0] >= 1.0:
        text_ += f"   (ours/floor: median {med / floor[0]:.2f}×, p95 {p95 / floor[1]:.2f}×)"
    elif floor is not None:  # a floor near zero: the difference says more than a ratio
        text_ += f"   (ours − floor: median {med - floor[0]:+.1f} ms, p95 {p95 - floor[1]:+.1f} ms)"
    print(text_)


def figures(name: str, samples: list[float], floor: tuple[float, float] | None, note: str) -> None:
    """The median and p95 of ``samples`` (s) against the floor's (ms), for ``--json``. The other
    process stamps its commit after the call returns, when the notice may already be here: a
    latency below zero is counted as zero (a floor of zero shows no ratio)."""
    med, p95 = (max(0.0, x) for x in stats_ms(samples))
    floor = None if floor is None else (max(0.0, floor[0]), max(0.0, floor[1]))
    for what, ours, bare in (("median", med, floor and floor[0]), ("p95", p95, floor and floor[1])):
        REPORT.add(Figure(f"{name}, {what}", ours, bare, "ms", goal=f"<= {GOAL_MS / 1000:g} s",
                          limit=GOAL_MS, note=note))  # fmt: skip


def wait_for(
    receive: Callable[[float], list[Changes] | list[object]], limit: float = 10.0
) -> float:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if receive(max(0.0, deadline - time.monotonic())):
            return time.time()
    raise TimeoutError("nothing arrived")


# --- PostgreSQL ---------------------------------------------------------------------------------
def bench_postgres(base_url: str, rounds: int, window_rounds: int) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{base_url}{'&' if '?' in base_url else '?'}options=-csearch_path%3D{schema}"
    try:
        ctx = open_desk(url, backup_dir=Path(tempfile.mkdtemp()) / "backups")
        add_user(ctx)
        feed = open_feed(ctx)
        assert feed is not None
        floor_conn = psycopg.connect(conninfo(make_url(url)), autocommit=True)
        floor_conn.execute(f'LISTEN "{channel_of(floor_conn)}_floor"')
        ours_desk, floor_desk = OtherDesk("desk", url), OtherDesk("floor", url)
        while feed.wait(0.2):  # the other desk's warm-up registration
            pass
        ours: list[float] = []
        floor: list[float] = []
        for _ in range(rounds):  # interleaved: one of ours, one floor
            ours_desk.go()
            arrived = wait_for(feed.wait)
            ours.append(arrived - ours_desk.committed_at())
            floor_desk.go()
            arrived = wait_for(lambda t: list(floor_conn.notifies(timeout=t, stop_after=1)))
            floor.append(arrived - floor_desk.committed_at())
        ours_desk.close()
        floor_desk.close()
        floor_conn.close()
        feed.close()
        ctx.engines.dispose()
        print(f"PostgreSQL ({rounds} rounds): commit in another process → Changes delivered here")
        row("floor: bare psycopg NOTIFY → notifies()", floor)
        row("ours: register_case commit → PgListener.wait", ours, stats_ms(floor))
        figures(
            "another desk's commit → PgListener.wait (PostgreSQL)",
            ours,
            stats_ms(floor),
            "floor: a bare psycopg NOTIFY from the other process → notifies() here",
        )
        if window_rounds:
            bench_window(url, window_rounds, "PostgreSQL", stats_ms(floor))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


# --- SQLite -------------------------------------------------------------------------------------
def bench_sqlite(rounds: int, interval: float, window_rounds: int) -> None:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite+pysqlite:///{folder / 'hotline_desk.db'}"
    ctx = open_desk(url, backup_dir=folder / "backups")
    actor = add_user(ctx)
    feed = open_feed(ctx)
    assert feed is not None
    desk, bare_desk = OtherDesk("desk", url), OtherDesk("sqlite-floor", url)
    bare = BarePoll(str(folder / "hotline_desk.db"))

    false_reports = 0

    def on_schedule(period: float, watch: Any, other: OtherDesk, own: bool) -> float:
        """Poll every ``period`` s from a fixed phase; the commit comes at a random moment.
        With ``own`` this desk commits too, first: its own commit must not be reported."""
        nonlocal false_reports
        while watch.poll() is not None:  # the other watcher's round: already seen, not counted
            pass
        if own:
            registration.register_case(ctx, actor, case_data(ctx))
        start = time.monotonic()
        go_at = start + random.uniform(0, period)
        sent = False
        tick = start
        while True:
            tick += period
            while time.monotonic() < tick:
                if not sent and time.monotonic() >= go_at:
                    other.go()
                    sent = True
                time.sleep(min(0.001, max(0.0, tick - time.monotonic())))
            if watch.poll() is not None:
                if sent:
                    return time.time()
                false_reports += 1

    taken: dict[str, list[float]] = {k: [] for k in ("ours", "floor", "ours 5", "floor 5")}
    for _ in range(rounds):  # interleaved: ours, the floor, at both periods
        for key, period in (("", interval), (" 5", 0.005)):
            arrived = on_schedule(period, feed, desk, own=True)
            taken["ours" + key].append(arrived - desk.committed_at())
            arrived = on_schedule(period, bare, bare_desk, own=False)
            taken["floor" + key].append(arrived - bare_desk.committed_at())
    scheduled, tight = taken["ours"], taken["ours 5"]
    desk.close()
    bare_desk.close()
    bare.conn.close()
    own = feed.own_commits  # type: ignore[attr-defined]
    feed.close()
    ctx.engines.dispose()
    floor = stats_ms(taken["floor"])
    floor_tight = stats_ms(taken["floor 5"])
    print(f"SQLite ({rounds} rounds, one file): commit in another process → Changes delivered here")
    row(f"floor: bare data_version poll every {interval:g} s", taken["floor"])
    row(f"ours: SqliteWatcher.poll every {interval:g} s", scheduled, floor)
    row("floor: bare data_version poll every 5 ms", taken["floor 5"])
    row("ours: the same watcher polled every 5 ms", tight, floor_tight)
    print(f"  (this desk's own commits meanwhile: {own} recognised, {false_reports} reported)")
    note = ("floor: a bare sqlite3 INSERT committed by the other process → PRAGMA data_version "
            "polled on the same schedule by a bare connection here")  # fmt: skip
    figures(f"another desk's commit → SqliteWatcher.poll every {interval:g} s (SQLite)",
            scheduled, floor, note)  # fmt: skip
    figures("another desk's commit → SqliteWatcher.poll every 5 ms (SQLite)", tight, floor_tight,
            note)  # fmt: skip
    if window_rounds:
        bench_window(url, window_rounds, "SQLite", floor)


# --- the whole path in a window -----------------------------------------------------------------
def bench_window(url: str, rounds: int, name: str, floor: tuple[float, float]) -> None:
    """A main window shows a case; the other desk edits it; until the detail pane has reloaded it
    and shows who changed it (the bus's later subscriber notes the time)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from hotline_desk.gui.common.bus import OTHER_DESK, app_bus
    from hotline_desk.gui.shell.app import create_application
    from hotline_desk.gui.shell.main_window import MainWindow

    app = create_application()
    ctx = open_desk(url, backup_dir=Path(tempfile.mkdtemp()) / "backups")
    actor = existing_user(ctx)
    case = registration.register_case(ctx, actor, case_data(ctx))
    window = MainWindow(ctx, actor)
    window.show()
    window.show_case(case.id)
    detail = window.detail
    assert detail is not None
    shown: list[float] = []

    def note(_changes: object, initiator: object) -> None:
        if initiator == OTHER_DESK and detail.remote_notice.isVisible():
            shown.append(time.time())

    app_bus().changed.connect(note)  # after the pane's own slot: runs once it has reloaded
    desk = OtherDesk(f"edit:{case.id}", url)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not shown:  # the warm-up edit
        app.processEvents()
        time.sleep(0.001)
    samples: list[float] = []
    for _ in range(rounds):
        shown.clear()
        idle = time.monotonic() + random.uniform(0, 1.0)  # out of step with the poll timer
        while time.monotonic() < idle:
            app.processEvents()
            time.sleep(0.001)
        desk.go()
        committed = desk.committed_at()
        deadline = time.monotonic() + 10
        while not shown and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)
        assert shown, "the pane did not reload"
        samples.append(shown[0] - committed)
    desk.close()
    app_bus().changed.disconnect(note)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ctx.engines.dispose()
    print(f"{name} in a window ({rounds} rounds): commit in another process → detail pane reloaded")
    row("ours: the pane shows who changed the case", samples)
    figures(f"another desk's commit → the case pane shows it ({name}, window)", samples, floor,
            "floor: " + ("a bare NOTIFY → notifies()" if name == "PostgreSQL" else
                         "a bare commit → a bare data_version poll on --interval (the window "
                         f"polls every {POLL_MS} ms)"))  # fmt: skip


def existing_user(ctx):  # type: ignore[no-untyped-def]
    from hotline_desk.services.admin.auth import actor_for

    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == USERNAME)).scalar_one()
        return actor_for(uow.session, user)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default="", help="PostgreSQL (a scratch schema is made)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--interval", type=float, default=1.0, help="SQLite poll interval (s)")
    parser.add_argument("--window-rounds", type=int, default=10, help="0: skip the window")
    parser.add_argument("--json", help="also write the figures (run_all.py)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    if args.pg_url:
        bench_postgres(args.pg_url, args.rounds, args.window_rounds)
    else:
        print("PostgreSQL skipped: pass --pg-url")
        REPORT.notes.append("PostgreSQL skipped: no --pg-url")
    bench_sqlite(args.rounds, args.interval, args.window_rounds)
    if args.window_rounds:
        from hotline_desk.gui.shell.app import shutdown_application

        shutdown_application()  # windows and the application go while Python is alive
    write_json(args.json, REPORT, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
