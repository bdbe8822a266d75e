"""The SQLite write gate (store/write_gate.py): held only inside a write transaction, left on
every way out of it, waited for in turn by other processes, and never a reason for a desk to
stop working (a gate file that cannot be opened, a holder that never lets go, a nested write)."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from hotline_desk.domain.errors import ValidationError
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store import write_gate
from hotline_desk.store.engine import Engines
from hotline_desk.store.models import Case
from hotline_desk.store.write_gate import GATE_SUFFIX, GatedConnection
from tests import other_desk
from tests.conftest import MakeActor
from tests.factories import case_input

fcntl = pytest.importorskip("fcntl", reason="the POSIX gate (flock)")
CLERK = "gate_clerk"
WAIT_S = 60.0
"""Upper bound for another process to start and reach the gate (imports dominate)."""
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # SQLite's gate


@pytest.fixture
def clerk(make_actor: MakeActor) -> Actor:
    return make_actor("intake", username=CLERK)


def gate_path(engines: Engines) -> Path:
    return Path(f"{engines.url.database}{GATE_SUFFIX}")


def gate_free(engines: Engines) -> bool:
    """Whether another open file could take the gate right now."""
    fd = os.open(gate_path(engines), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock if we took it
    return True


def cases(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return int(uow.session.execute(select(func.count()).select_from(Case)).scalar_one())


def test_held_only_inside_a_write_and_left_after_commit(ctx: ServiceContext) -> None:
    engines = ctx.engines
    with engines.reader.begin() as conn:  # a read transaction never takes it
        conn.execute(text("SELECT 1"))
        assert gate_free(engines)
    with engines.writer.begin() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, GatedConnection) and raw.holds_gate
        assert not gate_free(engines)
        conn.execute(text("UPDATE audit_head SET last_hash = last_hash"))
    assert not raw.holds_gate
    assert gate_free(engines)


def test_left_after_rollback_and_exception(ctx: ServiceContext, clerk: Actor) -> None:
    engines = ctx.engines
    with pytest.raises(RuntimeError), engines.writer.begin():
        assert not gate_free(engines)
        raise RuntimeError("boom")  # the transaction rolls back
    assert gate_free(engines)
    with ctx.uow.write() as uow:  # a unit of work left without commit
        uow.session.execute(select(Case.id).limit(1))
        assert not gate_free(engines)
    assert gate_free(engines)
    registration.register_case(ctx, clerk, case_input(ctx, platform_ref="P1"))
    with pytest.raises(ValidationError):  # a service refusing inside its transaction
        registration.register_case(ctx, clerk, case_input(ctx, platform_ref="P1"))
    assert gate_free(engines)
    assert cases(ctx) == 1


def test_left_when_the_connection_is_invalidated(ctx: ServiceContext) -> None:
    engines = ctx.engines
    conn = engines.writer.connect()
    conn.begin()
    assert not gate_free(engines)
    conn.invalidate()  # the pool closes the DBAPI connection
    assert gate_free(engines)
    conn.close()


def _waiters(gate: Path) -> int:
    """Blocked flock requests on the gate's file, from /proc/locks (``->`` lines)."""
    inode = f":{os.stat(gate).st_ino} "
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line and "FLOCK" in line and inode in line)


def _wait_for_waiters(gate: Path, n: int, processes: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + WAIT_S
    while _waiters(gate) < n:
        for p in processes:
            assert p.poll() is None, p.communicate()[1]
        assert time.monotonic() < deadline, "the other desks never reached the gate"
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="waiters seen in /proc/locks")
def test_other_processes_wait_in_turn_and_write_after_us(ctx: ServiceContext, clerk: Actor) -> None:
    engines = ctx.engines
    url = str(engines.url)
    conn = engines.writer.connect()
    conn.begin()  # this desk holds the gate (and SQLite's write lock) ...
    first = other_desk.start(url, "register", CLERK)
    _wait_for_waiters(gate_path(engines), 1, [first])
    second = other_desk.start(url, "register", CLERK)
    _wait_for_waiters(gate_path(engines), 2, [first, second])
    assert cases(ctx) == 0  # ... and both wait at the gate, not in SQLite's busy handler
    released = time.time()
    conn.commit()
    conn.close()
    a, b = other_desk.finish(first), other_desk.finish(second)
    assert released <= a["committed"]
    assert a["case_id"] < b["case_id"]  # written in the order they came to the gate
    assert cases(ctx) == 2
    assert gate_free(engines)


