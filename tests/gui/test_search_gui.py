"""pytest-qt tests of search in the case list (issue 16): typing in the search box finds a word
of the letter's body with its snippet; "共 0 件" says why; a two-character search walks in the
background and can be stopped; the advanced dialog runs a combined search and saves it; the
saved search appears in the navigation, reruns there and is deleted from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hotline_desk.gui.cases.model import HTML_ROLE, SNIPPET_COLUMN
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.cases import queries, registration
from hotline_desk.store.models import AuditLog, SavedSearch
from tests.factories import case_input
from tests.gui.conftest import ime_type


def _desk(ctx, make_actor):  # type: ignore[no-untyped-def]
    clerk = make_actor("desk", "intake")
    made = [
        registration.register_case(ctx, clerk, case_input(ctx, title=t, content=c, channel=ch))
        for t, c, ch in (
            ("反映小区设施问题", "3栋电梯经常停在两层之间，物业负责人不接电话。", "hotline"),
            ("咨询社保缴费", "询问灵活就业人员社保缴费基数。", "mailbox"),
            ("反映夜间施工噪音", "工地夜间施工噪音扰民，电梯井作业到凌晨。", "hotline"),
        )
    ]
    window = MainWindow(ctx, clerk)
    return window, made


def test_typing_finds_the_body_with_its_snippet(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window, made = _desk(ctx, make_actor)
    qtbot.addWidget(window)
    panel = window.case_panel
    model = panel.model
    qtbot.waitUntil(lambda: model.total == 3)
    assert panel.table.isColumnHidden(SNIPPET_COLUMN)
    ime_type(panel.search, "负责人")
    qtbot.waitUntil(lambda: model.total == 1 and model.rowCount() == 1, timeout=3000)
    assert model.row(0).id == made[0].id
    assert not panel.table.isColumnHidden(SNIPPET_COLUMN)
    # the rows are painted first, the snippets follow from a second background call
    qtbot.waitUntil(lambda: model.row(0).snippet is not None, timeout=3000)
    index = model.index(0, SNIPPET_COLUMN)
    assert index.data() == "诉求内容：3栋电梯经常停在两层之间，物业【负责人】不接电话。"
    assert "<span style='background:#ffe082;font-weight:bold'>负责人</span>" in index.data(
        HTML_ROLE
    )
    assert panel.total_label.text() == "共 1 件"  # all on the list: no "scroll for more"


def test_the_total_says_why_nothing_matched(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window, _made = _desk(ctx, make_actor)
    qtbot.addWidget(window)
    panel = window.case_panel
    qtbot.waitUntil(lambda: panel.model.total == 3)
    for typed, why in (
        ("噪", "共 0 件：检索词太短，每个词至少 2 个字"),
        ("垃圾分类", "共 0 件：没有找到包含“垃圾分类”的办件"),
    ):
        panel.search.clear()
        ime_type(panel.search, typed)
        qtbot.waitUntil(lambda why=why: panel.total_label.text() == why, timeout=3000)
    panel.search.clear()
    panel.channel.set_value("mailbox")
    ime_type(panel.search, "噪音")
    qtbot.waitUntil(lambda: "被其他筛选条件排除" in panel.total_label.text(), timeout=3000)


def test_a_two_character_search_scans_and_can_be_stopped(
    qtbot, app, ctx, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window, made = _desk(ctx, make_actor)
    qtbot.addWidget(window)
    panel = window.case_panel
    qtbot.waitUntil(lambda: panel.model.total == 3)
    ime_type(panel.search, "电梯")
    qtbot.waitUntil(lambda: panel.model.total == 2 and panel.model.rowCount() == 2, timeout=3000)
    assert [panel.model.row(i).id for i in range(2)] == [made[2].id, made[0].id]
    # one case id per stretch: the walk reports progress and 停止检索 stops it
    monkeypatch.setattr(queries, "SCAN_STRETCH", 1)
    seen: list[tuple[int, int]] = []
    panel.model.scanProgress.connect(lambda d, t: seen.append((d, t)))
    panel.search.clear()
    ime_type(panel.search, "噪音")
    qtbot.waitUntil(lambda: panel.model.total == 1 and panel.model.rowCount() == 1, timeout=3000)
    assert seen and seen[-1][0] <= seen[-1][1]
    assert not panel.stop_button.isVisible()
    panel.model.scanning = True  # as while a long walk runs
    panel._update_total()
    assert panel.stop_button.isVisibleTo(panel) and "逐件检索" in panel.total_label.text()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert panel.total_label.text().startswith("已停止检索")
    assert not panel.stop_button.isVisibleTo(panel)


def test_advanced_search_saved_in_the_navigation_and_rerun(
    qtbot, app, ctx, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window, made = _desk(ctx, make_actor)
    qtbot.addWidget(window)
    window.show()
    panel = window.case_panel
    qtbot.waitUntil(lambda: panel.model.total == 3)
    assert not window.saved_nav.isVisibleTo(window)  # nothing saved yet
    qtbot.mouseClick(panel.advanced_button, Qt.MouseButton.LeftButton)
    dialog = window.search_dialog
    ime_type(dialog.words, "电梯")
    dialog.channel.set_value("hotline")
    dialog.status.set_value(("registered",))
    ime_type(dialog.save_name, "电梯投诉")
    dialog.run()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=3000)
    assert panel.search.text() == "电梯" and panel.channel.value() == "hotline"
    with ctx.uow.read() as uow:
        assert uow.session.execute(select(SavedSearch.name)).scalars().all() == ["电梯投诉"]
        assert "search_saved" in uow.session.execute(select(AuditLog.action)).scalars().all()
    saved = window.saved_nav.list
    qtbot.waitUntil(lambda: saved.count() == 1)
    assert window.saved_nav.isVisibleTo(window) and saved.item(0).text() == "电梯投诉"
    # reset the list, then rerun the saved search from the navigation
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.total == 3, timeout=3000)
    saved.itemClicked.emit(saved.item(0))
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=3000)
    assert panel.search.text() == "电梯" and panel.channel.value() == "hotline"
    # delete it (asked first)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    saved.setCurrentRow(0)
    window.saved_nav.delete_current()
    qtbot.waitUntil(lambda: saved.count() == 0)
    with ctx.uow.read() as uow:
        assert uow.session.execute(select(SavedSearch)).first() is None


def test_a_saved_name_used_already_is_refused_beside_the_field(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window, _made = _desk(ctx, make_actor)
    qtbot.addWidget(window)
    window.show()
    panel = window.case_panel
    for _ in range(2):
        qtbot.mouseClick(panel.advanced_button, Qt.MouseButton.LeftButton)
        dialog = window.search_dialog
        ime_type(dialog.words, "噪音")
        ime_type(dialog.save_name, "噪音")
        dialog.run()
    assert dialog.isVisible() and "已有名为“噪音”的查询" in dialog.error.text()
    dialog.discard()
