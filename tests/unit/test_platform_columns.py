"""The platform export's pure rules: header names and synonyms, finding the header under a
title row and across two levels, cells as the desk reads them (Excel dates and serials, date
strings in the platform's ways, numbers stored as numbers or text, full-width digits)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hotline_desk.domain import platform_columns as pc


def test_headers_and_synonyms() -> None:
    assert pc.builtin_field("问题描述/诉求内容") == "content"
    assert pc.builtin_field(" 市截止时间（办理时限） ") == "external_deadline"
    assert pc.builtin_field("办理时限") == "external_deadline"
    assert pc.builtin_field("工单编号*") == "platform_ref"
    assert pc.builtin_field("诉求人手机") is None
    mapping, unknown = pc.resolve_mapping(["工单号", "标题", "诉求人手机", "内容"],
                                          {"诉求人手机": "caller_phone", "内容": ""})  # fmt: skip
    assert mapping == {0: "platform_ref", 1: "title", 2: "caller_phone"} and unknown == []
    assert pc.missing_required(mapping) == ["诉求内容"]


def test_header_under_a_title_row_and_over_two_levels() -> None:
    rows = [
        ("某市12345工单导出", None, None, None),
        ("工单编号", "标题", "诉求人信息", None),
        (None, None, "诉求人姓名", "来电号码"),
        ("A1", "t", "张三", "13812345678"),
    ]
    at, depth = pc.find_header(rows, {})
    assert (at, depth) == (1, 2)
    assert pc.header_names(rows, at, depth) == ["工单编号", "标题", "诉求人姓名", "来电号码"]
    data = [("工单编号", "标题"), ("A1", "工单编号")]  # a data row is not taken for a header
    assert pc.find_header(data, {}) == (0, 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2026, 11, 18, 9, 30, 0, 500), datetime(2026, 11, 18, 9, 30)),
        (date(2026, 11, 18), datetime(2026, 11, 18)),
        (46344.395833333336, datetime(2026, 11, 18, 9, 30)),  # an Excel serial
        ("2026-11-18 09:30:00", datetime(2026, 11, 18, 9, 30)),
        ("2026/11/18 9:30", datetime(2026, 11, 18, 9, 30)),
        ("2026年11月18日 09:30", datetime(2026, 11, 18, 9, 30)),
        ("2026.11.18", datetime(2026, 11, 18)),
        ("２０２６-１１-１８", datetime(2026, 11, 18)),
        ("20261118093000", datetime(2026, 11, 18, 9, 30)),
        ("", None),
        (None, None),
    ],
)
def test_times(cell: object, expected: datetime | None) -> None:
    assert pc.parse_time(cell) == expected


def test_a_time_that_is_none_is_refused() -> None:
    with pytest.raises(ValueError):
        pc.parse_time("下周一")


def test_codes_and_flags() -> None:
    assert pc.code_text(13812345678.0) == "13812345678"  # stored as a number
    assert pc.code_text("１３８ １２３４ ５６７８") == "13812345678"  # full-width, spaced
    assert pc.code_text("'0571-87654321") == "0571-87654321"  # Excel's text apostrophe
    assert pc.cell_text(202611180001.0) == "202611180001"
    assert pc.parse_flag("是") and not pc.parse_flag("否") and not pc.parse_flag(None)
    with pytest.raises(ValueError):
        pc.parse_flag("也许")


def test_a_row_is_read_with_its_problems_named() -> None:
    mapping = {0: "platform_ref", 1: "urgency", 2: "received_at", 3: "confidential"}
    row = pc.read_row(5, ("Ａ１", "十万火急", "昨天", "是"), mapping)
    assert row.values["platform_ref"] == "A1" and row.flags["confidential"]
    assert set(row.problems) == {"urgency", "received_at"}
    assert "一般、紧急、特急" in row.problems["urgency"]


def test_a_rows_fingerprint_is_the_sha256_of_its_json() -> None:
    """The digest stored to tell an unchanged row next time: the JSON written by hand is
    ``json.dumps``'s, whatever the text holds (quotes, backslashes, control characters)."""
    import hashlib
    import json
    from dataclasses import fields

    from hotline_desk.domain.validation import CaseInput
    from hotline_desk.services.intake.rows import fingerprint

    for title, deadline in (
        ('反映"引号"\\反斜杠\t制表\n换行\x01', datetime(2026, 11, 25, 18, 0)),
        ("plain ascii", None),
        ("\u2028 \ud7ff 😀", datetime(2026, 1, 2, 3, 4, 5)),
    ):
        data = CaseInput(channel="platform", received_at=datetime(2026, 11, 18, 9, 30),
                         caller_name="王五", caller_phone="13900000001", title=title,
                         content=title * 2, category="consult", topic_id=3, urgency="normal",
                         caller_address="", platform_ref="SZ1", anonymous=False,
                         confidential=True, publish_consent=False)  # fmt: skip
        body = {f.name: str(getattr(data, f.name)) for f in fields(CaseInput)}
        del body["topic_id"]
        body |= {"external_deadline": str(deadline), "platform_dispatched_at": str(None)}
        raw = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
        assert fingerprint(data, deadline, None) == hashlib.sha256(raw).hexdigest()
