"""我的待办 and 全部办件 open with their rows and the detail's place saying to choose a case
(issue 19's cold start: the detail's ~150 widgets are not made before the first page); they are
made while the user reads the rows, hidden and outside the split's panes, and put in place when
a case is chosen, showing it. The menu's and the detail's actions still reach the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hotline_desk.gui.cases import workspace as workspace_module
from hotline_desk.gui.cases.detail import CaseDetailPanel, choose_case_text
from tests.gui.test_board_counts_gui import duban_window


def _click_row(qtbot, workspace, row: int) -> None:  # type: ignore[no-untyped-def]
    table = workspace.panel.table
    rect = table.visualRect(workspace.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _opened(qtbot, ctx):  # type: ignore[no-untyped-def]
    _desk, window = duban_window(qtbot, ctx)
    window.show()
    workspace = window.inbox.workspace
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=30_000)
    return window, workspace


def test_the_detail_comes_after_the_rows_and_shows_the_case_chosen(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    window, workspace = _opened(qtbot, ctx)
    area = workspace.detail_area
    assert area.widget() is workspace.placeholder and workspace.placeholder.isVisible()
    assert workspace.placeholder.text() == choose_case_text(workspace.beside)
    qtbot.waitUntil(lambda: area.viewport().findChild(CaseDetailPanel) is not None)
    made = area.viewport().findChild(CaseDetailPanel)
    assert not made.isVisible() and area.widget() is workspace.placeholder
    assert workspace.count() == 2, "not a third pane of the split"

    first = workspace.model.row(0)
    _click_row(qtbot, workspace, 0)
    qtbot.waitUntil(lambda: made.case is not None and made.case.id == first.id)
    assert workspace.detail is made and area.widget() is made and made.isVisible()
    assert made.heading.text().startswith(first.case_no)
    for beside in (not workspace.beside, workspace.beside):  # 视图 › 详情在列表右侧
        window.case_layouts.toggle.setChecked(beside)
        assert workspace.beside == beside and made.narrow == beside
    previews: list[int] = []
    window.print_actions.preview_case = previews.append  # type: ignore[method-assign]
    made.print_button.click()  # the detail's signal reaches the window through the workspace
    assert previews == [first.id]
    assert workspace.findChildren(CaseDetailPanel) == [made], "one detail, made once"
    window.close()


def test_a_case_chosen_before_the_detail_is_made_makes_it(qtbot, app, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(workspace_module, "DETAIL_AFTER_MS", 600_000)  # not before the choice
    window, workspace = _opened(qtbot, ctx)
    for beside in (not workspace.beside, workspace.beside):  # the place's words follow
        window.case_layouts.toggle.setChecked(beside)
        assert workspace.placeholder.text() == choose_case_text(beside)
    assert workspace.findChild(CaseDetailPanel) is None
    first = workspace.model.row(0)
    _click_row(qtbot, workspace, 0)
    qtbot.waitUntil(lambda: workspace.detail.case is not None)
    assert workspace.detail.case.id == first.id and workspace.detail.isVisible()
    assert workspace.detail.narrow == workspace.beside
    window.close()
