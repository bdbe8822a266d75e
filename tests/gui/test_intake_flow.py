"""A clerk logs in, registers a call and a letter by keyboard, sees them in the list and
opens the timeline; a bad phone number shows its message and saves nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from hotline_desk.gui.shell.login import LoginDialog
from hotline_desk.gui.shell.main_window import MainWindow
from tests.gui.conftest import PASSWORD, ime_type, set_password


def _cases(ctx) -> list[tuple]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return list(uow.session.execute(text(
            "SELECT case_no, channel, caller_phone, title, status, category FROM cases ORDER BY id"
        )).all())  # fmt: skip


def _login(qtbot, ctx, username: str):  # type: ignore[no-untyped-def]
    dialog = LoginDialog(ctx, "test.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.result_login.actor


def _fill(qtbot, form, *, name: str, phone: str, title: str, content: str,
          topic: str = "资金扶持", channel_downs: int = 0) -> None:  # fmt: skip
    for _ in range(channel_downs):
        qtbot.keyClick(form.channel, Qt.Key.Key_Down)
    ime_type(form.caller_name, name)
    qtbot.keyClicks(form.caller_phone, phone)
    qtbot.keyClick(form.category, Qt.Key.Key_Down)  # 请选择 → 咨询
    ime_type(form.topic.lineEdit(), topic)
    ime_type(form.title, title)
    ime_type(form.content, content)


def test_register_call_and_letter_then_open_timeline(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", "desk", username="dengji")
    set_password(ctx, clerk)
    actor = _login(qtbot, ctx, "dengji")
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert "登记员" in window.user_label.text()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.register_page
    assert window.stack.currentWidget() is page
    form = page.form

    # a bad phone number: message beside the field, nothing saved
    _fill(qtbot, form, name="张三明", phone="12345", title="咨询专项资金", content="询问申报条件")
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    assert form.errors["caller_phone"].isVisible()
    assert "11位手机号" in form.errors["caller_phone"].text()
    assert _cases(ctx) == []

    # correct it and press Enter: saved
    form.caller_phone.clear()
    qtbot.keyClicks(form.caller_phone, "13812345678")
    qtbot.keyClick(form.caller_phone, Qt.Key.Key_Return)
    rows = _cases(ctx)
    assert len(rows) == 1
    assert rows[0][1:] == ("hotline", "13812345678", "咨询专项资金", "registered", "consult")
    assert rows[0][0] in page.saved_label.text()
    assert not form.errors["caller_phone"].isVisible()
    assert form.title.text() == ""  # ready for the next call

    # a mailbox letter: one Down on the channel combo picks 市长信箱
    _fill(qtbot, form, name="李四", phone="0571-87654321", title="建议优化企业服务",
          content="来信建议简化办事流程", topic="中小企业服务", channel_downs=1)  # fmt: skip
    qtbot.keyClick(form.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    rows = _cases(ctx)
    assert len(rows) == 2
    assert rows[1][0].startswith("XX") and rows[1][1] == "mailbox"

    # both appear in the list at once; open the newest and see its timeline
    window.show_page("cases")
    model = window.case_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.total == 2)
    assert [model.row(i).case_no for i in range(2)] == [rows[1][0], rows[0][0]]
    window.case_panel.table.selectRow(0)
    detail = window.detail
    qtbot.waitUntil(lambda: detail.case is not None)
    assert detail.case.case_no == rows[1][0]
    assert detail.timeline.topLevelItemCount() == 1
    assert detail.timeline.topLevelItem(0).text(2) == "登记"
    assert detail.values["caller_phone"].text() == "0571-****4321"  # masked for every role


def test_wrong_password_is_refused_with_message(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    dialog = LoginDialog(ctx, "test.db")
    qtbot.addWidget(dialog)
    dialog.show()  # Enter presses the shown dialog's default button, 登录
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "dengji")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result_login is None
    assert "用户名或密码不正确" in dialog.error.text()


def test_one_enter_on_a_wrong_password_is_one_attempt(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: Enter in the password field fired both the field and the default button, so
    every mistake counted twice and the third locked the account."""
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    dialog = LoginDialog(ctx, "test.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "dengji")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # on to the password, no attempt
    assert failed_logins(ctx, "dengji") == 0 and dialog.error.text() == ""
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert failed_logins(ctx, "dengji") == 1
    assert dialog.result_login is None and "用户名或密码不正确" in dialog.error.text()
    assert dialog.isVisible() and not dialog.wants_connection_settings, "Enter pressed 登录 only"


def failed_logins(ctx, username: str) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return int(uow.session.execute(
            text("SELECT failed_logins FROM users WHERE username = :u"), {"u": username}
        ).scalar_one())  # fmt: skip
