"""PostgreSQL's batch append (``audit_append_rows``, migration 0028; ``store/audit_rows.py``):
``record_audits`` chains a batch through it exactly as ``audit_append`` row by row would (the
keyed check passes), and every forgery ``audit_append`` refuses for one row it refuses anywhere
in a batch — a row not linked to the one before, an id not above the last, no hash, arrays of
different lengths — leaving the log as it was. The desk's login cannot alter the function
(test_audit_pg_roles.py); a login not granted it appends row by row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hotline_desk.services.audit import record_audits, verify_chain
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import audit_rows
from tests.security.audit_attacks import fill, last_two

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_ctx(db_url: str, ctx: ServiceContext) -> ServiceContext:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's function")
    return ctx


def _rows(top: int, head: str, n: int = 3) -> list[dict[str, Any]]:
    rows, prev = [], head
    for i in range(n):
        digest = f"{i + 1:x}" * 64
        rows.append({"id": top + 1 + i, "at": datetime(2026, 11, 20, 10, i), "actor_id": None,
                     "actor_name": "x", "action": "forged", "object_type": "", "object_id": "",
                     "detail": "{}", "prev_hash": prev, "hash": digest[:64]})  # fmt: skip
        prev = digest[:64]
    return rows


def test_a_batch_is_chained_as_one_by_one(
    pg_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = audit_rows.append_rows

    def counted(conn: Any, rows: list[dict[str, Any]]) -> None:
        calls.append(len(rows))
        real(conn, rows)

    monkeypatch.setattr(audit_rows, "append_rows", counted)
    with pg_ctx.uow.write() as uow:
        assert audit_rows.may_append_rows(uow.session.connection())
        record_audits(uow.session, pg_ctx.now(), None,
                      [("case_register", "case", f"C{i}", None) for i in range(50)])  # fmt: skip
        uow.commit()
    assert calls == [50]
    with pg_ctx.uow.read() as uow:
        check = verify_chain(uow.session)
        got = uow.session.execute(text(
            "SELECT object_id FROM audit_log WHERE action = 'case_register' ORDER BY id"
        )).scalars().all()  # fmt: skip
    assert check.ok, check
    assert got == [f"C{i}" for i in range(50)]


def _forge(rows: list[dict[str, Any]], i: int, **change: Any) -> list[dict[str, Any]]:
    rows[i] = {**rows[i], **change}
    return rows


FORGERIES = {
    "first_not_linked": lambda top, head: _forge(_rows(top, head), 0, prev_hash="ab" * 32),
    "middle_not_linked": lambda top, head: _forge(_rows(top, head), 2, prev_hash="ab" * 32),
    "id_not_above": lambda top, head: _forge(_rows(top, head), 1, id=top),
    "id_repeated": lambda top, head: _forge(_rows(top, head), 2, id=top + 2),
    "no_hash": lambda top, head: _forge(_rows(top, head), 1, hash="not a hash"),
    "null_hash": lambda top, head: _forge(_rows(top, head), 2, hash=None),
}


@pytest.mark.parametrize("name", [*FORGERIES, "lengths_differ", "bounds_shifted"])
def test_a_forged_batch_is_refused_whole(pg_ctx: ServiceContext, name: str) -> None:
    fill(pg_ctx, 2)
    with pg_ctx.engines.writer.connect() as conn:
        (top, head), _ = last_two(conn)
        before = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        conn.rollback()
        with pytest.raises(DBAPIError), conn.begin():
            if name in FORGERIES:
                audit_rows.append_rows(conn, FORGERIES[name](top, head))
            else:
                params = {c: [r[c] for r in _rows(top, head)] for c in audit_rows.COLUMNS}
                if name == "lengths_differ":
                    params["hash"] = params["hash"][:2]
                    conn.execute(audit_rows.APPEND_ROWS, params)
                else:  # the hashes checked are the hashes inserted, whatever the bounds
                    params["shifted"] = "[0:2]={" + ",".join(["zz", *params["hash"][:2]]) + "}"
                    sql = audit_rows.APPEND_ROWS.text.replace(":hash AS", ":shifted AS")
                    conn.execute(text(sql), params)
        after = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    assert after == before
    with pg_ctx.uow.read() as uow:
        assert verify_chain(uow.session).ok


def test_the_unforged_batch_goes_in(pg_ctx: ServiceContext) -> None:
    """The forgeries above differ from this batch in one value each: what refuses them."""
    fill(pg_ctx, 2)
    with pg_ctx.engines.writer.begin() as conn:
        (top, head), _ = last_two(conn)
        audit_rows.append_rows(conn, _rows(top, head))
    with pg_ctx.engines.writer.connect() as conn:
        assert last_two(conn)[0] == (top + 3, "3" * 64)
        assert conn.execute(text("SELECT last_hash FROM audit_head")).scalar_one() == "3" * 64
