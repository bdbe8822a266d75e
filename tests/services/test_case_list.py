"""The case list: filters, sorting, keyset paging, counts, visibility; same on both databases."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from hotline_desk.demo.generate import generate_demo
from hotline_desk.services.cases import registration
from hotline_desk.services.cases.queries import count_cases, list_cases
from hotline_desk.services.dto import CaseFilter, CaseSort
from hotline_desk.services.privacy import CONFIDENTIAL_MARK
from tests.factories import case_input, topic_id


def _all_pages(ctx, actor, flt, sort, limit=7):  # type: ignore[no-untyped-def]
    rows, cursor = [], None
    while True:
        page = list_cases(ctx, actor, flt, sort, cursor, limit)
        rows.extend(page.rows)
        if page.cursor is None:
            return rows
        cursor = page.cursor


def test_keyset_pages_cover_every_row_once_in_order(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    generate_demo(ctx, 150, seed=7)
    desk = make_actor("desk")
    total = count_cases(ctx, desk, CaseFilter())
    assert total == 150
    for sort in (CaseSort("id", True), CaseSort("received_at", False), CaseSort("case_no", True)):
        rows = _all_pages(ctx, desk, CaseFilter(), sort)
        assert len(rows) == total and len({r.id for r in rows}) == total
        keys = [getattr(r, sort.column) for r in rows]
        assert keys == sorted(keys, reverse=sort.descending)


def test_filters_match_counts(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    generate_demo(ctx, 300, seed=11)
    desk = make_actor("desk")
    with ctx.uow.read() as uow:
        expected_closed = uow.session.execute(
            text("SELECT COUNT(*) FROM cases WHERE status='closed' AND channel='hotline'")
        ).scalar_one()
    flt = CaseFilter(statuses=("closed",), channel="hotline")
    assert count_cases(ctx, desk, flt) == expected_closed
    rows = _all_pages(ctx, desk, flt, CaseSort(), limit=50)
    assert len(rows) == expected_closed
    assert all(r.status == "closed" and r.channel == "hotline" for r in rows)


def test_text_box_finds_case_no_phone_and_title(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    a = registration.register_case(
        ctx, clerk, case_input(ctx, title="反映园区频繁停电影响生产", caller_phone="13900001111")
    )
    b = registration.register_case(
        ctx, clerk, case_input(ctx, channel="mailbox", caller_phone="0571-87654321")
    )
    found = lambda t: {r.id for r in list_cases(ctx, clerk, CaseFilter(text=t)).rows}  # noqa: E731
    assert found(a.case_no) == {a.id}
    assert found(a.case_no[:10].lower()) == {a.id}
    assert found("13900001111") == {a.id}
    assert found("139000") == {a.id}
    assert found("057187654321") == {b.id}
    assert found("频繁停电") == {a.id}
    assert found("100%_") == set()


def test_date_range_topic_and_section(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    today = clock.now.date()
    old = registration.register_case(
        ctx, clerk, case_input(ctx, received_at=clock.now - timedelta(days=3))
    )
    data = case_input(ctx, topic_id=topic_id(ctx, "电力保障"))
    new = registration.register_case(ctx, clerk, data)
    within = CaseFilter(received_from=today - timedelta(days=1), received_to=today)
    assert {r.id for r in list_cases(ctx, clerk, within).rows} == {new.id}
    assert {
        r.id for r in list_cases(ctx, clerk, CaseFilter(received_to=date(2026, 11, 17))).rows
    } == {old.id}
    by_topic = CaseFilter(topic_id=topic_id(ctx, "电力保障"))
    assert [r.topic_name for r in list_cases(ctx, clerk, by_topic).rows] == ["电力保障"]


def test_sections_see_only_their_cases_and_masked(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    generate_demo(ctx, 200, seed=3)
    with ctx.uow.read() as uow:
        unit_id, expected = uow.session.execute(
            text(
                "SELECT lead_unit_id, COUNT(*) FROM cases WHERE lead_unit_id IS NOT NULL "
                "GROUP BY lead_unit_id ORDER BY 2 DESC LIMIT 1"
            )
        ).one()
        code = uow.session.execute(
            text("SELECT code FROM org_units WHERE id=:i"), {"i": unit_id}
        ).scalar_one()
    handler = make_actor("handler", unit=code)
    assert count_cases(ctx, handler, CaseFilter()) == expected
    rows = list_cases(ctx, handler, CaseFilter(), limit=1000).rows
    assert {r.lead_unit_name for r in rows} == {rows[0].lead_unit_name}
    assert all("*" in r.caller_phone or r.caller_phone == CONFIDENTIAL_MARK
               for r in rows if r.caller_phone)  # fmt: skip
    admin = make_actor("audit_admin")
    assert count_cases(ctx, admin, CaseFilter()) == 0
