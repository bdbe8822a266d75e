"""Documents a section head would sign (issue 18), read back from the PDFs: the signature lines
on the same page as the text above them, a sensible page count for long content, the content
kept as written (paragraphs, indentation, runs of spaces), one 关于 in the letter's subject and
one date style on every document."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from hotline_desk.reports.doc_data import InstructionLine
from hotline_desk.reports.documents import render_documents
from hotline_desk.reports.fonts import available_fonts, cjk_font
from hotline_desk.reports.pdf_common import fmt_day, fmt_dt, make_styles, typeset
from hotline_desk.reports.reply_letter import body_lines, letter_subject
from hotline_desk.reports.text_flow import TextLines, break_text
from tests.pdf_check import artifacts_dir, page_texts, render_page
from tests.unit.test_documents import META, letter, notice, slip

needs_font = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK TrueType font")
THREE_LINES = (
    "来电人反映其企业申报的中小企业发展专项资金已通过初审公示但至今未拨付，希望尽快了解进度。\n"
    "企业资金周转困难，已影响正常生产经营。\n请相关部门尽快核实并答复。"
)
SENTENCE = "来电人反映小区东门外道路施工后一直未恢复，雨天积水严重，夜间路灯不亮，多次反映未果。"


def flat(text: str) -> str:
    return "".join(text.split())


def long_text(chars: int) -> str:
    paragraphs = [f"第{i}段：" + SENTENCE * 6 for i in range(chars // 200 + 1)]
    return "\n".join(paragraphs)[:chars]


def busy_slip(content: str) -> object:
    """A slip with everything filled in: two instructions, the approved reply, a long address."""
    instructions = (
        InstructionLine("请中小企业科抓紧核实办理，按时答复来电人。", "李局长",
                        datetime(2026, 11, 22, 15, 0)),
        InstructionLine("同意李局长意见，财务科配合。", "赵副局长", datetime(2026, 11, 23, 9, 0)),
    )  # fmt: skip
    result = (
        "已于2026年12月2日 10:00答复来电人。\n尊敬的张先生：您反映的问题已收悉。"
        "经核实，该专项资金已完成审核，将于本月底前拨付到位。"
        "如有疑问请联系中小企业科。"
    )
    return slip(content=content, instructions=instructions, result=result,
                caller_address="解放路88号某某小区12栋3单元401室****")  # fmt: skip


@needs_font
def test_three_line_slips_keep_their_signatures_on_page_one(tmp_path: Path) -> None:
    docs = [busy_slip(THREE_LINES), slip(content=THREE_LINES), busy_slip(THREE_LINES)]
    pdf = render_documents(docs, META)
    assert pdf.pages == (1, 1, 1)
    for page in page_texts(pdf.data):
        text = flat(page)
        assert "请相关部门尽快核实并答复" in text and "科室负责人" in text and "办理结果" in text
    render_page(pdf.data, artifacts_dir(tmp_path), "slip_three_lines", dpi=100)


@needs_font
def test_a_6000_character_slip_signs_on_page_one_and_continues_on_full_pages(
    tmp_path: Path,
) -> None:
    content = long_text(6000)
    pdf = render_documents([slip(content=content)], META)
    pages = [flat(p) for p in page_texts(pdf.data)]
    assert "科室负责人" in pages[0] and "下转附页" in pages[0]
    assert "附页" in pages[1] and typeset(flat(content))[-20:] in pages[-1]
    # full-width 附页 pages: no more pages than the text needs at ~45 characters a line
    needed = 1 + math.ceil(6000 / 45 * 16 / 700)
    assert len(pages) <= needed + 1, len(pages)
    body = [len(p) for p in pages[1:-1]]
    assert all(n > 1500 for n in body), body  # the pages between are full, not mostly empty
    out = artifacts_dir(tmp_path)
    render_page(pdf.data, out, "slip_6000_page1", dpi=60)
    render_page(pdf.data, out, "slip_6000_page2", dpi=60, page=2)


@needs_font
@pytest.mark.parametrize("chars", [300, 450, 600, 900])
def test_the_signatures_stand_with_the_last_content_line_or_before_the_attachment(
    chars: int,
) -> None:
    content = long_text(chars)
    pdf = render_documents([busy_slip(content)], META)
    pages = [flat(p) for p in page_texts(pdf.data)]
    signed = [i for i, p in enumerate(pages) if "科室负责人" in p]
    assert len(signed) == 1
    page = pages[signed[0]]
    assert "办理结果" in page  # never alone: the boxes above them come along
    if "下转附页" in pages[0]:
        assert signed == [0] and typeset(flat(content))[-15:] in pages[-1]
    else:
        assert signed == [len(pages) - 1] and typeset(flat(content))[-15:] in page


@needs_font
def test_an_8000_character_letter_ends_on_the_page_of_its_signature(tmp_path: Path) -> None:
    text = "尊敬的来信人：\n" + long_text(8000)
    doc = replace(letter(), reply_text=text)
    pdf = render_documents([doc], META)
    pages = [flat(p) for p in page_texts(pdf.data)]
    assert len(pages) >= 5
    assert typeset(flat(text))[-12:] in pages[-1]
    assert "2026年11月28日" in pages[-1] and "2026年11月28日" not in "".join(pages[:-1])
    render_page(pdf.data, artifacts_dir(tmp_path), "letter_8000_last", dpi=60, page=len(pages))


@needs_font
def test_notice_signatures_follow_the_last_boxes() -> None:
    pdf = render_documents([replace(notice(), reason=long_text(3000))], META)
    pages = [flat(p) for p in page_texts(pdf.data)]
    assert "签收人" in pages[-1] and "反馈情况" in pages[-1]


def test_the_letter_subject_says_guanyu_once() -> None:
    assert letter_subject("关于某路段积水的问题") == "关于“某路段积水”问题的答复"
    assert letter_subject("反映路灯不亮") == "关于“路灯不亮”问题的答复"
    assert letter_subject("路灯不亮问题") == "关于“路灯不亮”问题的答复"
    assert letter_subject("关于“停车难”的答复") == "关于“停车难”问题的答复"
    for title in ("关于关于", "关于", "问题", ""):
        assert letter_subject(title).count("关于") <= 1


@needs_font
def test_the_letter_pdf_has_one_guanyu() -> None:
    doc = replace(letter(), title="关于城东新区道路积水的问题")
    text = flat(page_texts(render_documents([doc], META).data)[0])
    assert "关于“城东新区道路积水”问题的答复" in text and text.count("关于") == 1


@needs_font
def test_one_date_style_on_every_document() -> None:
    when = datetime(2026, 12, 2, 9, 5)
    assert fmt_day(when) == "2026年12月2日" and fmt_dt(when) == "2026年12月2日 09:05"
    docs = [slip(received_at=when), notice(), replace(letter(), letter_date=when)]
    text = "".join(flat(p) for p in page_texts(render_documents(docs, META).data))
    assert "2026年12月2日" in text
    assert not re.search(r"\d{4}年0\d月|月0\d日", text)  # no 12月02日 anywhere
    assert not re.search(r"打印时间:?：?\d{4}-", text)


def test_indentation_and_runs_of_spaces_are_kept_as_written() -> None:
    st = make_styles(cjk_font(""))
    written = "尊敬的张先生：\n\u3000\u3000您好！\n\n\u3000\u3000此致\n敬礼！\n" + " " * 10 + "某市"
    lines = [ln.text for ln in body_lines(written, st)]
    assert "\u3000\u3000您好!".replace("!", "!") in [ln.replace("！", "!") for ln in lines]
    assert " " * 10 + "某市" in lines  # the spaces that right-align it
    assert "" in lines  # the writer's empty line between paragraphs
    plain = body_lines("尊敬的张先生：您好！\n\n\n经核实，已办结。\n\n\n谢谢。", st)
    assert [ln.text for ln in plain][0] == "尊敬的张先生：".replace(":", "：")
    assert "" not in [ln.text for ln in plain]  # no stray gaps: indents mark the paragraphs
    assert [ln.indent > 0 for ln in plain] == [False, True, True, True]
    pushed = body_lines("您好！\n经核实，已办结。\n敬礼！\n" + " " * 20 + "某市经济和信息化局", st)
    assert [(ln.text.strip()[:2], ln.indent > 0) for ln in pushed] == [
        ("您好", True), ("经核", True), ("敬礼", False), ("某市", False)]  # fmt: skip
    assert pushed[-1].text == " " * 20 + "某市经济和信息化局"


def test_text_lines_split_between_lines_without_rewrapping() -> None:
    st = make_styles(cjk_font(""))
    text = long_text(8000)
    lines = break_text(text, st.font.body, 10.5, 400)
    assert "".join(ln.text for ln in lines) == text.replace("\n", "")
    block = TextLines(lines, st.font.body, 10.5, 16, 400, min_lines=2)
    first, rest = block.split(400, 16 * 10 + 3)
    assert isinstance(first, TextLines) and isinstance(rest, TextLines)
    assert len(first.lines) == 10 and first.lines + rest.lines == lines
    tail = TextLines(lines[:11], st.font.body, 10.5, 16, 400, min_lines=2)
    head, after = tail.split(400, 16 * 10 + 3)
    assert len(after.lines) == 2  # never one line alone at the top of the next page


@needs_font
def test_a_long_result_keeps_its_last_lines_with_the_signatures() -> None:
    pdf = render_documents([replace(busy_slip(THREE_LINES), result=long_text(3000))], META)
    pages = [flat(p) for p in page_texts(pdf.data)]
    signed = [i for i, p in enumerate(pages) if "科室负责人" in p]
    assert signed == [len(pages) - 1]
    assert typeset(flat(long_text(3000)))[-15:] in pages[-1]
    assert "下转附页" not in pages[0]  # a short content is not sent to 附页 for nothing
