"""The line under the 附件 list (and beside the register form's 附件 row) while a file is read,
checked and hashed, stored, fetched or written off the GUI thread: what is being done, a
progress bar (bytes done of the file's size once known; moving while the database answers) and
取消. Cancelling stops at the next megabyte: a file not yet stored is not stored, a save-as
leaves no half-written file, an open shows nothing (tasks.CancelToken)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from hotline_desk.gui.common.tasks import CancelToken
from hotline_desk.services.attachments.content import human_size

STEPS = 1000
"""The bar's scale (a file's bytes may not fit its int range)."""


class WorkBar(QWidget):
    """正在另存为 现场照片.jpg… [■■■■□□□□] 4.0 MB / 10.0 MB [取消]"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.token: CancelToken | None = None
        self.what = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.amount = QLabel()
        self.amount.setStyleSheet("color: gray;")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.what, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.amount)
        layout.addWidget(self.cancel_button)
        self.hide()

    @property
    def working(self) -> bool:
        return self.token is not None

    def start(self, what: str, token: CancelToken) -> None:
        """Show ``what`` with a moving bar until the first progress arrives."""
        self.token = token
        self.what.setText(what)
        self.bar.setRange(0, 0)
        self.amount.clear()
        self.cancel_button.setEnabled(True)
        self.show()

    def progress(self, done: int, total: int) -> None:
        if self.token is None or total <= 0:
            return
        self.bar.setRange(0, STEPS)
        self.bar.setValue(min(STEPS, done * STEPS // total))
        self.amount.setText(
            self.tr("{done} / {total}").format(done=human_size(done), total=human_size(total))
        )

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.cancel_button.setEnabled(False)
            self.what.setText(self.tr("正在取消…"))

    def finish(self) -> None:
        self.token = None
        self.hide()
