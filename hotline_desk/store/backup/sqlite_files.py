"""SQLite files at the byte and page level: the online copy of a live database through SQLite's
backup API, and the checks of a copy (``PRAGMA integrity_check``, row counts, the audit chain,
SHA-256).

The copy runs in steps (progress between them, cancel at any of them) inside one read
transaction on the source: in WAL mode that pins a snapshot, so the desk and other processes go
on writing while the copy is made, no step restarts because of their writes, and the copy is
the database exactly as it was when the transaction began. A connection without that
transaction would have the backup start over after every commit of another process.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from hotline_desk.store.audit_chain import ChainCheck, verify_chain
from hotline_desk.store.backup.layout import Check, fsync_file

Report = Callable[[int, int], None]
Cancel = Callable[[], None]
"""Raises once the user cancelled (``Token.check``)."""
CHUNK = 8 * 1024 * 1024
BUSY_MS = 15_000


def _nothing(*_args: Any) -> None:
    return None


def connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection (it can never change the file it reads)."""
    con = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
    )
    con.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return con


@dataclass(frozen=True)
class Snapshot:
    """What the source held at the moment the copy was taken."""

    row_counts: dict[str, int]
    audit_head: str
    pages: int
    page_size: int
    problem: str = ""
    """Why the source could not be counted (a damaged database still gets copied)."""
    count_seconds: float = 0.0


