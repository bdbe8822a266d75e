"""The main window's session: the idle lock, 锁定, 注销 and 切换用户, and the end of a session
the services refused (``SessionEnded``, shown once by ``gui.common.errors``).

A mixin of ``MainWindow`` (it uses ``ctx``, ``actor``, ``pages`` and ``signedOut``): nothing is
closed by the lock; 注销 and 切换用户 ask first when typed work or an open dialog would be lost,
then close the dialogs and the window and emit ``signedOut`` for ``app.py`` to show the login.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.drafts import save_open_drafts
from hotline_desk.gui.common.errors import session_watch
from hotline_desk.gui.shell.idle_lock import IdleWatch, LockScreen
from hotline_desk.services.admin import auth, office

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import Actor


class SessionActions:
    ctx: ServiceContext
    actor: Actor
    pages: dict[str, QWidget]
    signedOut: SignalInstance  # noqa: N815 - Qt's naming

    def start_session(self) -> None:
        """The idle watch (the office's minutes; 0: off) and the end of a refused session."""
        self.lock_screen: LockScreen | None = None
        self.signed_out = ""
        minutes = int(office.get_setting(self.ctx, office.IDLE_LOCK_MINUTES))
        self.idle = IdleWatch(minutes, self)  # type: ignore[arg-type]
        self.idle.idle.connect(self.lock)
        watch = session_watch()
        watch.begin()
        watch.ended.connect(self._session_ended)

    def lock(self) -> None:
        """Cover the desk until the user's password is given again (nothing is closed)."""
        if self.lock_screen is not None or self.signed_out:
            return
        self.idle.timer.stop()
        save_open_drafts()  # whatever happens behind the cover, the typed text is kept
        self._focus = QApplication.focusWidget()
        self.centralWidget().setVisible(False)  # hidden behind the cover as well
        self.lock_screen = LockScreen(self.ctx, self.actor)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switchUser.connect(lambda: self.sign_out("switch"))
        self.lock_screen.cover()

    def _unlocked(self) -> None:
        self._drop_lock()
        self.centralWidget().setVisible(True)
        focus = getattr(self, "_focus", None)
        if focus is not None and shiboken6.isValid(focus):
            focus.setFocus()
        self.idle.timer.start()

    def _drop_lock(self) -> None:
        if self.lock_screen is not None:
            self.lock_screen.release()
            self.lock_screen.deleteLater()
            self.lock_screen = None

    def unsaved_work(self) -> list[str]:
        """What 注销 would lose: typed registration text, open dialogs."""
        work = []
        register = self.pages.get("register")
        form = getattr(register, "form", None)
        if form is not None and form.has_input():
            work.append(QCoreApplication.translate("MainWindow", "登记表中尚未保存的内容"))
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                work.append(
                    QCoreApplication.translate("MainWindow", "打开的窗口“{title}”").format(
                        title=widget.windowTitle()
                    )
                )
        return work

    def sign_out(self, kind: str) -> None:
        """注销 or 切换用户 (also from the lock screen): asks first when work would be lost."""
        save_open_drafts()  # while the session still lets them be written
        work = self.unsaved_work()
        if work:
            parent = self.lock_screen if self.lock_screen is not None else self
            answer = QMessageBox.question(
                parent,
                QCoreApplication.translate("MainWindow", "切换用户")
                if kind == "switch"
                else QCoreApplication.translate("MainWindow", "注销"),
                QCoreApplication.translate(
                    "MainWindow",
                    "以下内容尚未提交：\n{work}\n\n答复、意见和登记表已存为草稿，下次打开时可以"
                    "恢复；其他窗口中输入的内容将丢失。确定继续吗？",
                ).format(work="\n".join(work)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            auth.logout(self.ctx, self.actor)
        except DeskError:
            pass  # the database is away: the user still leaves
        self._finish(kind)

    def _session_ended(self, _message: str) -> None:
        if not self.signed_out:
            self._finish("ended")

    def _finish(self, kind: str) -> None:
        """Close the session: the lock, any open dialog and this window; then the login."""
        self.signed_out = kind
        self.idle.stop()
        self._drop_lock()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, GuardedDialog) and widget.isVisible():
                widget.discard()  # confirmed in sign_out, or the session is over: no question
            elif isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.signedOut.emit(kind)
        self.close()
