"""导出XLSX of the 审计日志 page: the file asked for, then the export in the background with a
progress dialog whose 取消 stops it (a cancelled export leaves no file); audited by the
service (``audit_export`` with the row count)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.services import audit_query
from hotline_desk.services.audit_query import AuditFilter
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def ask_export_path(parent: QWidget, folder: Path) -> Path | None:
    """Where to write the file (the save dialog; None when the user cancels)."""
    stamp = f"{datetime.now():%Y%m%d-%H%M}"
    suggested = folder / QCoreApplication.translate("AuditExport", "审计日志-{stamp}.xlsx").format(
        stamp=stamp
    )
    title = QCoreApplication.translate("AuditExport", "导出审计日志")
    path, _f = QFileDialog.getSaveFileName(parent, title, str(suggested), "*.xlsx")
    if not path:
        return None
    out = Path(path)
    return out if out.suffix.lower() == ".xlsx" else out.with_suffix(".xlsx")


class AuditExport:
    """One export run: the progress dialog and the background job."""

    def __init__(self, parent: QWidget, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 flt: AuditFilter, path: Path) -> None:  # fmt: skip
        self.parent, self.path = parent, path
        self.rows: int | None = None
        self.failed: BaseException | None = None
        self.finished = False
        self.progress = QProgressDialog(
            QCoreApplication.translate("AuditExport", "正在导出…"),
            QCoreApplication.translate("AuditExport", "取消"),
            0,
            0,
            parent,
        )
        self.progress.setWindowTitle(QCoreApplication.translate("AuditExport", "导出审计日志"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.token: CancelToken = runner.run(
            lambda token, report: audit_query.export_audit(ctx, actor, flt, path, token, report),
            self._done,
            self._failed,
            self._step,
        )
        self.progress.canceled.connect(self.cancel)

    def _step(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(
            QCoreApplication.translate("AuditExport", "正在导出… {done}/{total}").format(
                done=f"{done:,}", total=f"{total:,}"
            )
        )

    def cancel(self) -> None:
        self.token.cancel()
        self.finished = True

    def _done(self, rows: int) -> None:
        self.rows, self.finished = rows, True
        self.progress.reset()
        status = getattr(self.parent.window(), "statusBar", None)
        if status is not None:
            status().showMessage(
                QCoreApplication.translate(
                    "AuditExport", "已导出 {rows} 条审计记录到 {path}"
                ).format(rows=f"{rows:,}", path=self.path),
                10_000,
            )

    def _failed(self, exc: BaseException) -> None:
        self.failed, self.finished = exc, True
        self.progress.reset()
        show_error(self.parent, exc)
