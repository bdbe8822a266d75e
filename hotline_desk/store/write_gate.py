"""The SQLite write gate: writers to one database file take turns at a lock file next to it.

SQLite's busy handler lets a writer that finds the database locked sleep with a growing backoff
(up to 100 ms a nap) and try again; whoever tries at the right moment wins. A desk that commits
and begins its next write at once keeps winning, and under load the others wait seconds. So a
writer first takes the gate, an exclusive lock on ``<database>-writelock``, and only then says
``BEGIN IMMEDIATE``; it leaves the gate right after COMMIT or ROLLBACK. Waiting at the gate is a
blocking wait in the kernel (``flock`` on POSIX, ``LockFileEx`` on Windows): the waiter wakes
the moment the holder lets go instead of after its next nap, and the kernel hands the lock to
waiters in about the order they came. A process that dies leaves the gate with its handles.

``GatedConnection`` is the sqlite3 connection class the engine uses: ``enter_gate`` before the
write transaction's BEGIN, and its ``commit``, ``rollback`` and ``close`` leave the gate. Only
writers pass it; readers (WAL) never wait.

SQLite's ``busy_timeout`` stays the last resort: the wait at the gate is bounded by the same
time, after which the writer goes on to ``BEGIN IMMEDIATE`` without its turn (with a warning in
the log); a write nested in another write of the same thread (a bug: it could never get its
turn) skips the gate, and when the gate's file cannot be opened (a read-only folder) every
writer goes without it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from typing import Any

from hotline_desk.store.file_lock import lock, unlock

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for its turn: at the gate, then in SQLite's busy handler."""
GATE_SUFFIX = "-writelock"


class WriteGate:
    """The gate of one database file, shared by this process's connections to it."""

    _all: dict[str, WriteGate] = {}
    _all_lock = threading.Lock()

    def __init__(self, path: str) -> None:
        self.path = path
        self.holder: int | None = None
        """The thread that holds the gate through one of this process's connections."""
        self._warned = False

    @classmethod
    def of(cls, database: str) -> WriteGate:
        path = os.path.abspath(database) + GATE_SUFFIX
        with cls._all_lock:
            return cls._all.setdefault(path, WriteGate(path))

    def open(self) -> int | None:
        """A handle of its own on the gate's file, or None (with one warning) when it cannot
        be opened: then writers rely on SQLite's busy_timeout alone."""
        flags = getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | flags, 0o666)
        except OSError:
            try:  # a gate file someone else created, read-only to us, still locks
                return os.open(self.path, os.O_RDONLY | flags)
            except OSError as exc:
                self.warn("cannot open the write gate %s (%s); writers queue in SQLite's busy "
                          "handler instead", self.path, exc.strerror)  # fmt: skip
                return None

    def warn(self, message: str, *args: object) -> None:
        if not self._warned:
            self._warned = True
            log.warning(message, *args)


class _Wait:
    """A blocking wait for the gate on a thread of its own, so the caller can give up after a
    while; a wait given up unlocks and closes its handle once the lock comes."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.granted = threading.Event()
        self.error: OSError | None = None
        self.abandoned = False
        self._state = threading.Lock()
        threading.Thread(target=self._run, name="write-gate-wait", daemon=True).start()

    def _run(self) -> None:
        try:
            lock(self.fd, wait=True)
        except OSError as exc:
            self.error = exc
            self.granted.set()
            return
        with self._state:
            if not self.abandoned:
                self.granted.set()
                return
        unlock(self.fd)
        os.close(self.fd)

    def result(self, timeout: float) -> bool:
        """True once the lock is ours; False when ``timeout`` passed (the handle is then
        this wait's to close) or the wait failed."""
        if not self.granted.wait(timeout):
            with self._state:
                if not self.granted.is_set():
                    self.abandoned = True
                    return False
        return self.error is None


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection whose write transactions take the database's gate."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        name = os.fsdecode(database) if isinstance(database, str | bytes | os.PathLike) else ""
        memory = name in ("", ":memory:") or name.startswith("file:")
        self._gate = None if memory else WriteGate.of(name)
        self._fd: int | None = None
        self._held = False

    @property
    def holds_gate(self) -> bool:
        return self._held

    def enter_gate(self) -> None:
        """Wait for this database's gate (before ``BEGIN IMMEDIATE``)."""
        gate = self._gate
        if gate is None or self._held:
            return
        me = threading.get_ident()
        if gate.holder == me:  # nested in this thread's own write: it could never get in
            log.warning("a write transaction nested in another on the same thread skips the "
                        "write gate; SQLite's busy_timeout decides")  # fmt: skip
            return
        if self._fd is None:
            self._fd = gate.open()
            if self._fd is None:
                return
        if not lock(self._fd, wait=False):
            wait = _Wait(self._fd)
            if not wait.result(BUSY_TIMEOUT_MS / 1000):
                if wait.error is not None:
                    log.warning("waiting at the write gate %s failed (%s); writing without it",
                                gate.path, wait.error)  # fmt: skip
                else:
                    self._fd = None  # the wait owns that handle now
                    log.warning("no turn at the write gate %s within %d ms; writing without it",
                                gate.path, BUSY_TIMEOUT_MS)  # fmt: skip
                return
        self._held = True
        gate.holder = me

    def leave_gate(self) -> None:
        """Let the next writer in (after COMMIT or ROLLBACK); harmless when not held."""
        if not self._held:
            return
        self._held = False
        assert self._gate is not None and self._fd is not None
        self._gate.holder = None
        unlock(self._fd)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self._still_open():  # a failed COMMIT still open waits for its ROLLBACK
                self.leave_gate()

    def _still_open(self) -> bool:
        try:
            return self.in_transaction
        except sqlite3.ProgrammingError:  # closed
            return False

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave_gate()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leave_gate()
            self._close_handle()

    def _close_handle(self) -> None:
        fd, self._fd = getattr(self, "_fd", None), None
        if fd is not None:
            os.close(fd)  # drops the lock with it

    def __del__(self) -> None:  # a connection dropped without close() still lets the next in
        if getattr(self, "_held", False) and self._gate is not None:
            self._held = False
            self._gate.holder = None
        self._close_handle()
