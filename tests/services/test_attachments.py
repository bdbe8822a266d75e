"""Attachments through the services on SQLite and PostgreSQL: add, list, open, save as, withdraw
(the bytes kept), refused types and sizes, the audit rows and timeline events, the attack of a
section user asking for another section's file by id, a 请求保密 caller's papers kept from the
sections, and a backup → restore round trip that brings the bytes back."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.services.admin import office
from hotline_desk.services.attachments import files
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.lifecycle import routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import Attachment, AttachmentBlob, AuditLog, CaseEvent
from tests.services.test_lifecycle_paths import Office, unit_id


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny, grey) PNG, written without Qt."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def routed(ctx: ServiceContext, o: Office, **overrides: object) -> int:
    case = o.register(**overrides)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), assist_unit_ids=(),
                       opinion="请办理")  # fmt: skip
    return routing.route_case(ctx, o.desk, case.id, case.version, route).id


def audit_rows(ctx: ServiceContext) -> list[tuple[str, dict[str, object]]]:
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.action, AuditLog.detail)
            .where(AuditLog.action.like("attachment_%"))
            .order_by(AuditLog.id)
        ).all()
    return [(a, json.loads(d)) for a, d in rows]


def test_add_list_open_save_and_withdraw(ctx: ServiceContext, office_: Office,
                                         tmp_path: Path) -> None:  # fmt: skip
    case_id = routed(ctx, office_)
    photo = write(tmp_path, "现场照片.png", png_bytes())
    info = files.add_attachment(ctx, office_.desk, case_id, "photo", photo)
    assert (info.file_name, info.kind, info.extension, info.mime) == (
        "现场照片.png", "photo", "png", "image/png")  # fmt: skip
    assert info.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert info.size == photo.stat().st_size and not info.withdrawn and info.may_withdraw
    # a PDF named .txt is a PDF: the content decides
    letter = files.add_attachment(ctx, office_.handler, case_id, "letter_scan",
                                  write(tmp_path, "来信.txt", PDF))  # fmt: skip
    assert (letter.extension, letter.mime) == ("pdf", "application/pdf")
    text = write(tmp_path, "通话记录.txt", "来电人反映：噪音扰民。\n".encode("gb18030"))
    note = files.add_attachment(ctx, office_.handler, case_id, "other", text)
    assert note.extension == "txt"

    listed = files.list_attachments(ctx, office_.handler, case_id)
    assert [a.id for a in listed] == [info.id, letter.id, note.id]
    assert listed[0].added_by_name == office_.desk.display_name
    # the handler withdraws only his own files; the desk any
    assert not listed[0].may_withdraw and listed[1].may_withdraw
    with pytest.raises(PermissionDenied):
        files.withdraw_attachment(ctx, office_.handler, info.id, "误传")

    opened = files.open_attachment(ctx, office_.handler, info.id)
    assert opened.content == photo.read_bytes()
    out = files.save_attachment(ctx, office_.handler, letter.id, tmp_path / "out.pdf")
    assert out.read_bytes() == PDF

    with pytest.raises(ValidationError) as refused:
        files.withdraw_attachment(ctx, office_.desk, info.id, "")
    assert "撤回原因" in refused.value.message
    gone = files.withdraw_attachment(ctx, office_.desk, info.id, "照片与本件无关")
    assert gone.withdrawn and gone.withdrawn_by_name == office_.desk.display_name
    assert gone.withdraw_reason == "照片与本件无关" and not gone.may_withdraw
    with pytest.raises(ValidationError):
        files.withdraw_attachment(ctx, office_.desk, info.id, "再撤一次")
    # withdrawn, never deleted: the row and the bytes stay and can still be opened
    with ctx.uow.read() as uow:
        s = uow.session
        assert s.execute(select(func.count()).select_from(Attachment)).scalar() == 3
        blob = s.get_one(AttachmentBlob, info.id)
        assert bytes(blob.content) == photo.read_bytes()
        events = s.execute(
            select(CaseEvent.kind, CaseEvent.summary).where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.id)
        ).all()  # fmt: skip
    assert files.open_attachment(ctx, office_.desk, info.id, "system").content
    kinds = [k for k, _s in events]
    assert kinds.count("attachment_added") == 3 and kinds.count("attachment_withdrawn") == 1
    assert "照片与本件无关" in events[-1][1] and "现场照片.png" in events[-1][1]
    detail = read_model.get_case(ctx, office_.handler, case_id)
    assert detail.events[-1].kind == "attachment_withdrawn"

    actions = [a for a, _d in audit_rows(ctx)]
    assert actions == ["attachment_add"] * 3 + [
        "attachment_open",
        "attachment_save",
        "attachment_withdraw",
        "attachment_open",
    ]
    rows = audit_rows(ctx)
    assert rows[0][1] == {"attachment": info.id, "kind": "photo", "bytes": info.size,
                          "sha256": info.sha256}  # fmt: skip
    assert rows[-1][1]["purpose"] == "system"
    assert all("现场照片" not in json.dumps(d, ensure_ascii=False) for _a, d in rows)


def test_refused_types_and_sizes_name_the_field_and_what_is_allowed(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    case_id = routed(ctx, office_)
    exe = write(tmp_path, "照片.jpg", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as refused:
        files.add_attachment(ctx, office_.desk, case_id, "photo", exe)
    message = refused.value.message
    assert message.startswith("文件类型：") and "EXE" in message and "PDF" in message
    assert "Office 文档" in message and "纯文本" in message
    binary = write(tmp_path, "data.bin", bytes(range(256)) * 4)
    with pytest.raises(ValidationError, match="无法识别的内容"):
        files.add_attachment(ctx, office_.desk, case_id, "other", binary)
    with pytest.raises(ValidationError, match="附件类型：只能是来信扫描件"):
        files.add_attachment(ctx, office_.desk, case_id, "selfie", write(tmp_path, "a.pdf", PDF))
    with pytest.raises(ValidationError, match="是空文件"):
        files.add_attachment(ctx, office_.desk, case_id, "other", write(tmp_path, "e.txt", b""))

    with ctx.uow.write() as uow:
        office.write(uow.session, office.ATTACHMENT_MAX_MB, 1, office_.desk.user_id, ctx.now())
        uow.commit()
    big = write(tmp_path, "big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        files.add_attachment(ctx, office_.desk, case_id, "other", big)
    assert refused.value.message.startswith("文件大小：1.0 MB 超过上限，每个附件最大 1 MB")
    assert files.list_attachments(ctx, office_.desk, case_id) == ()
    assert audit_rows(ctx) == []


def test_a_section_user_is_refused_another_sections_file(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    case_id = routed(ctx, office_)
    info = files.add_attachment(ctx, office_.handler, case_id, "photo",
                                write(tmp_path, "p.png", png_bytes()))  # fmt: skip
    intruder = office_.other_handler  # 中小企业科: not lead, handling nor assisting
    for attempt in (
        lambda: files.open_attachment(ctx, intruder, info.id),
        lambda: files.save_attachment(ctx, intruder, info.id, tmp_path / "stolen.png"),
        lambda: files.withdraw_attachment(ctx, intruder, info.id, "删掉"),
        lambda: files.list_attachments(ctx, intruder, case_id),
        lambda: files.add_attachment(ctx, intruder, case_id, "photo", tmp_path / "p.png"),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert not (tmp_path / "stolen.png").exists()
    assert [a for a, _d in audit_rows(ctx)] == ["attachment_add"]
    with pytest.raises(NotFound):  # an id out of range is "not found" at the boundary
        files.open_attachment(ctx, intruder, 2**63)


def test_a_confidential_callers_papers_are_flagged_and_kept_from_sections(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    case_id = routed(ctx, office_, confidential=True)
    scan = files.add_attachment(ctx, office_.desk, case_id, "letter_scan",
                                write(tmp_path, "来信.pdf", PDF))  # fmt: skip
    photo = files.add_attachment(ctx, office_.desk, case_id, "photo",
                                 write(tmp_path, "现场.png", png_bytes()))  # fmt: skip
    listed = files.list_attachments(ctx, office_.handler, case_id)
    assert all(a.confidential for a in listed)
    assert [a.may_open for a in listed] == [False, True]
    with pytest.raises(PermissionDenied, match="来电人要求保密"):
        files.open_attachment(ctx, office_.handler, scan.id)
    assert files.open_attachment(ctx, office_.handler, photo.id).content
    assert files.open_attachment(ctx, office_.desk, scan.id).content == PDF


def test_the_slip_lists_the_files_on_one_line_above_the_signatures(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    from hotline_desk.reports.fonts import available_fonts
    from hotline_desk.reports.pdf_common import typeset
    from hotline_desk.services.output import printing
    from tests.pdf_check import page_texts

    if not available_fonts():
        pytest.skip("no embeddable CJK font")
    long = "企业反映厂区周边道路夜间施工噪音扰民，影响职工休息，希望协调施工单位调整作业时间。" * 40
    case_id = routed(ctx, office_, content=long)
    for i in range(12):
        path = write(tmp_path, f"第{i + 1:02d}份现场照片（东门外道路施工）.png", png_bytes())
        files.add_attachment(ctx, office_.desk, case_id, "photo", path)
    last = files.list_attachments(ctx, office_.desk, case_id)[-1]
    files.withdraw_attachment(ctx, office_.desk, last.id, "重复上传")
    job = printing.prepare_documents(ctx, office_.desk, "slip", [case_id])
    pages = page_texts(job.data)
    assert len(pages) >= 2  # the long content goes on to the 附页 …
    first = pages[0]
    (line,) = [x for x in first.splitlines() if typeset("11 件（第01份现场照片") in x]
    assert line.rstrip().endswith(typeset("…）"))  # cut to the one line it has
    assert typeset("科室负责人") in first  # … and the signature lines stay on page 1
    assert typeset("第12份") not in "".join(pages)  # withdrawn: not listed
