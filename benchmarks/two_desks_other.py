"""The other desk of ``bench_two_desks.py``: the child process that commits when told (through
the services, or bare for the floors), its handle in the measuring process, the user both desks
register as, and the floor's bare SQLite watcher.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from hotline_desk.domain.changes import Changes
from hotline_desk.services.cases import registration
from hotline_desk.store.change_feed import channel_of, conninfo
from hotline_desk.store.models import OrgUnit, User, UserRole

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("bench_two_desks.py")
"""Started with ``--child MODE URL`` it runs ``child`` (its ``main``)."""
USERNAME = "bench_other_desk"


# --- the other desk (child process) ------------------------------------------------------------
def child(mode: str, url: str) -> None:
    """Wait for "go" lines; for each, one commit, then print the time right after it."""
    stamps: list[float] = []
    if mode == "floor":
        import psycopg
        from sqlalchemy.engine import make_url

        conn = psycopg.connect(conninfo(make_url(url)), autocommit=True)
        channel = channel_of(conn) + "_floor"
        commit: Callable[[], object] = lambda: conn.execute(  # noqa: E731
            "SELECT pg_notify(%s, 'x')", (channel,)
        )
    elif mode == "sqlite-floor":  # a bare commit of one row, autocommit through sqlite3
        import sqlite3

        from sqlalchemy.engine import make_url

        raw = sqlite3.connect(str(make_url(url).database), isolation_level=None, timeout=10)
        raw.execute("CREATE TABLE IF NOT EXISTS bench_floor (x INTEGER)")
        commit = lambda: raw.execute("INSERT INTO bench_floor VALUES (1)")  # noqa: E731
    else:
        from hotline_desk.services.admin.auth import actor_for
        from hotline_desk.services.cases import read_model
        from hotline_desk.services.context import ServiceContext
        from hotline_desk.store.engine import make_engines

        ctx = ServiceContext.for_engines(make_engines(url))
        with ctx.uow.read() as uow:
            user = uow.session.execute(select(User).where(User.username == USERNAME)).scalar_one()
            actor = actor_for(uow.session, user)

        def commit() -> object:
            if mode.startswith("edit:"):  # a new title for one case, each time
                case = read_model.get_case(ctx, actor, int(mode[5:]))
                data = case_data(ctx, title=f"两台电脑测试 {time.time():.6f}")
                return registration.update_case(ctx, actor, case.id, case.version, data)
            return registration.register_case(ctx, actor, case_data(ctx))

        commit()  # warm-up (first statement compilation)
        committed = ctx.uow.committed

        def stamp(changes: Changes) -> None:  # runs right after the DBAPI commit
            if changes:
                stamps.append(time.time())
            committed(changes)

        ctx.uow.committed = stamp  # type: ignore[method-assign]
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        commit()
        now = time.time()
        first = stamps[0] if stamps else now  # the commit that sent the notice
        stamps.clear()
        print(repr(first), flush=True)


class OtherDesk:
    def __init__(self, mode: str, url: str) -> None:
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        )
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--child", mode, url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )  # fmt: skip
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def committed_at(self) -> float:
        return float(self._line())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(30)


# --- helpers ------------------------------------------------------------------------------------
def add_user(ctx):  # type: ignore[no-untyped-def]
    """The intake user both desks register as; returns it as an Actor."""
    from hotline_desk.services.admin.auth import actor_for

    with ctx.uow.write() as uow:
        s = uow.session
        unit_id = s.execute(select(OrgUnit.id).where(OrgUnit.code == "BGS")).scalar_one()
        user = User(username=USERNAME, display_name="另一台电脑", password_hash=None,
                    must_change_password=False, org_unit_id=unit_id, active=True,
                    failed_logins=0, is_demo=False, created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="intake")]
        s.add(user)
        s.flush()
        actor = actor_for(s, user)
        uow.commit()
        return actor


def case_data(ctx, title: str = "两台电脑测试"):  # type: ignore[no-untyped-def]
    from hotline_desk.domain.validation import CaseInput
    from hotline_desk.services.cases import catalog

    topic = catalog.list_topics(ctx)[0].id
    return CaseInput(channel="hotline", received_at=ctx.now(), caller_name="张三明",
                     caller_phone="13812345678", caller_address="解放路88号",
                     title=title, content="另一台电脑登记的办件。",
                     category="consult", topic_id=topic, urgency="normal")  # fmt: skip


class BarePoll:
    """The SQLite floor's watcher: ``PRAGMA data_version`` on a bare sqlite3 connection, which
    changes when another connection has committed."""

    def __init__(self, path: str) -> None:
        import sqlite3

        self.conn = sqlite3.connect(path, isolation_level=None)
        self.seen = self._version()

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> object | None:
        now = self._version()
        changed, self.seen = now != self.seen, now
        return True if changed else None
