"""The 督办台 opens with what it shows first (issue 19): its tiles, section counts and rows, the
detail's place saying to choose a case; the detail's widgets are made afterwards and put in
place when the user chooses a case, showing that case; the table paints the model's rows as
they are, those below the fold made once the board is complete or when scrolled to."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hotline_desk.gui.cases.detail import CaseDetailPanel, choose_case_text
from hotline_desk.gui.pages import board as board_page
from hotline_desk.gui.pages.board_model import BOARD_COLUMNS, BoardCells
from hotline_desk.services.cases import registration
from tests.factories import case_input
from tests.gui.test_board_counts_gui import duban_window


def open_board(qtbot, ctx, more: int = 0):  # type: ignore[no-untyped-def]
    """The desk's window at 1366×768 on the 300-case demo (and ``more`` cases just registered,
    each with its clock running), its 督办台 shown with its counts and first rows."""
    desk, window = duban_window(qtbot, ctx)
    for _ in range(more):
        registration.register_case(ctx, desk, case_input(ctx))
    window.show()
    window.show_page("board")
    page = window.page("board")
    qtbot.waitUntil(lambda: page.counts is not None and page.model.rowCount() > 0, timeout=30_000)
    return window, page


def click_row(qtbot, page, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = page.table.visualRect(page.cells.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_detail_comes_after_the_rows_and_shows_the_case_chosen(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    window, page = open_board(qtbot, ctx)
    split = page.split
    assert split.detail is None, "the first paint holds no detail"
    assert split.detail_area.widget() is split.placeholder and split.placeholder.isVisible()
    assert split.placeholder.text() == choose_case_text(split.beside)
    assert page.level_buttons[None].text() == f"全部 {page.counts.total}"
    # its widgets are made while the user looks at the board, not yet in place
    qtbot.waitUntil(lambda: page.findChild(CaseDetailPanel) is not None)
    made = page.findChild(CaseDetailPanel)
    assert not made.isVisible() and split.detail_area.widget() is split.placeholder

    first = page.model.row(0)
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.id == first.id)
    assert page.detail is made and split.detail is made
    assert split.detail_area.widget() is made and made.isVisible()
    assert made.heading.text().startswith(first.case_no)
    assert any(b.isVisible() for b in made.actions.buttons.values()), "its actions are there"
    for beside in (not split.beside, split.beside):  # 视图 › 详情在列表右侧 moves it as before
        window.case_layouts.toggle.setChecked(beside)
        assert split.beside == beside and made.narrow == beside

    second = page.model.row(1)
    click_row(qtbot, page, 1)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.id == second.id)
    assert page.findChildren(CaseDetailPanel) == [made], "one detail, made once"
    window.close()


def test_a_case_chosen_before_the_detail_is_made_makes_it_then(
    qtbot, app, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(board_page, "DETAIL_AFTER_MS", 600_000)  # not before the choice
    window, page = open_board(qtbot, ctx)
    split = page.split
    for beside in (not split.beside, split.beside):  # the place's words follow the layout
        window.case_layouts.toggle.setChecked(beside)
        assert split.placeholder.text() == choose_case_text(beside)
    assert page.findChild(CaseDetailPanel) is None
    first = page.model.row(0)
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.id == first.id)
    assert page.detail.isVisible() and page.detail.narrow == split.beside
    assert page.detail.heading.text().startswith(first.case_no)
    window.close()


def test_the_table_paints_every_row_of_the_model(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    """Every row the table holds says what the model's row says (number, level and its
    colours, the title in full on hover, the remaining time), the rows below the fold too once
    the board is complete."""
    window, page = open_board(qtbot, ctx)
    cells, model = page.cells, page.model
    qtbot.waitUntil(lambda: cells.filled)
    assert cells.rowCount() == model.rowCount() > 1
    ticking = [a for a, _h in BOARD_COLUMNS].index("remaining")  # (its minutes may move on)
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    for r in range(model.rowCount()):
        for c in range(cells.columnCount()):
            for role in roles[c == ticking :]:
                assert cells.index(r, c).data(role) == model.index(r, c).data(role), (r, c, role)
    assert cells.index(0, ticking).data()  # the remaining time is shown
    window.close()


def test_rows_scrolled_to_before_the_board_is_complete_are_shown(
    qtbot, app, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The cells below the fold are made when the user scrolls, if that comes first."""
    monkeypatch.setattr(BoardCells, "EAGER_ROWS", 3)
    monkeypatch.setattr(board_page, "DETAIL_AFTER_MS", 600_000)  # not before the scroll
    window, page = open_board(qtbot, ctx, more=30)  # more rows than the list shows
    cells, model = page.cells, page.model
    assert page.table.verticalScrollBar().maximum() > 0 and not cells.filled
    assert cells.index(model.rowCount() - 1, 1).data() is None
    last = model.rowCount() - 1
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the end
    qtbot.waitUntil(lambda: page.table.verticalScrollBar().value() > 0)
    assert cells.filled and cells.index(last, 1).data() == model.row(last).case_no
    top = page.table.visualRect(cells.index(last, 1)).top()
    assert 0 <= top < page.table.viewport().height(), "the last row is in sight"
    window.close()
