"""The main window's printing: 打印… (Ctrl+P) previews the open case's documents, 批量打印 prints
the 交办单 of the cases selected in the list, or of every case dispatched today, as one job.

QtPdf, QtPrintSupport and reportlab are imported on first use, not when the window opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.cases.workspace import CaseWorkspace
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from hotline_desk.gui.printing.jobs import BatchPrinter
    from hotline_desk.gui.printing.preview import PrintPreviewDialog
    from hotline_desk.gui.shell.main_window import MainWindow
    from hotline_desk.services.output.printing import PrintJob


class PrintActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._batch: BatchPrinter | None = None
        self.preview: PrintPreviewDialog | None = None

    @property
    def batch(self) -> BatchPrinter:
        if self._batch is None:
            from hotline_desk.gui.printing.jobs import BatchPrinter

            w = self.window
            self._batch = BatchPrinter(w.ctx, w.actor, w.runner, w)
            self._batch.finished.connect(self._batch_done)
        return self._batch

    def add_to(self, menu: QMenu) -> None:
        w = self.window
        menu.addSeparator()
        w._action(menu, self.tr("打印…"), lambda: self.preview_current(), "Ctrl+P")
        w._action(menu, self.tr("批量打印选中办件的交办单…"), lambda: self.print_selected())
        w._action(menu, self.tr("打印今日转办的交办单…"), lambda: self.print_today())

    def workspace(self) -> CaseWorkspace | None:
        """The case workspace on screen (全部办件, or the one inside 我的待办)."""
        page = self.window.stack.currentWidget()
        if isinstance(page, CaseWorkspace):
            return page
        inbox = self.window.inbox
        return inbox.workspace if inbox is not None and page is inbox else None

    def preview_case(self, case_id: int, kind: str = "slip") -> PrintPreviewDialog | None:
        from hotline_desk.gui.printing.preview import PrintPreviewDialog

        w = self.window
        try:
            dialog = PrintPreviewDialog(w.ctx, w.actor, w.runner, case_id, kind, w)
        except DeskError as exc:
            show_error(w, exc)
            return None
        if self.preview is not None:
            self.preview.close()
        self.preview = dialog
        dialog.show()
        return dialog

    def preview_current(self) -> PrintPreviewDialog | None:
        workspace = self.workspace()
        case = workspace.detail.case if workspace is not None else None
        if case is None:
            self.window.statusBar().showMessage(self.tr("请先选择要打印的办件"), 5000)
            return None
        return self.preview_case(case.id)

    def print_selected(self, printer: QPrinter | None = None) -> CancelToken | None:
        workspace = self.workspace()
        ids = workspace.panel.selected_case_ids() if workspace is not None else []
        return self.batch.print_cases(ids, printer)

    def print_today(self, printer: QPrinter | None = None) -> CancelToken | None:
        return self.batch.print_today(printer)

    def _batch_done(self, job: PrintJob) -> None:
        self.window.statusBar().showMessage(
            self.tr("已打印 {count} 件交办单，共 {pages} 页").format(
                count=len(job.case_nos), pages=job.page_count
            ),
            8000,
        )
