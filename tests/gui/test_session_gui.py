"""Issue 14's sessions at the desk, driven through the real widgets: the idle lock covers the
window (and an open dialog) and keeps what was typed, unlocks with the user's password only
(wrong ones count like logins, the unlock is audited), 注销 asks before typed work is lost and
goes back to the login, 切换用户 from the lock, and a session another desk ended (the account
disabled) is told once and returns to the login."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select

from hotline_desk.gui.shell import app as app_module
from hotline_desk.gui.shell.idle_lock import LockScreen
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import auth, office, users
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.settings import Paths, Settings
from hotline_desk.store.models import AuditLog
from tests.conftest import add_user
from tests.gui.conftest import PASSWORD


def _login(ctx, name: str = "zhaodj", *roles: str):  # type: ignore[no-untyped-def]
    add_user(ctx, *(roles or ("intake",)), username=name, display_name="赵登记", password=PASSWORD)
    return auth.login(ctx, name, PASSWORD)


def _actions(ctx, user_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return list(
            uow.session.scalars(
                select(AuditLog.action).where(AuditLog.actor_id == user_id).order_by(AuditLog.id)
            )
        )


def _typed_window(qtbot, ctx):  # type: ignore[no-untyped-def]
    login = _login(ctx)
    window = MainWindow(ctx, login.actor)
    qtbot.addWidget(window)
    window.show()
    window.new_case()
    window.register_page.form.title.setText("路灯不亮")
    return window, login.actor


def test_idle_lock_covers_the_window_and_unlocks_with_the_password(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    window, actor = _typed_window(qtbot, ctx)
    assert window.idle.timer.isActive() and window.idle.timer.interval() == 15 * 60_000
    window.idle.timer.setInterval(20)  # the office's 15 minutes, shortened for the test
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.lock_screen is not None and window.lock_screen.isVisible())
    lock = window.lock_screen
    assert not window.centralWidget().isVisible()  # the contents are hidden, not closed
    assert QApplication.activeModalWidget() is lock
    lock.password.setText("Wrong#Pass2026")
    lock.unlock_button.click()
    assert "再错4次" in lock.error.text() and window.lock_screen is lock
    lock.password.setText(PASSWORD)
    lock.unlock_button.click()
    assert window.lock_screen is None and window.centralWidget().isVisible()
    assert window.register_page.form.title.text() == "路灯不亮"  # the draft kept
    assert window.idle.timer.isActive()
    assert _actions(ctx, actor.user_id)[-2:] == ["unlock_failed", "unlock"]


def test_keyboard_and_mouse_input_restart_the_idle_countdown(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    window, _actor = _typed_window(qtbot, ctx)
    title = window.register_page.form.title
    window.idle.timer.stop()
    qtbot.keyClick(title, "a")
    assert window.idle.timer.isActive()
    window.idle.timer.stop()
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    assert window.idle.timer.isActive() and window.lock_screen is None


def test_idle_lock_off_when_the_setting_is_zero(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        office.write(uow.session, office.IDLE_LOCK_MINUTES, 0, None, ctx.now())
        uow.commit()
    window = MainWindow(ctx, _login(ctx).actor)
    qtbot.addWidget(window)
    qtbot.keyClick(window, "a")
    assert not window.idle.timer.isActive()


def test_the_lock_goes_above_an_open_dialog_and_keeps_it(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    window, _actor = _typed_window(qtbot, ctx)
    dialog = QDialog(window)
    dialog.setWindowTitle("办理")
    dialog.open()  # a modal dialog in the middle of its work
    qtbot.waitUntil(dialog.isVisible)
    window.idle.timer.timeout.emit()
    lock = window.lock_screen
    assert lock is not None and QApplication.activeModalWidget() is lock
    assert dialog.isVisible()
    lock.password.setText(PASSWORD)
    lock.unlock_button.click()
    assert dialog.isVisible() and window.lock_screen is None
    dialog.reject()


def test_an_other_user_switches_from_the_lock_screen(qtbot, app, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, _actor = _typed_window(qtbot, ctx)
    window.lock()
    asked: list[str] = []

    def answer(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(window.signedOut) as signal:
        window.lock_screen.switch_button.click()
    assert signal.args == ["switch"] and "登记表" in asked[0]
    assert window.lock_screen is None and not window.isVisible()


def test_log_out_asks_before_typed_work_is_lost(qtbot, app, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, actor = _typed_window(qtbot, ctx)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    log_out = next(a for a in window.menuBar().actions()[1].menu().actions() if a.text() == "注销")
    log_out.trigger()
    assert window.isVisible() and not window.signed_out  # "No": nothing happens
    with qtbot.waitSignal(window.signedOut) as signal:
        log_out.trigger()
    assert signal.args == ["logout"] and not window.isVisible()
    assert _actions(ctx, actor.user_id)[-1] == "logout"


def test_a_session_ended_elsewhere_returns_to_the_login(qtbot, app, ctx, sqlite_url, tmp_path,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    window, actor = _typed_window(qtbot, ctx)
    other = open_desk(sqlite_url, backup_dir=tmp_path / "b2")
    try:
        admin = add_user(other, "sys_admin")
        users.set_active(other, admin, actor.user_id, False)
    finally:
        other.engines.dispose()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    with qtbot.waitSignal(window.signedOut) as signal:
        window.open_case_no("2026-000001")  # any next action
    assert signal.args == ["ended"] and not window.isVisible()
    assert len(shown) == 1 and "账号已停用" in shown[0]


def test_log_out_shows_the_login_again(qtbot, app, ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = _login(ctx)
    second = _login(ctx, "qianban", "handler")
    shown: list[str] = []

    class FakeLogin:
        def __init__(self, _ctx, _database, username):  # type: ignore[no-untyped-def]
            shown.append(username)
            self.result_login = second

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("hotline_desk.gui.shell.login.LoginDialog", FakeLogin)
    windows: list[MainWindow] = []

    def event_loop() -> int:
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())  # fmt: skip
        windows.append(window)
        if len(windows) == 1:
            window.sign_out("switch")
        else:
            window.close()
        return 0

    paths = Paths.resolve(tmp_path)
    code = app_module.run_sessions(app, ctx, first, paths, Settings(paths.settings_file),
                                   "test.db", event_loop)  # fmt: skip
    assert code == 0 and shown == [""]  # 切换用户: the name field starts empty
    assert [w.actor.username for w in windows] == ["zhaodj", "qianban"]


def test_lock_screen_screenshot(qtbot, app, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lock = LockScreen(ctx, _login(ctx).actor)
    qtbot.addWidget(lock)
    lock.resize(1366, 768)
    lock.show()
    lock.error.set_error("用户名或密码不正确（再错4次将锁定账号）")
    shot = Path(os.environ.get("HOTLINE_DESK_SHOTS", tmp_path)) / "lock_screen.png"
    assert lock.grab().save(str(shot))
    lock.release()
