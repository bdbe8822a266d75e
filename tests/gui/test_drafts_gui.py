"""No lost work (issue 18), driven through the real widgets: a reply typed into 提交答复 and
closed with Esc is offered again when the dialog next opens and comes back with 恢复; a dialog
destroyed without closing (a crash) after the autosave fired leaves the same draft; the
registration form the same; the idle lock writes the draft at once; another user is offered
nothing; 放弃 and a successful save drop the draft."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from hotline_desk.gui.actions.basic import NoteDialog
from hotline_desk.gui.actions.replies import ReplyDialog
from hotline_desk.gui.cases.form_draft import KIND as FORM_KIND
from hotline_desk.gui.cases.register_page import RegisterPage
from hotline_desk.gui.common.drafts import DraftKeeper
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services import drafts
from hotline_desk.services.admin import auth
from hotline_desk.services.cases import catalog, read_model
from tests.conftest import add_user
from tests.gui.conftest import PASSWORD, ime_type
from tests.gui.test_action_dialogs import Office
from tests.gui.test_discard_question import REPLY, Answer

OFFER = re.compile(r"恢复上次未提交的草稿（\d{1,2}月\d{1,2}日 \d\d:\d\d）？")


@pytest.fixture
def office(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The few seconds of idle typing, shortened for the tests."""
    monkeypatch.setattr(DraftKeeper, "AUTOSAVE_MS", 30)


