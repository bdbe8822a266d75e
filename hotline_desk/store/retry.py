"""Re-running a whole write transaction that the database gave up on, a bounded number of times.

Two desks that lock the same rows can still be made to wait for each other by the database
itself: PostgreSQL breaks a deadlock (40P01) or a serialization failure (40001) by aborting one
transaction, SQLite answers ``database is locked`` once its busy timeout has passed. None of these
means the user did anything wrong, and the transaction was rolled back whole, so the service
runs it again from the start after a short random pause; when it still fails after
``ATTEMPTS`` tries the user gets a Chinese ``ConflictError`` — never the driver's exception.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from hotline_desk.domain.errors import ConflictError

T = TypeVar("T")

ATTEMPTS = 5
BACKOFF_S = 0.02
"""The first pause's upper bound; each further pause may be twice as long (jittered)."""
BACKOFF_MAX_S = 0.5
PG_TRANSIENT = frozenset({"40001", "40P01"})
"""serialization_failure, deadlock_detected"""
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def is_transient(exc: BaseException) -> bool:
    """The database aborted the transaction because of another one; running it again may work."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(orig, "sqlstate", None) in PG_TRANSIENT:
        return True
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
        return "locked" in str(orig) or "busy" in str(orig)
    return False


def busy_error(attempts: int) -> ConflictError:
    return ConflictError(
        "多人同时修改同一办件，数据库已重试 {n} 次仍未能保存，您的操作未执行。请稍后重试。",
        n=attempts,
    )


def with_retries(
    run: Callable[[], T],
    attempts: int = ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``run()`` (one whole transaction), again after a jittered pause while it fails with a
    transient database error; ``busy_error`` once ``attempts`` tries have failed."""
    attempt = 1
    while True:
        try:
            return run()
        except DBAPIError as exc:
            if not is_transient(exc):
                raise
            if attempt >= attempts:
                raise busy_error(attempts) from exc
            sleep(random.uniform(0, min(BACKOFF_MAX_S, BACKOFF_S * 2 ** (attempt - 1))))
            attempt += 1
