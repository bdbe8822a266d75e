"""Offscreen pictures of the case list and detail sharing a 1366×768 screen for ``hotline-desk
screenshots`` (issue 18): the window maximised, the calendar banner shown and a case open,
once with the detail below the list and once beside it (视图 › 详情在列表右侧)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hotline_desk.gui.shots.helpers import wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def banner_text(year: int) -> str:
    """What the banner says while ``year``'s holidays are not entered (its own wording)."""
    return QCoreApplication.translate(
        "DeadlineNotices",
        "{years}年节假日安排尚未维护：涉及该年的期限暂按周一至周五计算。"
        "请系统管理员在“工作日历”中按国务院办公厅通知录入。",
    ).format(years=year)


def render_layout_shots(ctx: ServiceContext, desk: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.shell.main_window import MainWindow

    window = MainWindow(ctx, desk, None, database)
    window.showMaximized()
    window.calendar_banner.setText(banner_text(ctx.now().year + 1))
    window.calendar_banner.show()
    window.show_page("cases")
    panel, workspace = window.case_panel, window.splitter
    assert panel is not None and workspace is not None
    wait_until(lambda: panel.model.rowCount() > 20 and panel.model.total is not None)
    panel.table.selectRow(2)
    wait_until(lambda: window.detail is not None and window.detail.case is not None)
    shots = []
    for beside, name in ((False, "layout_detail_below"), (True, "layout_detail_beside")):
        window.case_layouts.set_beside(beside)
        for _ in range(3):  # the splitter is placed once laid out (a queued call)
            QApplication.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)
        shots.append(path)
    window.close()
    return shots