def _opened(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _crash(widget) -> None:  # type: ignore[no-untyped-def]
    """The desk dies: the widget goes without being closed (no reject, no close event)."""
    shiboken6.delete(widget)


def test_esc_keeps_the_reply_and_reopening_offers_it(qtbot, app, office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = office.in_progress()
    dialog = _opened(qtbot, ReplyDialog(office.ctx, office.handler, case))
    assert dialog.draft_keeper is not None and not dialog.draft_keeper.offer.isVisible()
    ime_type(dialog.editor.edit, REPLY)
    folder = Path(os.environ.get("HOTLINE_DESK_TEST_ARTIFACTS") or tmp_path) / "dialogs"
    keep = Answer("保留草稿", folder / "keep_draft_question.png")
    keep.arm()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert keep.asked == ["是否放弃已输入的内容？"]
    qtbot.waitUntil(lambda: not dialog.isVisible())

    again = _opened(qtbot, ReplyDialog(office.ctx, office.handler, case))
    offer = again.draft_keeper.offer
    assert offer.isVisible() and OFFER.fullmatch(offer.label.text())
    assert again.editor.text() == ""
    offer.restore_button.click()
    assert again.editor.text() == REPLY and not offer.isVisible()
    # submitting saves the reply and drops the draft right after the commit
    again.ok_button.click()
    assert again.result() == QDialog.DialogCode.Accepted
    saved = read_model.get_case(office.ctx, office.handler, case.id).work.latest_draft  # type: ignore[union-attr]
    assert saved is not None and saved.text.startswith(REPLY[:100])  # the phone shows masked
    assert drafts.load_draft(office.ctx, office.handler, "ReplyDialog", case.id) is None


def test_a_crash_after_the_autosave_loses_nothing(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    case = office.in_progress()
    dialog = _opened(qtbot, NoteDialog(office.ctx, office.handler, case))
    keeper = dialog.draft_keeper
    with qtbot.waitSignal(keeper.saved, timeout=5000):
        ime_type(dialog.text.edit, "已电话联系企业财务负责人，对方答应周五前补交材料。")
    _crash(dialog)

    again = _opened(qtbot, NoteDialog(office.ctx, office.handler, case))
    assert again.draft_keeper.offer.isVisible()
    again.draft_keeper.offer.restore_button.click()
    assert again.text.text() == "已电话联系企业财务负责人，对方答应周五前补交材料。"


def test_another_user_is_offered_nothing_and_drop_removes_it(
    qtbot, app, office, make_actor
) -> None:  # type: ignore[no-untyped-def]
    case = office.in_progress()
    dialog = _opened(qtbot, ReplyDialog(office.ctx, office.handler, case))
    with qtbot.waitSignal(dialog.draft_keeper.saved, timeout=5000):
        ime_type(dialog.editor.edit, REPLY)
    _crash(dialog)
    colleague = make_actor("handler", unit="CYFZ", username="colleague")
    theirs = _opened(qtbot, ReplyDialog(office.ctx, colleague, office.get(case.id, colleague)))
    assert not theirs.draft_keeper.offer.isVisible() and theirs.editor.text() == ""
    theirs.close()

    mine = _opened(qtbot, ReplyDialog(office.ctx, office.handler, case))
    mine.draft_keeper.offer.drop_button.click()
    assert not mine.draft_keeper.offer.isVisible() and mine.editor.text() == ""
    assert drafts.load_draft(office.ctx, office.handler, "ReplyDialog", case.id) is None


@pytest.fixture
def clerk(ctx, make_actor):  # type: ignore[no-untyped-def]
    return make_actor("intake", "desk", username="clerk")


def _page(qtbot, ctx, clerk) -> RegisterPage:  # type: ignore[no-untyped-def]
    page = RegisterPage(ctx, clerk, catalog.list_topics(ctx))
    page.duplicates.schedule = lambda _query: None  # its own tests drive the look-up
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def pages(qtbot, app, ctx, clerk) -> Iterator[list[RegisterPage]]:  # type: ignore[no-untyped-def]
    made: list[RegisterPage] = []
    yield made
    for page in made:
        if shiboken6.isValid(page):
            assert page.runner.wait(10_000)


def test_registration_form_survives_a_crash_and_a_save_drops_it(
    qtbot, app, ctx, clerk, pages
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx, clerk)
    form = page.form
    assert not page.drafts.offer.isVisible()
    with qtbot.waitSignal(page.drafts.saved, timeout=5000):
        ime_type(form.caller_name, "张三")
        form.caller_phone.setText("13812345678")
        form.topic.set_topic(catalog.list_topics(ctx)[0].id)
        form.important.setChecked(True)
        ime_type(form.title, "小区路灯不亮")
        ime_type(form.content, "某某小区3号楼前路灯已坏一周，夜间出行不便，请尽快修复。")
    typed = form.to_input()
    _crash(page)

    page = _page(qtbot, ctx, clerk)
    pages.append(page)
    assert page.drafts.offer.isVisible() and OFFER.fullmatch(page.drafts.offer.label.text())
    assert not page.form.has_input()
    page.drafts.offer.restore_button.click()
    assert page.form.to_input() == typed
    page.form.category.setCurrentIndex(1)
    page.save_button.click()
    assert page.saved_label.text().startswith("已保存")
    assert drafts.load_draft(ctx, clerk, FORM_KIND, None) is None


def test_the_idle_lock_keeps_the_open_dialog_and_the_form(qtbot, app, ctx, office) -> None:  # type: ignore[no-untyped-def]
    """The lock comes: the drafts are written at once, not at the next autosave."""
    add_user(ctx, "handler", unit="CYFZ", username="lockme", password=PASSWORD)
    actor = auth.login(ctx, "lockme", PASSWORD).actor
    case = office.in_progress()
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show()
    dialog = _opened(qtbot, NoteDialog(ctx, actor, office.get(case.id, actor), window))
    dialog.draft_keeper.AUTOSAVE_MS = 600_000  # only the lock may write it
    ime_type(dialog.text.edit, "锁屏前写了一半的办理记录")
    assert drafts.load_draft(ctx, actor, "NoteDialog", case.id) is None
    window.lock()
    assert window.lock_screen is not None
    kept = drafts.load_draft(ctx, actor, "NoteDialog", case.id)
    assert kept is not None and kept.fields == {"text": "锁屏前写了一半的办理记录"}
    assert dialog.isVisible() and dialog.text.text() == "锁屏前写了一半的办理记录"
    window.lock_screen.password.setText(PASSWORD)
    window.lock_screen.unlock_button.click()
    _crash(dialog)
    again = _opened(qtbot, NoteDialog(ctx, actor, office.get(case.id, actor)))
    again.draft_keeper.offer.restore_button.click()
    assert again.text.text() == "锁屏前写了一半的办理记录"
