"""What collecting a write's changes costs: ``register_case`` with the unit of work's change
listeners (``store/uow.py``: the flush and bulk-statement listeners) against the same call with
them removed, interleaved in blocks on one SQLite file, so both see the same database and load.

    python benchmarks/bench_changes.py [--rounds 10] [--block 20] [--json out.json]

Prints the median and p95 of each and their ratio. The floor is the same call without the
listeners (what the registration costs when nothing collects its changes); no issue sets a
goal on it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Figure, Report, p95, write_json  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.cases import registration  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.store import uow  # noqa: E402
from hotline_desk.store.models import OrgUnit, User, UserRole  # noqa: E402
from tests.factories import case_input  # noqa: E402

LISTENERS = (("after_flush", uow._note_flush), ("do_orm_execute", uow._note_statement))


def clerk(ctx: ServiceContext) -> Actor:
    with ctx.uow.write() as w:
        s = w.session
        unit = s.execute(select(OrgUnit.id).where(OrgUnit.code == "BGS")).scalar_one()
        user = User(username="bench", display_name="基准登记员", password_hash=None,
                    must_change_password=False, org_unit_id=unit, active=True, failed_logins=0,
                    is_demo=False, created_at=datetime.now())  # fmt: skip
        user.roles = [UserRole(role="intake")]
        s.add(user)
        s.flush()
        actor = actor_for(s, user)
        w.commit()
        return actor


def block(ctx: ServiceContext, actor: Actor, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        registration.register_case(ctx, actor, case_input(ctx))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--block", type=int, default=20)
    parser.add_argument("--json", help="also write the figures (run_all.py)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-changes-"))
    ctx = open_desk(f"sqlite+pysqlite:///{folder / 'hotline_desk.db'}", backup_dir=folder / "b")
    actor = clerk(ctx)
    block(ctx, actor, args.block)  # warm up
    with_changes: list[float] = []
    without: list[float] = []
    for _ in range(args.rounds):
        with_changes += block(ctx, actor, args.block)
        for name, listener in LISTENERS:
            event.remove(uow.TrackingSession, name, listener)
        without += block(ctx, actor, args.block)
        for name, listener in LISTENERS:
            event.listen(uow.TrackingSession, name, listener)

    def fig(xs: list[float]) -> str:
        p95 = statistics.quantiles(xs, n=20)[-1]
        return f"median {statistics.median(xs) * 1000:6.2f} ms   p95 {p95 * 1000:6.2f} ms"

    ratio = statistics.median(with_changes) / statistics.median(without)
    print(f"register_case, {len(with_changes)} calls each, interleaved in blocks of {args.block}")
    print(f"  floor: without change collection  {fig(without)}")
    print(f"  ours:  with change collection     {fig(with_changes)}   (median ratio {ratio:.2f}×)")
    report = Report()
    note = "SQLite; floor: the same register_case with the unit of work's listeners removed"
    for name, pick in (("median", statistics.median), ("p95", p95)):
        report.add(
            Figure(
                f"register_case with change collection, {name}",
                pick(with_changes) * 1000,
                pick(without) * 1000,
                "ms",
                note=note,
            )
        )
    write_json(args.json, report, args)


if __name__ == "__main__":
    main()
