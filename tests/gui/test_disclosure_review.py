"""pytest-qt: the 政务公开 preview and review opened from the 统计 page on the hand-built dataset —
hide a selected stretch, keep a replacement, confirm, undo a decision, the published form, the
right-click menu and tooltips, then 导出… in the background; the database and the XLSX are
checked afterwards, and the decisions are there when the preview is opened again."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolTip
from sqlalchemy import select

from hotline_desk.domain.periods import Period
from hotline_desk.domain.privacy.findings import Kind
from hotline_desk.gui.pages.disclosure_dialog import DisclosureDialog
from hotline_desk.gui.pages.stats import StatsPage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.reports.disclosure_xlsx import HEAD_ROWS
from hotline_desk.store.models import AuditLog, Case, DisclosureDecision
from tests import stats_data

NOV = Period.month(2026, 11)
CONTENT = "本人王建国，手机13912345678。小区东门老张家的狗夜里一直叫，老张家不听劝。"
REPLY = "王建国您好：经核实，老张家已承诺管好犬只。"


def _letter(ctx) -> str:  # type: ignore[no-untyped-def]
    ids = stats_data.build(ctx)
    with ctx.uow.write() as uow:
        letter = uow.session.get(Case, ids[30])
        letter.content, letter.reply_text, letter.caller_name = CONTENT, REPLY, "王建国"
        no = letter.case_no
        uow.commit()
    return str(no)


def _open(qtbot, ctx, actor) -> tuple[StatsPage, DisclosureDialog]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    qtbot.waitUntil(lambda: page.report is not None)
    page.set_period(NOV)
    qtbot.waitUntil(lambda: page.report is not None and page.report.period_key == "2026-11"
                    and not page.loading)  # fmt: skip
    assert page.disclosure_button.isVisibleTo(page)
    qtbot.mouseClick(page.disclosure_button, Qt.MouseButton.LeftButton)
    dialog = page.disclosure_dialog
    assert isinstance(dialog, DisclosureDialog)
    qtbot.waitUntil(lambda: not dialog.loading)
    return page, dialog


def test_review_and_export(qtbot, app, ctx, make_actor, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    no = _letter(ctx)
    _page, dialog = _open(qtbot, ctx, make_actor("desk", username="gk"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "未审核"
    assert "共 1 件" in dialog.summary.text() and dialog.current().case_no == no
    view = dialog.text
    # every replacement highlighted, with a tooltip naming its kind and mark
    name = next(p for p in view.places if p.span.found == "王建国")
    assert view.tooltip_for(name) == "姓名（自动检测）：公开时写作“王某”"
    cursor = view.textCursor()
    cursor.setPosition(name.start + 1)
    fmt = cursor.charFormat()
    assert fmt.background().color().name().upper() == "#FFE08A"
    at = view.cursorRect(cursor).center()
    tip = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), tip)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "姓名（自动检测）：公开时写作“王某”"
    QToolTip.hideText()
    # select text the detector missed and hide it as a name
    assert not dialog.hide_button.isEnabled()
    assert view.select_text("老张家")
    assert dialog.hide_button.isEnabled()
    dialog.kind.set_value(Kind.NAME.value)
    qtbot.mouseClick(dialog.hide_button, Qt.MouseButton.LeftButton)
    letter = dialog.current()
    assert letter.added == 3 and "老张家" not in letter.text("reply_text").published
    assert dialog.table.item(0, 2).text() == "已审核" and dialog.decisions.count() == 1
    # undo the replacement of the writer's handle: the cursor in it, 保留原文
    name = next(p for p in view.places if p.span.found == "王建国" and p.field == "reply_text")
    cursor = view.textCursor()
    cursor.setPosition(name.start + 1)
    view.setTextCursor(cursor)
    assert dialog.keep_button.isEnabled()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.current().undone == 2  # both 王建国, in the content and the reply
    kept = next(p for p in view.places if p.span.found == "王建国")
    assert "已保留原文" in view.tooltip_for(kept)
    menu = dialog.context_menu(kept.start + 1)
    assert menu is not None and [a.text() for a in menu.actions()] == ["恢复（撤销“保留原文”）"]
    # the published form
    dialog.published.setChecked(True)
    shown = view.toPlainText()
    assert "王建国" in shown and "老张家" not in shown and "手机已隐去" in shown
    dialog.published.setChecked(False)
    # 恢复 the hide decision (the first in the list)
    dialog.decisions.setCurrentRow(0)
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    assert dialog.current().added == 0 and dialog.decisions.count() == 1
    # and hide it again through the right-click menu
    assert view.select_text("老张家", "reply_text")
    menu = dialog.context_menu(view.textCursor().selectionStart())
    assert menu is not None
    hide = next(a for a in menu.actions() if a.menu() is not None).menu()
    next(a for a in hide.actions() if a.text() == "姓名").trigger()
    assert dialog.current().added == 3
    with ctx.uow.read() as uow:
        stored = [(d.action, d.text, d.kind, d.revoked_at is None) for d in uow.session.execute(
            select(DisclosureDecision).order_by(DisclosureDecision.id)).scalars()]  # fmt: skip
    assert stored == [("hide", "老张家", "name", False), ("keep", "王建国", "", True),
                      ("hide", "老张家", "name", True)]  # fmt: skip
    # 导出…: in the background, no question (every letter reviewed)
    target = tmp_path / "gk.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    job = dialog.last_export
    assert job is not None and asked == []
    qtbot.waitUntil(lambda: job.finished)
    assert job.result is not None and job.result.rows == 1 and "已导出 1 件" in dialog.state.text()
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(target).active.iter_rows()]
    assert "2026年11月" in rows[0][0]
    content, reply = rows[HEAD_ROWS][5], rows[HEAD_ROWS][8]
    assert content == "本人王建国，手机已隐去。小区东门某某的狗夜里一直叫，某某不听劝。"
    assert reply == "王建国您好：经核实，某某已承诺管好犬只。"
    with ctx.uow.read() as uow:
        actions = uow.session.execute(select(AuditLog.action).where(
            AuditLog.actor_name == "gk").order_by(AuditLog.id)).scalars().all()  # fmt: skip
    assert actions == ["disclosure_hide", "disclosure_keep", "disclosure_revoke",
                       "disclosure_hide", "export_disclosure"]  # fmt: skip
    dialog.close()
    # reopened: the decisions are read back
    _page, again = _open(qtbot, ctx, make_actor("desk"))
    assert again.table.item(0, 2).text() == "已审核" and again.decisions.count() == 2


def test_unreviewed_letters_are_asked_about(
    qtbot, app, ctx, make_actor, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _letter(ctx)
    _page, dialog = _open(qtbot, ctx, make_actor("desk"))
    asked: list[str] = []

    def refuse(*a, **k):  # type: ignore[no-untyped-def]
        asked.append(a[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    assert dialog.export(tmp_path / "x.xlsx") is None
    assert "1 件来信未审核" in asked[0] and not (tmp_path / "x.xlsx").exists()


def test_section_users_have_no_disclosure(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, make_actor("leader"))
    qtbot.addWidget(window)
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage) and not page.disclosure_button.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.report is not None and not page.loading)
