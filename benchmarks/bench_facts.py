"""What recording the statistics' facts costs a write (issue 12): each step of a case's life
through the services with the fact recorder (``store/fact_recorder.py``, at every flush) against
the same step with it switched off (``session.info["record_facts"] = False`` for every writing
session), interleaved in blocks on one SQLite file, so both see the same database and load.

    python benchmarks/bench_facts.py                          # a new, empty desk
    python benchmarks/bench_facts.py --data-dir /tmp/b12_1m   # an existing (large) desk

The steps, one service call and one transaction each (the facts each one records):
register_case (received), route_case to a section (dispatched), sign_case (signed),
submit_reply and approve_reply (none: the recorder only looks), record_reply (replied and the
callback round due), record_callback reached and satisfied (callback), close_case (closed).
Goal: the recorder adds ≤ 1 ms to a registration or an action (median against median).

On an existing desk the cases written without the recorder get their facts derived afterwards
(``rebuild_facts`` for those cases, which also forgets the kept month-boundary marks), so its
statistics stay whole; every run adds ``2 × rounds × block`` closed cases. With ``--json`` each
step is a figure for ``run_all.py``: ours with the recorder, the floor the same step without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Bound, Figure, Report, write_json  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from hotline_desk.domain.validation import CaseInput  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.callbacks import closing as callbacks  # noqa: E402
from hotline_desk.services.callbacks.dto import CallbackInput  # noqa: E402
from hotline_desk.services.cases import registration  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.services.lifecycle import handling, replies, routing  # noqa: E402
from hotline_desk.services.lifecycle.dto import RouteInput  # noqa: E402
from hotline_desk.services.stats.rebuild import rebuild_facts  # noqa: E402
from hotline_desk.store import audit_key, fact_recorder  # noqa: E402
from hotline_desk.store.engine import sqlite_url  # noqa: E402
from hotline_desk.store.fact_recorder import RECORD  # noqa: E402
from hotline_desk.store.models import CaseFact, OrgUnit, User, UserRole  # noqa: E402
from tests.factories import case_input  # noqa: E402

STEPS = ("register", "route", "sign", "submit_reply", "approve_reply", "record_reply",
         "record_callback", "close")  # fmt: skip
GOAL_MS = 1.0
RECORDER = ("decide", "insert", "forget")


class People:
    """The desk clerk, a handler and the head of 产业发展科, made for this run."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.desk = self._make(("desk", "intake"), "BGS")
        self.handler = self._make(("handler",), "CYFZ")
        self.head = self._make(("section_head",), "CYFZ")
        with ctx.uow.read() as uow:
            self.section = uow.session.execute(
                select(OrgUnit.id).where(OrgUnit.code == "CYFZ")).scalar_one()  # fmt: skip

    def _make(self, roles: tuple[str, ...], unit: str) -> Actor:
        with self.ctx.uow.write() as w:
            s = w.session
            unit_id = s.execute(select(OrgUnit.id).where(OrgUnit.code == unit)).scalar_one()
            user = User(username=f"bench_{uuid.uuid4().hex[:8]}", display_name="基准测试",
                        password_hash=None, must_change_password=False, org_unit_id=unit_id,
                        active=True, failed_logins=0, is_demo=False,
                        created_at=datetime.now())  # fmt: skip
            user.roles = [UserRole(role=r) for r in roles]
            s.add(user)
            s.flush()
            actor = actor_for(s, user)
            w.commit()
            return actor


