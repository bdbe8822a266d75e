"""One racing arena per database engine for the whole session: a fresh desk (SQLite file or
PostgreSQL schema), the suite's office, and two worker processes that stay up between tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hotline_desk.services.admin.setup import open_desk
from tests.concurrency.arena import Arena
from tests.concurrency.stage import make_cast
from tests.concurrency.workers import Racers
from tests.conftest import _pg_schema_url


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def arena(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Arena]:
    place = tmp_path_factory.mktemp(f"race-{request.param}")
    schema = None
    if request.param == "sqlite":
        url = f"sqlite+pysqlite:///{place / 'race.db'}"
    else:
        schema = _pg_schema_url()
        url = next(schema)
    ctx = open_desk(url, backup_dir=place / "backups")
    racers = Racers(url)
    try:
        yield Arena(ctx, racers, make_cast(ctx))
    finally:
        racers.close()
        ctx.engines.dispose()
        if schema is not None:
            next(schema, None)
