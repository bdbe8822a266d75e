"""双因素认证: binding an authenticator app (QR code, the secret for manual entry, a code to
confirm), the recovery codes shown once, and the account's own status and unbinding
(services/admin/second_factor.py). An administrator the office requires to have one binds it
before the main window opens (``ask_enrolment``)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.gui.common.errors import error_text
from hotline_desk.gui.common.widgets import ERROR_STYLE, ErrorLabel
from hotline_desk.reports.qr import QUIET_ZONE, qr_matrix
from hotline_desk.services.admin import second_factor
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class QrView(QWidget):
    """A QR code drawn module by module (crisp squares of ``module`` pixels, with the quiet
    zone of white the standard asks for)."""

    def __init__(self, text: str, module: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = qr_matrix(text)
        self.module = module
        side = (len(self.matrix) + 2 * QUIET_ZONE) * module
        self.setFixedSize(QSize(side, side))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        m, edge = self.module, QUIET_ZONE * self.module
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(edge + c * m, edge + r * m, m, m, QColor("black"))
        painter.end()


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _code_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMaxLength(7)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3} ?\d{0,3}")))
    return field


class RecoveryCodesPanel(QWidget):
    """The recovery codes, shown once: a warning, 复制, and 完成 only after the user says they
    are kept."""

    done = Signal()

    def __init__(self, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes: list[str] = []
        head = QLabel(intro)
        head.setWordWrap(True)
        warning = QLabel(self.tr("请立即抄写或打印以下恢复码，妥善保管（不要存在本机或手机上）。"
                                 "手机丢失时，每个恢复码可代替动态验证码登录一次。"
                                 "关闭本窗口后恢复码不会再显示。"))  # fmt: skip
        warning.setWordWrap(True)
        warning.setStyleSheet(ERROR_STYLE)
        self.code_list = QPlainTextEdit()
        self.code_list.setReadOnly(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() + 1)
        self.code_list.setFont(mono)
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.setAutoDefault(False)
        self.saved = QCheckBox(self.tr("我已妥善保存恢复码"))
        self.finish_button = QPushButton(self.tr("完成"))
        self.finish_button.setEnabled(False)
        self.finish_button.setAutoDefault(False)  # red (default) only once it can be pressed
        self.saved.toggled.connect(self._kept)
        self.copy_button.clicked.connect(self.copy_codes)
        self.finish_button.clicked.connect(self.done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(head)
        layout.addWidget(warning)
        layout.addWidget(self.code_list)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _kept(self, kept: bool) -> None:
        self.finish_button.setEnabled(kept)
        self.finish_button.setDefault(kept)

    def show_codes(self, codes: list[str]) -> None:
        self.codes = codes
        pairs = [codes[i : i + 2] for i in range(0, len(codes), 2)]
        self.code_list.setPlainText("\n".join("    ".join(p) for p in pairs))
        lines = QFontMetrics(self.code_list.font()).lineSpacing() * (len(pairs) + 2)
        self.code_list.setFixedHeight(lines + 2 * self.code_list.frameWidth() + 8)
        self.saved.setFocus()

    def copy_codes(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.codes))
        self.copy_button.setText(self.tr("已复制"))


class EnrolDialog(QDialog):
    """Bind an authenticator: scan, confirm a code, then the recovery codes (shown once)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, forced: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("绑定动态验证码 — 双因素认证"))
        self.enrolment = second_factor.begin_enrolment(ctx, actor)
        self.codes: list[str] = []
        self.pages = QStackedWidget()
        self.pages.addWidget(self._scan_page(forced))
        done = self.tr("动态验证码已绑定。以后登录时，输入密码后还需输入验证器上的验证码。")
        self.panel = RecoveryCodesPanel(done)
        self.panel.done.connect(self.accept)
        self.pages.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.code.setFocus()

    def _scan_page(self, forced: bool) -> QWidget:
        page = QWidget()
        intro = self.tr("请在手机上打开验证器应用（如 Microsoft Authenticator、Google "
                        "Authenticator 或其他支持 TOTP 的应用），扫描下面的二维码。")  # fmt: skip
        if forced:
            intro = self.tr("单位要求管理员登录时使用双因素认证，请先绑定动态验证码。") + intro
        label = QLabel(intro)
        label.setWordWrap(True)
        self.qr = QrView(self.enrolment.uri)
        self.secret = QLabel(grouped(self.enrolment.secret))
        self.secret.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() + 1)
        self.secret.setFont(mono)
        self.code = _code_field(self.tr("6位数字"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("账号"), QLabel(f"{self.enrolment.account}({self.enrolment.bureau})"))
        form.addRow(self.tr("无法扫描时手动输入密钥"), self.secret)
        form.addRow(self.tr("验证器显示的验证码"), self.code)
        form.addRow("", self.error)
        self.confirm_button = QPushButton(self.tr("确认绑定"))
        self.confirm_button.setDefault(True)
        cancel = QPushButton(self.tr("退出登录") if forced else self.tr("取消"))
        cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(self.confirm)
        cancel.clicked.connect(self.reject)
        return page

    def confirm(self) -> None:
        try:
            self.codes = second_factor.confirm_enrolment(
                self.ctx, self.actor, self.enrolment.secret, self.code.text()
            )
        except ValidationError as exc:
            self.error.set_error(next(iter(exc.field_errors.values()), exc.message))
            self.code.selectAll()
            self.code.setFocus()
            return
        except DeskError as exc:
            self.error.set_error(error_text(exc))
            return
        self.panel.show_codes(self.codes)
        self.pages.setCurrentIndex(1)

    def reject(self) -> None:
        """Once bound, closing the window does not undo it: the binding stands."""
        if self.codes:
            self.accept()
        else:
            super().reject()


class SecondFactorDialog(QDialog):
    """The actor's own second factor: its state, binding, and unbinding with a code."""

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("双因素认证"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.enrol_button = QPushButton(self.tr("绑定动态验证码…"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("当前验证码或一个恢复码"))
        self.disable_button = QPushButton(self.tr("解除绑定"))
        self.renew_button = QPushButton(self.tr("重新生成恢复码"))
        self.last_codes: RecoveryCodesPanel | None = None
        self.error = ErrorLabel()
        close = QPushButton(self.tr("关闭"))
        close.setDefault(True)
        self.disable_button.setAutoDefault(False)
        self.renew_button.setAutoDefault(False)
        self.enrol_button.setAutoDefault(False)
        self.unbind = QWidget()
        row = QHBoxLayout(self.unbind)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("验证码：")))
        row.addWidget(self.code, 1)
        row.addWidget(self.renew_button)
        row.addWidget(self.disable_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.unbind)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.enrol_button.clicked.connect(self.enrol)
        self.disable_button.clicked.connect(self.disable)
        self.renew_button.clicked.connect(self.renew)
        close.clicked.connect(self.accept)
        self.setMinimumWidth(460)
        self.refresh()

    def refresh(self) -> None:
        status = second_factor.status(self.ctx, self.actor)
        if status.enabled:
            when = status.enrolled_at.strftime("%Y-%m-%d %H:%M") if status.enrolled_at else ""
            text = self.tr("已绑定动态验证码（绑定时间 {when}），剩余恢复码 {n} 个。").format(
                when=when, n=status.recovery_left
            )
        else:
            text = self.tr("尚未绑定动态验证码。")
        if status.required:
            text += self.tr("单位要求管理员登录时必须使用双因素认证。")
        self.state.setText(text)
        self.enrol_button.setVisible(not status.enabled)
        self.unbind.setVisible(status.enabled)

    def enrol(self) -> None:
        try:
            dialog = EnrolDialog(self.ctx, self.actor, parent=self)
        except DeskError as exc:
            self.error.set_error(error_text(exc))
            return
        dialog.exec()
        self.refresh()

    def disable(self) -> None:
        try:
            second_factor.disable_second_factor(self.ctx, self.actor, self.code.text())
        except DeskError as exc:
            self.error.set_error(error_text(exc))
            return
        self.code.clear()
        self.error.set_error("")
        self.refresh()

    def renew(self) -> None:
        try:
            codes = second_factor.new_recovery_codes(self.ctx, self.actor, self.code.text())
        except DeskError as exc:
            self.error.set_error(error_text(exc))
            return
        self.code.clear()
        self.error.set_error("")
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("新的恢复码"))
        panel = RecoveryCodesPanel(self.tr("已生成新的恢复码，原有恢复码全部作废。"), dialog)
        panel.show_codes(codes)
        panel.done.connect(dialog.accept)
        QVBoxLayout(dialog).addWidget(panel)
        dialog.setMinimumWidth(520)
        self.last_codes = panel
        dialog.open()
        self.refresh()


def ask_enrolment(ctx: ServiceContext, actor: Actor) -> bool:
    """Forced binding after a login that needs it; False when the user declines."""
    return EnrolDialog(ctx, actor, forced=True).exec() == QDialog.DialogCode.Accepted
