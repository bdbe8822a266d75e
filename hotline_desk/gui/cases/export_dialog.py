"""导出办件列表: the options (XLSX or CSV, personal data masked or — for users who may see it —
revealed, which is audited), the file, then the export in the background with a progress
dialog whose 取消 stops it (no file is left behind)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.background_export import BackgroundExport
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.services.output import exports


class ExportDialog(QDialog):
    def __init__(
        self, actor: Actor, total: int | None, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出办件列表"))
        self.xlsx = QRadioButton(self.tr("Excel 工作簿 (.xlsx)"))
        self.csv = QRadioButton(self.tr("CSV 文本 (.csv,UTF-8)"))
        self.xlsx.setChecked(True)
        self.reveal = QCheckBox(self.tr("包含完整的来电人姓名和电话（将记入审计日志）"))
        self.reveal.setVisible(may_see_personal(actor))
        stamp = f"{datetime.now():%Y%m%d-%H%M}"
        self.path = QLineEdit(str(folder / self.tr("办件列表-{stamp}.xlsx").format(stamp=stamp)))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.xlsx.toggled.connect(self._suffix)
        count = "" if total is None else self.tr("共 {total} 件").format(total=f"{total:,}")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("导出当前列表的全部办件（按当前筛选条件）{count}").format(count=count))
        )
        layout.addWidget(self.xlsx)
        layout.addWidget(self.csv)
        layout.addWidget(self.reveal)
        if not may_see_personal(actor):
            layout.addWidget(QLabel(self.tr("来电人信息将脱敏导出。")))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def fmt(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "csv"

    def _suffix(self) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix("." + self.fmt)))

    def _browse(self) -> None:
        pattern = "*.xlsx" if self.fmt == "xlsx" else "*.csv"
        path, _f = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), pattern)
        if path:
            self.path.setText(path)


class CaseExport(BackgroundExport):
    """One export of the case list; ``result`` once it is written."""

    def __init__(
        self,
        parent: QWidget,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        flt: CaseFilter,
        path: Path,
        fmt: str,
        reveal: bool,
    ) -> None:
        self.result: exports.ExportResult | None = None
        super().__init__(
            parent,
            runner,
            QCoreApplication.translate("CaseExport", "导出办件列表"),
            path,
            lambda token, report: exports.export_cases(
                ctx, actor, flt, path, fmt, reveal, token, report
            ),
        )

    def _finish(self, result: exports.ExportResult) -> None:
        self.result = result


def run_case_export(
    parent: QWidget,
    ctx: ServiceContext,
    actor: Actor,
    runner: TaskRunner,
    flt: CaseFilter,
    total: int | None,
    folder: Path,
) -> CaseExport | None:
    dialog = ExportDialog(actor, total, folder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = Path(dialog.path.text())
    return CaseExport(parent, ctx, actor, runner, flt, path, dialog.fmt, dialog.reveal.isChecked())
