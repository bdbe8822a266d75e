"""PostgreSQL backups: ``pg_dump`` in custom format of the desk's database (or its schema), taken
at an exported snapshot so the row counts and the audit chain checked beside it are exactly
what the dump holds; ``pg_restore`` into a new database to check a dump; and the swap that
puts a checked restore in place of the live data, keeping the old one under another name.

The swap (only when told):
- the desk owns a whole database: the live one is renamed ``<db>_before_restore_<stamp>`` and
  the checked new database takes its name — no one may be connected to either;
- the desk lives in a schema of a shared database (``options=-csearch_path=<schema>``): the
  live schema is renamed ``<schema>_before_restore_<stamp>`` and the dump is restored again in
  one transaction into that database (the schema is created anew), then counted again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from hotline_desk.domain.errors import DeskError
from hotline_desk.store.audit_chain import ChainCheck, verify_chain
from hotline_desk.store.backup.layout import Check
from hotline_desk.store.backup.pg_tools import MAINTENANCE_DB, PgPlace, require_tool, run, stamp

Cancel = Callable[[], None]


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class PgState:
    """The data as one snapshot shows it (the dump's, or a restored database's)."""

    row_counts: dict[str, int]
    chain: ChainCheck
    revision: str | None
    seconds: float = 0.0


def read_state(conn: Connection, with_chain: bool = True) -> PgState:
    names = conn.execute(
        text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    ).scalars()
    counts = {n: int(conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one()) for n in names}
    revision = None
    if "alembic_version" in counts:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    with Session(bind=conn) as session:
        chain = (
            verify_chain(session) if with_chain and "audit_log" in counts else ChainCheck(0, None)
        )
    return PgState(counts, chain, revision)


def _engine(place: PgPlace, **kw: object) -> Engine:
    return create_engine(place.url, hide_parameters=True, poolclass=NullPool, **kw)


def dump(
    place: PgPlace, target: Path, cancel: Cancel = _nothing, tick: Callable[[], None] | None = None
) -> PgState:
    """``pg_dump -Fc`` of the desk's data into ``target`` at one snapshot; returns what that
    snapshot holds. A cancel or failure removes ``target``."""
    tool = require_tool("pg_dump")
    engine = _engine(place, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn, conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            start = time.perf_counter()
            state = read_state(conn)
            state = replace(state, seconds=time.perf_counter() - start)
            args = [
                str(tool),
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ]
            if place.schema:
                args.append(f"--schema={place.schema}")
            run(args, place, cancel, tick)
        return state
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()


def archive_check(dump_file: Path, tables: set[str]) -> Check:
    """``pg_restore --list``: the archive reads to its end and holds data for every table."""
    tool = require_tool("pg_restore")
    try:
        listing = run([str(tool), "--list", str(dump_file)], PgPlace.of("postgresql://"), _nothing)
    except DeskError as exc:
        return Check("archive", False, str(exc.message))
    with_data = {
        line.split()[-2]
        for line in listing.splitlines()
        if " TABLE DATA " in line and len(line.split()) >= 2
    }
    missing = sorted(tables - with_data)
    if missing:
        return Check("archive", False, "no data for " + ", ".join(missing[:5]))
    return Check("archive", True, f"{len(with_data)} tables")


def server_admin(place: PgPlace) -> Engine:
    """An AUTOCOMMIT engine on the server's maintenance database (CREATE/ALTER DATABASE)."""
    return _engine(place.on(MAINTENANCE_DB), isolation_level="AUTOCOMMIT")


def restore_new_database(
    place: PgPlace,
    dump_file: Path,
    cancel: Cancel = _nothing,
    tick: Callable[[], None] | None = None,
) -> PgPlace:
    """Restore ``dump_file`` into a new database beside the live one; returns where it is (with
    the live URL's options, so a schema dump is read in its schema)."""
    name = f"{place.database}_restore_{stamp()}"[:63]
    admin = server_admin(place)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    except SQLAlchemyError as exc:
        admin.dispose()
        raise DeskError(
            "无法在服务器上新建用于恢复的数据库：{reason}。恢复需要有建库权限的账号"
            "（例如数据库所有者或 postgres）。",
            reason=_reason(exc),
        ) from None
    restored = place.on(name)
    try:
        prepare_extensions(restored)
        _pg_restore(restored, dump_file, cancel, tick)
    except BaseException:
        drop_database(place, name)
        raise
    finally:
        admin.dispose()
    return restored


def prepare_extensions(place: PgPlace) -> None:
    """The extensions the schema uses (``pg_trgm``: search, issue 16), made in ``public`` as
    the migration makes them: a dump of the desk's schema alone does not carry them."""
    engine = _engine(place)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"))
    finally:
        engine.dispose()


def _pg_restore(
    place: PgPlace, dump_file: Path, cancel: Cancel, tick: Callable[[], None] | None
) -> None:
    tool = require_tool("pg_restore")
    run(
        [
            str(tool),
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={place.database}",
            str(dump_file),
        ],
        place,
        cancel,
        tick,
    )


def state_of(place: PgPlace, with_chain: bool = True) -> PgState:
    engine = _engine(place)
    try:
        with engine.connect() as conn:
            return read_state(conn, with_chain)
    finally:
        engine.dispose()


def drop_database(place: PgPlace, name: str) -> None:
    admin = server_admin(place)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


def others_connected(place: PgPlace) -> int:
    """Sessions of other programs on the live database (other desks)."""
    admin = server_admin(place)
    try:
        with admin.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                        "AND pid <> pg_backend_pid()"
                    ),
                    {"db": place.database},
                ).scalar_one()
            )
    finally:
        admin.dispose()


def swap(live: PgPlace, restored: PgPlace, dump_file: Path, cancel: Cancel = _nothing) -> str:
    """Put the checked restore in place of the live data; returns the name the old data keeps
    (a database, or a schema in the live database)."""
    suffix = f"_before_restore_{stamp()}"
    if live.schema:
        kept = (live.schema + suffix)[:63]
        engine = _engine(live.on(live.database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                exists = conn.execute(
                    text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": live.schema}
                ).scalar()
                if exists:
                    conn.execute(text(f'ALTER SCHEMA "{live.schema}" RENAME TO "{kept}"'))
            try:
                _pg_restore(live, dump_file, cancel, None)
            except BaseException:
                with engine.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{live.schema}" CASCADE'))
                    if exists:
                        conn.execute(text(f'ALTER SCHEMA "{kept}" RENAME TO "{live.schema}"'))
                raise
        finally:
            engine.dispose()
        drop_database(live, restored.database)
        return kept if exists else ""
    busy = others_connected(live)
    if busy:
        raise DeskError(
            "还有 {n} 个连接在使用数据库 {db}（其他工作站的办件台？）。请先关闭所有办件台再恢复。",
            n=busy,
            db=live.database,
        )
    kept = (live.database + suffix)[:63]
    admin = server_admin(live)
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": live.database}
            ).scalar()
            if exists:
                conn.execute(text(f'ALTER DATABASE "{live.database}" RENAME TO "{kept}"'))
            conn.execute(text(f'ALTER DATABASE "{restored.database}" RENAME TO "{live.database}"'))
    except SQLAlchemyError as exc:
        raise DeskError("替换数据库失败：{reason}", reason=_reason(exc)) from None
    finally:
        admin.dispose()
    return kept if exists else ""


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return (str(orig) if orig else type(exc).__name__).strip().splitlines()[0][:300]
