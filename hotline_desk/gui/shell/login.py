"""Login, first-time administrator password, and password change dialogs.

The login window is the desk's first view: it is painted before the database is open (app.py
opens it behind the login, gui/shell/opening.py), so nothing here imports SQLAlchemy or the
services at module level; 登录 pressed before the database is ready waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.errors import (
    AuthError,
    DeskError,
    SecondFactorRequired,
    ValidationError,
)
from hotline_desk.gui.common.error_label import ErrorLabel
from hotline_desk.gui.common.words import render

if TYPE_CHECKING:
    from hotline_desk.gui.shell.opening import EarlyPassword
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import Actor, LoginResult

POLICY_HINT = QT_TRANSLATE_NOOP(
    "PasswordDialog",
    "至少8位，包含大写字母、小写字母、数字、符号中的至少3类，不能包含用户名、姓名或单位名称，"
    "不能是常见词语、姓名拼音、地名加数字这类容易猜到的组合，不能与最近4次的密码相同",
)


class LoginDialog(QDialog):
    """``ctx`` None: the database is still opening; ``set_context`` or ``database_failed``
    follows (app.py), and 登录 pressed meanwhile logs in as soon as it is ready."""

    painted = Signal()
    """Once, when the window has first been painted (app.py then starts opening the database:
    a worker importing SQLAlchemy meanwhile would hold the GIL the painting needs)."""

    def __init__(self, ctx: ServiceContext | None, database: str, username: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录 — 市长热线办件台"))
        self.ctx = ctx
        self.result_login: LoginResult | None = None
        self.wants_connection_settings = False
        self.open_error: BaseException | None = None
        """Why the database could not be opened (the dialog was rejected for it)."""
        self._login_waiting = self._was_painted = False
        self.early_password: EarlyPassword | None = None
        """Verifies a password typed before the database is open (app.py sets it)."""
        title = QLabel(self.tr("市长热线 · 市长信箱 办件台"))
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.database = QLabel()
        self._show_database(database)
        self.database.setStyleSheet("color: gray;")
        self.database.setWordWrap(True)
        self.login_button = QPushButton(self.tr("登录"))
        self.login_button.setAutoDefault(False)
        self.connection_button = QPushButton(self.tr("数据库设置…"))
        self.otp = QLineEdit()  # the second factor's step (shown when the account has one)
        self.otp.setMaxLength(24)
        self.use_recovery = QCheckBox(self.tr("使用恢复码"))
        self.use_recovery.toggled.connect(self._otp_kind)
        self._otp_kind(False)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self.otp_label = QLabel(self.tr("动态验证码"))
        form.addRow(self.otp_label, self.otp)
        form.addRow("", self.use_recovery)
        for w in (self.otp_label, self.otp, self.use_recovery):
            w.hide()
        self.username.textEdited.connect(self._hide_otp)
        buttons = QDialogButtonBox()
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.connection_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.database)
        layout.addWidget(buttons)
        # Enter anywhere presses the default button (登录) once: the fields do not also start a
        # login of their own (one mistake counted twice); Enter in 用户名 moves on (try_login)
        self.login_button.setDefault(True)
        self.connection_button.setAutoDefault(False)
        self.login_button.clicked.connect(self.try_login)
        self.connection_button.clicked.connect(self._connection)
        self.setMinimumWidth(380)
        (self.password if username else self.username).setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._was_painted:
            self._was_painted = True
            self.painted.emit()

    def _show_database(self, database: str) -> None:
        if not database:
            database = self.tr("正在连接…")
        self.database.setText(self.tr("数据库：{database}").format(database=database))

    def set_context(self, ctx: ServiceContext, database: str) -> None:
        """The database is open: a login pressed while it was opening goes on now."""
        self.ctx = ctx
        self._show_database(database)
        if self._login_waiting:
            self._login_waiting = False
            self.login_button.setText(self.tr("登录"))
            self.login_button.setEnabled(True)
            self.try_login()

    def database_failed(self, exc: BaseException) -> None:
        """The database could not be opened: closes with ``open_error`` (app.py says why)."""
        self.open_error = exc
        self.reject()

    def _otp_kind(self, recovery: bool) -> None:
        self.otp.setPlaceholderText(
            self.tr("恢复码，如 abcd-efgh-jkmn-pqrs") if recovery else self.tr("验证器上的6位数字")
        )
        self.otp.clear()
        self.otp.setFocus()

    def _show_otp(self) -> None:
        for w in (self.otp_label, self.otp, self.use_recovery):
            w.show()
        self.otp.setFocus()

    def _hide_otp(self) -> None:
        """Another account: its own steps (no code typed for one account goes to another)."""
        for w in (self.otp_label, self.otp, self.use_recovery):
            w.hide()
        self.otp.clear()
        self.use_recovery.setChecked(False)

    def _connection(self) -> None:
        self.wants_connection_settings = True
        self.reject()

    def try_login(self) -> None:
        name = self.username.text().strip()
        if not name:
            self.error.set_error(self.tr("请输入用户名"))
            return
        if self.ctx is None:  # still opening: log in when it is ready (set_context)
            if self.early_password is not None and self.password.text():
                self.early_password.start(name, self.password.text())  # Argon2 meanwhile
            self._login_waiting = True
            self.error.set_error("")
            self.login_button.setText(self.tr("正在连接数据库…"))
            self.login_button.setEnabled(False)
            return
        from hotline_desk.services.admin import auth, second_factor

        try:
            if auth.needs_initial_password(self.ctx, name):
                dialog = PasswordDialog(self.ctx, None, name, self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                self.password.setText("")
                self.error.set_error(self.tr("管理员密码已设置，请用新密码登录"))
                self.password.setFocus()
                return
            if not self.password.text():  # Enter in 用户名: on to the password, no attempt
                if self.focusWidget() is not self.username:
                    self.error.set_error(self.tr("请输入密码"))
                self.password.setFocus()
                return
            otp = None if self.otp.isHidden() else self.otp.text()
            if otp is not None and not otp.strip():
                self.error.set_error(self.tr("请输入动态验证码"))
                self.otp.setFocus()
                return
            checked = self.early_password.take() if self.early_password is not None else None
            self.result_login = auth.login(self.ctx, name, self.password.text(), otp, checked)
        except SecondFactorRequired as exc:
            self.error.set_error(exc.message)
            self._show_otp()
            return
        except AuthError as exc:
            if exc.message.params.get("wrong") == second_factor.WRONG_CODE:
                self.error.set_error(exc.message)
                self.otp.selectAll()
                self.otp.setFocus()
                return
            self.error.set_error(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


class PasswordDialog(QDialog):
    """Sets the first password (``actor`` None) or changes the actor's own password."""

    def __init__(self, ctx: ServiceContext, actor: Actor | None, username: str,
                 parent: QWidget | None = None, forced: bool = False,
                 reason: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.username = ctx, actor, username
        first = actor is None
        self.setWindowTitle(self.tr("设置管理员初始密码") if first else self.tr("修改密码"))
        if first:
            intro = self.tr(
                "账号 {username} 首次使用，请输入一次性安装码并设置自己的密码。"
            ).format(username=username)
        elif forced and reason:
            intro = render(reason)
        elif forced:
            intro = self.tr("密码需要更换，请设置新密码后继续。")
        else:
            intro = self.tr("修改登录密码。")
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for w in (self.old, self.new, self.repeat):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.old_error, self.new_error, self.repeat_error = ErrorLabel(), ErrorLabel(), ErrorLabel()
        self.code, self.code_error = QLineEdit(), ErrorLabel()
        self.code.setPlaceholderText("XXXXX-XXXXX")
        form = QFormLayout()
        if first:
            form.addRow(self.tr("安装码"), self.code)
            form.addRow("", self.code_error)
            form.addRow("", self._code_hint())
        else:
            form.addRow(self.tr("原密码"), self.old)
            form.addRow("", self.old_error)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow("", self.new_error)
        form.addRow(self.tr("再次输入"), self.repeat)
        form.addRow("", self.repeat_error)
        hint = QLabel(QCoreApplication.translate("PasswordDialog", POLICY_HINT))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _code_hint(self) -> QLabel:
        """Where the one-time setup code is: the file on the machine that created the database
        (this one, or for an office server another one, whose host name is shown)."""
        from hotline_desk.services.admin import auth

        where = auth.setup_code_hint(self.ctx)
        if not where.pending:
            text = self.tr("本数据库没有可用的安装码，请联系创建数据库的管理员。")
        else:
            text = self.tr(
                "安装码在创建本数据库的电脑（主机名 {host}）上首次启动时生成，"
                "保存在文件 {file} 中（仅该电脑的启动用户可读），也已打印在控制台。用后作废。"
            ).format(host=where.host, file=where.file)
        hint = QLabel(text)
        hint.setObjectName("setupCodeHint")
        hint.setWordWrap(True)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint.setStyleSheet("color: gray;")
        return hint

    def save(self) -> None:
        for e in (self.old_error, self.new_error, self.repeat_error, self.code_error):
            e.set_error("")
        if self.new.text() != self.repeat.text():
            self.repeat_error.set_error(self.tr("两次输入的新密码不一致"))
            return
        from hotline_desk.services.admin import auth

        try:
            if self.actor is None:
                if not self.code.text().strip():
                    self.code_error.set_error(self.tr("请输入安装码"))
                    return
                auth.set_initial_password(
                    self.ctx, self.username, self.new.text(), self.code.text()
                )
            else:
                auth.change_password(self.ctx, self.actor, self.old.text(), self.new.text())
        except AuthError as exc:
            (self.code_error if self.actor is None else self.new_error).set_error(exc.message)
            return
        except ValidationError as exc:
            self.old_error.set_error(exc.field_errors.get("old_password", ""))
            self.new_error.set_error(exc.field_errors.get("new_password", ""))
            self.adjustSize()  # room for a message that wraps
            return
        except DeskError as exc:
            self.new_error.set_error(exc.message)
            return
        self.accept()


def ask_password_change(ctx: ServiceContext, actor: Actor, reason: str = "") -> bool:
    """Forced change after a reset, for a new account or an expired password (``reason`` says
    which); False when the user declines."""
    dialog = PasswordDialog(ctx, actor, actor.username, forced=True, reason=reason)
    return dialog.exec() == QDialog.DialogCode.Accepted