class Inside:
    """Time spent inside the recorder during one step: deciding the facts (Python, the flush's
    objects → rows), their INSERT, and the look-up for kept marks to forget; and the DBAPI
    commit (WAL write and fsync), in both modes."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ms = {"decide": 0.0, "insert": 0.0, "forget": 0.0, "commit": 0.0}
        self._started: dict[int, float] = {}
        decide, forget = fact_recorder.facts_of_flush, fact_recorder.forget_kept_after

        def timed_decide(session: Any) -> Any:
            t = time.perf_counter()
            try:
                return decide(session)
            finally:
                self.ms["decide"] += (time.perf_counter() - t) * 1000

        def timed_forget(conn: Any, at: Any) -> Any:
            t = time.perf_counter()
            try:
                return forget(conn, at)
            finally:
                self.ms["forget"] += (time.perf_counter() - t) * 1000

        dialect = ctx.engines.writer.dialect
        commit = dialect.do_commit

        def timed_commit(dbapi_connection: Any) -> None:
            t = time.perf_counter()
            try:
                commit(dbapi_connection)
            finally:
                self.ms["commit"] += (time.perf_counter() - t) * 1000

        dialect.do_commit = timed_commit  # type: ignore[method-assign]
        fact_recorder.facts_of_flush = timed_decide  # type: ignore[assignment]
        fact_recorder.forget_kept_after = timed_forget  # type: ignore[assignment]
        event.listen(ctx.engines.writer, "before_execute", self._before)
        event.listen(ctx.engines.writer, "after_execute", self._after)

    @staticmethod
    def _is_insert(statement: Any) -> bool:
        return bool(getattr(statement, "is_insert", False)) and getattr(
            getattr(statement, "table", None), "name", "") == "case_facts"  # fmt: skip

    def _before(self, conn: Any, statement: Any, *_a: Any) -> None:
        if self._is_insert(statement):
            self._started[id(conn)] = time.perf_counter()

    def _after(self, conn: Any, statement: Any, *_a: Any) -> None:
        if self._is_insert(statement) and (t := self._started.pop(id(conn), None)) is not None:
            self.ms["insert"] += (time.perf_counter() - t) * 1000

    def take(self) -> dict[str, float]:
        out, self.ms = self.ms, {k: 0.0 for k in self.ms}
        return out


def record_facts(ctx: ServiceContext, on: bool) -> None:
    """Every writing session from now on records facts (the default) or not."""
    ctx.uow._write.configure(info={} if on else {RECORD: False})


def one_case(ctx: ServiceContext, p: People, form: CaseInput, times: dict[str, list[float]],
             inside: Inside, parts: dict[str, dict[str, list[float]]]) -> int:  # fmt: skip
    """Take one case from registration to closing, timing each step (and the recorder in it)."""

    def step(name: str, call: Callable[[], Any]) -> Any:
        inside.take()
        started = time.perf_counter()
        result = call()
        times[name].append((time.perf_counter() - started) * 1000)
        for part, ms in inside.take().items():
            parts[name][part].append(ms)
        return result

    d = step("register", lambda: registration.register_case(ctx, p.desk, form))
    route = RouteInput(tier=2, lead_unit_id=p.section, opinion="请产业发展科办理")
    d = step("route", lambda: routing.route_case(ctx, p.desk, d.id, d.version, route))
    d = step("sign", lambda: handling.sign_case(ctx, p.handler, d.id, d.version))
    d = step("submit_reply", lambda: replies.submit_reply(ctx, p.handler, d.id, d.version,
                                                          "答复:已按政策办理。"))  # fmt: skip
    d = step("approve_reply", lambda: replies.approve_reply(ctx, p.head, d.id, d.version, "同意"))
    d = step("record_reply", lambda: replies.record_reply(ctx, p.desk, d.id, d.version, "phone",
                                                          ctx.now(), "张先生"))  # fmt: skip
    rating = CallbackInput("reached", ctx.now(), "satisfied", True)
    d = step(
        "record_callback", lambda: callbacks.record_callback(ctx, p.desk, d.id, d.version, rating)
    )
    d = step("close", lambda: callbacks.close_case(ctx, p.desk, d.id, d.version))
    return int(d.id)


def facts_of(ctx: ServiceContext, ids: list[int]) -> int:
    with ctx.uow.read() as uow:
        return len(uow.session.execute(
            select(CaseFact.id).where(CaseFact.case_id.in_(ids))).all())  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, help="an existing desk (default: a new, empty one)")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--block", type=int, default=10, help="cases per mode and round")
    ap.add_argument("--json", help="also write the figures (run_all.py)")
    args = ap.parse_args()
    report = Report()
    if args.data_dir:
        db = args.data_dir / "hotline_desk.db"
        if not db.exists():
            raise SystemExit(f"{db} does not exist")
    else:
        db = Path(tempfile.mkdtemp(prefix="bench-facts-")) / "hotline_desk.db"
    # the desk's audit key and anchor beside its database, as bootstrap keeps them (not in
    # this user's own data directory)
    audit_key.use_directory(db.parent)
    ctx = open_desk(sqlite_url(db), backup_dir=None)
    people = People(ctx)
    form = case_input(ctx)
    with ctx.uow.read() as uow:
        facts_before = uow.session.execute(select(CaseFact.id).order_by(CaseFact.id.desc())
                                           .limit(1)).scalar() or 0  # fmt: skip
    inside = Inside(ctx)
    times: dict[bool, dict[str, list[float]]] = {m: {s: [] for s in STEPS} for m in (True, False)}
    parts: dict[bool, dict[str, dict[str, list[float]]]] = {
        m: {s: {k: [] for k in inside.ms} for s in STEPS} for m in (True, False)}  # fmt: skip
    ids: dict[bool, list[int]] = {True: [], False: []}
    for _ in range(3):  # warm-up
        ids[True].append(one_case(ctx, people, form, times[False], inside, parts[False]))
    times[False] = {s: [] for s in STEPS}
    for r in range(args.rounds):
        for on in (True, False) if r % 2 == 0 else (False, True):
            record_facts(ctx, on)
            for _ in range(args.block):
                ids[on].append(one_case(ctx, people, form, times[on], inside, parts[on]))
    record_facts(ctx, True)
    recorded = facts_of(ctx, ids[True][3:]) / max(1, len(ids[True]) - 3)
    unrecorded = facts_of(ctx, ids[False])

    n = args.rounds * args.block
    load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{db}: {n} cases per mode, interleaved in blocks of {args.block}; "
          f"{recorded:.1f} facts recorded per case ({unrecorded} without the recorder); "
          f"load {load}, {os.cpu_count()} CPUs\n")  # fmt: skip
    print(
        f"{'step':16} {'without':>9} {'with':>9} {'added':>8} {'ratio':>7}  "
        f"{'p95 without':>11} {'p95 with':>9}  {'recorder':>8} {'decide':>7} {'insert':>7} "
        f"{'forget':>7}  {'commit without/with':>19}   goal ≤ {GOAL_MS:.0f} ms added"
    )
    for step in (*STEPS, "whole case"):
        if step == "whole case":
            off = [sum(x) for x in zip(*(times[False][s] for s in STEPS), strict=True)]
            on_ = [sum(x) for x in zip(*(times[True][s] for s in STEPS), strict=True)]
        else:
            off, on_ = times[False][step], times[True][step]
        a, b = statistics.median(off), statistics.median(on_)
        p95 = [statistics.quantiles(x, n=20)[-1] for x in (off, on_)]
        verdict = "" if step == "whole case" else ("ok" if b - a <= GOAL_MS else "MISS")
        steps = STEPS if step == "whole case" else (step,)

        def part(mode: bool, keys: tuple[str, ...], steps: tuple[str, ...] = steps) -> float:
            """Median over the cases of the time in ``keys`` summed over ``steps``."""
            series = [parts[mode][s][k] for s in steps for k in keys]
            return statistics.median([sum(x) for x in zip(*series, strict=True)])

        rec = {k: part(True, (k,)) for k in inside.ms}
        total = part(True, RECORDER)
        print(
            f"{step:16} {a:8.2f}  {b:8.2f}  {b - a:+7.2f}  {b / a:6.2f}×  "
            f"{p95[0]:10.2f}  {p95[1]:8.2f}  {total:8.2f} {rec['decide']:7.2f} "
            f"{rec['insert']:7.2f} {rec['forget']:7.2f}  {part(False, ('commit',)):9.2f} /"
            f"{rec['commit']:6.2f}    {verdict}"
        )
        where = "an existing desk" if args.data_dir else "a new desk"
        note = f"{n} cases a mode on {where}; floor: the same step without the fact recorder"
        if step == "whole case":
            report.add(
                Figure("a case's whole life, with the fact recorder, median", b, a, "ms", note=note)
            )
        else:
            report.add(
                Bound(
                    f"{step} with the fact recorder, median",
                    b,
                    a,
                    "ms",
                    goal=f"<= +{GOAL_MS:g} ms",
                    added_limit=GOAL_MS,
                    note=note,
                )
            )
    if args.data_dir:  # the cases written without the recorder: their facts, derived
        with ctx.engines.writer.begin() as conn:
            written = rebuild_facts(conn, ids[False])
        print(f"\nderived {written} facts for the {len(ids[False])} cases written without the "
              f"recorder (facts before this run: up to id {facts_before})")  # fmt: skip
    ctx.engines.dispose()
    write_json(args.json, report, args)


if __name__ == "__main__":
    main()
