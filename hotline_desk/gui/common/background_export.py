"""One export running in the background behind a progress dialog: the counter ("正在导出…
1,200/5,000"), 取消 that stops the job (the services leave no file behind a cancelled export),
and the error shown readably. The case list's and the audit log's exports are both this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner

# The job: given the cancel token and a ``report(done, total)`` callback, writes the file.
ExportJob = Callable[[CancelToken, Callable[[int, int], None]], Any]


class BackgroundExport:
    """One export run; subclasses say what the finished job's result means (``_finish``)."""

    def __init__(self, parent: QWidget, runner: TaskRunner, title: str, path: Path,
                 job: ExportJob) -> None:  # fmt: skip
        self.parent, self.path = parent, path
        self.failed: BaseException | None = None
        self.finished = False
        self.progress = QProgressDialog(
            QCoreApplication.translate("BackgroundExport", "正在导出…"),
            QCoreApplication.translate("BackgroundExport", "取消"),
            0,
            0,
            parent,
        )
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.token: CancelToken = runner.run(job, self._done, self._failed, self._step)
        self.progress.canceled.connect(self.cancel)

    def _step(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(
            QCoreApplication.translate("BackgroundExport", "正在导出… {done}/{total}").format(
                done=f"{done:,}", total=f"{total:,}"
            )
        )

    def cancel(self) -> None:
        self.token.cancel()
        self.finished = True

    def _done(self, result: Any) -> None:
        self.finished = True
        self.progress.reset()
        self._finish(result)

    def _finish(self, result: Any) -> None:
        """What the finished export's result means (a subclass keeps it or reports it)."""

    def _failed(self, exc: BaseException) -> None:
        self.failed, self.finished = exc, True
        self.progress.reset()
        show_error(self.parent, exc)
