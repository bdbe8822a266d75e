"""The bounded re-run of a transaction the database aborted for another's sake (store/retry.py):
which errors count as transient, the jittered pauses, and the Chinese refusal at the end."""

from __future__ import annotations

import sqlite3

import psycopg.errors
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from hotline_desk.domain.errors import ConflictError
from hotline_desk.store import retry


def _wrapped(orig: BaseException) -> OperationalError:
    return OperationalError("UPDATE cases SET …", {}, orig)


@pytest.mark.parametrize(
    "orig",
    [
        psycopg.errors.DeadlockDetected("deadlock detected"),
        psycopg.errors.SerializationFailure("could not serialize access"),
        sqlite3.OperationalError("database is locked"),
    ],
    ids=["pg-deadlock", "pg-serialization", "sqlite-locked"],
)
def test_deadlocks_serialization_failures_and_busy_sqlite_are_transient(orig: Exception) -> None:
    assert retry.is_transient(_wrapped(orig))


def test_other_database_errors_are_not() -> None:
    assert not retry.is_transient(_wrapped(sqlite3.OperationalError("no such table: cases")))
    assert not retry.is_transient(_wrapped(psycopg.errors.UndefinedTable("cases")))
    assert not retry.is_transient(ValueError("x"))


def test_the_whole_run_is_repeated_after_short_random_pauses() -> None:
    calls: list[int] = []
    pauses: list[float] = []

    def run() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _wrapped(psycopg.errors.DeadlockDetected("deadlock detected"))
        return "saved"

    assert retry.with_retries(run, sleep=pauses.append) == "saved"
    assert len(calls) == 3 and len(pauses) == 2
    assert 0 <= pauses[0] <= retry.BACKOFF_S and 0 <= pauses[1] <= 2 * retry.BACKOFF_S


def test_when_every_try_fails_the_user_gets_a_chinese_refusal() -> None:
    calls: list[int] = []

    def run() -> None:
        calls.append(1)
        raise _wrapped(sqlite3.OperationalError("database is locked"))

    with pytest.raises(ConflictError) as info:
        retry.with_retries(run, sleep=lambda _s: None)
    assert len(calls) == retry.ATTEMPTS
    assert "您的操作未执行" in info.value.message and str(retry.ATTEMPTS) in info.value.message


def test_an_error_that_is_not_transient_is_not_retried() -> None:
    calls: list[int] = []

    def run() -> None:
        calls.append(1)
        raise IntegrityError("INSERT …", {}, Exception("unique"))

    with pytest.raises(IntegrityError):
        retry.with_retries(run, sleep=lambda _s: None)
    assert len(calls) == 1
