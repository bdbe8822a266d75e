"""The registration's fast path (services/cases/new_case.py) writes what the ORM path wrote, on
SQLite and PostgreSQL: the detail it returns without reading back is the one the case opens
with, the facts of a case registered either way are the same, the change is announced for that
case only, and the audit chain stays sound."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from hotline_desk.domain.changes import CASES
from hotline_desk.domain.errors import ValidationError
from hotline_desk.services.audit import verify_chain
from hotline_desk.services.cases import read_model, registration
from hotline_desk.store import search_index
from hotline_desk.store.models import Case, CaseSearch
from hotline_desk.store.models.facts import CaseFact
from tests.factories import case_input

FACT_COLUMNS = [c for c in CaseFact.__table__.columns if c.key not in ("id", "case_id")]


def facts_of(ctx, case_id: int) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(*FACT_COLUMNS).where(CaseFact.case_id == case_id).order_by(CaseFact.id)
        ).all()
    return [tuple(r) for r in rows]


def test_the_returned_detail_is_the_one_the_case_opens_with(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    for data in (case_input(ctx), case_input(ctx, confidential=True, important=True),
                 case_input(ctx, channel="platform", platform_ref="SZ0001")):  # fmt: skip
        made = registration.register_case(ctx, clerk, data)
        opened = read_model.get_case(ctx, clerk, made.id)
        assert replace(opened, work=None) == made
        assert made.caller_phone != "13812345678"  # masked, as the opened case shows it


def test_facts_are_those_the_orm_path_records(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    for received in (timedelta(minutes=5), timedelta(days=40)):  # a late entry: past month
        data = case_input(ctx, received_at=ctx.now() - received)
        fast = registration.register_case(ctx, clerk, data)
        with ctx.uow.write() as uow:
            slow_id = registration.insert_case(uow.session, clerk, data, ctx.now()).id
            uow.commit()
        assert facts_of(ctx, fast.id) == facts_of(ctx, slow_id) != []
        with ctx.uow.read() as uow:
            fast_case, slow_case = (uow.session.get(Case, i) for i in (fast.id, slow_id))
            skip = {"id", "case_no", "query_code"}
            columns = [c.key for c in Case.__table__.columns if c.key not in skip]
            assert {k: getattr(fast_case, k) for k in columns} == {
                k: getattr(slow_case, k) for k in columns
            }
    with ctx.uow.read() as uow:
        assert verify_chain(uow.session).ok


def test_the_search_row_is_the_one_the_index_makes(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """Written from the values inserted (nothing read back), on PostgreSQL in the statement
    that inserts the case: the same row ``search_index`` builds from the stored case, and
    the case is found by a word of its content, its caller and its platform number."""
    clerk = make_actor("intake")
    data = case_input(ctx, channel="platform", platform_ref="SZ0777", caller_name="張建國",
                      content="３栋电梯经常停在半空，维修公司一直不来处理")  # fmt: skip
    made = registration.register_case(ctx, clerk, data)
    with ctx.engines.reader.connect() as conn:
        stored = conn.execute(select(CaseSearch).where(CaseSearch.case_id == made.id)).one()
        assert [dict(stored._mapping)] == search_index.search_rows(conn, [made.id])
    assert "3栋电梯" in stored.public_text and "sz0777" in stored.public_text
    assert "张建国" in stored.personal_text  # traditional folded to simplified, as searched


def test_a_refused_registration_leaves_no_number_taken(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the day's number is taken with the read of the topic: a form refused for
    its topic rolls it back, so the next case gets the number."""
    clerk = make_actor("intake")
    first = registration.register_case(ctx, clerk, case_input(ctx))
    with pytest.raises(ValidationError):
        registration.register_case(ctx, clerk, case_input(ctx, topic_id=999_999))
    second = registration.register_case(ctx, clerk, case_input(ctx))
    assert int(second.case_no[-4:]) == int(first.case_no[-4:]) + 1


def test_the_change_names_the_case(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    with ctx.collect() as collected:
        made = registration.register_case(ctx, clerk, case_input(ctx))
    assert collected.changes.touches(CASES) and collected.changes.touches_case(made.id)
    assert not collected.changes.all_cases
