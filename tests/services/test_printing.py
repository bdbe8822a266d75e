"""Printing through the services, on SQLite and PostgreSQL: what each document says for a real
case, masking and the audited reveal, confidential callers, who may print what, the 督办通知单
of a supervision order, the 答复函 of an approved reply, batches, today's dispatched cases, and
the office's choice of bureau name and font."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.reports.pdf_common import typeset
from hotline_desk.services.admin import office
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.output import printing
from hotline_desk.services.supervision import supervise as supervision
from hotline_desk.store.models import AuditLog
from tests.pdf_check import page_texts, text_of
from tests.services.test_lifecycle_paths import Office, unit_id

pytestmark = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def dispatched(ctx: ServiceContext, o: Office, **overrides: object) -> CaseDetail:
    case = o.register(**overrides)
    route = RouteInput(
        tier=2,
        lead_unit_id=unit_id(ctx, "CYFZ"),
        assist_unit_ids=(unit_id(ctx, "CWK"),),
        opinion="请产业发展科牵头办理",
    )
    return routing.route_case(ctx, o.desk, case.id, case.version, route)


def replied(ctx: ServiceContext, o: Office) -> CaseDetail:
    d = dispatched(ctx, o)
    d = handling.sign_case(ctx, o.handler, d.id, d.version)
    text = "尊敬的张先生/女士：\n您好！经核实，专项资金将于本月底前拨付。"
    d = replies.submit_reply(ctx, o.handler, d.id, d.version, text)
    return replies.approve_reply(ctx, o.head, d.id, d.version, "同意")


def audits(ctx: ServiceContext, case_no: str) -> list[tuple[str, dict[str, object]]]:
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.action, AuditLog.detail)
            .where(AuditLog.object_id == case_no, AuditLog.action.in_(
                ["print_slip", "print_notice", "print_letter", "personal_reveal"]))
            .order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(a, json.loads(d)) for a, d in rows]


def test_slip_of_a_routed_case_masked_by_default(ctx: ServiceContext, office_: Office) -> None:
    d = dispatched(ctx, office_)
    job = printing.prepare_documents(ctx, office_.desk, "slip", [d.id])
    text = text_of(job.data)
    for expected in (d.case_no, d.query_code, "市长热线", "咨询中小企业专项资金申报条件",
                     "来电人咨询今年中小企业发展专项资金的申报条件和截止时间", "咨询", "企业政策",
                     "产业发展科", "财务科", "请产业发展科牵头办理", "转办科室", "张*明",
                     "138****5678", "解放路88号****", office_.desk.display_name,
                     "某市经济和信息化局"):  # fmt: skip
        assert typeset(expected) in text, expected
    assert "张三明" not in text and "13812345678" not in text and "3单元" not in text
    assert job.pages == (1,) and job.revealed == ()
    assert audits(ctx, d.case_no) == [
        ("print_slip", {"pages": 1, "output": "preview"})
    ]  # no personal data in the audit


def test_reveal_is_explicit_audited_and_only_for_the_right_roles(
    ctx: ServiceContext, office_: Office
) -> None:
    d = dispatched(ctx, office_)
    job = printing.prepare_documents(ctx, office_.desk, "slip", [d.id], reveal=True)
    text = text_of(job.data)
    assert "张三明" in text and "13812345678" in text and job.revealed == (d.case_no,)
    assert audits(ctx, d.case_no) == [
        ("print_slip", {"pages": 1, "output": "preview", "revealed": True}),
        ("personal_reveal", {"purpose": "print_slip", "output": "preview"}),
    ]
    with pytest.raises(PermissionDenied):
        printing.prepare_documents(ctx, office_.handler, "slip", [d.id], reveal=True)
    section_copy = text_of(printing.prepare_documents(ctx, office_.handler, "slip", [d.id]).data)
    assert "张*明" in section_copy and "张三明" not in section_copy
    with pytest.raises(NotFound):  # a section that has nothing to do with the case
        printing.prepare_documents(ctx, office_.other_handler, "slip", [d.id])


def test_a_confidential_caller_never_appears_on_paper(ctx: ServiceContext, office_: Office) -> None:
    d = dispatched(ctx, office_, confidential=True)
    choices = printing.print_choices(ctx, office_.desk, d.id)
    assert choices.may_reveal is False and choices.kinds == ("slip",)
    job = printing.prepare_documents(ctx, office_.desk, "slip", [d.id], reveal=True)
    text = text_of(job.data)
    assert typeset("（来电人要求保密）") in text
    assert "张" not in text.split("来电人")[1][:8] and "5678" not in text
    assert job.revealed == ()
    assert [a for a, _d in audits(ctx, d.case_no)] == ["print_slip"]  # nothing was revealed


def test_notice_of_a_supervision_order(ctx: ServiceContext, office_: Office) -> None:
    d = dispatched(ctx, office_)
    due = ctx.now().date() + timedelta(days=2)
    supervision.issue_order(ctx, office_.desk, d.id, "yellow", "临近答复时限，请抓紧办理", due)
    supervision.issue_order(ctx, office_.desk, d.id, "red", "已超期三个工作日未反馈", due)
    choices = printing.print_choices(ctx, office_.desk, d.id)
    assert choices.kinds == ("slip", "notice")
    (first, _n1, l1), (second, number, l2) = choices.orders
    assert (l1, l2) == ("yellow", "red")
    assert number == f"督\u3014{ctx.now().year}\u3015第{second}号"
    latest = text_of(printing.prepare_documents(ctx, office_.desk, "notice", [d.id]).data)
    for expected in ("市长热线办件督办通知单", number, "红牌督办", "产业发展科：",
                     "已超期三个工作日未反馈", d.case_no, "待回复", office_.desk.display_name,
                     "2026年11月22日"):  # fmt: skip
        assert typeset(expected) in latest, expected
    escalated = printing.prepare_documents(ctx, office_.desk, "notice", [d.id], order_id=first)
    assert "黄牌督办" in text_of(escalated.data) and "已办结" in text_of(escalated.data)
    assert [a for a, _d in audits(ctx, d.case_no)] == ["print_notice", "print_notice"]
    with pytest.raises(NotFound, match="不是办件"):
        printing.prepare_documents(ctx, office_.desk, "notice", [d.id], order_id=second + 99)
    plain = dispatched(ctx, office_)
    with pytest.raises(NotFound, match="没有督办单"):
        printing.prepare_documents(ctx, office_.desk, "notice", [plain.id])


def test_letter_needs_an_approved_reply(ctx: ServiceContext, office_: Office) -> None:
    d = dispatched(ctx, office_)
    with pytest.raises(NotFound, match="尚无审核通过的答复"):
        printing.prepare_documents(ctx, office_.desk, "letter", [d.id])
    r = replied(ctx, office_)
    assert "letter" in printing.print_choices(ctx, office_.desk, r.id).kinds
    job = printing.prepare_documents(ctx, office_.desk, "letter", [r.id])
    text = text_of(job.data)
    for expected in (
        "某市经济和信息化局",
        f"办件编号：{r.case_no}",
        "尊敬的某先生/女士：",  # masked paper unless revealed: the salutation names no one
        "专项资金将于本月底前拨付",
        "关于“咨询中小企业专项资金申报条件”问题的答复",
    ):
        assert typeset(expected) in text, expected
    assert "张先生" not in text
    assert [a for a, _d in audits(ctx, r.case_no)] == ["print_letter"]
    revealed = printing.prepare_documents(ctx, office_.desk, "letter", [r.id], reveal=True)
    assert typeset("尊敬的张先生/女士：") in text_of(revealed.data)  # the letter to mail
    assert [a for a, _d in audits(ctx, r.case_no)][-2:] == ["print_letter", "personal_reveal"]
    slip = text_of(printing.prepare_documents(ctx, office_.desk, "slip", [r.id]).data)
    assert "专项资金将于本月底前拨付" in slip  # the approved reply in the 办理结果 box


def test_batch_is_one_pdf_with_a_row_per_case(ctx: ServiceContext, office_: Office) -> None:
    ids = [dispatched(ctx, office_).id for _ in range(3)]
    reports: list[tuple[int, int]] = []
    job = printing.prepare_documents(
        ctx,
        office_.desk,
        "slip",
        ids,
        output="printer",
        report=lambda done, total: reports.append((done, total)),
    )
    assert job.pages == (1, 1, 1) and len(page_texts(job.data)) == 3
    assert reports[-1] == (4, 4) and [d for d, _t in reports] == [1, 2, 3, 4]
    for case_no in job.case_nos:
        assert audits(ctx, case_no) == [("print_slip", {"pages": 1, "output": "printer",
                                                         "batch": 3})]  # fmt: skip
    printing.record_output(ctx, office_.desk, job, "pdf_file")
    assert audits(ctx, job.case_nos[0])[-1][1]["output"] == "pdf_file"
    with pytest.raises(ValidationError):
        printing.record_output(ctx, office_.desk, job, "fax")
    with pytest.raises(ValidationError):
        printing.prepare_documents(ctx, office_.desk, "slip", [])
    with pytest.raises(ValidationError):
        printing.prepare_documents(ctx, office_.desk, "poster", ids)


def test_cases_dispatched_today_in_dispatch_order(ctx: ServiceContext, office_: Office) -> None:
    office_.register()  # registered, not dispatched
    first, second = dispatched(ctx, office_), dispatched(ctx, office_)
    today = ctx.now().date()
    assert printing.dispatched_on(ctx, office_.desk, today) == [first.id, second.id]
    assert printing.dispatched_on(ctx, office_.handler, today) == [first.id, second.id]
    assert printing.dispatched_on(ctx, office_.other_handler, today) == []
    assert printing.dispatched_on(ctx, office_.desk, today - timedelta(days=1)) == []


def test_the_command_line_print_is_the_users_print(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    """``write_documents`` (the command line after its login) sees and audits as the user; a
    section user is refused another section's case, there is no anonymous print."""
    d = dispatched(ctx, office_)
    job = printing.write_documents(
        ctx, office_.handler, "slip", [d.case_no.lower()], tmp_path / "s.pdf"
    )
    text = text_of((tmp_path / "s.pdf").read_bytes())
    name = office_.handler.display_name
    assert "张*明" in text and typeset(f"打印人：{name}") in text and job.case_nos == (d.case_no,)
    with ctx.uow.read() as uow:
        row = uow.session.execute(
            select(AuditLog.actor_id, AuditLog.actor_name, AuditLog.detail)
            .where(AuditLog.action == "print_slip")
        ).one()  # fmt: skip
    assert (row[0], row[1], json.loads(row[2])["output"]) == (
        office_.handler.user_id,
        office_.handler.username,
        "pdf_file",
    )
    with pytest.raises(PermissionDenied):
        printing.prepare_documents(ctx, office_.handler, "slip", [d.id], reveal=True)
    for missing in (d.case_no, "RX20990101-0001"):
        with pytest.raises(NotFound, match=missing):
            printing.write_documents(ctx, office_.other_handler, "slip", [missing],
                                     tmp_path / "x.pdf")  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()


