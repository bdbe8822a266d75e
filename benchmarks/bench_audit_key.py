"""What the keyed audit chain costs one registration (issue 14: at most 0.5 ms median added).

In one run, on one fresh SQLite desk, ``register_case`` is timed alternately with the real
keyed audit (HMAC-SHA256 over every field, the key looked up for the database) and with the
audit's digest swapped for the old unkeyed SHA-256 and no key lookup. Alternating keeps drift
(file growth, caches, CPU clocks) out of the difference. It also times the two digests alone.

Figures: each keyed one against its unkeyed twin as the floor (the same registration, the
same audit write, with the old digest and no key look-up), the goal on what the key adds.

    python benchmarks/bench_audit_key.py --count 400 [--json out.json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", os.urandom(32).hex())

from bench_json import Bound, Figure, Report, write_json  # noqa: E402

from hotline_desk.domain.validation import CaseInput  # noqa: E402
from hotline_desk.services import audit  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.cases import catalog  # noqa: E402
from hotline_desk.services.cases.registration import register_case  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.store import audit_chain, audit_key  # noqa: E402
from hotline_desk.store.models import OrgUnit, User, UserRole  # noqa: E402


def _unkeyed(
    _key: bytes, _row_id: int, prev: str, at: datetime, actor_id: int | None, _name: str,
    action: str, obj_type: str, obj_id: str, detail: str,
) -> str:  # fmt: skip
    return audit_chain.legacy_digest(prev, at, actor_id, action, obj_type, obj_id, detail)


def _clerk(ctx) -> Actor:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    with ctx.uow.write() as uow:
        s = uow.session
        unit = s.execute(select(OrgUnit.id).where(OrgUnit.code == "BGS")).scalar_one()
        user = User(username=f"b{uuid.uuid4().hex[:6]}", display_name="基准", password_hash=None,
                    must_change_password=False, org_unit_id=unit, active=True, failed_logins=0,
                    is_demo=False, created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="desk"), UserRole(role="intake")]
        s.add(user)
        s.flush()
        actor = actor_for(s, user)
        uow.commit()
    return actor


def _input(ctx, topic_id: int, i: int) -> CaseInput:  # type: ignore[no-untyped-def]
    return CaseInput(channel="hotline", received_at=ctx.now() - timedelta(minutes=5),
                     caller_name="张三明", caller_phone=f"138{i:08d}",
                     caller_address="解放路88号3单元", title="咨询中小企业专项资金申报条件",
                     content="来电人咨询今年中小企业发展专项资金的申报条件和截止时间。",
                     category="consult", topic_id=topic_id, urgency="normal")  # fmt: skip


def _record_alone(ctx, n: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The audit write itself (head lock, row, head update) without the commit's fsync."""
    keyed_digest, require = audit.chain_digest, audit_key.require_key
    times: dict[str, list[float]] = {"keyed": [], "unkeyed": []}
    for i in range(n):
        kind = "keyed" if i % 2 == 0 else "unkeyed"
        if kind == "unkeyed":
            audit.chain_digest = _unkeyed  # type: ignore[assignment]
            audit_key.require_key = lambda _d, _f: b""  # type: ignore[assignment]
        with ctx.uow.write() as uow:
            start = time.perf_counter()
            audit.record_audit(uow.session, ctx.now(), None, "case_register", "case", i,
                               {"case_no": f"RX20261205-{i:04d}"}, actor_name="clerk")  # fmt: skip
            times[kind].append((time.perf_counter() - start) * 1000)
            uow.commit()
        audit.chain_digest, audit_key.require_key = keyed_digest, require
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=400, help="registrations of each kind")
    parser.add_argument("--json", help="also write the figures (run_all.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_desk(f"sqlite+pysqlite:///{Path(tmp) / 'bench.db'}")
        actor = _clerk(ctx)
        topic_id = next(t.id for t in catalog.list_topics(ctx) if t.lead_unit_id)
        keyed_digest, require = audit.chain_digest, audit_key.require_key
        times: dict[str, list[float]] = {"keyed": [], "unkeyed": []}
        for i in range(20):  # warm up
            register_case(ctx, actor, _input(ctx, topic_id, i))
        for i in range(args.count * 2):
            kind = "keyed" if i % 2 == 0 else "unkeyed"
            if kind == "unkeyed":
                audit.chain_digest = _unkeyed  # type: ignore[assignment]
                audit_key.require_key = lambda _d, _f: b""  # type: ignore[assignment]
            data = _input(ctx, topic_id, 1000 + i)
            start = time.perf_counter()
            register_case(ctx, actor, data)
            times[kind].append((time.perf_counter() - start) * 1000)
            audit.chain_digest, audit_key.require_key = keyed_digest, require
        alone = _record_alone(ctx, args.count * 2)
        ctx.engines.dispose()
    key = os.urandom(32)
    now = datetime.now()
    detail = '{"case_no": "RX20261205-0001", "topic": 12}'
    n = 20000
    t0 = time.perf_counter()
    for i in range(n):
        audit_chain.digest(key, i, "0" * 64, now, 7, "clerk", "case_register", "case", "1", detail)
    t1 = time.perf_counter()
    for _ in range(n):
        audit_chain.legacy_digest("0" * 64, now, 7, "case_register", "case", "1", detail)
    t2 = time.perf_counter()
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"register_case, {args.count} each, alternating, SQLite:")
    print(f"  keyed audit   median {med['keyed']:.3f} ms")
    print(f"  unkeyed audit median {med['unkeyed']:.3f} ms")
    print(f"  added by the key: {med['keyed'] - med['unkeyed']:+.3f} ms median (target <= 0.5)")
    print(
        f"record_audit alone (its SQL, no commit), median: keyed {alone['keyed']:.3f} ms, "
        f"unkeyed {alone['unkeyed']:.3f} ms, added {alone['keyed'] - alone['unkeyed']:+.3f} ms"
    )
    print(f"digest alone: keyed {(t1 - t0) / n * 1e6:.1f} us, unkeyed {(t2 - t1) / n * 1e6:.1f} us")
    report = Report()
    report.add(
        Bound(
            "register_case with the keyed audit, median (floor: unkeyed digest)",
            med["keyed"],
            med["unkeyed"],
            "ms",
            goal="<= +0.5 ms",
            added_limit=0.5,
            note=f"{args.count} of each, alternating, SQLite; floor: the same "
            "registration with the old unkeyed SHA-256 and no key look-up",
        )
    )
    report.add(
        Figure(
            "record_audit alone, keyed, median (floor: unkeyed)",
            alone["keyed"],
            alone["unkeyed"],
            "ms",
            note="its SQL, no commit",
        )
    )
    report.add(Figure("audit digest alone, keyed HMAC (floor: unkeyed SHA-256)",
                      (t1 - t0) / n * 1e6, (t2 - t1) / n * 1e6, "us"))  # fmt: skip
    write_json(args.json, report, args)


if __name__ == "__main__":
    main()
