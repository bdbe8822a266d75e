"""导出XLSX of the 审计日志 page: the file asked for, then the export in the background with a
progress dialog whose 取消 stops it (a cancelled export leaves no file); audited by the
service (``audit_export`` with the row count)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from hotline_desk.gui.common.background_export import BackgroundExport
from hotline_desk.gui.common.tasks import TaskRunner
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


class AuditExport(BackgroundExport):
    """One export of the audit log; ``rows`` once it is written."""

    def __init__(self, parent: QWidget, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 flt: AuditFilter, path: Path) -> None:  # fmt: skip
        self.rows: int | None = None
        super().__init__(
            parent,
            runner,
            QCoreApplication.translate("AuditExport", "导出审计日志"),
            path,
            lambda token, report: audit_query.export_audit(ctx, actor, flt, path, token, report),
        )

    def _finish(self, rows: int) -> None:
        self.rows = rows
        status = getattr(self.parent.window(), "statusBar", None)
        if status is not None:
            status().showMessage(
                QCoreApplication.translate(
                    "AuditExport", "已导出 {rows} 条审计记录到 {path}"
                ).format(rows=f"{rows:,}", path=self.path),
                10_000,
            )
