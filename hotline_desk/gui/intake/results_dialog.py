"""导出办理结果…: the replied and closed cases from the 12345 platform for a period, in the
platform's 办理结果回传 shape (XLSX or CSV), masked; those written are marked sent, so the next
export holds only what is new unless 包括已回传的办件 is ticked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.writes import write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.intake.platform_export import export_results


class ResultsDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, actor: Actor, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("导出办理结果（回传12345平台）"))
        today = QDate.currentDate()
        self.since = QDateEdit(QDate(today.year(), today.month(), 1))
        self.upto = QDateEdit(today)
        for edit in (self.since, self.upto):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.xlsx = QRadioButton(self.tr("Excel 工作簿 (.xlsx)"))
        self.csv = QRadioButton(self.tr("CSV 文本 (.csv,UTF-8)"))
        self.xlsx.setChecked(True)
        self.xlsx.toggled.connect(self._suffix)
        self.include_sent = QCheckBox(self.tr("包括已回传过的办件"))
        stamp = f"{today.toString('yyyyMMdd')}"
        self.path = QLineEdit(
            str(folder / self.tr("办理结果回传-{stamp}.xlsx").format(stamp=stamp))
        )
        self.path.setMinimumWidth(420)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.since)
        period.addWidget(QLabel(self.tr("至")))
        period.addWidget(self.upto)
        period.addStretch(1)
        form.addRow(self.tr("答复时间："), period)
        kinds = QHBoxLayout()
        kinds.addWidget(self.xlsx)
        kinds.addWidget(self.csv)
        kinds.addStretch(1)
        form.addRow(self.tr("格式："), kinds)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form.addRow(self.tr("保存到："), file_row)
        form.addRow("", self.include_sent)
        note = QLabel(
            self.tr(
                "只导出来自12345平台（有平台工单号）且已答复或已办结的办件；答复内容中的来电人姓名、"
                "电话、地址和证件号已隐去。导出后这些办件标为“已回传”，下次只导出新的。"
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @property
    def fmt(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "csv"

    def _suffix(self) -> None:
        self.path.setText(str(Path(self.path.text()).with_suffix("." + self.fmt)))

    def _browse(self) -> None:
        pattern = "*.xlsx" if self.fmt == "xlsx" else "*.csv"
        name, _f = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), pattern)
        if name:
            self.path.setText(name)

    def export(self) -> None:
        since: date = self.since.date().toPython()  # type: ignore[assignment]
        upto: date = self.upto.date().toPython()  # type: ignore[assignment]
        out = Path(self.path.text())
        written = write(
            self,
            self.ctx,
            lambda: export_results(
                self.ctx, self.actor, since, upto, out, self.fmt, self.include_sent.isChecked()
            ),
        )
        if written is None:
            return
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr("已导出 {n} 件办理结果到 {name}。").format(n=written.result.rows, name=out),
        )
        self.accept()
