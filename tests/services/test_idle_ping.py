"""PostgreSQL connections are pinged only after sitting idle (``store/engine.py``, issue 19): a
connection the server dropped while it sat in the pool is replaced before the next statement,
and one given back moments ago costs no extra round trip."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from hotline_desk.store import engine as engine_module
from hotline_desk.store.engine import make_engines
from tests.conftest import _pg_schema_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg() -> Iterator[Engine]:
    for url in _pg_schema_url():
        engine = make_engines(url).reader
        yield engine
        engine.dispose()


def _kill(engine: Engine, pid: int) -> None:
    url = make_url(str(engine.url.render_as_string(hide_password=False))).set(
        drivername="postgresql", query={}
    )  # fmt: skip
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def _pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_dropped_idle_connection_is_replaced(pg: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _kill(pg, _pid(pg))
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)  # it has sat long enough
    assert _pid(pg) > 0  # pinged, found dead, replaced: the statement runs


def test_a_connection_just_given_back_is_not_pinged(pg: Engine) -> None:
    """No ping, so a connection dropped moments after use fails its next statement once; the
    pool then forgets it and the one after runs."""
    _kill(pg, _pid(pg))
    with pytest.raises(OperationalError), pg.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert _pid(pg) > 0
