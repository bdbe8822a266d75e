"""Changes between desks: what one desk committed reaches every other running desk.

PostgreSQL: each write transaction sends its ``Changes`` with ``pg_notify`` just before it
commits, so the notice is delivered if, and only if, the commit succeeds; other desks receive
it with ``LISTEN`` (``PgListener``, on a connection of its own). ``ORIGIN`` names this process,
so a desk skips its own notices (it has refreshed already).

SQLite (several windows or processes on one PC): ``SqliteWatcher`` reads ``PRAGMA
data_version`` on a connection of its own; the value moves when any other connection commits,
which includes this process's own pooled connections. So the watcher also witnesses this
process's commits (``UnitOfWorkFactory.witnesses``): inside each write transaction, while it
holds SQLite's write lock, and right after the commit, before the connection goes back to the
pool, it reads ``data_version`` on both connections. The committing connection's own value does
not move for its own commit, so if it moved between those two readings some other connection
committed in between, and the watcher reports; otherwise the watcher's step was ours alone.
Nothing foreign is missed: any doubt reports ``EVERYTHING``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from hotline_desk.domain.changes import EVERYTHING, NOTHING, Changes
from hotline_desk.store.uow import UnitOfWorkFactory

if TYPE_CHECKING:  # psycopg is imported where a listener needs it: a SQLite desk never does
    import psycopg

CHANNEL = "hotline_desk_changes"
CHANNEL_SQL = "left(:channel || '.' || coalesce(current_schema(), ''), 63)"
"""The channel of one desk database: ``CHANNEL`` and the schema, so desks (and test runs) in
other schemas of the same database do not hear each other (a name has at most 63 bytes)."""
ORIGIN = uuid.uuid4().hex[:12]
"""This process, as named in the notices it sends."""

KEEPALIVE = {"keepalives": 1, "keepalives_idle": 20, "keepalives_interval": 5,
             "keepalives_count": 3}  # fmt: skip
"""A listener on a dead network notices within about half a minute and reconnects."""


def notify(session: Session, changes: Changes) -> None:
    """Queue the notice of ``changes`` in the session's transaction (sent at commit)."""
    session.execute(
        text(f"SELECT pg_notify({CHANNEL_SQL}, :payload)"),
        {"channel": CHANNEL, "payload": changes.to_payload(ORIGIN)},
    )


def channel_of(conn: psycopg.Connection[Any], channel: str = CHANNEL) -> str:
    """The channel ``notify`` uses for the database and schema ``conn`` is on."""
    row = conn.execute(f"SELECT {CHANNEL_SQL.replace(':channel', '%s')}", (channel,)).fetchone()
    assert row is not None
    return str(row[0])


def conninfo(url: URL) -> str:
    """The libpq conninfo of a SQLAlchemy PostgreSQL URL (query options such as
    ``options=-csearch_path=...`` kept)."""
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
    }
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    return make_conninfo(**{k: v for k, v in params.items() if v is not None})


class PgListener:
    """``LISTEN`` on a connection of its own; ``wait`` blocks until notices arrive.

    Notices this process sent are skipped. After a lost connection the listener connects
    again and reports ``EVERYTHING`` once, since notices sent meanwhile are gone. One thread
    at a time calls ``wait``; ``close`` from that thread (or after it stopped).
    """

    blocking = True
    RETRY_S = 2.0
    """How long a listener waits between attempts to connect to a server that is away."""

    def __init__(self, info: str, origin: str = ORIGIN, channel: str = CHANNEL) -> None:
        import psycopg

        self._info = info
        self.origin = origin
        self.channel = channel
        self._conn: psycopg.Connection[Any] | None = None
        self._closed = threading.Event()
        self._next_try = 0.0
        self.reconnects = 0
        """How many times the connection was made again (tests, logs)."""
        try:
            self._connect()
        except psycopg.Error:
            self._conn = None  # wait() tries again, then reports EVERYTHING

    @classmethod
    def for_url(cls, url: URL) -> PgListener:
        return cls(conninfo(url))

    @property
    def backend_pid(self) -> int | None:
        return self._conn.info.backend_pid if self._conn is not None else None

    def _connect(self) -> None:
        import psycopg
        from psycopg import sql

        conn = psycopg.connect(self._info, autocommit=True, connect_timeout=5, **KEEPALIVE)
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel_of(conn, self.channel))))
        self._conn = conn

    def _drop(self) -> None:
        import psycopg

        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                pass
        self._conn = None

    def _reconnect(self, timeout: float) -> list[Changes]:
        """Connect again (at most every ``RETRY_S`` while the server is away)."""
        import psycopg

        pause = self._next_try - time.monotonic()
        if pause > 0:
            self._closed.wait(min(pause, timeout))
            return []
        try:
            self._connect()
        except psycopg.Error:
            self._next_try = time.monotonic() + self.RETRY_S
            return []
        self.reconnects += 1
        return [EVERYTHING]

    def wait(self, timeout: float) -> list[Changes]:
        """Block up to ``timeout`` seconds for other desks' notices; the changes they
        announced (empty when none came), ``[EVERYTHING]`` right after a reconnect."""
        import psycopg

        deadline = time.monotonic() + timeout
        while not self._closed.is_set():
            conn = self._conn
            if conn is None:
                return self._reconnect(timeout)
            try:
                left = max(0.0, deadline - time.monotonic())
                notices = list(conn.notifies(timeout=left, stop_after=1))
                if notices:
                    notices += conn.notifies(timeout=0.0)
            except psycopg.Error:
                self._drop()
                return self._reconnect(timeout)
            found = [c for c in map(self._changes, notices) if c]
            if found or time.monotonic() >= deadline:
                return found
        return []

    def _changes(self, notice: psycopg.Notify) -> Changes:
        changes, origin = Changes.from_payload(notice.payload)
        return NOTHING if origin == self.origin else changes

    def poll(self) -> Changes | None:
        """What arrived so far, merged, without waiting."""
        found = self.wait(0.0)
        return _merged(found)

    def close(self) -> None:
        self._closed.set()
        self._drop()


