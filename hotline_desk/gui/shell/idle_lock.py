"""The idle lock: after the office's ``idle_lock_minutes`` without keyboard or mouse input the
desk is covered by a lock screen that asks the same user's password.

``IdleWatch`` is an application event filter: any key, mouse or wheel input restarts its timer.
``LockScreen`` is a frameless window above everything (application-modal, so it sits above any
open dialog too and takes all input; it covers every screen, and the main window's contents
are hidden behind it). Nothing is closed: open forms, dialogs and half-typed text stay as they
were. Unlocking checks the password like a login (``auth.unlock``: wrong ones count towards the
lockout, the unlock is audited); another person at the desk chooses 切换用户 instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.errors import AuthError, SessionEnded
from hotline_desk.gui.common.errors import session_ended
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.services.admin import auth
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without input (0: never)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.minutes = minutes
        app = QApplication.instance()
        if minutes > 0 and app is not None:
            self.timer.setInterval(minutes * 60_000)
            app.installEventFilter(self)
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT and self.timer.interval() > 0:
            self.timer.start()  # restarts the countdown
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockScreen(QWidget):
    """The cover; ``unlocked`` once the user's password was right, ``switchUser`` when someone
    else wants the desk."""

    unlocked = Signal()
    switchUser = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.ctx, self.actor = ctx, actor
        self._may_close = False
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("办件台已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#lockScreen { background: #1f2d3d; }"
            "#lockCard { background: white; border-radius: 8px; }"
            "#lockTitle { font-size: 20px; font-weight: bold; }"
        )
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(420)
        title = QLabel(self.tr("办件台已锁定"))
        title.setObjectName("lockTitle")
        who = actor.display_name + (f"({actor.org_unit_name})" if actor.org_unit_name else "")
        self.user_label = QLabel(
            self.tr("当前用户：{user}  账号：{username}").format(user=who, username=actor.username)
        )
        note = QLabel(
            self.tr(
                "请输入本人的密码解锁，打开的窗口和未保存的内容都保留。其他人使用请点“切换用户”。"
            )
        )
        note.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.error = ErrorLabel()
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换用户"))
        self.switch_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.unlock_button.click)
        self.switch_button.clicked.connect(self.switchUser)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        for w in (title, self.user_label, note, self.password, self.error):
            inner.addWidget(w)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def cover(self) -> None:
        """Show above everything, over every screen."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.virtualGeometry())
        self.password.clear()
        self.error.set_error("")
        self.show()
        self.raise_()
        self.activateWindow()
        self.password.setFocus()

    def try_unlock(self) -> None:
        try:
            auth.unlock(self.ctx, self.actor, self.password.text())
        except SessionEnded as exc:
            self.release()
            session_ended(None, exc)
            return
        except AuthError as exc:
            self.error.set_error(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.release()
        self.unlocked.emit()

    def release(self) -> None:
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 does not unlock
