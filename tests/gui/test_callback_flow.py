"""The 回访 page and its dialogs driven as the desk drives them: the queue by callback deadline,
a callback reached and satisfied that closes the case, an unsatisfied one screened as reasonable
(the case goes back to its section), three days without reaching the caller; the database is
checked after every step."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.gui.actions.callbacks import CallbackDialog, ScreenDialog, UnreachableDialog
from hotline_desk.gui.pages.callbacks import CallbackPage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import replies
from hotline_desk.store.models import Case
from hotline_desk.store.models.callbacks import Callback
from tests.gui.conftest import ime_type
from tests.gui.test_action_dialogs import Office

S = CaseStatus


@pytest.fixture
def office(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def replied(office: Office, days_ago: int = 0, **overrides: object) -> CaseDetail:
    """A case of 产业发展科 replied by phone ``days_ago`` days ago."""
    ctx = office.ctx
    if days_ago:
        overrides["received_at"] = ctx.now() - timedelta(days=days_ago + 1)
    d = office.in_progress(**overrides)
    d = replies.submit_reply(ctx, office.handler, d.id, d.version, "经核实，资金已于本周拨付。")
    d = replies.approve_reply(ctx, office.head, d.id, d.version)
    at = ctx.now() - timedelta(days=days_ago)
    d = replies.record_reply(ctx, office.desk, d.id, d.version, "phone", at, "张先生")
    assert d.status == S.REPLIED
    return d


def row(ctx, case_id: int) -> Case:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        case = uow.session.get(Case, case_id)
        uow.session.expunge(case)
        return case


def attempts(ctx, case_id: int) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return [
            (c.outcome, c.satisfaction, c.words)
            for c in uow.session.execute(
                select(Callback).where(Callback.case_id == case_id).order_by(Callback.id)
            ).scalars()
        ]


class DeskAtCallbacks:
    """The desk's main window on its 回访 page."""

    def __init__(self, qtbot, office: Office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.office, self.monkeypatch = qtbot, office, monkeypatch
        self.window = MainWindow(office.ctx, office.desk)
        qtbot.addWidget(self.window)
        self.window.resize(1366, 740)
        self.window.show()
        self.window.show_page("callbacks")
        page = self.window.page("callbacks")
        assert isinstance(page, CallbackPage)
        self.page = page

    def loaded(self, queue: str = "pending") -> list[str]:
        page = self.page
        self.qtbot.mouseClick(page.buttons[queue], Qt.MouseButton.LeftButton)
        model = page.model
        self.qtbot.waitUntil(lambda: model.total is not None and not model.loading)
        return [model.row(r).case_no for r in range(model.rowCount())]

    def open(self, case_no: str) -> None:
        model = self.page.model
        row_ = next(r for r in range(model.rowCount()) if model.row(r).case_no == case_no)
        self.page.table.selectRow(row_)
        detail = self.page.detail
        self.qtbot.waitUntil(lambda: detail.case is not None and detail.case.case_no == case_no)

    def press(self, action: str, fill) -> None:  # type: ignore[no-untyped-def]
        button = self.page.detail.actions.buttons[action]
        assert button.isVisible(), f"{action} not offered"

        def user(dialog: QDialog) -> int:
            dialog.show()
            fill(dialog)
            return dialog.result()

        self.monkeypatch.setattr(QDialog, "exec", user)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def desk(qtbot, office, monkeypatch) -> DeskAtCallbacks:  # type: ignore[no-untyped-def]
    return DeskAtCallbacks(qtbot, office, monkeypatch)


def test_the_queue_and_a_satisfied_callback_that_closes(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = replied(office, title="第一件答复")
    second = replied(office, title="第二件答复", caller_phone="13911112222")
    ui = DeskAtCallbacks(qtbot, office, monkeypatch)
    assert ui.loaded() == [first.case_no, second.case_no]  # by callback deadline
    qtbot.waitUntil(lambda: ui.page.counts.get("pending") == 2)
    assert ui.page.buttons["pending"].text() == "待回访 (2)"
    model = ui.page.model
    phone_col = 4
    assert model.data(model.index(1, phone_col)) == "139****2222"  # lists: masked for all
    ui.open(second.case_no)

    def call(dialog: QDialog) -> None:
        assert isinstance(dialog, CallbackDialog)
        assert "13911112222" in dialog.info.text()  # the desk sees whom to call
        assert not dialog.satisfaction.isEnabled()  # nothing to rate before reaching anyone
        qtbot.mouseClick(dialog.outcome.buttons["reached"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.satisfaction.buttons["satisfied"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.resolved.buttons[True], Qt.MouseButton.LeftButton)
        assert dialog.ok_button.text().startswith("保存回访并办结")
        ime_type(dialog.words.edit, "资金已经到账，谢谢")
        qtbot.keyClick(dialog.words.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    ui.press("record_callback", call)
    case = row(office.ctx, second.id)
    assert case.status == S.CLOSED and case.close_reason == "satisfied"
    assert (case.callback_status, case.satisfaction, case.resolved) == (
        "reached",
        "satisfied",
        True,
    )
    assert attempts(office.ctx, second.id) == [("reached", "satisfied", "资金已经到账，谢谢")]
    # the queue refreshed itself after the change
    qtbot.waitUntil(lambda: ui.page.model.total == 1)
    assert ui.loaded() == [first.case_no]
    assert "已保存" in ui.window.statusBar().currentMessage()


def test_unsatisfied_then_screened_reasonable(qtbot, app, office, desk) -> None:  # type: ignore[no-untyped-def]
    d = replied(office)
    assert desk.loaded() == [d.case_no]
    desk.open(d.case_no)

    def unhappy(dialog: QDialog) -> None:
        assert isinstance(dialog, CallbackDialog)
        qtbot.mouseClick(dialog.outcome.buttons["reached"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.satisfaction.buttons["unsatisfied"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.resolved.buttons[False], Qt.MouseButton.LeftButton)
        assert not dialog.close_too.isVisible()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no words: refused
        assert dialog.errors["words"].isVisible() and dialog.result() == 0
        ime_type(dialog.words.edit, "钱还没到账")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk.press("record_callback", unhappy)
    assert row(office.ctx, d.id).screening == "pending"
    assert desk.loaded("screening") == [d.case_no]
    desk.open(d.case_no)
    assert desk.page.detail.actions.buttons["screen_reasonable"].text() == "甄别"

    def screen(dialog: QDialog) -> None:
        assert isinstance(dialog, ScreenDialog)
        qtbot.mouseClick(dialog.verdict.buttons[True], Qt.MouseButton.LeftButton)
        ime_type(dialog.reason.edit, "承办科室未落实拨付时间")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk.press("screen_reasonable", screen)
    case = row(office.ctx, d.id)
    assert case.status == S.IN_PROGRESS and case.reopen_count == 1
    assert case.lead_unit_id == office.unit["产业发展科"] and case.reply_limit == "3个工作日"
    tab = desk.page.detail.closing_view.toPlainText()
    assert "重办 1 次" in tab and "钱还没到账" in tab


def test_three_days_unreachable_then_closed(qtbot, app, office, desk) -> None:  # type: ignore[no-untyped-def]
    d = replied(office, days_ago=3)
    ctx = office.ctx
    for back in (2, 1):  # two earlier days without reaching the caller
        earlier = CallbackInput("unreached", ctx.now() - timedelta(days=back))
        d = callbacks.record_callback(ctx, office.desk, d.id, d.version, earlier)
    desk.loaded()
    desk.open(d.case_no)
    assert not desk.page.detail.actions.buttons["close_unreachable"].isVisible()

    def today(dialog: QDialog) -> None:
        assert isinstance(dialog, CallbackDialog)
        qtbot.mouseClick(dialog.outcome.buttons["unreached"], Qt.MouseButton.LeftButton)
        dialog.note.setText("关机")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk.press("record_callback", today)
    detail = desk.page.detail  # shows the case as saved: now it may be closed as unreachable

    def close(dialog: QDialog) -> None:
        assert isinstance(dialog, UnreachableDialog)
        ime_type(dialog.note, "三天均未接通")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter: the default button

    qtbot.waitUntil(lambda: detail.actions.buttons["close_unreachable"].isVisible())
    desk.press("close_unreachable", close)
    case = row(ctx, d.id)
    assert (case.status, case.close_reason) == (S.CLOSED, "unreachable")


def test_the_dialog_maps_its_widgets_to_the_input(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.get(replied(office).id)
    dialog = CallbackDialog(office.ctx, office.desk, d)
    qtbot.addWidget(dialog)
    dialog.at.setDateTime(QDateTime(2026, 11, 20, 9, 30, 0))
    dialog.outcome.set_value("reached")
    dialog.satisfaction.set_value("basically")
    dialog.resolved.set_value(False)
    dialog.words.set_text("基本满意")
    assert dialog.to_input() == CallbackInput("reached", datetime(2026, 11, 20, 9, 30),
                                              "basically", False, "基本满意", "")  # fmt: skip
    dialog.outcome.set_value("refused")
    assert dialog.to_input().satisfaction is None and dialog.to_input().words == ""
