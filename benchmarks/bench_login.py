"""Login time by who is asking (issue 14): an unknown name must take as long as a known one.

On one fresh SQLite desk with real accounts (a strong password) and a disabled one,
``auth.login`` is timed for: the right password, a wrong password (another account), an unknown
name, the disabled account and the setup-pending administrator (no password yet). Attempts
rotate between the kinds so drift affects all alike. Nothing is reset between attempts: the
wrong password's account, the unknown name and the disabled account each lock after five, and
the answers column shows they are told the same words. The floor is one Argon2id verify with
the desk's parameters, in the same run: the login's own cost on top of it is the transaction
and its audit row. Goal (issue 14: user names must not be told apart by time): every kind
takes at least 0.8× the right password's median (read as "as long"; the known name and the
unknown one were 170–340 ms against 2–5 ms before).

    python benchmarks/bench_login.py --rounds 30 [--json out.json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", os.urandom(32).hex())

from bench_json import Bound, Figure, Report, write_json  # noqa: E402
from sqlalchemy import select  # noqa: E402

from hotline_desk.domain.errors import AuthError  # noqa: E402
from hotline_desk.services.admin import auth  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.store.models import OrgUnit, User, UserRole  # noqa: E402

PASSWORD = "Qiao-Lu#7261-bian"
AS_LONG = 0.8
"""Each kind takes at least this share of the right password's median."""


def _account(ctx: ServiceContext, name: str, active: bool) -> None:
    with ctx.uow.write() as uow:
        s = uow.session
        unit = s.execute(select(OrgUnit.id).where(OrgUnit.code == "BGS")).scalar_one()
        user = User(username=name, display_name="基准用户",
                    password_hash=auth.hash_password(PASSWORD), must_change_password=False,
                    org_unit_id=unit, active=active, failed_logins=0, is_demo=False,
                    created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="intake")]
        s.add(user)
        uow.commit()


def _timed(call: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        call()
        outcome = "ok"
    except AuthError as exc:
        outcome = str(exc)
    return (time.perf_counter() - start) * 1000, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", help="also write the figures (run_all.py)")
    args = parser.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_desk(f"sqlite:///{Path(tmp) / 'login.db'}")
        _account(ctx, "zhangsan", True)
        _account(ctx, "zhaoliu", True)
        _account(ctx, "lisi", False)
        kinds: dict[str, Callable[[], object]] = {
            "right password": lambda: auth.login(ctx, "zhangsan", PASSWORD),
            "wrong password": lambda: auth.login(ctx, "zhaoliu", PASSWORD + "x"),
            "unknown name": lambda: auth.login(ctx, "wangwu_nobody", PASSWORD),
            "disabled account": lambda: auth.login(ctx, "lisi", PASSWORD),
            "no password yet": lambda: auth.login(ctx, "admin", PASSWORD),
        }
        stored = auth.hash_password(PASSWORD)
        times: dict[str, list[float]] = {k: [] for k in kinds} | {"floor: one Argon2 verify": []}
        answers: dict[str, set[str]] = {k: set() for k in kinds}
        for _ in range(args.rounds):
            for kind, call in kinds.items():
                ms, outcome = _timed(call)
                times[kind].append(ms)
                answers[kind].add(outcome.split("(")[0].split(",")[0])
            ms, _ = _timed(lambda: auth.HASHER.verify(stored, PASSWORD))
            times["floor: one Argon2 verify"].append(ms)
        floor = statistics.median(times["floor: one Argon2 verify"])
        print(f"{'kind':26} {'median ms':>10} {'p90 ms':>8} {'× floor':>8}  answer")
        for kind, values in times.items():
            med = statistics.median(values)
            p90 = statistics.quantiles(values, n=10)[-1]
            answer = " / ".join(sorted(answers.get(kind, {"—"})))
            print(f"{kind:26} {med:10.1f} {p90:8.1f} {med / floor:8.2f}  {answer}")
        right = statistics.median(times["right password"])
        for kind, values in times.items():
            if kind.startswith("floor"):
                continue
            med = statistics.median(values)
            note = f"answer: {' / '.join(sorted(answers[kind]))}"
            if kind == "right password":
                report.add(Figure("login, right password, median", med, floor, "ms", note=note))
            else:
                report.add(Bound(f"login, {kind}, median (vs right password {right:.0f} ms)",
                                 med, floor, "ms", goal=f">= {AS_LONG}x right password",
                                 at_least=AS_LONG * right, note=note))  # fmt: skip
        ctx.engines.dispose()
    for f in report.figures:
        f.note = f"floor: one Argon2id verify of the same password; {f.note}"
    write_json(args.json, report, args)


if __name__ == "__main__":
    main()
