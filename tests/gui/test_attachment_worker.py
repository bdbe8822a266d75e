"""The 附件 tab's files are read, hashed, fetched and written off the GUI thread: a 3 MB file
added (progress by the megabyte, the buttons disabled while it works), previewed, saved as into
tmp_path — its bytes and SHA-256 checked, and the audit rows in the database; a save-as and an
add cancelled half-way leave no file, no row and no audit entry; a failed save-as says why in
Chinese. Every wait is on a signal or a condition, never a sleep."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit
from sqlalchemy import select

from hotline_desk.gui.cases.attachment_preview import AttachmentPreview
from hotline_desk.services.attachments import files
from hotline_desk.store.models import Attachment, AuditLog
from tests.gui.test_attachments_gui import case_pane, click, opened, select_row


def big_text(path: Path, mb: int = 3) -> bytes:
    line = "市民来电反映施工噪音扰民问题，请尽快协调处理。\n".encode()
    content = line * (mb * 1024 * 1024 // len(line) + 1)
    path.write_bytes(content)
    return content


def audit_rows(ctx, action: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.detail).where(AuditLog.action == action).order_by(AuditLog.id)
        ).scalars()
        return [json.loads(d) for d in rows]


def stored_digests(ctx) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Attachment.file_name, Attachment.sha256, Attachment.size)
        ).all()
        return [tuple(r) for r in rows]


def attachments_tab(qtbot, ctx, make_actor):  # type: ignore[no-untyped-def]
    """A registered case's 附件 tab, shown."""
    desk, case, panel = case_pane(qtbot, ctx, make_actor)
    panel.tabs.setCurrentWidget(panel.attachments)
    return panel.attachments


def one_file_added(qtbot, view, source: Path) -> None:  # type: ignore[no-untyped-def]
    """Add ``source`` through the tab, wait for the worker, and select its row."""
    view.add_files([source])
    qtbot.waitUntil(lambda: view.busy == 0 and view.list.topLevelItemCount() == 1, timeout=20_000)
    select_row(view, source.name)


def save_as_goes_to(monkeypatch, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The save-as dialog answers ``out``."""
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )


def held(monkeypatch, name: str) -> tuple[threading.Event, threading.Event]:  # type: ignore[no-untyped-def]
    """Hold the worker inside ``files.<name>`` after its first megabyte until the test says
    go (it has clicked 取消 by then): (first megabyte reported, go)."""
    real = getattr(files, name)
    first, go = threading.Event(), threading.Event()

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        report = args[2]

        def reporting(done: int, total: int) -> None:
            report(done, total)
            first.set()
            go.wait(10)

        return real(*args[:2], reporting, *args[3:], **kwargs)

    monkeypatch.setattr(files, name, slow)
    return first, go


def test_a_large_file_is_added_previewed_and_saved_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, make_actor, tmp_path, monkeypatch
) -> None:
    view = attachments_tab(qtbot, ctx, make_actor)
    source = tmp_path / "通话记录.txt"
    content = big_text(source)
    digest = hashlib.sha256(content).hexdigest()
    reports: list[tuple[int, int]] = []
    monkeypatch.setattr(view.work, "progress", lambda d, t: reports.append((d, t)))

    view.add_files([source])
    # the file is read on the worker: the window is free, its buttons wait
    assert view.busy == 1 and view.work.isVisible() and not view.add_button.isEnabled()
    assert "正在添加 1 个文件" in view.work.what.text()
    qtbot.waitUntil(lambda: view.busy == 0 and view.list.topLevelItemCount() == 1, timeout=20_000)
    assert not view.work.isVisible() and view.add_button.isEnabled()
    assert len(reports) >= 3 and reports[-1] == (len(content), len(content))
    assert stored_digests(ctx) == [("通话记录.txt", digest, len(content))]
    assert audit_rows(ctx, "attachment_add")[-1]["sha256"] == digest

    select_row(view, "通话记录.txt")
    preview = opened(qtbot, view)
    assert isinstance(preview, AttachmentPreview) and isinstance(preview.body, QPlainTextEdit)
    assert preview.body.toPlainText() == content.decode()
    preview.close()
    assert audit_rows(ctx, "attachment_open")[-1]["purpose"] == "preview"

    out = tmp_path / "另存" / "记录副本.txt"
    out.parent.mkdir()
    save_as_goes_to(monkeypatch, out)
    with qtbot.waitSignal(view.saved, timeout=20_000) as saved:
        click(qtbot, view.save_button)
        assert not view.open_button.isEnabled() and not view.withdraw_button.isEnabled()
    assert saved.args == [out]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest
    assert list(out.parent.iterdir()) == [out]  # no temporary part left beside it
    assert audit_rows(ctx, "attachment_save")[-1]["bytes"] == len(content)
    assert "已另存为" in view.status.text() and view.save_button.isEnabled()


def test_a_cancelled_save_as_leaves_no_file_and_no_audit_row(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, make_actor, tmp_path, monkeypatch
) -> None:
    view = attachments_tab(qtbot, ctx, make_actor)
    source = tmp_path / "录音转写.txt"
    big_text(source)
    one_file_added(qtbot, view, source)
    out = tmp_path / "另存" / "副本.txt"
    out.parent.mkdir()
    save_as_goes_to(monkeypatch, out)
    first, go = held(monkeypatch, "write_file")
    click(qtbot, view.save_button)
    qtbot.waitUntil(first.is_set, timeout=20_000)
    click(qtbot, view.work.cancel_button)
    assert view.work.what.text() == "正在取消…"
    go.set()
    qtbot.waitUntil(lambda: view.busy == 0, timeout=20_000)
    assert list(out.parent.iterdir()) == []  # neither the file nor its part
    assert audit_rows(ctx, "attachment_save") == []
    assert "已取消另存为" in view.status.text() and view.save_button.isEnabled()


def test_a_cancelled_add_stores_nothing_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, make_actor, tmp_path, monkeypatch
) -> None:
    view = attachments_tab(qtbot, ctx, make_actor)
    first_file, second_file = tmp_path / "甲.txt", tmp_path / "乙.txt"
    big_text(first_file)
    big_text(second_file, 1)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a: warned.append(text)))  # fmt: skip
    first, go = held(monkeypatch, "read_file")
    view.add_files([first_file, second_file])
    qtbot.waitUntil(first.is_set, timeout=20_000)
    click(qtbot, view.work.cancel_button)
    go.set()
    qtbot.waitUntil(lambda: view.busy == 0 and bool(warned), timeout=20_000)
    assert "已取消，未存入：甲.txt、乙.txt" in warned[0]
    assert stored_digests(ctx) == [] and audit_rows(ctx, "attachment_add") == []


def test_a_failed_save_as_is_explained_in_chinese(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, make_actor, tmp_path, monkeypatch
) -> None:
    view = attachments_tab(qtbot, ctx, make_actor)
    source = tmp_path / "说明.txt"
    source.write_text("已协调处理。", encoding="utf-8")
    one_file_added(qtbot, view, source)
    out = tmp_path / "没有这个文件夹" / "说明.txt"
    save_as_goes_to(monkeypatch, out)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a: shown.append(text)))  # fmt: skip
    click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: view.busy == 0 and bool(shown), timeout=20_000)
    assert "保存位置：无法写入" in shown[0] and str(out) in shown[0]
    assert not out.exists() and audit_rows(ctx, "attachment_save") == []
    assert view.save_button.isEnabled()
