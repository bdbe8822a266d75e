"""The 附件 tab driven as a clerk drives it: files added through the file dialog (patched to
return files written by the test) and by a drop, an image previewed, a PDF shown in QtPdf's
view, a recording opened without an audio device, a Word file handed to the system program after
the warning, a file saved elsewhere and one withdrawn with a reason — each checked against what
the database holds."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox
from sqlalchemy import select

from hotline_desk.gui.cases import attachments_view
from hotline_desk.gui.cases.attachment_preview import AttachmentPreview, AudioPlayer, ImageView
from hotline_desk.gui.cases.attachments_view import WithdrawDialog
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.services.cases import read_model, registration
from hotline_desk.store.models import Attachment, AuditLog, CaseEvent
from tests.factories import case_input
from tests.gui.conftest import ime_type
from tests.services.test_attachments import png_bytes


def pdf_bytes() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "scanned letter")
    page.save()
    return out.getvalue()


KEEP: list[QMainWindow] = []
"""The test's window (a pane alone would take its window with it when collected)."""


def pane(qtbot, ctx, actor) -> CaseDetailPanel:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    KEEP[:] = [window]
    panel = CaseDetailPanel(now=ctx.now, ctx=ctx, actor=actor)
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    return panel


def case_pane(qtbot, ctx, make_actor):  # type: ignore[no-untyped-def]
    """A desk user, a case just registered, and the detail pane showing it."""
    desk = make_actor("desk", "intake")
    case = registration.register_case(ctx, desk, case_input(ctx))
    panel = pane(qtbot, ctx, desk)
    panel.show_case(read_model.get_case(ctx, desk, case.id))
    return desk, case, panel


def stored(ctx) -> list[tuple[str, str, str, object, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Attachment.file_name, Attachment.kind, Attachment.extension,
                   Attachment.withdrawn_at, Attachment.withdraw_reason).order_by(Attachment.id)
        ).all()  # fmt: skip
    return [tuple(r) for r in rows]


def audit_actions(ctx) -> list[tuple[str, dict[str, object]]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.action, AuditLog.detail)
            .where(AuditLog.action.like("attachment_%")).order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(a, json.loads(d)) for a, d in rows]


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_row(view: attachments_view.AttachmentsView, name: str) -> None:
    row = next(i for i, info in enumerate(view.items) if info.file_name == name)
    view.list.setCurrentItem(view.list.topLevelItem(row))


def opened(qtbot, view: attachments_view.AttachmentsView) -> object:  # type: ignore[no-untyped-def]
    """Open the selected file as 打开 does and wait for the worker to hand it over."""
    with qtbot.waitSignal(view.opened, timeout=10_000) as blocker:
        view.open_selected()
    return blocker.args[0]


def when_modal(kind: type, act, tries: int = 300) -> None:  # type: ignore[no-untyped-def]
    """Act on the modal window of ``kind`` once it opens (it runs its own event loop)."""

    def poll(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, kind):
            act(box)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))


def test_add_preview_save_and_withdraw_through_the_tab(qtbot, app, ctx, make_actor, tmp_path,  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:  # fmt: skip
    desk, case, panel = case_pane(qtbot, ctx, make_actor)
    view = panel.attachments
    panel.tabs.setCurrentWidget(view)
    assert (
        panel.tabs.tabText(panel.tabs.indexOf(view)) == "附件"
        and view.list.topLevelItemCount() == 0
    )

    photo, scan = tmp_path / "现场照片.png", tmp_path / "来信扫描.pdf"
    photo.write_bytes(png_bytes(64, 48))
    scan.write_bytes(pdf_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(photo), str(scan)], "")))  # fmt: skip
    click(qtbot, view.add_button)
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 2 and view.busy == 0, timeout=10_000)
    assert [r[:3] for r in stored(ctx)] == [("现场照片.png", "photo", "png"),
                                            ("来信扫描.pdf", "other", "pdf")]  # fmt: skip
    assert panel.tabs.tabText(panel.tabs.indexOf(view)) == "附件（2）"
    assert any("添加附件" in panel.timeline.topLevelItem(i).text(4)
               for i in range(panel.timeline.topLevelItemCount()))  # fmt: skip
    assert (
        view.list.topLevelItem(0).text(1) == "照片" and view.list.topLevelItem(0).text(5) == "有效"
    )

    # a drop with a kind chosen: a text note as 办结材料
    note = tmp_path / "办结说明.txt"
    note.write_text("已协调施工单位调整作业时间。", encoding="utf-8")
    view.kind.setCurrentIndex(view.kind.findData("closing_material"))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(note))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    view.dropEvent(drop)
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 3 and view.busy == 0, timeout=10_000)
    assert stored(ctx)[2][:2] == ("办结说明.txt", "closing_material")

    # the image previewed inside the desk
    select_row(view, "现场照片.png")
    preview = opened(qtbot, view)
    assert isinstance(preview, AttachmentPreview) and isinstance(preview.body, ImageView)
    qtbot.waitExposed(preview)
    assert preview.body.pixmap.width() == 64 and not preview.body.label.pixmap().isNull()
    preview.close()
    # the PDF in QtPdf's view
    select_row(view, "来信扫描.pdf")
    preview = opened(qtbot, view)
    assert isinstance(preview, AttachmentPreview) and preview.document.pageCount() == 1
    preview.close()
    assert [a for a, _d in audit_actions(ctx)][-2:] == ["attachment_open", "attachment_open"]

    # save as, through a patched save dialog
    out = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))  # fmt: skip
    with qtbot.waitSignal(view.saved, timeout=10_000):
        click(qtbot, view.save_button)
    assert out.read_bytes() == scan.read_bytes()
    assert audit_actions(ctx)[-1][0] == "attachment_save"

    # withdraw with a reason typed into the dialog
    select_row(view, "现场照片.png")

    def fill(dialog: WithdrawDialog) -> None:
        ime_type(dialog.reason, "照片拍错了案件")
        click(qtbot, dialog.ok)

    when_modal(WithdrawDialog, fill)
    assert view.withdraw_selected()
    assert stored(ctx)[0][3] is not None and stored(ctx)[0][4] == "照片拍错了案件"
    assert view.list.topLevelItem(0).text(5) == "已撤回"
    assert panel.tabs.tabText(panel.tabs.indexOf(view)) == "附件（2）"
    with ctx.uow.read() as uow:
        kinds = uow.session.execute(
            select(CaseEvent.kind).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).scalars().all()  # fmt: skip
    assert kinds.count("attachment_added") == 3 and kinds[-1] == "attachment_withdrawn"
    assert len(stored(ctx)) == 3  # kept


