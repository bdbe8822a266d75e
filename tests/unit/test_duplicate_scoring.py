"""Duplicate scoring on crafted pairs: the same caller in other words, the same matter from
another phone, and unrelated cases — including ones worded like it about another company and
place — that must not match. As in any real window, the crafted cases sit among many cases
worded the same way (``SAME_WORDING``): that is what tells the scorer which words are template."""

from __future__ import annotations

from hotline_desk.domain import duplicates as d

POWER = (
    "反映园区企业频繁停电",
    "来电人反映杭州某精密机械有限公司所在的滨江区科技大道园区近一个月频繁停电，"
    "严重影响正常生产经营，希望供电部门提前告知停电安排并尽快恢复供电。具体地址为滨江区科技大道88号。",
)
POWER_AGAIN = (
    "再次反映企业停电问题",
    "来电人称此前已反映过，杭州某精密机械有限公司所在的滨江区科技大道园区仍然频繁停电，"
    "影响生产经营，希望尽快恢复供电。具体地址为滨江区科技大道88号。",
)
POWER_LETTER = (
    "关于园区停电影响生产的来信",
    "来信反映：滨江区科技大道88号杭州某精密机械有限公司所在园区近一个月频繁停电，"
    "严重影响正常生产经营，请供电部门提前告知停电安排。",
)
OTHER_POWER = (  # the same complaint wording, another company and place
    "反映园区企业频繁停电",
    "来电人反映某纺织印染有限公司所在的萧山区市心路园区近一个月频繁停电，"
    "严重影响正常生产经营，希望供电部门提前告知停电安排并尽快恢复供电。具体地址为萧山区市心路512号。",
)
FUNDS = (
    "咨询专精特新企业认定条件",
    "来电人咨询专精特新中小企业认定的申报条件、时间安排和评审标准。具体地址为西湖区文三路12号。",
)
NOISE = (
    "反映夜间爆破扰民",
    "来电人反映余杭区人民大道附近工地存在违规爆破作业，夜间噪音和震动严重影响居民休息。",
)


COMPANIES = ("某电子科技有限公司", "某食品有限公司", "某建材有限公司", "某化工有限公司",
             "某医疗器械有限公司")  # fmt: skip
PLACES = ("西湖区文三路", "余杭区人民大道", "上城区解放路", "临平区新城路", "钱塘区江南大道")
SAME_WORDING = [
    ("反映园区企业频繁停电",
     f"来电人反映{c}所在的{p[:3]}{p[3:]}园区近一个月频繁停电，严重影响正常生产经营，"
     f"希望供电部门提前告知停电安排并尽快恢复供电。具体地址为{p}{17 * i + 3}号。")
    for i, (c, p) in enumerate((c, p) for c in COMPANIES for p in PLACES)
]  # fmt: skip
"""Twenty-five unrelated power-cut complaints in the same words."""


def text(pair: tuple[str, str]) -> d.Text:
    return d.Text.of(*pair)


def best(query: tuple[str, str], others: list[tuple[str, str]],
         phones: list[bool] | None = None) -> list[d.Scored]:  # fmt: skip
    """Rank ``others`` (indexes 0…) with the same-wording crowd after them."""
    crowd = others + SAME_WORDING
    flags = (phones or [False] * len(others)) + [False] * len(SAME_WORDING)
    return d.rank(text(query), [text(o) for o in crowd], flags, limit=50)


def test_the_same_caller_in_other_words_is_a_likely_duplicate() -> None:
    found = best(POWER_AGAIN, [POWER, FUNDS, NOISE, OTHER_POWER], [True, False, False, False])
    assert found[0].index == 0 and found[0].likely
    assert found[0].title < 0.5, "the titles differ: the content and the phone carry it"
    assert [x.index for x in found if x.likely] == [0]


def test_the_same_matter_from_another_phone_is_a_likely_duplicate() -> None:
    found = best(POWER_LETTER, [NOISE, OTHER_POWER, POWER, FUNDS])
    assert found[0].index == 2 and found[0].likely
    assert not any(x.likely for x in found if x.index != 2)


def test_same_wording_about_another_company_is_not_a_duplicate() -> None:
    """Many unrelated cases share the complaint's wording; the specifics tell them apart."""
    found = best(POWER, [OTHER_POWER, POWER_AGAIN, FUNDS, NOISE])
    assert [x.index for x in found if x.likely] == [1]
    other = next((x for x in found if x.index == 0), None)
    assert other is None or other.score < found[0].score


def test_unrelated_cases_do_not_match() -> None:
    assert best(FUNDS, [POWER, NOISE, OTHER_POWER]) == []
    assert best(NOISE, [POWER, FUNDS, POWER_AGAIN]) == []


def test_the_same_phone_is_always_shown_but_not_always_likely() -> None:
    found = best(FUNDS, [NOISE, POWER], [True, False])
    assert [(x.index, x.likely) for x in found] == [(0, False)]


def test_without_a_crowd_the_specifics_still_tell_them_apart() -> None:
    """Alone (a fresh database: no neighbours to weigh the words by), two cases in the same
    words about another company and place are still not duplicates: their specifics differ;
    from the same phone the case is listed (the caller's history) but not as likely."""
    assert d.rank(text(POWER), [text(OTHER_POWER)], [False]) == []
    found = d.rank(text(POWER), [text(OTHER_POWER)], [True])
    assert [(x.index, x.likely) for x in found] == [(0, False)]
    assert found[0].title == 1.0


def test_specifics_are_numbers_places_and_companies() -> None:
    named = d.marks("来信反映：滨江区科技大道88号杭州某精密机械有限公司，损失5万元")
    assert {"滨江区", "科技大道", "88号", "机械公司", "5万元"} <= named
    assert d.marks_differ(d.marks(POWER[1]), d.marks(OTHER_POWER[1]))
    assert not d.marks_differ(d.marks(POWER[1]), d.marks(POWER_LETTER[1]))
    assert not d.marks_differ(d.marks(POWER[1]), frozenset()), "nothing named: no conflict"


def test_same_title_another_place_is_not_likely_even_as_the_only_candidate() -> None:
    query = ("反映西湖区企业频繁停电", "来电人反映园区频繁停电。具体地址为西湖区文三路12号。")
    other = ("反映西湖区企业频繁停电", "来电人反映园区频繁停电。具体地址为西湖区延安路310号。")
    again = ("再次反映企业频繁停电", "来电人再次来电：园区频繁停电。具体地址为西湖区文三路12号。")
    found = d.rank(text(query), [text(other), text(again)], [False, False])
    assert [x.index for x in found if x.likely] == [1]


def test_a_few_typed_characters_of_content_do_not_outweigh_the_title() -> None:
    typed = (POWER_LETTER[0], POWER_LETTER[1][:6])
    full = best(POWER_LETTER, [POWER])
    partial = best(typed, [POWER])
    title_only = best((POWER_LETTER[0], ""), [POWER])
    assert full and full[0].likely
    score_partial = partial[0].score if partial else 0.0
    score_title = title_only[0].score if title_only else 0.0
    assert abs(score_partial - score_title) < 0.15


def test_nothing_typed_matches_nothing() -> None:
    assert best(("", ""), [POWER, FUNDS]) == []
