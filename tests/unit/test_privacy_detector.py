"""The personal-data detector of issue 15 (``domain.privacy``): each kind it finds, its marks,
bracket safety, what it keeps (统一社会信用代码, amounts, dates, case numbers, 12345), checksum
and Luhn negatives, the caller's own fields in variant forms, the goals on the labelled set
(computed from the data, both splits), and never crashing on any text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline_desk.domain.privacy.detector import find_personal, scrub
from hotline_desk.domain.privacy.findings import Kind, Known, apply
from hotline_desk.domain.privacy.measure import GROUPS, baseline_findings, score
from hotline_desk.domain.privacy.numbers import luhn, valid_id15, valid_id18, valid_uscc

DATA = Path(__file__).resolve().parent.parent / "data"
ID18 = "441900198503120038"  # made up, with a correct check digit
USCC = "91441900MA4UJ8QX2W"


def kinds(text: str, known: Known = Known()) -> list[tuple[str, Kind]]:  # noqa: B008
    return [(f.found, f.kind) for f in find_personal(text, known)]


def test_check_characters() -> None:
    assert valid_id18(ID18) and not valid_id18(ID18[:-1] + "1")
    assert not valid_id18("441900198513120031")  # month 13
    assert valid_id15("441900850312003") and not valid_id15("441900851312003")
    assert valid_uscc(USCC) and not valid_uscc(USCC[:-1] + "A")
    assert luhn("6222021234567890128") and not luhn("6222021234567890129")


def test_numbers_are_found_with_their_checks() -> None:
    text = (
        f"身份证{ID18}，手机+86 139-1234-5678，座机0769-22345678，"
        "车牌粤S·12345和粤BD12345，邮箱zhang@qq.com，卡号6222 0212 3456 7890 128。"
    )
    found = kinds(text)
    assert (ID18, Kind.ID_NUMBER) in found
    assert ("+86 139-1234-5678", Kind.PHONE) in found
    assert ("0769-22345678", Kind.PHONE) in found
    assert ("粤S·12345", Kind.PLATE) in found and ("粤BD12345", Kind.PLATE) in found
    assert ("zhang@qq.com", Kind.EMAIL) in found
    assert ("6222 0212 3456 7890 128", Kind.BANK_CARD) in found


def test_full_width_digits_are_read() -> None:
    assert kinds("电话１３９１２３４５６７８。") == [("１３９１２３４５６７８", Kind.PHONE)]


def test_failing_checks_are_not_personal() -> None:
    assert kinds("编号441900198503120039，流水号6222021234567890129。") == []


def test_a_mistyped_id_number_announced_as_one_is_hidden_all_the_same() -> None:
    mistyped = "440104199003071234"  # a real birth date, the check character wrong
    assert kinds(f"身份证号码：{mistyped}，请核实。") == [(mistyped, Kind.ID_NUMBER)]
    assert kinds(f"订单{mistyped}已付款。") == []


def test_an_organisations_credit_code_is_kept() -> None:
    text = f"该公司统一社会信用代码{USCC}，法定代表人另有其人。"
    assert find_personal(text) == []
    assert scrub(text) == text


def test_numbers_that_are_not_a_persons_stay() -> None:
    text = (
        "工单号2026-12-000123，请拨打12345；欠薪35000元，3室2厅120平方米，"
        "于20260315和2026年3月15日晚上10点反映，共有12户，第3组检查人员。"
    )
    assert find_personal(text) == []


def test_a_bracketed_landline_keeps_its_brackets() -> None:
    assert scrub("请联系（0769-22345678）。") == "请联系（电话已隐去）。"
    assert scrub("请联系（0769-22345678）。") == "请联系（电话已隐去）。"
    assert scrub("电话：（0769）22345678。") == "电话：已隐去。"


def test_an_announced_number_is_not_announced_twice() -> None:
    out = scrub("联系电话：13912345678，身份证号：" + ID18)
    assert out == "联系电话：已隐去，身份证号：已隐去"
    assert "电话电话" not in scrub("电话13912345678")


def test_a_number_announced_before_its_bracket() -> None:
    assert scrub("老板电话（0769-22345678）。") == "老板电话（已隐去）。"


def test_officials_titles_keep_the_title() -> None:
    assert scrub("联系人：李科长，会计张丽说") == "联系人：某科长，会计张某说"


def test_a_local_number_needs_a_word_announcing_it() -> None:
    assert kinds("座机22345678") == [("22345678", Kind.PHONE)]
    assert kinds("罚款22345678元") == []


def test_salutations_handles_and_introduced_names() -> None:
    text = (
        "尊敬的张先生：网友“东莞小市民”反映，我叫王丽娟，邻居刘德明也说，王师傅和保安大爷都知道。"
    )
    out = scrub(text)
    assert out == "尊敬的某先生：网友“某某”反映，我叫王某，邻居刘某也说，某师傅和保安大爷都知道。"


def test_a_persons_name_inside_a_business_name() -> None:
    assert scrub("东莞市张建国五金店晚上施工。") == "东莞市张某五金店晚上施工。"


def test_compound_surnames() -> None:
    assert scrub("业主欧阳建华说") == "业主欧阳某说"


def test_street_and_estate_addresses_down_to_the_room() -> None:
    text = "我住在东莞市南城区宏图路93号，朋友住碧桂园小区3栋2单元501室，老家石新村八组。"
    out = scrub(text)
    assert out == "我住在东莞市南城区某路某号，朋友住某小区某栋，老家某村某组。"
    assert scrub("科技大道77号的商铺") == "某大道某号的商铺"


def test_lettered_buildings_and_rooms_with_hao() -> None:
    assert scrub("住碧桂园A座1203，") == "住某小区某栋，"
    assert scrub("住御景湾B2栋2单元1203号。") == "住某小区某栋。"
    assert scrub("电话0769-2234 5678。") == "电话已隐去。"


def test_a_road_or_estate_without_a_number_stays() -> None:
    text = "宏图路一带停电，碧桂园小区也停了，南城区城管局已处理。"
    assert scrub(text) == text


def test_known_fields_in_their_variant_forms() -> None:
    known = Known(
        names=("欧阳建华",),
        phones=("0769-22345678",),
        addresses=("广东省东莞市樟木头镇石新村八组23号",),
    )
    text = "欧阳女士：您反映的樟木头石新村8组5楼的问题，已电话22345678联系您本人。"
    found = kinds(text, known)
    assert ("欧阳女士", Kind.NAME) in found
    assert ("石新村8组5楼", Kind.ADDRESS) in found
    assert ("22345678", Kind.PHONE) in found
    assert scrub("三栋二单元", Known(addresses=("碧桂园3栋2单元501",))) == "某栋某单元"


def test_findings_are_in_order_and_apply_replaces_them() -> None:
    text = "我叫王丽娟，电话13912345678，住宏图路93号。"
    found = find_personal(text)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert apply(text, found) == scrub(text)


def test_the_segmenter_loads_on_first_use_only() -> None:
    code = (
        "import sys\nfrom hotline_desk.domain.privacy import detector\n"
        "assert 'jieba' not in sys.modules\n"
        "detector.scrub('我叫张建国')\nassert 'jieba' in sys.modules\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True,
                   env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_first_use_from_several_threads_at_once() -> None:
    code = (
        "import sys, threading\nfrom hotline_desk.domain.privacy import detector\n"
        "text = '我叫张建国，住宏图路93号，邻居刘德明，电话13912345678。'\n"
        "out = []\n"
        "run = lambda: out.append(detector.scrub(text))\n"
        "ts = [threading.Thread(target=run) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert len(out) == 8 and len(set(out)) == 1, out\n"
        "assert out[0] == '我叫张某，住某路某号，邻居刘某，电话已隐去。', out[0]\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True,
                   env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_known_phone_and_address_in_other_separators_and_floors() -> None:
    known = Known(phones=("13912345678",), addresses=("东莞市南城区碧桂园三栋二单元501室",))
    text = "回访139 1234 5678，地址碧桂园3栋2单元五层501房。"
    found = kinds(text, known)
    assert ("139 1234 5678", Kind.PHONE) in found
    assert ("碧桂园3栋2单元五层501房", Kind.ADDRESS) in found


def _items(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize(
    "name",
    ["privacy_letters.jsonl", "privacy_letters_heldout.jsonl", "privacy_letters_fresh.jsonl"],
)
def test_goals_on_the_labelled_set(name: str) -> None:
    items = _items(name)
    assert len(items) >= 100
    tallies = score(items, find_personal)
    base = score(items, baseline_findings)
    for group in GROUPS:
        t = tallies[group]
        assert t.labelled >= 50, group
        assert t.recall >= 0.95, (group, t.recall, t.missed[:10])
        assert t.precision >= 0.90, (group, t.precision, t.wrong[:10])
        assert t.recall > base[group].recall, group


def test_the_labelled_set_is_big_and_varied() -> None:
    items = _items("privacy_letters.jsonl") + _items("privacy_letters_heldout.jsonl")
    items += _items("privacy_letters_fresh.jsonl")
    assert len(items) >= 200
    assert {i["kind"] for i in items} == {"letter", "reply"}
    for item in items:
        for start, end, group in item["spans"]:
            assert group in GROUPS and 0 <= start < end <= len(item["text"])


def _balance(text: str) -> list[int]:
    return [text.count(o) - text.count(c) for o, c in ("()", "（）", "【】", "“”")]


_PIECES = st.sampled_from(
    ["(", ")", "（", "）", "【", "】", "“", "”", "0769-", "22345678", "139", "1234", "5678", "张",
     "先生", "建国", "宏图路", "93号", "3栋", "2单元", "501室", "八组", "我叫", "网友", "电话",
     ID18, USCC, "粤S·12345", "a@b.cn", " ", "-", "+86", "１３９"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=25).map("".join)))
def test_never_crashes_and_keeps_brackets(text: str) -> None:
    found = find_personal(text, Known(names=("张建国",), phones=("13912345678",),
                                      addresses=("宏图路93号",)))  # fmt: skip
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[f.start : f.end] == f.found for f in found)
    if all(b == 0 for b in _balance(text)):
        assert all(b == 0 for b in _balance(apply(text, found)))
