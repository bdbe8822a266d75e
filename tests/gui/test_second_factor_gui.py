"""双因素认证 at the desk, driven through the real widgets: an administrator the office requires
to have a second factor binds it (the QR code drawn on screen decodes to the right otpauth://
URI), keeps the recovery codes, then logs in with a code — none, a wrong one, a right one, a
recovery code once; the security administrator's switch on 单位设置; unbinding from the menu."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyotp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from hotline_desk.gui.shell.login import LoginDialog
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.gui.shell.second_factor import EnrolDialog, SecondFactorDialog
from hotline_desk.services.admin import office, second_factor
from hotline_desk.store.models import User
from tests.conftest import add_user
from tests.gui.conftest import PASSWORD
from tests.gui.test_intake_flow import failed_logins
from tests.pdf_check import decode_qr

SHOTS = Path("/tmp/h14/shots-totp")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _next_code(secret: str) -> str:
    """The code of the next time step: accepted (one step of drift) and never the step the
    enrolment just used, so the test need not wait 30 s."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def _login_dialog(qtbot, ctx, username: str) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(ctx, "test.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog


def _enrol(qtbot, ctx, actor, tmp_path: Path, shots: bool = False):  # type: ignore[no-untyped-def]
    dialog = EnrolDialog(ctx, actor, forced=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the QR code as drawn on screen decodes to the enrolment's URI
    png = tmp_path / "qr.png"
    dialog.qr.grab().save(str(png))
    (uri,) = decode_qr(png)
    assert uri == dialog.enrolment.uri
    parsed = urlparse(uri)
    secret = parse_qs(parsed.query)["secret"][0]
    assert parse_qs(parsed.query)["issuer"] == ["市长热线办件台"]
    assert parsed.path.endswith(f":{actor.username}")
    assert dialog.secret.text().replace(" ", "") == secret
    if shots:
        _shot(dialog, "enrol-scan")
    qtbot.keyClicks(dialog.code, "123")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and dialog.pages.currentIndex() == 0
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, pyotp.TOTP(secret).now())
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 1
    codes = dialog.codes
    assert len(codes) == 10 and all(c in dialog.panel.code_list.toPlainText() for c in codes)
    if shots:
        _shot(dialog, "enrol-codes")
    qtbot.mouseClick(dialog.panel.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().split("\n") == codes
    assert not dialog.panel.finish_button.isEnabled()
    dialog.panel.saved.setChecked(True)
    qtbot.mouseClick(dialog.panel.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return secret, codes


def test_required_enrolment_then_login_with_code(qtbot, app, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(ctx, "sys_admin", username="xitong", password=PASSWORD)
    office.save_setting(
        ctx, _enrolled(ctx, add_user(ctx, "sec_admin")), "admin_second_factor", True
    )
    first = _login_dialog(qtbot, ctx, "xitong")
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.result_login.must_enrol_second_factor
    secret, codes = _enrol(qtbot, ctx, admin, tmp_path, shots=True)
    with ctx.uow.read() as uow:
        assert uow.session.get(User, admin.user_id).totp_enabled

    # the password alone: the code step appears
    dialog = _login_dialog(qtbot, ctx, "xitong")
    assert dialog.result_login is None and dialog.otp.isVisible()
    assert "动态验证码" in dialog.error.text()
    assert failed_logins(ctx, "xitong") == 0
    # Enter with no code: asked again, nothing counted
    qtbot.keyClick(dialog.otp, Qt.Key.Key_Return)
    assert dialog.result_login is None and failed_logins(ctx, "xitong") == 0
    # a wrong code: refused and counted
    wrong = "000000" if _next_code(secret) != "000000" else "111111"
    qtbot.keyClicks(dialog.otp, wrong)
    _shot(dialog, "login-code-wrong")
    qtbot.keyClick(dialog.otp, Qt.Key.Key_Return)
    assert dialog.result_login is None
    assert "动态验证码不正确" in dialog.error.text() and failed_logins(ctx, "xitong") == 1
    _shot(dialog, "login-code-step")
    # the right one
    dialog.otp.clear()
    qtbot.keyClicks(dialog.otp, _next_code(secret))
    qtbot.keyClick(dialog.otp, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_login.actor.user_id == admin.user_id
    assert not dialog.result_login.must_enrol_second_factor
    assert failed_logins(ctx, "xitong") == 0

    # a recovery code, once
    for attempt in range(2):
        dialog = _login_dialog(qtbot, ctx, "xitong")
        dialog.use_recovery.setChecked(True)
        qtbot.keyClicks(dialog.otp, codes[0])
        qtbot.keyClick(dialog.otp, Qt.Key.Key_Return)
        if attempt == 0:
            assert dialog.result() == QDialog.DialogCode.Accepted
        else:
            assert dialog.result_login is None and "已用过" in dialog.error.text()


def _enrolled(ctx, actor):  # type: ignore[no-untyped-def]
    started = second_factor.begin_enrolment(ctx, actor)
    code = pyotp.TOTP(started.secret).at(ctx.now())
    second_factor.confirm_enrolment(ctx, actor, started.secret, code)
    return actor


def test_security_admin_switches_it_on_the_office_page(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    sec = _enrolled(ctx, add_user(ctx, "sec_admin"))  # once it is on, all admins must have it
    window = MainWindow(ctx, sec)
    qtbot.addWidget(window)
    window.show()
    window.show_page("office")
    page = window.page("office")
    assert list(page.inputs) == ["admin_second_factor", "password_max_age_days",
                                 "idle_lock_minutes"]  # fmt: skip
    page.inputs["admin_second_factor"].setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.result.text() == "已保存"
    assert office.get_setting(ctx, office.ADMIN_SECOND_FACTOR) is True
    _shot(window, "office-sec-admin")
    sys_window = MainWindow(ctx, _enrolled(ctx, add_user(ctx, "sys_admin")))
    qtbot.addWidget(sys_window)
    sys_window.show()
    sys_window.show_page("office")
    assert "admin_second_factor" not in sys_window.page("office").inputs


def test_unbind_from_the_menu_dialog(qtbot, app, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = add_user(ctx, "intake", username="dengji", password=PASSWORD)
    dialog = SecondFactorDialog(ctx, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "尚未绑定" in dialog.state.text() and dialog.enrol_button.isVisible()
    secret, old_codes = _enrol(qtbot, ctx, clerk, tmp_path)
    dialog.refresh()
    assert "剩余恢复码 10 个" in dialog.state.text() and dialog.unbind.isVisible()
    _shot(dialog, "status")
    qtbot.keyClicks(dialog.code, "000000" if _next_code(secret) != "000000" else "111111")
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    # new recovery codes (takes a current code); the old ones stop working
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, _next_code(secret))
    qtbot.mouseClick(dialog.renew_button, Qt.MouseButton.LeftButton)
    panel = dialog.last_codes
    assert panel is not None and len(panel.codes) == 10 and not set(panel.codes) & set(old_codes)
    assert all(c in panel.code_list.toPlainText() for c in panel.codes)
    _shot(panel.window(), "renewed-codes")
    assert not panel.finish_button.isEnabled()
    panel.saved.setChecked(True)
    qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    assert not panel.window().isVisible()
    # unbinding with one of the new recovery codes
    qtbot.keyClicks(dialog.code, panel.codes[0])
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert "尚未绑定" in dialog.state.text()
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.id == clerk.user_id)).scalar_one()
        assert not user.totp_enabled and user.totp_secret is None


def test_security_admin_resets_a_clerks_factor_not_an_admins(qtbot, app, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from hotline_desk.services.admin import second_factor

    sec = add_user(ctx, "sec_admin", username="anquan")
    clerk = add_user(ctx, "intake", username="dengji")
    admin = add_user(ctx, "audit_admin", username="shenji")
    for actor in (clerk, admin):
        started = second_factor.begin_enrolment(ctx, actor)
        second_factor.confirm_enrolment(ctx, actor, started.secret,
                                        pyotp.TOTP(started.secret).at(ctx.now()))  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    window = MainWindow(ctx, sec)
    qtbot.addWidget(window)
    window.show()
    window.show_page("users")
    page = window.page("users")
    assert page.factor_button.isVisible()
    names = [u.username for u in page.rows]
    page.table.selectRow(names.index("shenji"))
    qtbot.mouseClick(page.factor_button, Qt.MouseButton.LeftButton)
    assert "双人控制" in told[-1] and "重置动态验证码" in told[-1]  # only a request
    page.table.selectRow(names.index("dengji"))
    qtbot.mouseClick(page.factor_button, Qt.MouseButton.LeftButton)
    assert "已解除 dengji" in told[-1]
    with ctx.uow.read() as uow:
        assert not uow.session.get(User, clerk.user_id).totp_enabled
        assert uow.session.get(User, admin.user_id).totp_enabled
    sys_window = MainWindow(ctx, _enrolled(ctx, add_user(ctx, "sys_admin")))
    qtbot.addWidget(sys_window)
    sys_window.show()
    sys_window.show_page("users")
    assert not sys_window.page("users").factor_button.isVisible()


def test_declining_the_required_binding_binds_nothing(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(ctx, "audit_admin", username="shenji", password=PASSWORD)
    dialog = EnrolDialog(ctx, admin, forced=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    with ctx.uow.read() as uow:
        user = uow.session.get(User, admin.user_id)
        assert not user.totp_enabled and user.totp_secret is None