def _merged(found: list[Changes]) -> Changes | None:
    if not found:
        return None
    merged = found[0]
    for changes in found[1:]:
        merged = merged | changes
    return merged


def _data_version(connection: Any) -> int:
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


class SqliteWatcher:
    """Other connections' commits to one SQLite file, seen through ``PRAGMA data_version``.

    ``poll`` is cheap (one pragma on an idle connection): ``EVERYTHING`` when another process
    (or a connection of this process that did not go through the unit of work) committed since
    the last poll, else None. Attach it to the ``UnitOfWorkFactory`` (``witnesses``) so this
    process's own commits are recognised and not reported.
    """

    blocking = False
    POLL_S = 0.05
    """How often ``wait`` polls."""

    def __init__(self, path: str, factory: UnitOfWorkFactory | None = None) -> None:
        self._factory = factory
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA busy_timeout=2000")
        self._lock = threading.Lock()
        self._closed = False
        self._seen = self._version()
        self._foreign = False
        self._in_flight = 0
        self.own_commits = 0
        """Commits of this process the watcher recognised as its own (tests, logs)."""
        if factory is not None:
            factory.witnesses.append(self)

    def _version(self) -> int:
        return _data_version(self._conn)

    def poll(self) -> Changes | None:
        """``EVERYTHING`` when another connection committed since the last poll, else None.

        While one of this process's commits is under way the answer waits for the next poll
        (never lost, only late)."""
        with self._lock:
            if self._in_flight or self._closed:
                return None
            try:
                version = self._version()
            except sqlite3.Error:
                return None  # busy or closed: ask again next time
            changed = version != self._seen or self._foreign
            self._seen, self._foreign = version, False
        return EVERYTHING if changed else None

    def wait(self, timeout: float) -> list[Changes]:
        """Poll until something changed or ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        while True:
            changes = self.poll()
            if changes is not None:
                return [changes]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(self.POLL_S, left))

    # --- witnessing this process's commits (called by the unit of work) -------------------
    def before_commit(self, dbapi_connection: Any) -> int:
        """Inside a write transaction (the write lock is held): whatever moved the watcher's
        value until now was someone else's. Returns the committing connection's value (-1:
        not watched; the next poll then reports)."""
        with self._lock:
            if self._closed:
                return -1
            try:
                version = self._version()
                mine = _data_version(dbapi_connection)
            except sqlite3.Error:
                self._foreign = True  # cannot tell: report rather than miss
                return -1
            if version != self._seen:
                self._foreign, self._seen = True, version
            self._in_flight += 1
            return mine

    def after_commit(self, dbapi_connection: Any, before: int) -> None:
        """Right after the commit, on the still checked-out connection: the watcher's step is
        ours unless the committing connection saw another commit since ``before``."""
        with self._lock:
            if self._closed or before < 0:
                return
            self._in_flight -= 1
            try:
                version = self._version()  # first the watcher, then the committer: see above
                mine = _data_version(dbapi_connection)
            except sqlite3.Error:
                self._foreign = True
                return
            if mine != before:
                self._foreign = True  # someone committed right after us: report it
            else:
                self.own_commits += 1
            self._seen = version

    def abort(self, before: int) -> None:
        """The commit failed: nothing of ours landed."""
        with self._lock:
            if not self._closed and before >= 0:
                self._in_flight -= 1

    def close(self) -> None:
        if self._factory is not None and self in self._factory.witnesses:
            self._factory.witnesses.remove(self)
        with self._lock:
            self._closed = True
            self._conn.close()
