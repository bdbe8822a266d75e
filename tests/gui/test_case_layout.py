"""The list and the detail share the screen (issue 18): on the 1366×768 desk (the offscreen test
screen is 1366×728 without the taskbar) with the window maximised, the calendar banner shown
and a case open in the detail, the case list shows at least 12 whole rows with the detail below
it and with the detail beside it (视图 › 详情在列表右侧); the choice and the splitter's place
survive a restart, per user; the header's sort indicator is on the column the rows are in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hotline_desk.demo.generate import generate_demo
from hotline_desk.gui.cases.model import COLUMNS
from hotline_desk.gui.cases.workspace import CaseWorkspace
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.gui.shots.helpers import login
from hotline_desk.gui.shots.layouts import banner_text
from hotline_desk.settings import Paths


@pytest.fixture
def demo(ctx):  # type: ignore[no-untyped-def]
    generate_demo(ctx, 60, seed=9)
    return ctx


def _window(qtbot, ctx, paths: Paths, user: str = "duban") -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, login(ctx, user), paths)
    qtbot.addWidget(window)
    window.showMaximized()
    window.calendar_banner.setText(banner_text(2027))
    window.calendar_banner.show()
    window.show_page("cases")
    panel = window.case_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 20)
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case is not None)
    return window


def _whole_rows(workspace: CaseWorkspace) -> int:
    table = workspace.panel.table
    height = table.viewport().height()
    model = table.model()
    return sum(
        1
        for r in range(model.rowCount())
        if 0 <= table.visualRect(model.index(r, 0)).top()
        and table.visualRect(model.index(r, 0)).bottom() < height
    )


def _settled(qtbot, workspace: CaseWorkspace) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: workspace.detail_area.height() > 0 and workspace.panel.height() > 0)
    # the splitter is placed once laid out (a queued call); then its children take the sizes
    qtbot.waitUntil(lambda: workspace._placed)  # noqa: SLF001


def test_twelve_rows_with_the_banner_and_the_detail_either_way(qtbot, app, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (1366, 728)
    window = _window(qtbot, demo, Paths.resolve(tmp_path))
    workspace = window.splitter
    assert workspace is not None and window.calendar_banner.isVisible()
    assert window.case_layouts.beside  # a short screen starts with the detail beside
    for beside in (True, False):
        window.case_layouts.toggle.setChecked(beside)  # 视图 › 详情在列表右侧
        _settled(qtbot, workspace)
        assert workspace.beside == beside and window.detail.isVisible()
        assert window.inbox is not None and window.inbox.workspace.beside == beside  # 我的待办 too
        qtbot.waitUntil(lambda: _whole_rows(workspace) >= 12)
        detail = workspace.detail_area
        if beside:  # the detail's fields fit its width; it scrolls only downwards
            assert detail.width() >= window.detail.minimumSizeHint().width()
            assert detail.height() == workspace.panel.height()
        else:  # the heading and the actions stay in view below the list
            assert detail.height() >= window.detail.actions.geometry().bottom()
        assert window.detail.heading.text().startswith(window.detail.case.case_no)


def test_the_choice_and_the_splitter_survive_a_restart_per_user(qtbot, app, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = Paths.resolve(tmp_path)
    window = _window(qtbot, demo, paths)
    workspace = window.splitter
    assert workspace is not None
    window.case_layouts.toggle.setChecked(True)
    _settled(qtbot, workspace)
    workspace.moveSplitter(780, 1)  # the user drags the handle
    moved = workspace.sizes()
    window.case_layouts.toggle.setChecked(False)
    _settled(qtbot, workspace)
    window.case_layouts.toggle.setChecked(True)  # back: where it was left
    qtbot.waitUntil(lambda: workspace.sizes() == moved)
    window.close()

    again = _window(qtbot, demo, paths)
    other = again.splitter
    assert other is not None and again.case_layouts.beside and other.beside
    _settled(qtbot, other)
    assert other.sizes() == moved
    again.case_layouts.toggle.setChecked(False)
    again.close()

    # another user at the same workstation keeps the default; the first keeps "below"
    colleague = _window(qtbot, demo, paths, "dengji")
    assert colleague.case_layouts.beside
    colleague.close()
    third = _window(qtbot, demo, paths)
    assert not third.case_layouts.beside and not third.splitter.beside  # type: ignore[union-attr]


def test_the_sort_indicator_is_on_the_column_the_rows_are_in(qtbot, app, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo, Paths.resolve(tmp_path))
    panel = window.case_panel
    assert panel is not None
    header = panel.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == panel.model.indicator()
    received = next(i for i, c in enumerate(COLUMNS) if c[0] == "received_at")
    x = header.sectionViewportPosition(received) + header.sectionSize(received) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    assert header.sortIndicatorSection() == received == panel.model.indicator()[0]
    assert header.sortIndicatorOrder() == panel.model.indicator()[1]
    rows = [panel.model.row(r).received_at for r in range(panel.model.rowCount())]
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert rows == sorted(rows, reverse=not ascending)
