"""Duplicates and repeat callers through the services, on SQLite and PostgreSQL: candidates while
registering (same phone in other words, the same matter from another phone across channels,
unrelated cases not matched, the window), merging and linking at intake in one transaction, the
desk merging and linking existing cases, refusals, and the caller's history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import InvalidTransition
from hotline_desk.services.admin import office
from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.callbacks.dto import DuplicateQuery
from hotline_desk.services.cases import duplicates, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.callbacks import CaseLink
from tests.conftest import Clock
from tests.factories import case_input
from tests.services.test_callbacks import reached, replied
from tests.services.test_lifecycle_paths import Office

S = CaseStatus
POWER = dict(
    title="反映园区企业频繁停电",
    content="来电人反映杭州某精密机械有限公司所在的滨江区科技大道园区近一个月频繁停电，严重影响"
    "正常生产经营，希望供电部门提前告知停电安排并尽快恢复供电。具体地址为滨江区科技大道88号。",
    caller_phone="13900001111",
    category="complaint",
)
LETTER = dict(
    channel="mailbox",
    title="关于园区停电影响生产的来信",
    content="来信反映：滨江区科技大道88号杭州某精密机械有限公司所在园区近一个月频繁停电，"
    "严重影响正常生产经营，请供电部门提前告知停电安排。",
    caller_phone="13700002222",
    caller_name="李四",
)


@pytest.fixture
def o(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def lookup(ctx: ServiceContext, o: Office, **fields: object) -> list[tuple[str, bool, bool]]:
    """(case no, same phone, likely) of the candidates for a form holding ``fields``."""
    query = DuplicateQuery(**fields)  # type: ignore[arg-type]
    result = duplicates.find_duplicates(ctx, o.desk, query)
    return [(c.case_no, c.same_phone, c.likely) for c in result.candidates]


def test_candidates_while_registering(ctx: ServiceContext, o: Office, clock: Clock) -> None:
    first = o.register(**POWER)
    unrelated = o.register(title="咨询专精特新企业认定条件", caller_phone="13500003333",
                           content="来电人咨询专精特新企业的认定条件和评审标准。")  # fmt: skip
    clock.now += timedelta(days=2)
    # the same caller, other words: the phone alone already shows it, the text makes it likely
    assert lookup(ctx, o, caller_phone="139 0000 1111") == [(first.case_no, True, False)]
    again = ("来电人称此前已反映过，杭州某精密机械有限公司所在的滨江区科技大道园区仍然频繁停电，"
             "影响生产经营，希望尽快恢复供电。具体地址为滨江区科技大道88号。")  # fmt: skip
    found = lookup(ctx, o, caller_phone="13900001111", title="再次反映企业停电问题", content=again)
    assert found[0] == (first.case_no, True, True)
    # the same matter by letter from another person: found by its text, across channels
    found = lookup(ctx, o, title=LETTER["title"], content=LETTER["content"],
                   caller_phone=LETTER["caller_phone"])  # fmt: skip
    assert found == [(first.case_no, False, True)]
    # unrelated text from an unknown phone: nothing
    assert (
        lookup(
            ctx,
            o,
            title="反映夜间爆破扰民",
            caller_phone="13600004444",
            content="余杭区人民大道附近工地夜间违规爆破，噪音和震动影响居民休息。",
        )
        == []
    )
    assert unrelated.case_no not in {c for c, _p, _l in found}
    result = duplicates.find_duplicates(ctx, o.desk, DuplicateQuery(caller_phone="13900001111"))
    assert result.phone_count_year == 1 and result.window_days == 30
    with pytest.raises(PermissionDenied):
        duplicates.find_duplicates(ctx, o.handler, DuplicateQuery(title="停电"))


def test_the_window_is_an_office_setting(
    ctx: ServiceContext, o: Office, clock: Clock, make_actor
) -> None:  # type: ignore[no-untyped-def]
    first = o.register(**POWER)
    clock.now += timedelta(days=31)
    assert lookup(ctx, o, title=POWER["title"], content=POWER["content"]) == []
    office.save_setting(ctx, make_actor("sys_admin"), "duplicate_window_days", 60)
    assert lookup(ctx, o, title=POWER["title"], content=POWER["content"])[0][0] == first.case_no


def events(ctx: ServiceContext, case_id: int) -> list[tuple[str, str]]:
    with ctx.uow.read() as uow:
        return [
            (e.kind, e.summary)
            for e in uow.session.execute(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            ).scalars()
        ]


def links(ctx: ServiceContext) -> list[tuple[int, int, str]]:
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(CaseLink.case_id, CaseLink.other_case_id, CaseLink.kind).order_by(CaseLink.id)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_merge_at_intake(ctx: ServiceContext, o: Office) -> None:
    master = o.register(**POWER)
    d = duplicates.register_duplicate(ctx, o.desk, case_input(ctx, **LETTER), master.id,
                                      merge=True, note="同一事项")  # fmt: skip
    assert d.status == S.MERGED and d.work is not None and d.work.closing is not None
    assert d.work.closing.merged_into is not None
    assert d.work.closing.merged_into.case_no == master.case_no
    with ctx.uow.read() as uow:
        dup = uow.session.get(Case, d.id)
        assert dup is not None and dup.merged_into_id == master.id and dup.ended_at == ctx.now()
    assert [k for k, _s in events(ctx, d.id)] == ["registered", "merged"]
    kind, summary = events(ctx, master.id)[-1]
    assert kind == "duplicate_joined" and d.case_no in summary and LETTER["content"] in summary
    assert links(ctx) == [(d.id, master.id, "duplicate")]
    seen = read_model.get_case(ctx, o.desk, master.id)
    assert seen.work is not None and seen.work.closing is not None
    assert [(x.case_no, x.direction) for x in seen.work.closing.links] == [
        (d.case_no, "merged_from")]  # fmt: skip
    # a merged case is no longer a candidate: its master is
    found = lookup(ctx, o, title=LETTER["title"], content=LETTER["content"])
    assert [c for c, _p, _l in found] == [master.case_no]


def test_link_at_intake_and_nothing_half_saved(ctx: ServiceContext, o: Office) -> None:
    master = o.register(**POWER)
    d = duplicates.register_duplicate(ctx, o.desk, case_input(ctx, **LETTER), master.id,
                                      merge=False)  # fmt: skip
    assert d.status == S.REGISTERED
    assert links(ctx) == [(d.id, master.id, "related")]
    assert events(ctx, master.id)[-1][0] == "linked"
    before = _count(ctx)
    with pytest.raises(ValidationError) as info:  # the master is gone: the case is not saved
        duplicates.register_duplicate(ctx, o.desk, case_input(ctx, **LETTER), 99_999)
    assert "other_case_id" in info.value.field_errors
    with pytest.raises(ValidationError):  # a bad form: nothing saved either
        duplicates.register_duplicate(ctx, o.desk, case_input(ctx, title=""), master.id)
    assert _count(ctx) == before


def _count(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return int(uow.session.execute(select(func.count()).select_from(Case)).scalar_one())


def test_the_desk_merges_two_open_cases(ctx: ServiceContext, o: Office) -> None:
    master = replied(ctx, o, **POWER)  # awaiting its callback: still open to duplicates
    dup = o.register(**LETTER)
    with pytest.raises(PermissionDenied):
        duplicates.merge_case(ctx, o.leader, dup.id, dup.version, master.id)
    with pytest.raises(ValidationError):
        duplicates.merge_case(ctx, o.desk, dup.id, dup.version, dup.id)
    assert duplicates.duplicates_of_case(ctx, o.desk, dup.id).candidates[0].case_id == master.id
    d = duplicates.merge_case(ctx, o.desk, dup.id, dup.version, master.id, "重复来信")
    assert d.status == S.MERGED
    with pytest.raises(InvalidTransition):  # merged is terminal
        duplicates.merge_case(ctx, o.desk, d.id, d.version, master.id)
    # into a merged case: refused, naming where to merge instead
    third = o.register(**POWER)
    with pytest.raises(ValidationError) as info:
        duplicates.merge_case(ctx, o.desk, third.id, third.version, d.id)
    assert master.case_no in info.value.field_errors["other_case_id"]


def test_a_closed_case_is_linked_not_merged(ctx: ServiceContext, o: Office) -> None:
    old = replied(ctx, o, **POWER)
    old = callbacks.record_callback(ctx, o.desk, old.id, old.version, reached(ctx, "satisfied"))
    old = callbacks.close_case(ctx, o.desk, old.id, old.version)
    again = o.register(**POWER)
    with pytest.raises(ValidationError) as info:
        duplicates.merge_case(ctx, o.desk, again.id, again.version, old.id)
    assert "已办结" in info.value.field_errors["other_case_id"]
    d = duplicates.link_cases(ctx, o.desk, again.id, old.id, "duplicate", "办结后再次来电")
    assert d.status == S.REGISTERED and d.version == again.version  # the row is untouched
    with pytest.raises(ValidationError):  # linked once
        duplicates.link_cases(ctx, o.desk, old.id, again.id)
    closed: CaseDetail = read_model.get_case(ctx, o.desk, old.id)
    assert closed.work is not None and closed.work.closing is not None
    assert [(x.case_no, x.kind, x.direction) for x in closed.work.closing.links] == [
        (again.case_no, "duplicate", "link")]  # fmt: skip
    assert events(ctx, old.id)[-1][0] == "linked"


def test_caller_history(ctx: ServiceContext, o: Office, clock: Clock) -> None:
    first = o.register(**POWER)
    clock.now += timedelta(days=200)
    second = o.register(**POWER)
    clock.now += timedelta(days=200)  # the first is now more than a year old
    third = o.register(**POWER)
    o.register(caller_phone="13500003333")
    detail = read_model.get_case(ctx, o.desk, third.id)
    assert detail.work is not None and detail.work.closing is not None
    history = detail.work.closing.history
    assert history is not None and history.count == 1
    assert [r.case_no for r in history.rows] == [second.case_no]
    assert first.case_no not in {r.case_no for r in history.rows}
    section = read_model.get_case(ctx, o.leader, third.id)  # no personal data: no history
    assert section.work is not None and section.work.closing is not None
    assert section.work.closing.history is None
