"""我的待办 at scale (issue 19): the inbox's queue counts and the navigation total, as the desk
runs them (``services/cases/queues.py``), next to the old OR-form statements they replaced and
the honest floor: the least raw statements that give the same numbers, sent through the
driver's own cursor (sqlite3, psycopg) without SQLAlchemy.

Read-only (a SQLite file opened ``mode=ro``; on PostgreSQL only SELECTs in a read-only
transaction), so it can run against a shared large desk:

    python benchmarks/bench_inbox.py /tmp/b1m/hotline_desk.db --users duban,kezhang8 --rounds 7
    python benchmarks/bench_inbox.py postgresql+psycopg://postgres@127.0.0.1:54329/bs_pg1m
    python benchmarks/bench_inbox.py --data-dir DIR --json out.json   # as run_all.py runs it

Goal (issue 19, as for the board's counts): each within 2× its floor.

For each user: the desk's counts and total equal the old statements' (asserted), and the medians
of the rounds alternating old, new and floor, with the load average.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, func, or_, select, text

from hotline_desk.services.cases import queues
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_json import Figure, Report, write_json  # noqa: E402

OPEN = "('dispatched','in_progress','awaiting_approval')"


def floor_statements(actor: Actor) -> tuple[list[str], str]:
    """Hand-written counts for the desk (督办), a leader and a section head/handler, and the
    total as one UNION of ids: the least SQL that yields the same numbers."""
    u = actor.org_unit_id
    own = f"(lead_unit_id={u} OR handling_unit_id={u})"
    if "desk" in actor.roles:
        parts = [
            "SELECT id FROM cases WHERE status='registered'",
            "SELECT id FROM cases WHERE status='return_requested'",
            f"SELECT id FROM cases WHERE status='in_progress' AND {own}",
            f"SELECT id FROM cases WHERE status='in_progress' AND {own} AND reply_sent_back",
            "SELECT id FROM cases WHERE status='approved'",
            "SELECT case_id FROM extensions WHERE status='pending'",
        ]
        counts = [f"SELECT count(*) FROM ({p}) AS q" for p in parts]
        counts[-1] = "SELECT count(DISTINCT case_id) FROM extensions WHERE status='pending'"
    elif actor.roles == {"leader"}:
        parts = ["SELECT id FROM cases WHERE status='awaiting_approval' AND approval_step='leader'"]
        counts = [f"SELECT count(*) FROM ({parts[0]}) AS q"]
    else:
        assist = (
            "SELECT 1 FROM case_assignments a WHERE a.case_id=cases.id AND a.org_unit_id="
            f"{u} AND a.role='assist' AND a.active AND a.opinion_at IS NULL"
        )
        sup = (
            f"SELECT case_id FROM supervisions WHERE org_unit_id={u} AND ((kind='urge' AND "
            "status='sent') OR (kind='order' AND status='open'))"
        )
        visible = (
            f"{own} OR EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id=cases.id AND "
            f"a.org_unit_id={u} AND a.active)"
        )
        parts = [f"SELECT id FROM cases WHERE status='dispatched' AND {own}",
                 f"SELECT id FROM cases WHERE status='in_progress' AND {own}"]  # fmt: skip
        if "section_head" in actor.roles:
            parts.append(
                "SELECT id FROM cases WHERE status='awaiting_approval' AND "
                f"approval_step='section' AND lead_unit_id={u}"
            )
        parts += [
            f"SELECT id FROM cases WHERE status='in_progress' AND {own} AND reply_sent_back",
            f"SELECT id FROM cases WHERE status IN {OPEN} AND EXISTS ({assist})",
            f"SELECT id FROM cases WHERE status='approved' AND {own}",
            f"SELECT id FROM cases WHERE id IN ({sup}) AND ({visible})",
        ]
        counts = [f"SELECT count(*) FROM ({p}) AS q" for p in parts]
    return counts, "SELECT count(*) FROM (" + " UNION ".join(parts) + ") AS q"


def old_counts(c: Connection, a: Actor) -> list[int]:
    return [
        c.execute(
            select(func.count())
            .select_from(Case)
            .where(visible_to(a), queues.queue_condition(a, k))
        ).scalar_one()  # fmt: skip
        for k in queues.queues_for(a)
    ]


def old_total(c: Connection, a: Actor) -> int:
    anywhere = or_(*(queues.queue_condition(a, k) for k in queues.queues_for(a)))
    return c.execute(
        select(func.count()).select_from(Case).where(visible_to(a), anywhere)
    ).scalar_one()


def new_counts(c: Connection, a: Actor) -> list[int]:
    return list(c.execute(queues.counts_query(a, queues.queues_for(a))).one())


def new_total(c: Connection, a: Actor) -> int:
    return c.execute(queues.total_query(a, queues.queues_for(a))).scalar_one()


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000


class Raw:
    """The driver's connection: one statement's single value."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def one(self, sql: str) -> object:
        cur = self.conn.cursor()
        cur.execute(sql)
        value = cur.fetchone()[0]
        cur.close()
        return value