def test_bureau_name_and_font_are_office_settings(
    ctx: ServiceContext, office_: Office, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    font = printing.font_options()[0]
    office.save_settings(ctx, admin, {"bureau_name": "某市工业和信息化局", "pdf_font": font.value})
    d = dispatched(ctx, office_)
    job = printing.prepare_documents(ctx, office_.desk, "slip", [d.id])
    assert "某市工业和信息化局" in text_of(job.data) and job.font_family == font.family
    assert printing.font_in_use(font.value) == font
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"OTTO" + bytes(64))  # a CFF OpenType header: cannot be embedded
    with pytest.raises(ValidationError) as error:
        office.save_settings(ctx, admin, {"bureau_name": "", "pdf_font": str(not_a_font)})
    assert set(error.value.field_errors) == {"bureau_name", "pdf_font"}
    assert office.get_setting(ctx, office.BUREAU_NAME) == "某市工业和信息化局"  # nothing saved
    with pytest.raises(PermissionDenied):
        office.save_settings(ctx, office_.desk, {"bureau_name": "x局"})
    with ctx.uow.read() as uow:
        changed = uow.session.execute(
            select(AuditLog.object_id).where(AuditLog.action == "office_setting")
        ).scalars().all()  # fmt: skip
    assert sorted(changed) == ["bureau_name", "pdf_font"]