def test_a_process_that_dies_holding_the_gate_releases_it(ctx: ServiceContext) -> None:
    engines = ctx.engines
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys\n"
            "from hotline_desk.store.engine import make_engines\n"
            "conn = make_engines(sys.argv[1]).writer.connect()\n"
            "conn.begin()\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()\n"  # until killed (or the test's end closes the pipe)
        ), str(engines.url)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=other_desk.ROOT,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(other_desk.ROOT), os.environ.get("PYTHONPATH", "")])),
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert not gate_free(engines)
    holder.kill()
    holder.wait(30)
    assert gate_free(engines)
    with engines.writer.begin() as conn:  # and SQLite's lock went with it
        conn.execute(text("UPDATE audit_head SET last_hash = last_hash"))


def test_an_unopenable_gate_file_falls_back_to_busy_timeout(
    ctx: ServiceContext, clerk: Actor, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """A read-only folder (simulated: the tests may run as root, whom chmod does not stop)."""
    gate = gate_path(ctx.engines)
    ctx.engines.dispose()  # connections (and their gate handles) opened from now on
    real_open = os.open

    def refuse(path: str, *args: object, **kwargs: object) -> int:
        if str(path) == str(gate):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(write_gate.os, "open", refuse)
    monkeypatch.setattr(write_gate.WriteGate, "_all", {})
    with caplog.at_level(logging.WARNING, logger="hotline_desk.store.write_gate"):
        for _ in range(3):
            registration.register_case(ctx, clerk, case_input(ctx))
    assert cases(ctx) == 3
    warnings = [r for r in caplog.records if "write gate" in r.getMessage()]
    assert len(warnings) == 1 and str(gate) in warnings[0].getMessage()


def test_a_holder_that_never_lets_go_delays_a_write_only_so_long(
    ctx: ServiceContext, clerk: Actor, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """A stuck desk that holds the gate (but not SQLite's lock): after the wait bounded like
    busy_timeout, the write goes ahead without its turn; the abandoned wait cleans up."""
    monkeypatch.setattr(write_gate, "BUSY_TIMEOUT_MS", 300)
    stuck = os.open(gate_path(ctx.engines), os.O_RDWR | os.O_CREAT)
    fcntl.flock(stuck, fcntl.LOCK_EX)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="hotline_desk.store.write_gate"):
        registration.register_case(ctx, clerk, case_input(ctx))
    assert 0.3 <= time.monotonic() - started < 10
    assert any("within 300 ms" in r.getMessage() for r in caplog.records)
    assert cases(ctx) == 1
    fcntl.flock(stuck, fcntl.LOCK_UN)
    os.close(stuck)
    probe = os.open(gate_path(ctx.engines), os.O_RDWR)
    fcntl.flock(probe, fcntl.LOCK_EX)  # returns once the abandoned wait took and left it
    os.close(probe)
    registration.register_case(ctx, clerk, case_input(ctx))  # the gate works again
    assert gate_free(ctx.engines) and cases(ctx) == 2


def test_a_write_nested_in_another_on_one_thread_fails_instead_of_hanging(
    ctx: ServiceContext,
) -> None:
    engines = ctx.engines
    with engines.writer.begin():
        inner = engines.writer.connect()
        inner.connection.dbapi_connection.execute("PRAGMA busy_timeout=50")  # not 15 s
        with pytest.raises(OperationalError, match="locked"):
            inner.begin()
        inner.close()
    assert gate_free(engines)


def test_a_connection_dropped_without_close_lets_the_next_in(ctx: ServiceContext) -> None:
    raw = GatedConnection(str(ctx.engines.url.database), isolation_level=None)
    raw.enter_gate()
    assert raw.holds_gate and not gate_free(ctx.engines)
    del raw  # never closed, never committed: only the garbage collector sees it go
    gc.collect()  # (a sqlite3 connection sits in reference cycles of its own)
    assert gate_free(ctx.engines)
    with ctx.engines.writer.begin() as conn:  # this thread is not taken for a nested writer
        assert conn.connection.dbapi_connection.holds_gate
