"""The printed documents as PDFs, from plain data (no database): what the text says, the
embedded CJK font, the QR code read back from the rendered page, long content flowing onto the
next page with the header repeated, a batch's page numbering, and PNGs of page 1 to look at."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from hotline_desk.domain.numbering import parse_slip_code, slip_code
from hotline_desk.reports.doc_data import (
    InstructionLine,
    LetterData,
    NoticeData,
    PrintMeta,
    SlipData,
)
from hotline_desk.reports.documents import render_documents
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.reports.pdf_common import typeset
from tests.pdf_check import (
    artifacts_dir,
    decode_qr,
    embedded_font_files,
    page_texts,
    render_page,
    text_of,
)

META = PrintMeta("某市经济和信息化局", "王督办", datetime(2026, 11, 22, 10, 30))
CONTENT = "来电人反映其企业申报的中小企业发展专项资金已通过初审公示但至今未拨付，希望尽快了解进度。"

needs_font = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK TrueType font")


def slip(**overrides: object) -> SlipData:
    base = SlipData(
        case_no="RX20261122-0007", query_code="416138",
        qr_payload=slip_code("RX20261122-0007", "416138"), channel="市长热线",
        received_at=datetime(2026, 11, 22, 9, 12), platform_ref="PT-88001",
        caller_name="张*明", caller_phone="138****5678", caller_address="解放路88号****",
        personal_note="来电人个人信息已按规定脱敏。", category="投诉", topic="资金扶持",
        urgency="紧急", important=True, tier="转办科室",
        title="反映专项资金迟迟未拨付", content=CONTENT, lead_unit="中小企业科",
        handling_unit="", assist_units=("财务科", "产业发展科"),
        dispatched_at=datetime(2026, 11, 22, 10, 5), sign_deadline=datetime(2026, 11, 23, 17, 30),
        reply_deadline=datetime(2026, 12, 11, 17, 30), reply_limit="15个工作日",
        office_opinion="请中小企业科牵头核实拨付进度。",
        instructions=(InstructionLine("请抓紧办理。", "李局长", datetime(2026, 11, 22, 15, 0)),),
        result="",
    )  # fmt: skip
    return replace(base, **overrides)  # type: ignore[arg-type]


def notice() -> NoticeData:
    s = slip()
    return NoticeData(
        order_no="督〔2026〕第17号", level="red", level_label="红牌督办", unit_name="中小企业科",
        reason="已超过答复时限3个工作日，两次催办未反馈。", issued_by="王督办",
        issued_at=datetime(2026, 12, 14, 9, 0), response_due=datetime(2026, 12, 16, 17, 30),
        order_status="待回复", response="", responded_by="", responded_at=None,
        case_no=s.case_no, query_code=s.query_code, qr_payload=s.qr_payload, title=s.title,
        channel=s.channel, received_at=s.received_at, lead_unit=s.lead_unit,
        assist_units=s.assist_units, case_status="办理中", reply_deadline=s.reply_deadline,
        reply_limit=s.reply_limit, overdue=True, urge_count=2,
    )  # fmt: skip


def letter() -> LetterData:
    text = "尊敬的张先生/女士：\n您好！您反映的问题已收悉。\n\n经核实，资金将于本月底前拨付。"
    return LetterData("RX20261122-0007", "反映专项资金迟迟未拨付", text,
                      datetime(2026, 11, 28, 16, 0), datetime(2026, 11, 22, 9, 12))  # fmt: skip


@needs_font
def test_slip_shows_the_case_fields_and_masked_caller(tmp_path: Path) -> None:
    pdf = render_documents([slip()], META)
    text = text_of(pdf.data)
    for expected in ("某市经济和信息化局", "市长热线办件交办单", "RX20261122-0007", "416138",
                     "市长热线", "2026年11月22日09:12", "PT-88001", "张*明", "138****5678",
                     "投诉", "资金扶持", "紧急", "转办科室", "反映专项资金迟迟未拨付",
                     "中小企业科", "财务科、产业发展科", "2026年11月23日17:30",
                     "2026年12月11日17:30", "15个工作日", "请中小企业科牵头核实拨付进度",
                     "请抓紧办理", "李局长", "领导批示", "办理结果", "经办人", "科室负责人",
                     "打印人：王督办", "打印时间：2026年11月22日10:30", "第1页共1页"):  # fmt: skip
        assert typeset(expected).replace(" ", "") in text, expected
    assert "张三明" not in text and "13812345678" not in text
    assert pdf.pages == (1,)
    render_page(pdf.data, artifacts_dir(tmp_path), "slip_page1")


@needs_font
def test_the_font_is_embedded_as_a_truetype_subset() -> None:
    pdf = render_documents([slip(), notice(), letter()], META)
    fonts = embedded_font_files(pdf.data)
    cjk = [(name, key) for name, key in fonts if "CJK" in name or "+" in name]
    assert cjk and all(key == "/FontFile2" for _name, key in cjk), fonts
    assert pdf.font.embedded and not pdf.font.warning


@needs_font
def test_the_qr_code_decodes_to_case_number_and_query_code(tmp_path: Path) -> None:
    pdf = render_documents([slip()], META)
    png = render_page(pdf.data, artifacts_dir(tmp_path), "slip_qr", dpi=150)
    codes = decode_qr(png)
    assert codes == ["RX20261122-0007 416138"]
    assert parse_slip_code(codes[0]) == ("RX20261122-0007", "416138")


@needs_font
def test_long_content_flows_onto_page_two_with_the_header(tmp_path: Path) -> None:
    long = "".join(f"第{i}段：企业反映资金拨付进度缓慢，请求协调。" for i in range(300))
    assert len(long) >= 5000
    pdf = render_documents([slip(content=long)], META)
    pages = page_texts(pdf.data)
    assert len(pages) >= 2 and pdf.pages == (len(pages),)
    second = "".join(pages[1].split())
    assert typeset("市长热线办件交办单（续）") in second and "RX20261122-0007" in second
    assert f"第2页共{len(pages)}页" in second and typeset("打印人：王督办") in second
    flat = "".join("".join(p.split()) for p in pages)
    assert typeset("第299段：企业反映") in flat  # nothing lost at the page breaks
    assert "经办人" in "".join(pages[0].split())  # the form and its signatures on page 1
    assert typeset("附页诉求内容（接第1页）") in second  # the rest of the content follows it
    render_page(pdf.data, artifacts_dir(tmp_path), "slip_long_page2", page=2)


@needs_font
def test_a_batch_numbers_each_document_on_its_own(tmp_path: Path) -> None:
    long = CONTENT * 40
    docs = [slip(), slip(case_no="RX20261122-0008", content=long), notice(), letter()]
    pdf = render_documents(docs, META)
    pages = ["".join(p.split()) for p in page_texts(pdf.data)]
    assert len(pages) == sum(pdf.pages) and pdf.pages[0] == 1 and pdf.pages[1] >= 2
    assert "第1页共1页" in pages[0]
    assert f"第1页共{pdf.pages[1]}页" in pages[1] and "RX20261122-0008" in pages[2]
    out = artifacts_dir(tmp_path)
    render_page(pdf.data, out, "notice_page1", page=sum(pdf.pages[:2]) + 1)
    render_page(pdf.data, out, "letter_page1", page=len(pages))


@needs_font
def test_a_batch_of_slips_is_one_document_with_a_page_per_case() -> None:
    """N slips print as one PDF of N pages, page k carrying case k's number and its own QR
    payload (the batch shares one font and one layout of the labels, never a case's data)."""
    n = 12
    numbers = [f"RX20261122-{k:04d}" for k in range(1, n + 1)]
    docs = [slip(case_no=no, qr_payload=slip_code(no, f"{k:06d}"), query_code=f"{k:06d}",
                 title=f"第{k}件：反映专项资金迟迟未拨付", content=CONTENT * (1 + k % 3))
            for k, no in enumerate(numbers, 1)]  # fmt: skip
    pdf = render_documents(docs, META)
    reader = PdfReader(io.BytesIO(pdf.data))
    assert pdf.pages == (1,) * n and len(reader.pages) == n
    assert pdf.data.count(b"%%EOF") == 1  # one document, not N concatenated
    for k, (page, no) in enumerate(zip(page_texts(pdf.data), numbers, strict=True), 1):
        text = "".join(page.split())
        assert f"办件编号：{no}" in text and f"第{k}件" in text
        assert [other for other in numbers if other != no and other in text] == []
        assert "第1页共1页" in text
    fonts = {tuple(sorted(str(v.idnum) for v in page["/Resources"]["/Font"].values()))
             for page in reader.pages}  # fmt: skip
    assert len(fonts) == 1  # every page draws with the same embedded subsets


@needs_font
def test_notice_and_letter_texts() -> None:
    text = text_of(render_documents([notice()], META).data)
    for expected in ("市长热线办件督办通知单", "督〔2026〕第17号", "红牌督办", "中小企业科：",
                     "已超过答复时限", "2026年12月16日17:30", "2次", "待回复",
                     "签收人"):  # fmt: skip
        assert typeset(expected) in text, expected
    body = text_of(render_documents([letter()], META).data)
    for expected in ("某市经济和信息化局", "办件编号:RX20261122-0007",
                     "关于“专项资金迟迟未拨付”问题的答复", "尊敬的张先生/女士：",
                     "资金将于本月底前拨付", "2026年11月28日", "第1页共1页"):  # fmt: skip
        assert typeset(expected) in body, expected
    assert "打印人" not in body  # the citizen's letter does not name the clerk


@needs_font
def test_long_names_and_empty_fields_still_lay_out() -> None:
    meta = replace(META, bureau_name="某某省某某市经济和信息化局（市中小企业发展促进中心）" * 2)
    docs = [
        slip(
            caller_name="",
            caller_phone="",
            caller_address="",
            platform_ref="",
            instructions=(),
            office_opinion="",
            assist_units=(),
            dispatched_at=None,
            sign_deadline=None,
            reply_deadline=None,
            content="\n\n",
            title="标" * 100,
        )
    ]
    pdf = render_documents(docs, meta)
    text = text_of(pdf.data)
    assert "标" * 30 in text and "经办人" in text and len(page_texts(pdf.data)) == pdf.pages[0]


def test_typeset_uses_full_width_punctuation_only_inside_chinese() -> None:
    assert typeset("来电人（匿名）反映，问题:A") == "来电人\uff08匿名\uff09反映\uff0c问题\uff1aA"
    assert typeset("17:30 (15 days) a,b") == "17:30 (15 days) a,b"


def test_nothing_to_print_is_refused() -> None:
    with pytest.raises(ValueError):
        render_documents([], META)


@needs_font
def test_the_font_subset_reads_the_font_file_once_and_stays_reportlabs() -> None:
    """The registered font keeps its tables once read and takes glyphs where they lie (reportlab
    copied the 10 MB ``glyf`` table out of the file for every subset of every PDF): a subset made
    so is byte for byte the one reportlab makes from the file, and a second PDF reads no table
    again."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFile

    from hotline_desk.reports.fonts import cjk_font, font_for

    render_documents([slip()], META)  # the font registered and a first PDF subset
    face = pdfmetrics.getFont(cjk_font().body).face
    subset = [0, 32, *map(ord, "市长热线办件交办单（）：，。0123456789ABC")]
    candidate = font_for()
    assert candidate is not None
    fresh = TTFontFile(candidate.path, subfontIndex=candidate.index)
    assert face.makeSubset(subset) == fresh.makeSubset(subset)
    glyf = face.get_table("glyf")
    render_documents([slip()], META)
    assert face.get_table("glyf") is glyf  # kept, not copied out of the file again
