"""导出… of the 政务公开 review: the question when letters are unreviewed, the file asked for, and
the export of the reviewed list in the background behind a progress dialog whose 取消 stops it
(a cancelled export leaves no file); audited by the service with the review's counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from hotline_desk.domain.periods import Period
from hotline_desk.gui.common.background_export import BackgroundExport
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import disclosure


def ask_export(parent: QWidget, period: Period, waiting: int, path: Path | None) -> Path | None:
    """Where to write the list (``path`` when given), after asking whether to go on when
    ``waiting`` letters are unreviewed; None when the user stops."""
    title = QCoreApplication.translate("DisclosureExport", "导出政务公开清单")
    if waiting:
        answer = QMessageBox.question(
            parent,
            title,
            QCoreApplication.translate(
                "DisclosureExport",
                "还有 {n} 件来信未审核，其中的个人信息只经自动检测。仍要导出吗？",
            ).format(n=waiting),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    if path is not None:
        return path
    name, _f = QFileDialog.getSaveFileName(
        parent,
        title,
        QCoreApplication.translate("DisclosureExport", "政务公开-{period}.xlsx").format(
            period=period.key
        ),
        QCoreApplication.translate("DisclosureExport", "Excel 工作簿 (*.xlsx)"),
    )
    if not name:
        return None
    return Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")


class DisclosureExportJob(BackgroundExport):
    """The reviewed list written in the background; ``result`` once it is written."""

    def __init__(
        self,
        parent: QWidget,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        period: Period,
        path: Path,
        on_done: Callable[[disclosure.DisclosureExport], None],
    ) -> None:
        self.result: disclosure.DisclosureExport | None = None
        self.on_done = on_done
        super().__init__(
            parent,
            runner,
            QCoreApplication.translate("DisclosureExport", "导出政务公开清单"),
            path,
            lambda token, report: disclosure.export_disclosure(
                ctx, actor, period, path, False, token, report
            ),
        )

    def _finish(self, result: disclosure.DisclosureExport) -> None:
        self.result = result
        self.on_done(result)
