"""The 答复函 as Word, on SQLite and PostgreSQL: what the .docx says for a replied case (the same
文号, subject, paragraphs, date and contact as the PDF), masking and the audited reveal, the
office's own template (its formatting kept, placeholders split over runs), a template refused
for missing placeholders, going back to the built-in one, and who may change it."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from docx.shared import Pt
from sqlalchemy import select

from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.reports import letter_docx
from hotline_desk.services.admin import office
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies
from hotline_desk.services.output import letter_word
from hotline_desk.store.models import AuditLog
from tests.services.test_lifecycle_paths import Office
from tests.services.test_printing import dispatched

REPLY = ("尊敬的市民朋友：\n您好！经核实，专项资金将于本月底前拨付。\n\n"
         "如有疑问，请与我局联系。\n此致\n敬礼！")  # fmt: skip


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def replied(ctx: ServiceContext, o: Office, text: str) -> CaseDetail:
    d = dispatched(ctx, o)
    d = handling.sign_case(ctx, o.handler, d.id, d.version)
    d = replies.submit_reply(ctx, o.handler, d.id, d.version, text)
    return replies.approve_reply(ctx, o.head, d.id, d.version, "同意")


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def actions(ctx: ServiceContext, *names: str) -> list[tuple[str, str, dict[str, object]]]:
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.action, AuditLog.object_id, AuditLog.detail)
            .where(AuditLog.action.in_(names)).order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(a, o, json.loads(d)) for a, o, d in rows]


def custom_template() -> bytes:
    """An office's own template: a bold letterhead typed in, placeholders split over runs as Word
    does after an edit, no 称呼 (the opening then leads the body) and no contact line."""
    doc = Document()
    head = doc.add_paragraph()
    run = head.add_run("某市工信局办公室便函")
    run.bold = True
    run.font.size = Pt(22)
    number = doc.add_paragraph()
    for piece in ("文号：{", "{文", "号}", "}"):
        number.add_run(piece)
    title = doc.add_paragraph()
    title.add_run("{{标题}}").italic = True
    body = doc.add_paragraph("{{正文}}")
    body.paragraph_format.first_line_indent = Pt(24)
    doc.add_paragraph("{{落款}}  {{日期}}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_word_letter_says_what_the_pdf_letter_says(
    ctx: ServiceContext,
    office_: Office,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor("sys_admin")
    office.save_settings(ctx, admin, {
        office.BUREAU_SHORT.key: "工信局",
        office.LETTER_NO_PATTERN.key: "{bureau_short}函〔{year}〕{seq}号",
        office.LETTER_CONTACT.key: "刘科长",
        office.LETTER_PHONE.key: "0000-12345678",
    })  # fmt: skip
    r = replied(ctx, office_, REPLY)
    letter = letter_word.word_letter(ctx, office_.desk, r.id)
    text = paragraphs(letter.data)
    now = ctx.now()
    assert text[0] == "某市经济和信息化局"  # the letterhead
    assert text[1] == f"办件编号：{r.case_no}\t工信局函〔{now.year}〕{r.id}号"
    assert "关于“咨询中小企业专项资金申报条件”问题的答复" in text
    start = text.index("尊敬的市民朋友：")
    assert text[start + 1 : start + 5] == [
        "您好！经核实，专项资金将于本月底前拨付。",
        "如有疑问，请与我局联系。",
        "此致",
        "敬礼！",
    ]  # as written, the empty line between paragraphs dropped
    assert f"{now.year}年{now.month}月{now.day}日" in text
    assert "（联系人：刘科长，联系电话：0000-12345678）" in text
    assert sum(t.count("关于") for t in text) == 1
    assert letter.file_name == f"{r.case_no}_答复函.docx" and not letter.revealed
    assert actions(ctx, "print_letter")[-1][1:] == (r.case_no, {"output": "docx_file"})
    office.save_settings(ctx, admin, {office.LETTER_CONTACT.key: "", office.LETTER_PHONE.key: ""})
    plain = paragraphs(letter_word.word_letter(ctx, office_.desk, r.id).data)
    assert not any("联系人" in t for t in plain)  # no contact set: no contact line


def test_masked_unless_revealed_and_audited(ctx: ServiceContext, office_: Office) -> None:
    r = replied(ctx, office_, "张三明先生：\n您反映的解放路88号3单元的问题已处理。")
    masked = "\n".join(paragraphs(letter_word.word_letter(ctx, office_.desk, r.id).data))
    assert "张三明" not in masked and "3单元" not in masked
    shown = letter_word.word_letter(ctx, office_.desk, r.id, reveal=True)
    assert "张三明先生：" in paragraphs(shown.data) and shown.revealed
    assert [a for a, _o, _d in actions(ctx, "print_letter", "personal_reveal")][-2:] == [
        "print_letter", "personal_reveal"]  # fmt: skip
    with pytest.raises(PermissionDenied):
        letter_word.word_letter(ctx, office_.unit_staff, r.id, reveal=True)


def test_no_letter_before_an_approved_reply(ctx: ServiceContext, office_: Office) -> None:
    d = dispatched(ctx, office_)
    with pytest.raises(NotFound, match="审核通过的答复"):
        letter_word.word_letter(ctx, office_.desk, d.id)
    with pytest.raises(NotFound):  # another section's case is not there for its staff
        letter_word.word_letter(ctx, office_.other_handler, d.id)


def test_an_edited_template_keeps_its_formatting(
    ctx: ServiceContext,
    office_: Office,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor("sys_admin")
    assert not letter_word.letter_template(ctx, admin).custom
    data = custom_template()
    loaded = letter_word.load_letter_template(ctx, admin, data)
    assert loaded.custom
    info = letter_word.letter_template(ctx, admin)  # from the database, for every workstation
    assert info.custom and info.data == data and info.loaded_by == admin.display_name
    r = replied(ctx, office_, REPLY)
    doc = Document(io.BytesIO(letter_word.word_letter(ctx, office_.desk, r.id).data))
    p = doc.paragraphs
    assert p[0].text == "某市工信局办公室便函" and p[0].runs[0].bold
    assert p[0].runs[0].font.size == Pt(22)
    assert p[1].text.startswith("文号：经信局复〔") and "{" not in p[1].text
    assert p[2].runs[0].italic and p[2].text == "关于“咨询中小企业专项资金申报条件”问题的答复"
    assert p[3].text == "尊敬的市民朋友：" and p[3].paragraph_format.first_line_indent == 0
    assert p[4].paragraph_format.first_line_indent == Pt(24)  # the template's indent
    assert p[-1].text.startswith("某市经济和信息化局  ")
    _action, key, detail = actions(ctx, "letter_template_load")[-1]
    assert key == office.LETTER_DOCX_TEMPLATE.key and detail["bytes"] == len(data)
    assert "正文" in detail["placeholders"]  # type: ignore[operator]
    letter_word.reset_letter_template(ctx, admin)
    assert not letter_word.letter_template(ctx, admin).custom
    assert actions(ctx, "letter_template_reset")


def test_a_template_without_required_placeholders_is_refused(
    ctx: ServiceContext,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor("sys_admin")
    doc = Document()
    doc.add_paragraph("{{标题}}")
    doc.add_paragraph("{{正文}}")
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(ValidationError) as refused:
        letter_word.load_letter_template(ctx, admin, out.getvalue())
    message = refused.value.field_errors["template"]
    assert "{{文号}}" in message and "{{落款}}" in message and "{{日期}}" in message
    assert "{{正文}}" not in message
    with pytest.raises(ValidationError, match="不是有效的 Word 文档"):
        letter_word.load_letter_template(ctx, admin, b"PK\x03\x04 not a docx")
    assert not letter_word.letter_template(ctx, admin).custom  # nothing stored
    assert not actions(ctx, "letter_template_load")
    with pytest.raises(PermissionDenied):
        letter_word.load_letter_template(ctx, make_actor("desk"), letter_docx.default_template())


def test_the_built_in_template_holds_every_placeholder() -> None:
    data = letter_docx.default_template()
    assert letter_docx.missing_placeholders(data) == []
    assert set(letter_docx.PLACEHOLDERS) <= letter_docx.placeholders_in(data)