def test_a_refused_file_is_named_and_a_word_file_goes_to_the_system_program(
    qtbot,
    app,
    ctx,
    make_actor,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    desk, case, panel = case_pane(qtbot, ctx, make_actor)
    view = panel.attachments
    bad = tmp_path / "照片.jpg"
    bad.write_bytes(b"MZ" + b"\x00" * 100)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a: warned.append(text)
                                     or QMessageBox.StandardButton.Yes))  # fmt: skip
    view.add_files([bad])
    qtbot.waitUntil(lambda: view.busy == 0 and bool(warned), timeout=10_000)
    assert "文件类型：" in warned[0] and "EXE" in warned[0] and stored(ctx) == []

    import zipfile

    doc = tmp_path / "答复函.docx"
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    view.add_files([doc])
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 1 and view.busy == 0, timeout=10_000)
    handed: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: handed.append(url)))
    select_row(view, "答复函.docx")
    copy = opened(qtbot, view)
    assert "宏" in warned[-1]  # the warning came first
    assert isinstance(copy, Path) and copy.read_bytes() == doc.read_bytes()
    assert handed and handed[0].toLocalFile() == str(copy)
    assert audit_actions(ctx)[-1][1]["purpose"] == "system"


def test_a_recording_opens_without_an_audio_device(qtbot, app, ctx, make_actor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    desk, case, panel = case_pane(qtbot, ctx, make_actor)
    view = panel.attachments
    wav = tmp_path / "通话录音.wav"
    frames = b"\x00\x00" * 800
    header = (b"RIFF" + (36 + len(frames)).to_bytes(4, "little") + b"WAVEfmt "
              + (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little")
              + (8000).to_bytes(4, "little") + (16000).to_bytes(4, "little")
              + (2).to_bytes(2, "little") + (16).to_bytes(2, "little") + b"data"
              + len(frames).to_bytes(4, "little"))  # fmt: skip
    wav.write_bytes(header + frames)
    view.add_files([wav])
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 1 and view.busy == 0, timeout=10_000)
    assert stored(ctx)[0][1:3] == ("recording", "wav")
    select_row(view, "通话录音.wav")
    preview = opened(qtbot, view)
    assert isinstance(preview, AttachmentPreview) and isinstance(preview.audio, AudioPlayer)
    if preview.audio.player is None:  # no device here: a line says so, nothing crashes
        assert "音频输出设备" in preview.audio.state.text()
    else:
        click(qtbot, preview.audio.play_button)
    preview.close()
    assert audit_actions(ctx)[-1][1]["purpose"] == "play"


def test_files_chosen_on_the_register_form_are_stored_with_the_new_case(
    qtbot,
    app,
    ctx,
    make_actor,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from hotline_desk.gui.cases.register_page import RegisterPage
    from hotline_desk.services.cases import catalog
    from tests.gui.test_intake_flow import _fill

    clerk = make_actor("intake", "desk")
    page = RegisterPage(ctx, clerk, catalog.list_topics(ctx))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    row = page.attachments
    scan, bad = tmp_path / "来信扫描.pdf", tmp_path / "录音.mp3"
    scan.write_bytes(pdf_bytes())
    bad.write_bytes(b"MZ" + b"\x00" * 100)
    row.kind.setCurrentIndex(row.kind.findData("letter_scan"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(scan), str(bad)], "")))  # fmt: skip
    click(qtbot, row.add_button)
    assert row.pending == [(scan, "letter_scan")]
    assert row.error.isVisible() and "文件类型：录音.mp3 是EXE" in row.error.text()
    assert "来信扫描.pdf" in row.names.text() and stored(ctx) == []

    _fill(qtbot, page.form, name="张三明", phone="13812345678", title="咨询专项资金",
          content="询问申报条件")  # fmt: skip
    qtbot.keyClick(page.form.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row.busy == 0 and bool(stored(ctx)), timeout=10_000)
    assert [r[:3] for r in stored(ctx)] == [("来信扫描.pdf", "letter_scan", "pdf")]
    with ctx.uow.read() as uow:
        case_id = uow.session.execute(select(Attachment.case_id)).scalar_one()
    case = read_model.get_case(ctx, clerk, case_id)
    assert case.case_no in page.saved_label.text() and "附件 1 个已存入" in page.saved_label.text()
    assert row.pending == [] and "无" in row.names.text()
