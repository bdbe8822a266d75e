"""Engine creation: SQLite pragmas and IMMEDIATE write transactions, PostgreSQL by URL.

Two engines share one pool: ``reader`` begins ordinary (deferred) transactions, ``writer``
begins ``BEGIN IMMEDIATE`` on SQLite so two workstations' writes queue instead of failing
half-way; before it, the writer takes its turn at the database's write gate
(``write_gate``), which hands the write lock out in order instead of to whoever polls first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError

from hotline_desk.domain.errors import DeskError
from hotline_desk.store.network_fs import network_type
from hotline_desk.store.write_gate import BUSY_TIMEOUT_MS, GatedConnection

# hide_parameters: SQL errors and logs never carry bound values (personal data).


@dataclass(frozen=True)
class Engines:
    reader: Engine
    writer: Engine

    @property
    def url(self) -> URL:
        return self.reader.url

    @property
    def is_sqlite(self) -> bool:
        return self.reader.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.reader.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def check_sqlite_path(path: Path) -> None:
    """Refuse a database on a network file system (``network_fs``), naming the path and type."""
    fs_type = network_type(path)
    if fs_type is not None:
        raise DeskError(
            "数据库文件 {path} 位于网络文件系统（{fs_type}）上。SQLite 的 WAL 模式在网络文件"
            "系统上不可靠，可能损坏数据，请把数据库放在本机磁盘上；多台电脑共用一个数据库时"
            "请改用 PostgreSQL 数据库(--database-url)。",
            path=path,
            fs_type=fs_type,
        )


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        raw = conn.connection.dbapi_connection
        gated = mode != "DEFERRED" and isinstance(raw, GatedConnection)
        if gated:
            raw.enter_gate()  # left by the connection's COMMIT, ROLLBACK or close
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        except BaseException:
            if gated:
                raw.leave_gate()
            raise


def make_engines(url: str) -> Engines:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            check_sqlite_path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed, hide_parameters=True, connect_args={"factory": GatedConnection}
        )
        _install_sqlite_pragmas(engine)
        return Engines(reader=engine, writer=engine.execution_options(sqlite_begin="IMMEDIATE"))
    from hotline_desk.store.models import fk_indexes

    fk_indexes.for_postgresql()
    engine = create_engine(parsed, pool_size=5, hide_parameters=True)
    _ping_when_idle(engine)
    return Engines(reader=engine, writer=engine)


PING_AFTER_IDLE_S = 5.0
"""A pooled PostgreSQL connection unused this long is pinged before it is handed out."""


def _ping_when_idle(engine: Engine) -> None:
    """``pool_pre_ping`` only where it can find something: a connection that sat in the pool for
    ``PING_AFTER_IDLE_S`` (a server restarted, a firewall dropped it) is pinged and replaced
    when dead; one given back moments ago is handed out as it is. The pre-ping of every
    checkout cost a round trip each time — two of a registration's (issue 19). A connection
    that dies between two quick uses fails its statement, which the pool then invalidates."""

    @event.listens_for(engine, "checkin")
    def _idle(_dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            dbapi_connection.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:  # the pool replaces it and checks out another
            raise DisconnectionError() from exc