def copy_live(
    source: Path,
    target: Path,
    cancel: Cancel = _nothing,
    report: Report = _nothing,
    step_pages: int | None = None,
    count_rows: bool = True,
) -> Snapshot:
    """Copy the live database ``source`` to the new file ``target`` (a standalone file in
    rollback-journal mode, synced to disk); returns the snapshot's row counts and audit head,
    read in the same transaction. A cancel or failure removes ``target``."""
    src = connect_ro(source)
    dst = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        src.execute("BEGIN")
        pages = int(src.execute("PRAGMA page_count").fetchone()[0])  # the snapshot starts here
        page_size = int(src.execute("PRAGMA page_size").fetchone()[0])
        step = step_pages or max(1024, pages // 500)

        def progress(_status: int, remaining: int, total: int) -> None:
            report(total - remaining, total)
            cancel()

        src.backup(dst, pages=step, progress=progress)
        report(pages, pages)
        problem = ""
        counted = time.perf_counter()
        try:
            counts = table_counts(src) if count_rows else {}
        except sqlite3.DatabaseError as exc:
            counts, problem = {}, str(exc)
        head = audit_head(src)
        counted = time.perf_counter() - counted
        with contextlib.suppress(sqlite3.DatabaseError):  # damaged: ends with the connection
            src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode=DELETE")  # a copy is one file, whatever the source used
        dst.close()
        fsync_file(target)
        return Snapshot(counts, head, pages, page_size, problem, counted)
    except BaseException:
        dst.close()
        target.unlink(missing_ok=True)
        raise
    finally:
        src.close()


def table_counts(con: sqlite3.Connection) -> dict[str, int]:
    """Rows of every ordinary table (not the virtual ones, whose shadow tables are counted)."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    return {n: int(con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def audit_head(con: sqlite3.Connection) -> str:
    try:
        row = con.execute("SELECT last_hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return ""
    return str(row[0]) if row else ""


def schema_revision(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def integrity(con: sqlite3.Connection, cancel: Cancel = _nothing) -> str:
    """``PRAGMA integrity_check``: "ok", or SQLite's first findings. Cancel interrupts it."""
    stopped: list[BaseException] = []

    def handler() -> int:
        try:
            cancel()
        except BaseException as exc:  # noqa: BLE001 - re-raised after SQLite stops
            stopped.append(exc)
            return 1
        return 0

    con.set_progress_handler(handler, 200_000)
    try:
        rows = con.execute("PRAGMA integrity_check(20)").fetchall()
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        con.set_progress_handler(None, 0)
    return "\n".join(str(r[0]) for r in rows)


def check_chain(path: Path) -> ChainCheck:
    """The audit chain of the database file ``path``, read without changing it."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path.resolve().as_uri()}?mode=ro&uri=true", hide_parameters=True
    )
    try:
        with Session(engine) as session:
            return verify_chain(session)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Examined:
    """What the checks of a database copy found."""

    integrity: str
    row_counts: dict[str, int]
    revision: str | None
    chain: ChainCheck | None
    chain_problem: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


def examine(path: Path, cancel: Cancel = _nothing) -> Examined:
    """``integrity_check``, row counts, schema revision and the audit chain of a closed copy;
    a damaged file gives SQLite's findings instead of raising."""
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    con = connect_ro(path)
    try:
        found = integrity(con, cancel)
        seconds["integrity"] = time.perf_counter() - start
        counts = table_counts(con) if found == "ok" else {}
        revision = schema_revision(con)
        seconds["counts"] = time.perf_counter() - start - seconds["integrity"]
    except sqlite3.DatabaseError as exc:
        return Examined(str(exc), {}, None, None, str(exc), seconds)
    finally:
        con.close()
    if found != "ok":
        return Examined(found, counts, revision, None, "not checked: the file is damaged", seconds)
    start = time.perf_counter()
    try:
        chain, problem = check_chain(path), ""
    except Exception as exc:  # noqa: BLE001 - not a desk database, or no audit tables
        chain, problem = None, f"{type(exc).__name__}: {exc}"[:300]
    seconds["audit_chain"] = time.perf_counter() - start
    return Examined(found, counts, revision, chain, problem, seconds)


def chain_check(chain: ChainCheck | None, expected_head: str | None, problem: str = "") -> Check:
    """The audit chain sound and, when known, ending at ``expected_head``."""
    if chain is None:
        return Check("audit_chain", False, problem)
    if chain.key_problem:  # not a break: this machine cannot check the keyed chain
        return Check("audit_chain", False, "not checked: no audit key (or another key) here")
    if not chain.ok:
        bad = (
            "head does not match the last row"
            if chain.first_bad_id == -1
            else f"row {chain.first_bad_id}"
        )
        return Check("audit_chain", False, bad)
    if expected_head is not None and chain.head != expected_head:
        return Check("audit_chain", False, "ends elsewhere than recorded")
    return Check("audit_chain", True, f"{chain.rows} rows")


def sha_check(sha: str, expected: str) -> Check:
    same = sha == expected
    return Check(
        "sha256", same, "" if same else "file differs from the manifest (damaged or truncated)"
    )


def counts_check(expected: dict[str, int], found: dict[str, int], problem: str = "") -> Check:
    if problem:
        return Check("row_counts", False, problem)
    wrong = [f"{t}: {found.get(t)} ≠ {n}" for t, n in expected.items() if found.get(t) != n]
    return Check("row_counts", not wrong, "; ".join(wrong[:5]) or f"{len(found)} tables")


def sha256_file(path: Path, cancel: Cancel = _nothing, report: Report = _nothing) -> str:
    total = path.stat().st_size
    h = hashlib.sha256()
    done = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            done += len(chunk)
            report(done, total)
            cancel()
    return h.hexdigest()


def copy_file(
    source: Path, target: Path, cancel: Cancel = _nothing, report: Report = _nothing
) -> str:
    """A plain copy of a closed file, synced; returns the SHA-256 of what was read. A cancel or
    failure removes ``target``."""
    total = source.stat().st_size
    h = hashlib.sha256()
    done = 0
    dst = open(target, "xb")  # noqa: SIM115 - closed below; never overwrites a file
    try:
        with open(source, "rb") as src, dst:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                dst.write(chunk)
                done += len(chunk)
                report(done, total)
                cancel()
            dst.flush()
        fsync_file(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return h.hexdigest()
