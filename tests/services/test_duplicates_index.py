"""The duplicate look-up through the search index, on SQLite and PostgreSQL: the same matter in
other words found among many newer cases worded alike (no bounded window of recent cases
would reach it); the same title and wording about another company, place or number not a
likely duplicate; a case registered between two pauses seen at the next; and the look-up's
rules kept (registering roles only, a case not its own duplicate)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.services.callbacks.dto import DuplicateQuery
from hotline_desk.services.cases import duplicate_index, duplicates
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from tests.conftest import Clock
from tests.services.test_lifecycle_paths import Office

TITLE = "反映园区企业频繁停电"
PLACES = ("西湖区文三路", "余杭区人民大道", "上城区解放路", "临平区新城路", "钱塘区江南大道",
          "萧山区市心路", "富阳区科技大道", "拱墅区延安路")  # fmt: skip
COMPANIES = ("某电子科技有限公司", "某食品有限公司", "某建材有限公司", "某化工有限公司",
             "某医疗器械有限公司", "某纺织印染有限公司", "某包装印刷有限公司")  # fmt: skip


def complaint(company: str, place: str, number: int) -> str:
    return (
        f"来电人反映{company}所在的{place}园区近一个月频繁停电，严重影响正常生产经营，"
        f"希望供电部门提前告知停电安排并尽快恢复供电。具体地址为{place}{number}号。"
    )


MASTER = complaint("杭州某精密机械有限公司", "滨江区科技大道", 88)
AGAIN = ("来电人称此前已反映过此事：杭州某精密机械有限公司所在的滨江区科技大道园区仍然频繁"
         "停电，严重影响正常生产经营，请尽快恢复供电。具体地址为滨江区科技大道88号。")  # fmt: skip


@pytest.fixture
def o(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def crowd(o: Office, n: int) -> list[CaseDetail]:
    """``n`` unrelated complaints in the master's title and words, each another company,
    place and number, from other phones."""
    return [
        o.register(
            title=TITLE,
            content=complaint(COMPANIES[i % 7], PLACES[i % 8], 100 + i),
            caller_phone=f"1370000{i:04d}",
        )  # fmt: skip
        for i in range(n)
    ]


def likely(ctx: ServiceContext, o: Office, **fields: object) -> list[str]:
    query = DuplicateQuery(**fields)  # type: ignore[arg-type]
    result = duplicates.find_duplicates(ctx, o.desk, query)
    return [c.case_no for c in result.candidates if c.likely]


def test_the_same_matter_in_other_words_is_found_behind_many_alike(
    ctx: ServiceContext, o: Office, clock: Clock
) -> None:
    master = o.register(title=TITLE, content=MASTER, caller_phone="13900001111")
    alike = crowd(o, duplicate_index.PER_CHUNK + 15)  # more than one piece's newest reach
    clock.now += timedelta(days=2)
    # another person, another title, a letter's words: found by its specifics through the index
    found = likely(ctx, o, title="再次反映企业停电问题", content=AGAIN, caller_phone="13700009999")
    assert found == [master.case_no]
    # the same title and words about another company, place and number: no likely duplicate,
    # although every case of the crowd shares its title
    other = complaint("某智能装备有限公司", "临安区工业园路", 512)
    assert likely(ctx, o, title=TITLE, content=other, caller_phone="13600002222") == []
    # one of the crowd called again: that one, not the master nor the others
    again = "来信称：" + complaint(COMPANIES[3], PLACES[3], 103)
    assert likely(ctx, o, title="关于园区停电的来信", content=again) == [alike[3].case_no]


def test_the_same_title_another_place_is_not_likely_without_a_crowd(
    ctx: ServiceContext, o: Office, clock: Clock
) -> None:
    """A fresh desk has no neighbours to weigh the words by: the specifics still decide."""
    o.register(title=TITLE, content=complaint(COMPANIES[0], PLACES[0], 12))
    clock.now += timedelta(hours=3)
    query = dict(title=TITLE, content=complaint(COMPANIES[0], PLACES[0], 310))
    assert likely(ctx, o, **query, caller_phone="13600002222") == []
    # from the caller's own phone the case is listed (the history), but not as a duplicate
    result = duplicates.find_duplicates(ctx, o.desk, DuplicateQuery(
        **query, caller_phone="13812345678"))  # type: ignore[arg-type]  # fmt: skip
    assert [(c.same_phone, c.likely) for c in result.candidates] == [(True, False)]


def test_a_case_registered_between_two_pauses_is_seen(
    ctx: ServiceContext, o: Office, clock: Clock
) -> None:
    crowd(o, 3)
    query = dict(title="再次反映企业停电问题", content=AGAIN, caller_phone="13700009999")
    assert likely(ctx, o, **query) == []  # the pieces' hits are kept for the next pause
    master = o.register(title=TITLE, content=MASTER, caller_phone="13900001111")
    clock.now += timedelta(seconds=20)
    assert likely(ctx, o, **query) == [master.case_no]


def test_the_rules_of_the_look_up_are_kept(ctx: ServiceContext, o: Office, clock: Clock) -> None:
    master = o.register(title=TITLE, content=MASTER, caller_phone="13900001111")
    again = o.register(title="再次反映企业停电问题", content=AGAIN, caller_phone="13700009999")
    clock.now += timedelta(hours=1)
    with pytest.raises(PermissionDenied):  # a section's handler does not register
        duplicates.find_duplicates(ctx, o.handler, DuplicateQuery(title=TITLE, content=MASTER))
    with pytest.raises(PermissionDenied):
        duplicates.duplicates_of_case(ctx, o.handler, again.id)
    of_case = duplicates.duplicates_of_case(ctx, o.desk, again.id).candidates
    assert [(c.case_no, c.likely) for c in of_case] == [(master.case_no, True)]
    # only cases registered before ``before_id`` (a replay of the form as it was)
    assert likely(ctx, o, title=TITLE, content=AGAIN, before_id=master.id) == []
