"""Full-text search (issue 16) on SQLite and PostgreSQL: the same normalisation stored and
searched, two-character words, personal fields only for users who may see them (the attack
tried), a section's foreign cases never found, the index kept by every write, the reasons of an
empty result and the snippets."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlalchemy import select, text, update

from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.cases import registration
from hotline_desk.services.cases.queries import case_snippets, count_cases, list_cases
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseFilter, CaseSummary
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.search.service import NoHit, search
from hotline_desk.store import search_index
from hotline_desk.store.models import CaseSearch
from tests.factories import case_input
from tests.services.test_callbacks import reached, replied
from tests.services.test_lifecycle_paths import Office, office, unit_id

__all__ = ["office"]  # the fixture


def dispatched_to(ctx: ServiceContext, o: Office, case: CaseDetail) -> CaseDetail:
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"))
    return routing.route_case(ctx, o.desk, case.id, case.version, route)


def ids(ctx: ServiceContext, actor: Actor, query: str, **filters: object) -> set[int]:
    return {h.id for h in search(ctx, actor, query, CaseFilter(**filters), limit=100).hits}  # type: ignore[arg-type]


def test_full_width_stored_half_width_searched_and_traditional(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register(title="群众投诉：环境污染严重", content="ＡＢＣ化工厂夜间排放废气。")
    other = office.register(title="咨询社保缴费", content="询问灵活就业人员社保缴费基数。")
    assert ids(ctx, office.desk, "群众投诉：环境污染") == {case.id}
    assert ids(ctx, office.desk, "群眾投訴：環境污染") == {case.id}  # traditional, full width
    assert ids(ctx, office.desk, "abc化工") == {case.id}  # full-width letters, any case
    assert ids(ctx, office.desk, "社保 缴费基数") == {other.id}  # every term, any order
    # the list's search box is the same search
    assert {r.id for r in list_cases(ctx, office.desk, CaseFilter(text="環境污染")).rows} == {
        case.id
    }


def test_body_only_keyword_and_the_snippet_marks_it(ctx: ServiceContext, office: Office) -> None:
    body = "小区3栋的电梯上周起经常停在两层之间，物业负责人一直没有答复，老人只能爬楼。"
    case = office.register(title="反映小区设施问题", content=body)
    page = search(ctx, office.desk, "负责人")
    assert [h.id for h in page.hits] == [case.id] and page.total == 1
    snippet = page.hits[0].snippet
    assert snippet is not None and snippet.match == "负责人" and snippet.field == "诉求内容"
    assert snippet.marked().find("【负责人】") > 0 and "物业" in snippet.before


def test_two_character_terms_newest_first(ctx: ServiceContext, office: Office) -> None:
    first = office.register(title="反映电梯故障", content="电梯停运三天。")
    office.register(title="咨询公积金提取", content="询问公积金提取条件。")
    second = office.register(title="小区停电", content="昨晚起整栋楼停电，电梯也停了。")
    page = search(ctx, office.desk, "电梯")
    assert [h.id for h in page.hits] == [second.id, first.id]  # newest first
    assert ids(ctx, office.desk, "停电") == {second.id}
    assert ids(ctx, office.desk, "停电 电梯") == {second.id}


def test_caller_fields_only_for_users_who_may_see_them(ctx: ServiceContext, office: Office) -> None:
    case = office.register(
        caller_name="张建国", caller_phone="13912348844", caller_address="解放路844号",
        content="来电人张建国反映解放路844号门前下水道堵塞。",
    )  # fmt: skip
    d = dispatched_to(ctx, office, case)
    assert d.lead_unit_name == "产业发展科"
    for query in ("张建国", "13912348844", "139123", "解放路844"):
        assert ids(ctx, office.desk, query) == {case.id}, query
        # the attack: the section sees the case, yet finds it by none of the caller's fields
        # (not even where the letter repeats them)
        assert ids(ctx, office.handler, query) == set(), query
        assert list_cases(ctx, office.handler, CaseFilter(text=query)).rows == (), query
    assert ids(ctx, office.handler, "下水道堵塞") == {case.id}
    hit = search(ctx, office.handler, "下水道堵塞").hits[0]
    assert hit.snippet is not None and "张建国" not in hit.snippet.marked()


def test_a_section_never_finds_another_sections_case(ctx: ServiceContext, office: Office) -> None:
    case = office.register(content="园区企业反映用电负荷不足问题。")
    dispatched_to(ctx, office, case)
    assert ids(ctx, office.handler, "用电负荷") == {case.id}
    assert ids(ctx, office.other_handler, "用电负荷") == set()
    assert ids(ctx, office.other_handler, "用电") == set()
    page = search(ctx, office.other_handler, "用电负荷")
    assert page.reason == NoHit.NOTHING and page.total == 0


def test_index_follows_edit_opinion_note_reply_and_callback(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register(title="旧的标题内容")
    edited = registration.update_case(
        ctx, office.desk, case.id, case.version, case_input(ctx, title="路灯不亮已经一周")
    )
    assert ids(ctx, office.desk, "路灯不亮") == {case.id}
    assert ids(ctx, office.desk, "旧的标题") == set()
    d = dispatched_to(ctx, office, edited)
    d = handling.sign_case(ctx, office.handler, d.id, d.version)
    handling.add_note(ctx, office.handler, d.id, "contact", "已联系供电所抢修线路")
    assert ids(ctx, office.desk, "供电所抢修") == {case.id}
    d = replied(ctx, office, content="井盖缺失存在安全隐患")
    assert ids(ctx, office.desk, "答复") >= {d.id}
    callbacks.record_callback(
        ctx, office.desk, d.id, d.version, reached(ctx, "satisfied", words="市民表示井盖已补上")
    )
    assert ids(ctx, office.desk, "井盖已补上") == {d.id}


def test_reasons_when_nothing_matches(ctx: ServiceContext, office: Office) -> None:
    office.register(title="噪音扰民", content="夜间施工噪音扰民。", channel="hotline")
    assert search(ctx, office.desk, "噪").reason == NoHit.TOO_SHORT
    assert search(ctx, office.desk, "垃圾分类").reason == NoHit.NOTHING
    page = search(ctx, office.desk, "噪音", CaseFilter(channel="mailbox"))
    assert page.hits == () and page.reason == NoHit.FILTERED
    assert search(ctx, office.desk, "噪音").reason is None


def test_rebuild_fills_rows_written_behind_the_store(ctx: ServiceContext, office: Office) -> None:
    case = office.register(title="反映占道经营")
    with ctx.uow.write() as uow:  # as an upgrade finds it: rows without their search row
        uow.session.execute(text("DELETE FROM case_search"))
        uow.session.execute(update(CaseSearch).values(public_text=""))
        uow.commit()
    assert ids(ctx, office.desk, "占道经营") == set()
    with ctx.engines.writer.begin() as conn:
        assert search_index.rebuild(conn) >= 1
    assert ids(ctx, office.desk, "占道经营") == {case.id}
    assert count_cases(ctx, office.desk, CaseFilter(text="占道经营")) == 1
    with ctx.uow.read() as uow:
        row = uow.session.execute(select(CaseSearch).where(CaseSearch.case_id == case.id))
        assert "反映占道经营" in row.scalar_one().public_text


def test_saved_searches_are_per_user_and_audited(ctx: ServiceContext, office: Office) -> None:
    from datetime import date

    import pytest

    from hotline_desk.domain.errors import NotFound, ValidationError
    from hotline_desk.services.search import saved
    from hotline_desk.store.models import AuditLog

    flt = CaseFilter(text="电梯", statuses=("registered",), received_from=date(2026, 11, 1))
    kept = saved.save_search(ctx, office.desk, " 电梯  投诉 ", flt)
    assert kept.name == "电梯 投诉" and kept.filter == flt
    assert [s.name for s in saved.list_saved(ctx, office.desk)] == ["电梯 投诉"]
    assert saved.list_saved(ctx, office.handler) == ()
    with pytest.raises(ValidationError):
        saved.save_search(ctx, office.desk, "电梯 投诉", flt)
    with pytest.raises(NotFound):
        saved.delete_saved(ctx, office.handler, kept.id)
    saved.delete_saved(ctx, office.desk, kept.id)
    assert saved.list_saved(ctx, office.desk) == ()
    with ctx.uow.read() as uow:
        actions = uow.session.execute(
            select(AuditLog.action).where(AuditLog.object_type == "saved_search")
        ).scalars()
        assert list(actions) == ["search_saved", "search_deleted"]


def test_first_page_without_snippets_then_only_the_visible_cases_snippets(
    ctx: ServiceContext, office: Office
) -> None:
    """The list's first page comes without snippets (the GUI paints it, then asks for them);
    ``case_snippets`` gives them for the cases the user may see and none for the others."""
    mine = dispatched_to(ctx, office, office.register(content="物业负责人不接电话。"))
    foreign = office.register(content="小区负责人拒绝公开账目。")  # not routed: the desk's
    flt = CaseFilter(text="负责人")
    page = list_cases(ctx, office.desk, flt, snippets=False)
    assert [r.id for r in page.rows] == [foreign.id, mine.id]
    assert all(r.snippet is None for r in page.rows)
    found = case_snippets(ctx, office.desk, (foreign.id, mine.id), "负责人")
    assert {k: v.match for k, v in found.items()} == {foreign.id: "负责人", mine.id: "负责人"}
    assert found == {r.id: r.snippet for r in list_cases(ctx, office.desk, flt).rows}
    # the attack: a section head asks for the snippet of a case it may not see
    assert [r.id for r in list_cases(ctx, office.head, flt, snippets=False).rows] == [mine.id]
    stolen = case_snippets(ctx, office.head, (foreign.id, mine.id), "负责人")
    assert set(stolen) == {mine.id}


def test_the_page_compiled_once_answers_each_user_with_only_their_cases(
    ctx: ServiceContext, office: Office
) -> None:
    """SQLite runs a search page's statement compiled once per user and filter shape
    (``store/compiled.py``). The attack: the same words right after the desk, by a
    section that sees one of the cases and by one that sees none, and the caller's name by a
    section — each still finds only what it may; new words and the next page reuse the
    statement with their own values, and the rows are what the ORM would have built."""
    mine = dispatched_to(
        ctx, office, office.register(caller_name="王秀英", content="物业负责人不接电话。")
    )
    foreign = office.register(caller_name="王秀英", content="小区负责人拒绝公开账目。")
    flt, name = CaseFilter(text="负责人"), CaseFilter(text="王秀英")
    for _ in range(2):  # the second time from the cache
        assert [r.id for r in list_cases(ctx, office.desk, flt).rows] == [foreign.id, mine.id]
        assert [r.id for r in list_cases(ctx, office.handler, flt).rows] == [mine.id]
        assert list_cases(ctx, office.other_handler, flt).rows == ()
        assert list_cases(ctx, office.handler, name).rows == ()
        assert [r.id for r in list_cases(ctx, office.desk, name).rows] == [foreign.id, mine.id]
    first = list_cases(ctx, office.desk, flt, limit=1)
    assert [r.id for r in first.rows] == [foreign.id] and first.cursor is not None
    after = list_cases(ctx, office.desk, flt, after=first.cursor, limit=1)
    assert [r.id for r in after.rows] == [mine.id]
    row = list_cases(ctx, office.desk, CaseFilter(text="公开账目")).rows[0]
    assert row.id == foreign.id and row.caller_name != "王秀英"  # masked
    assert row == CaseSummary(**{f.name: getattr(row, f.name) for f in fields(CaseSummary)})
    assert isinstance(row.received_at, datetime) and row.important is False and hash(row)