def measure(c: Connection, raw: Raw, a: Actor, rounds: int, report: Report) -> None:
    """Rounds alternating old, new and floor; the answers asserted equal; medians printed."""
    fc, ft = floor_statements(a)
    programs: dict[str, Callable[[], object]] = {
        "counts old": lambda: old_counts(c, a),
        "counts new": lambda: new_counts(c, a),
        "counts floor": lambda: [raw.one(q) for q in fc],
        "total old": lambda: old_total(c, a),
        "total new": lambda: new_total(c, a),
        "total floor": lambda: raw.one(ft),
    }
    times: dict[str, list[float]] = {key: [] for key in programs}
    answers: dict[str, object] = {}
    for _ in range(rounds):
        for key, fn in programs.items():
            answers[key], ms = timed(fn)
            times[key].append(ms)
    for what in ("counts", "total"):
        same = {answers[f"{what} {k}"] == answers[f"{what} new"] for k in ("old", "floor")}
        assert same == {True}, answers
    print(f"{a.username} ({','.join(sorted(a.roles))}): counts {answers['counts new']}, "
          f"total {answers['total new']}")  # fmt: skip
    med = {k: statistics.median(v) for k, v in times.items()}
    for what in ("counts", "total"):
        new, floor, old = med[f"{what} new"], med[f"{what} floor"], med[f"{what} old"]
        print(f"  {what}: desk {new:.1f} ms, floor {floor:.1f} ms ({new / floor:.1f}x), "
              f"old statements {old:.1f} ms")  # fmt: skip
        name = "queue counts" if what == "counts" else "navigation total"
        report.add(Figure(f"我的待办 {name}, {a.username} (median)", new, floor, "ms",
                          goal="<= 2x floor", ratio_limit=2.0,
                          note=f"before: {old:.1f} ms"))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", nargs="?", help="a desk's SQLite file or a PostgreSQL URL")
    ap.add_argument("--data-dir", default=None, help="or the data directory holding the file")
    ap.add_argument("--cases", type=int, default=None, help="(run_all.py; not used)")
    ap.add_argument("--users", default="duban,kezhang8")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    db = args.db or str(Path(args.data_dir or ".") / "hotline_desk.db")
    if db.startswith("postgresql"):
        engine = create_engine(db, execution_options={"postgresql_readonly": True})
        dbapi = engine.raw_connection()
        dbapi.driver_connection.read_only = True  # type: ignore[union-attr]
        raw, roles = Raw(dbapi.driver_connection), "string_agg(r.role, ',')"
    else:
        if not Path(db).is_file():
            print(f"no desk at {db}", file=sys.stderr)
            return 2
        uri = f"file:{db}?mode=ro"
        engine = create_engine(f"sqlite+pysqlite:///{uri}&uri=true")
        raw, roles = Raw(sqlite3.connect(uri, uri=True)), "group_concat(r.role)"
    who = text(
        f"SELECT u.id, u.org_unit_id, {roles} FROM users u JOIN user_roles r "
        "ON r.user_id = u.id WHERE u.username = :n GROUP BY u.id"
    )
    report = Report()
    print(f"load average at start {os.getloadavg()}")
    with engine.connect() as c:
        for name in args.users.split(","):
            uid, unit, names = c.execute(who, {"n": name}).one()
            actor = Actor(uid, name, name, frozenset(names.split(",")), unit)
            measure(c, raw, actor, args.rounds, report)
    print(f"load average at end {os.getloadavg()}")
    write_json(args.json, report, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
