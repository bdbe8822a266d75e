"""The registration form's duplicate panel and the desk's 并单 dialog, driven as users drive them:
typing a second call about a registered case shows it as a likely duplicate, 并入所选件 saves the
new case merged into it; the look-up runs off the GUI thread, a stale result is dropped; the
desk merges a registered case into an open one from the case detail."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.gui.actions.duplicates import MergeDialog
from hotline_desk.gui.cases.duplicate_panel import DuplicatePanel
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.callbacks.dto import DuplicateQuery, DuplicateResult
from hotline_desk.services.cases import read_model, registration
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.callbacks import CaseLink
from tests.factories import case_input
from tests.gui.conftest import ime_type

TITLE = "反映园区企业频繁停电"
CONTENT = (
    "来电人反映杭州某精密机械有限公司所在的滨江区科技大道园区近一个月频繁停电，严重影响"
    "正常生产经营，希望供电部门提前告知停电安排并尽快恢复供电。具体地址为滨江区科技大道88号。"
)

LETTER = (
    "来信反映：滨江区科技大道88号杭州某精密机械有限公司所在园区近一个月频繁停电，"
    "严重影响正常生产经营，请供电部门提前告知停电安排。"
)


def _register_master(ctx, actor):  # type: ignore[no-untyped-def]
    data = case_input(ctx, title=TITLE, content=CONTENT, caller_phone="13900001111")
    return registration.register_case(ctx, actor, data)


def test_typing_shows_the_duplicate_and_merging_saves_it(qtbot, app, ctx, make_actor,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    clerk = make_actor("intake", "desk")
    master = _register_master(ctx, clerk)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.show()
    window.show_page("register")
    page = window.register_page
    assert page is not None
    form, panel = page.form, page.duplicates
    form.channel.set_value("mailbox")
    ime_type(form.caller_name, "李四")
    qtbot.keyClicks(form.caller_phone, "13700002222")  # another person: the text must find it
    form.category.set_value("complaint")
    form.topic.set_topic(master.topic_id)
    with qtbot.waitSignal(panel.resultShown, timeout=10_000):
        ime_type(form.title, "关于园区停电影响生产的来信")
        ime_type(form.content, LETTER)
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation)
    assert panel.tree.topLevelItemCount() == 1
    item = panel.tree.topLevelItem(0)
    assert item.text(0) == master.case_no and item.font(0).bold()  # likely: in bold
    assert "疑似重复" in panel.status.text()
    assert panel.merge_button.isEnabled()
    assert master.case_no in panel.preview.text()

    asked: list[str] = []

    def yes(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert master.case_no in asked[0]
    with ctx.uow.read() as uow:
        s = uow.session
        new = s.execute(select(Case).where(Case.id != master.id)).scalar_one()
        assert (new.status, new.merged_into_id, new.channel) == ("merged", master.id, "mailbox")
        assert s.execute(select(CaseLink.kind)).scalars().all() == ["duplicate"]
        joined = s.execute(
            select(CaseEvent.summary).where(CaseEvent.case_id == master.id,
                                            CaseEvent.kind == "duplicate_joined")
        ).scalar_one()  # fmt: skip
    assert "来信反映" in joined
    assert f"已并入 {master.case_no}" in page.saved_label.text()
    assert form.title.text() == "" and panel.tree.topLevelItemCount() == 0  # ready for the next


def test_the_look_up_runs_off_the_gui_thread_and_stale_results_are_dropped(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    release = threading.Event()
    seen: list[tuple[str, int]] = []

    def lookup(query: DuplicateQuery) -> DuplicateResult:
        seen.append((query.title, threading.get_ident()))
        if query.title == "第一":
            release.wait(10)  # still running when the clerk types on
        return DuplicateResult((), 30, len(query.title), 0)

    runner = TaskRunner()
    panel = DuplicatePanel(runner, lookup)
    qtbot.addWidget(panel)
    panel.timer.setInterval(0)
    panel.schedule(DuplicateQuery(title="第一"))
    assert seen == []  # scheduling only restarts a timer: nothing runs while typing
    qtbot.waitUntil(lambda: len(seen) == 1)
    panel.schedule(DuplicateQuery(title="第一第二"))
    with qtbot.waitSignal(panel.resultShown, timeout=10_000) as shown:
        pass
    assert shown.args[0].compared == len("第一第二")
    release.set()
    runner.wait(5000)
    qtbot.waitUntil(lambda: not runner.busy)  # the stale result delivered (and dropped)
    assert panel.result is not None and panel.result.compared == len("第一第二")
    assert all(thread != gui for _title, thread in seen)


def test_the_desk_merges_a_registered_case_from_its_detail(qtbot, app, ctx, make_actor,
                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    desk = make_actor("desk", "intake")
    master = _register_master(ctx, desk)
    again = registration.register_case(ctx, desk, case_input(
        ctx, title="再次反映园区停电", content=CONTENT, caller_phone="13900001111"))  # fmt: skip
    window = MainWindow(ctx, desk)
    qtbot.addWidget(window)
    window.show()
    window.show_page("cases")
    window.open_case(again.id)
    detail = window.detail
    assert detail is not None
    button = detail.actions.buttons["merge"]
    assert button.isVisible()

    def pick(dialog: QDialog) -> int:
        assert isinstance(dialog, MergeDialog)
        dialog.show()
        assert dialog.tree.topLevelItemCount() == 1 and dialog.case_no.text() == master.case_no
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    merged = read_model.get_case(ctx, desk, again.id)
    assert merged.status == CaseStatus.MERGED
    assert detail.case is not None and detail.case.status == CaseStatus.MERGED
    assert master.case_no in detail.closing_view.toPlainText()
