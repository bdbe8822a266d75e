"""数据库设置: the local SQLite file or a PostgreSQL server shared by several workstations.

The URL (without password) goes to settings; the password only to the OS keyring.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotline_desk import bootstrap
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.words import list_separator
from hotline_desk.settings import Paths, Settings


class ConnectionDialog(QDialog):
    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据库设置"))
        self.paths = paths
        current = Settings(paths.settings_file).get(Settings.DATABASE_URL)
        parsed = bootstrap.parse_postgres_url(current)
        self.local = QRadioButton(self.tr("本机数据库(SQLite):{path}").format(path=paths.database))
        self.server = QRadioButton(self.tr("PostgreSQL 服务器（多台电脑共用）"))
        self.host = QLineEdit(parsed[0] if parsed else "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(parsed[1] if parsed else 5432)
        self.database = QLineEdit(parsed[2] if parsed else "hotline_desk")
        self.user = QLineEdit(parsed[3] if parsed else "hotline")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("保存在系统凭据管理器中，不写入配置文件"))
        self.error = ErrorLabel()
        self.ok_label = QLabel()
        self.ok_label.setStyleSheet("color: #2e7d32;")
        self.test_button = QPushButton(self.tr("测试连接"))
        (self.server if parsed else self.local).setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库名"), self.database)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        self.server_fields = QWidget()
        self.server_fields.setLayout(form)
        note = QLabel(
            self.tr(
                "SQLite 文件不能放在网络共享目录；多台电脑共用请使用 PostgreSQL。"
                "更改后需重新启动程序。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test)
        self.server.toggled.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addWidget(self.server_fields)
        layout.addWidget(self.error)
        layout.addWidget(self.ok_label)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._sync()

    def _sync(self) -> None:
        self.server_fields.setEnabled(self.server.isChecked())
        self.test_button.setEnabled(self.server.isChecked())

    def _url(self) -> str | None:
        required = ((self.tr("服务器地址"), self.host), (self.tr("数据库名"), self.database),
                    (self.tr("用户名"), self.user))  # fmt: skip
        missing = [name for name, w in required if not w.text().strip()]
        if missing:
            self.error.set_error(
                self.tr("请填写：{fields}").format(fields=list_separator().join(missing))
            )
            return None
        return bootstrap.build_postgres_url(
            self.host.text().strip(), self.port.value(), self.database.text().strip(),
            self.user.text().strip(),
        )  # fmt: skip

    def test(self) -> bool:
        self.error.set_error("")
        self.ok_label.clear()
        url = self._url()
        if url is None:
            return False
        try:
            bootstrap.check_postgres(url, self.password.text())
        except DeskError as exc:
            self.error.set_error(exc.message)
            return False
        self.ok_label.setText(self.tr("连接成功"))
        return True

    def save(self) -> None:
        self.error.set_error("")
        try:
            if self.local.isChecked():
                bootstrap.save_connection(self.paths, "", "")
            else:
                if not self.test():
                    return
                url = self._url()
                assert url is not None
                bootstrap.check_keyring_backend()
                bootstrap.save_connection(self.paths, url, self.password.text())
        except DeskError as exc:
            self.error.set_error(exc.message)
            return
        QMessageBox.information(
            self, self.tr("数据库设置"), self.tr("已保存。请重新启动程序以使用新的数据库。")
        )
        self.accept()
