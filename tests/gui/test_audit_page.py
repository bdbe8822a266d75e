"""审计日志 page and the audit chain's watch, driven through their widgets: filter by user,
action and case and see only those rows; export and read the file back; 校验审计链 on a tampered
log; the red banner for the audit admin only, and one audit event for two checks."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.pages.audit import AuditPage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import users
from hotline_desk.services.cases import registration
from hotline_desk.store.models import AuditLog
from tests.conftest import add_user
from tests.factories import case_input
from tests.services.test_audit_query import tamper


def _setup(ctx):  # type: ignore[no-untyped-def]
    auditor = add_user(ctx, "audit_admin", username="shenji", display_name="审计员甲")
    admin = add_user(ctx, "sys_admin", username="xitong", display_name="系统员乙")
    clerk = add_user(ctx, "intake", username="dengji", display_name="登记员丙")
    users.create_user(ctx, admin, users.UserInput("wangwu", "王五", None, ("intake",)))
    cases = [registration.register_case(ctx, clerk, case_input(ctx, title=f"第{i}件诉求标题"))
             for i in range(3)]  # fmt: skip
    return auditor, admin, clerk, cases


def _column(page: AuditPage, col: int) -> list[str]:
    return [page.table.item(r, col).text() for r in range(page.table.rowCount())]


def _audit_rows(ctx, action: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return [tuple(r) for r in uow.session.execute(
            select(AuditLog.id, AuditLog.detail).where(AuditLog.action == action)
            .order_by(AuditLog.id)).all()]  # fmt: skip


def test_filters_show_only_the_chosen_rows_and_reads_are_audited(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    auditor, admin, clerk, cases = _setup(ctx)
    page = AuditPage(ctx, auditor, TaskRunner())
    qtbot.addWidget(page)
    page.resize(1234, 700)
    page.show()
    assert "新建用户" in _column(page, 3) and "系统员乙(xitong)" in _column(page, 2)
    page.user.setCurrentIndex(page.user.findText("登记员丙(dengji)"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert set(_column(page, 2)) == {"登记员丙(dengji)"}
    assert set(_column(page, 3)) == {"登记办件"} and page.table.rowCount() == 3
    page.user.setCurrentIndex(page.user.findText("系统（自动任务）"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert set(_column(page, 2)) == {"系统"} and "初始化数据库" in _column(page, 3)
    page.user.setCurrentIndex(0)  # 全部用户
    page.action.setCurrentIndex(page.action.findText("新建用户"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert _column(page, 3) == ["新建用户"] and _column(page, 5) == ["王五(wangwu)"]
    page.action.setCurrentIndex(0)
    QTest.keyClicks(page.case_no, cases[1].case_no)
    QTest.keyClick(page.case_no, Qt.Key.Key_Return)
    assert _column(page, 5) == [cases[1].case_no] and _column(page, 1)[0]
    assert "共 1 条" in page.count.text()
    reads = _audit_rows(ctx, "audit_read")
    assert len(reads) == 5  # the page's first load and four queries: one row each
    assert json.loads(reads[-1][1]) == {"filter": {"case_no": cases[1].case_no}}
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.case_no.text() == "" and page.table.rowCount() > 3


def test_export_writes_the_filtered_rows(qtbot, app, ctx, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, clerk, cases = _setup(ctx)
    page = AuditPage(ctx, auditor, TaskRunner(), tmp_path)
    qtbot.addWidget(page)
    page.user.setCurrentIndex(page.user.findText("登记员丙(dengji)"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.xlsx"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    export = page.last_export
    assert export is not None
    qtbot.waitUntil(lambda: export.finished, timeout=10_000)
    assert export.rows == 3 and export.path == tmp_path / "导出.xlsx"
    values = [[c.value for c in r] for r in openpyxl.load_workbook(export.path).active.iter_rows()]
    assert values[0] == ["序号", "时间", "用户", "操作", "对象", "对象编号", "详情"]
    assert sorted(v[5] for v in values[1:]) == sorted(c.case_no for c in cases)
    assert {(v[2], v[3], v[4]) for v in values[1:]} == {("登记员丙(dengji)", "登记办件", "办件")}
    exported = json.loads(_audit_rows(ctx, "audit_export")[-1][1])
    assert exported["rows"] == 3 and exported["filter"] == {"user": clerk.user_id}


def test_verify_button_names_the_tampered_row(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, _clerk, _cases = _setup(ctx)
    page = AuditPage(ctx, auditor, TaskRunner())
    qtbot.addWidget(page)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None)
    assert "审计链完整" in page.result.text()
    bad = _audit_rows(ctx, "case_register")[1][0]
    tamper(ctx, bad)
    page.last_check = None
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None)
    assert f"第 {bad} 条记录校验失败" in page.result.text()


def test_banner_for_the_audit_admin_only_and_one_event(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, clerk, _cases = _setup(ctx)
    bad = _audit_rows(ctx, "user_create")[0][0]
    tamper(ctx, bad)
    windows = {}
    for who, actor in (("clerk", clerk), ("auditor", auditor)):
        window = MainWindow(ctx, actor)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.audit_watch.checked, timeout=10_000) as got:
            window.audit_watch.start()
            window.audit_watch.check()  # the start-up check, now
        assert got.args[0].first_bad_id == bad
        windows[who] = window
    assert not windows["clerk"].audit_watch.banner.isVisible()
    banner = windows["auditor"].audit_watch.banner
    assert banner.isVisible() and f"第 {bad} 条" in banner.text.text()
    assert windows["auditor"].audit_watch.timer.interval() == 24 * 3600_000
    events = _audit_rows(ctx, "audit_chain_broken")
    assert len(events) == 1 and json.loads(events[0][1])["first_bad_id"] == bad
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    page = windows["auditor"].stack.currentWidget()
    assert isinstance(page, AuditPage)
    assert "审计链校验失败" in _column(page, 3)
