"""Seen at every desk: a write committed by another process reaches this one's feed within
2 s (PostgreSQL ``LISTEN`` with the case id, SQLite ``data_version`` as "everything"); this
process's own commits are not reported back to it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from hotline_desk.domain.changes import CASES, EVERYTHING, Changes
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.other_desks import DeskFeed, open_feed
from hotline_desk.store.change_feed import PgListener, SqliteWatcher, conninfo
from tests import other_desk
from tests.conftest import MakeActor
from tests.factories import case_input

STARTUP_S = 60.0
"""Upper bound for the other process to start and commit (imports dominate)."""


@pytest.fixture
def feed(ctx: ServiceContext) -> Iterator[DeskFeed]:
    opened = open_feed(ctx)
    assert opened is not None
    yield opened
    opened.close()


def received_from_other_process(feed: DeskFeed, url: str, *args: str) -> tuple[list[Changes], dict]:  # type: ignore[type-arg]
    """Start another desk, wait until the feed reports; what it reported, and the other desk's
    output (its case id and commit time), checking the notice came within 2 s."""
    process = other_desk.start(url, *args)
    got: list[Changes] = []
    deadline = time.monotonic() + STARTUP_S
    while not got and time.monotonic() < deadline:
        got = feed.wait(0.5)
    arrived = time.time()
    done = other_desk.finish(process)
    assert got, "no notice from the other desk"
    assert arrived - done["committed"] < 2.0
    return got, done


def test_the_feed_reports_another_process_and_not_our_own(
    db_url: str, ctx: ServiceContext, make_actor: MakeActor, feed: DeskFeed
) -> None:
    clerk = make_actor("intake", username="clerk2")
    registration.register_case(ctx, clerk, case_input(ctx))  # our own commit
    assert feed.wait(0.5) == [], "our own commits are not reported back"
    got, done = received_from_other_process(feed, db_url, "register", "clerk2")
    if ctx.engines.is_sqlite:
        assert isinstance(feed, SqliteWatcher)
        assert got == [EVERYTHING]
        assert feed.own_commits >= 1
    else:
        assert isinstance(feed, PgListener)
        assert len(got) == 1 and got[0].topics == {CASES}
        assert got[0].case_ids == {done["case_id"]}
    registration.register_case(ctx, clerk, case_input(ctx))
    assert feed.wait(0.5) == []


def test_a_commit_made_right_after_ours_is_not_taken_for_ours(
    ctx: ServiceContext, make_actor: MakeActor, feed: DeskFeed
) -> None:
    """A connection outside the unit of work (as another process would be) commits between
    our commit and the watcher's reading: reported, not swallowed with our own step."""
    import sqlite3

    if not ctx.engines.is_sqlite:
        pytest.skip("data_version is SQLite's")
    clerk = make_actor("intake")
    assert isinstance(feed, SqliteWatcher)
    path = ctx.engines.url.database
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    original = feed.after_commit

    def someone_commits_first(dbapi_connection, before):  # type: ignore[no-untyped-def]
        other.execute("PRAGMA user_version = 7")  # a write, committed
        original(dbapi_connection, before)

    feed.after_commit = someone_commits_first  # type: ignore[method-assign]
    registration.register_case(ctx, clerk, case_input(ctx))
    other.close()
    assert feed.poll() == EVERYTHING
    assert feed.poll() is None


def test_the_listener_reconnects_and_then_reports_everything(
    db_url: str, ctx: ServiceContext, make_actor: MakeActor, feed: DeskFeed
) -> None:
    if ctx.engines.is_sqlite:
        pytest.skip("LISTEN is PostgreSQL's")
    assert isinstance(feed, PgListener)
    make_actor("intake", username="clerk3")
    with ctx.engines.writer.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": feed.backend_pid})
        conn.commit()
    assert feed.wait(2.0) == [EVERYTHING]
    assert feed.reconnects == 1
    got, done = received_from_other_process(feed, db_url, "register", "clerk3")
    assert got[0].case_ids == {done["case_id"]}


def test_the_listener_keeps_the_test_schema(db_url: str) -> None:
    from sqlalchemy.engine import make_url

    if not db_url.startswith("postgresql"):
        pytest.skip("a libpq conninfo is PostgreSQL's")
    info = conninfo(make_url(db_url))
    assert "search_path=t_" in info and "postgresql+psycopg" not in info


def test_a_listener_whose_server_is_away_waits_and_tries_again_later() -> None:
    listener = PgListener("host=127.0.0.1 port=1 connect_timeout=2")
    assert listener.backend_pid is None
    assert listener.wait(0.1) == []  # tried, failed: the next try waits RETRY_S
    started = time.monotonic()
    assert listener.wait(0.2) == []
    assert 0.15 < time.monotonic() - started < 1.0, "waited instead of hammering the server"
    listener.close()
    assert listener.wait(5.0) == [], "a closed listener returns at once"