def test_the_letter_carries_the_office_number_seal_and_contact(
    ctx: ServiceContext,
    office_: Office,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor("sys_admin")
    with pytest.raises(ValidationError, match="文号格式"):
        office.save_setting(ctx, admin, office.LETTER_NO_PATTERN.key, "{year}{x}号")
    office.save_settings(ctx, admin, {
        office.BUREAU_SHORT.key: "工信局",
        office.LETTER_NO_PATTERN.key: "{bureau_short}函〔{year}〕{seq}号",
        office.LETTER_CONTACT.key: "刘科长",
        office.LETTER_PHONE.key: "0000-12345678",
    })  # fmt: skip
    r = replied(ctx, office_)
    first = text_of(printing.prepare_documents(ctx, office_.desk, "letter", [r.id]).data)
    again = text_of(printing.prepare_documents(ctx, office_.desk, "letter", [r.id]).data)
    year = ctx.now().year
    assert f"工信局函〔{year}〕{r.id}号" in first  # the same 文号 when printed again
    assert f"工信局函〔{year}〕{r.id}号" in again
    assert typeset("（联系人：刘科长，联系电话：0000-12345678）") in first
    assert "盖章处" in first and first.count("关于") == 1
    office.save_settings(ctx, admin, {office.LETTER_CONTACT.key: "", office.LETTER_PHONE.key: ""})
    plain = text_of(printing.prepare_documents(ctx, office_.desk, "letter", [r.id]).data)
    assert "联系人" not in plain
