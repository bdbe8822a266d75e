"""pytest-qt: the 备份与恢复 page (立即备份 then the list shows it; 恢复 shows what the check
found and swaps only after the confirmation, then asks for the restart) and the daily automatic
backup of the main window (quiet when it works, a readable message to the administrator when
it fails)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.permissions import Page, pages_for
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.backup import backups
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.settings import Paths
from hotline_desk.store.engine import make_engines
from hotline_desk.store.models import Case
from tests.factories import case_input


def _window(qtbot, ctx, actor, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor, Paths.resolve(tmp_path), "test")
    qtbot.addWidget(window)
    return window


def test_only_the_system_administrator_has_the_page() -> None:
    assert Page.BACKUP in pages_for({"sys_admin"})
    assert not any(Page.BACKUP in pages_for({r}) for r in ("desk", "sec_admin", "audit_admin"))


def test_backup_now_then_the_list_shows_it(qtbot, app, ctx, make_actor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, make_actor("sys_admin"), tmp_path)
    window.show_page("backup")
    page = window.page("backup")
    assert page is not None and page.table.rowCount() == 0
    assert "14" in page.info.text() and str(tmp_path / "backups") in page.info.text()
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished, timeout=30_000)
    assert page.table.rowCount() == 1
    row = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert row[1] == "手动" and row[2] == "通过" and row[4] and row[7].endswith("_manual")
    assert "审计日志哈希链" in page.detail.text() and "✗" not in page.detail.text()
    assert "已备份" in window.statusBar().currentMessage()


def test_restore_shows_the_check_and_swaps_after_confirmation(qtbot, app, ctx, make_actor,
                                                              tmp_path, sqlite_url) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    admin, clerk = make_actor("sys_admin"), make_actor("intake")
    registration.register_case(ctx, clerk, case_input(ctx))
    place = backups.desk_place(ctx, tmp_path)
    assert place is not None
    backups.run_backup(ctx, place, backups.BackupKind.MANUAL, admin)
    registration.register_case(ctx, clerk, case_input(ctx))  # not in the backup
    window = _window(qtbot, ctx, admin, tmp_path)
    window.show_page("backup")
    page = window.page("backup")
    page.table.selectRow(0)
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=30_000)
    dialog = page.dialog
    assert dialog.check.ok
    assert "✗" not in dialog.checks.text() and "各表行数与清单一致" in dialog.checks.text()
    table = dialog.table
    cases = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "办件(cases)")
    assert [table.item(cases, c).text() for c in (1, 2)] == ["1", "2"]
    assert "多 1 件办件" in dialog.lost.text(), "what the restore would leave behind is said"
    assert not dialog.swap_button.isEnabled(), "nothing is replaced without the confirmation"
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(page.restartRequested, timeout=30_000):
        dialog.swap_button.click()
        qtbot.waitUntil(lambda: page.done_box is not None and page.done_box.isVisible(),
                        timeout=30_000)  # fmt: skip
        assert "原数据库保留为" in page.done_box.text()
        page.done_box.button(QMessageBox.StandardButton.Ok).click()
    assert page.swapped is not None and Path(page.swapped.kept).exists()
    after = ServiceContext.for_engines(make_engines(sqlite_url))
    with after.uow.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Case)) == 1
    after.engines.dispose()


def test_cancelling_the_restore_dialog_leaves_the_live_database(qtbot, app, ctx, make_actor,
                                                                tmp_path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    admin = make_actor("sys_admin")
    place = backups.desk_place(ctx, tmp_path)
    backups.run_backup(ctx, place, backups.BackupKind.MANUAL, admin)  # type: ignore[arg-type]
    window = _window(qtbot, ctx, admin, tmp_path)
    page = window.page("backup")
    page.restore_selected()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=30_000)
    page.dialog.reject()
    assert not list(tmp_path.glob("*.restoring-*")) and not list(tmp_path.glob("*.before-*"))


def test_the_daily_backup_runs_quietly(qtbot, app, ctx, make_actor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, make_actor("desk"), tmp_path)
    window.auto_backup.first.setInterval(10)  # the desk checks twenty seconds after the start
    with qtbot.waitSignal(window.auto_backup.finished, timeout=30_000) as made:
        window.auto_backup.start()
    assert made.args[0].ok and made.args[0].kind == "auto"
    assert "已自动备份" in window.statusBar().currentMessage()
    assert not window.auto_backup.running
    window.auto_backup.check()  # not due again today
    assert not window.auto_backup.running


def test_a_failed_daily_backup_is_told_to_the_administrator(qtbot, app, ctx, make_actor,
                                                            tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise DeskError("备份位置 {folder} 所在磁盘剩余空间不足", folder="X:")

    monkeypatch.setattr(backups, "make_backup", broken)
    admin_window = _window(qtbot, ctx, make_actor("sys_admin"), tmp_path)
    with qtbot.waitSignal(admin_window.auto_backup.failed, timeout=30_000) as failed:
        admin_window.auto_backup.check()
    assert "剩余空间不足" in failed.args[0]
    box = admin_window.auto_backup.box
    assert box is not None and box.isVisible() and "剩余空间不足" in box.text()
    assert not box.isModal(), "the desk goes on working"
    box.close()
    place = admin_window.desk_place
    assert place is not None and backups.last_failure(place) is not None
    clerk_window = _window(qtbot, ctx, make_actor("intake"), tmp_path)
    clerk_window.auto_backup.start()  # not due: it failed a moment ago; a clerk gets no box
    assert clerk_window.auto_backup.box is None
    QApplication.processEvents()
