"""导入平台工单…: choose a platform export, check its column mapping, preview what each row
becomes, import in the background with progress and cancel, then the summary and the error
report.

Page 1 (文件与列映射): the file, the source whose saved mapping applies, one combo per column
(the built-in or saved mapping preselected, columns nobody knows marked 未识别), 保存列映射.
Page 2 (预览): the counts and one line per row (新增 / 已导入,无变化 / 平台已变更 with a tick box
/ 不能导入 with the reason). Page 3: the progress bar and 取消, then the summary and
保存错误报告…. Reading and previewing run on the task runner too (10,000 rows take seconds).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.platform_columns import FIELDS
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.writes import Written, write, write_in_background
from hotline_desk.gui.intake.preview_model import PreviewModel
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.intake import mapping, platform_import
from hotline_desk.services.intake.error_report import write_error_report
from hotline_desk.services.intake.platform_import import (
    CHANGED,
    NEW,
    REFUSED,
    UNCHANGED,
    ImportPreview,
    ImportSummary,
)

SHOWN_REFUSALS = 12
"""Refusals listed in the summary; the error report holds them all."""


class ImportDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, actor: Actor, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.folder = ctx, actor, folder
        self.runner = TaskRunner(self)
        self.preview: ImportPreview | None = None
        self.summary: ImportSummary | None = None
        self.token: CancelToken | None = None
        self.setWindowTitle(self.tr("导入平台工单"))
        fit_to_screen(self, 1200, 660)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._import_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- page 1: file and mapping ---------------------------------------------------------
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("请选择从12345平台导出的工单文件（.xlsx 或 .csv）"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose_file)
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(self._sources())
        self.source.setCurrentText(mapping.DEFAULT_SOURCE)
        self.source.setMinimumWidth(160)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("文件：")))
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        top.addWidget(QLabel(self.tr("来源（列映射）：")))
        top.addWidget(self.source)
        self.mapping_note = QLabel(
            self.tr("选择文件后，按内置的常见列名（及已保存的映射）对应各列。")
        )
        self.mapping_note.setWordWrap(True)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(
            [self.tr("文件中的列"), self.tr("对应办件台字段"), self.tr("识别")]
        )
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        self.apply_button = QPushButton(self.tr("按此映射重新读取"))
        self.apply_button.clicked.connect(self.reload)
        self.save_button = QPushButton(self.tr("保存列映射"))
        self.save_button.clicked.connect(self.save_mapping)
        self.next_button = QPushButton(self.tr("下一步：预览"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for b in (self.apply_button, self.save_button, self.next_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.mapping_note)
        layout.addWidget(self.columns, 1)
        layout.addLayout(buttons)
        return page

    def _sources(self) -> list[str]:
        try:
            return sorted({mapping.DEFAULT_SOURCE, *mapping.list_sources(self.ctx, self.actor)})
        except Exception:  # noqa: BLE001 - no saved sources to offer; the default stays
            return [mapping.DEFAULT_SOURCE]

    def choose_file(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("选择平台工单文件"),
            str(self.folder),
            self.tr(
                "平台导出文件 (*.xlsx *.xlsm *.csv);;Excel 工作簿 (*.xlsx *.xlsm);;CSV 文本 (*.csv)"
            ),
        )
        if name:
            self.path.setText(name)
            self.load(None)

    def _values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.columns.rowCount()):
            header = self.columns.item(row, 0).text()
            combo = self.columns.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            out[header] = combo.currentData() or ""
        return out

    def reload(self) -> None:
        self.load(self._values())

    def load(self, values: dict[str, str] | None) -> None:
        """Read and preview the file in the background (nothing is written)."""
        path, source = Path(self.path.text()), self.source.currentText()
        self.mapping_note.setText(self.tr("正在读取 {name}…").format(name=path.name))
        for b in (self.apply_button, self.save_button, self.next_button):
            b.setEnabled(False)

        def work() -> ImportPreview:
            return platform_import.preview_import(self.ctx, self.actor, path, source, values)

        self.runner.run(work, self._loaded, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.mapping_note.setText(self.tr("无法读取该文件。"))
        show_error(self, exc)

    def _loaded(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._fill_columns(preview)
        self.model.set_rows(preview.rows)
        self._fill_counts(preview)
        note = self.tr("共 {rows} 行。").format(rows=len(preview.rows))
        if preview.unknown:
            note += self.tr(
                "未识别的列 {n} 个（标为“未识别”，可在“对应办件台字段”中选择，或保持“不导入”）。"
            ).format(n=len(preview.unknown))
        if preview.missing:
            note += self.tr("缺少必需的列：{cols}，请在下表中指定后重新读取。").format(
                cols=self.tr("、").join(preview.missing)
            )
        self.mapping_note.setText(note)
        self.apply_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.next_button.setEnabled(not preview.missing)

    def _fill_columns(self, preview: ImportPreview) -> None:
        self.columns.setRowCount(len(preview.headers))
        from PySide6.QtWidgets import QTableWidgetItem

        for col, header in enumerate(preview.headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(col, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), "")
            for key, label in FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(col, ""))))
            self.columns.setCellWidget(col, 1, combo)
            known = header not in preview.unknown
            mark = QTableWidgetItem(self.tr("已识别") if known else self.tr("未识别"))
            mark.setFlags(mark.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if not known:
                mark.setForeground(Qt.GlobalColor.darkRed)
            self.columns.setItem(col, 2, mark)

    def save_mapping(self) -> None:
        values = self._values()
        saved = write(
            self,
            self.ctx,
            lambda: mapping.save_mapping(self.ctx, self.actor, self.source.currentText(), values),
        )
        if saved is not None:
            self.mapping_note.setText(
                self.tr("列映射已保存到来源“{source}”。").format(source=self.source.currentText())
            )

    # --- page 2: preview ------------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.counts = QLabel()
        self.model = PreviewModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((44, 150, 150, 200, 60, 112, 112, 90, 100)):
            self.table.setColumnWidth(col, width)
        self.tick_all = QCheckBox(self.tr("更新全部平台已变更的工单"))
        self.tick_all.toggled.connect(self.model.tick_all_changed)
        back = QPushButton(self.tr("上一步"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.start_button = QPushButton(self.tr("开始导入"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_import)
        row = QHBoxLayout()
        row.addWidget(self.tick_all)
        row.addStretch(1)
        row.addWidget(back)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        return page

    def _fill_counts(self, p: ImportPreview) -> None:
        self.counts.setText(
            self.tr(
                "预览（尚未写入）：新增 {new} 件；已导入且无变化 {same} 件；平台已变更 {changed} 件"
                "（勾选的才会更新）；不能导入 {bad} 行。"
            ).format(
                new=p.count(NEW),
                same=p.count(UNCHANGED),
                changed=p.count(CHANGED),
                bad=p.count(REFUSED),
            )
        )

    # --- page 3: import -------------------------------------------------------------------
    def _import_page(self) -> QWidget:
        page = QWidget()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_button = QPushButton(self.tr("保存错误报告…"))
        self.report_button.clicked.connect(self.save_report)
        self.report_button.setVisible(False)
        self.done_button = QPushButton(self.tr("关闭"))
        self.done_button.clicked.connect(self.accept)
        self.done_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.report_button)
        row.addWidget(self.done_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.result, 1)
        layout.addLayout(row)
        return page

    def start_import(self) -> None:
        preview = self.preview
        if preview is None:
            return
        ticked = frozenset(self.model.ticked)
        todo = preview.count(NEW) + len(ticked)
        self.pages.setCurrentIndex(2)
        self.progress.setRange(0, max(1, todo))
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("正在导入 {n} 件…").format(n=todo))

        def work(token: CancelToken, report: Any) -> ImportSummary:
            return platform_import.run_import(
                self.ctx, self.actor, preview, ticked, report=report, token=token
            )

        self.token = write_in_background(
            self.runner, self, self.ctx, work, self._imported, self._progress, self._import_failed
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("正在取消：当前这一批写完后停止…"))

    def _import_failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        self.done_button.setEnabled(True)
        self.progress_label.setText(self.tr("导入中断。"))
        show_error(self, exc)

    def _imported(self, written: Written[Any]) -> None:
        summary: ImportSummary = written.result
        self.summary = summary
        self.cancel_button.setEnabled(False)
        self.done_button.setEnabled(True)
        refused = len({r.line for r in summary.refused})
        text = self.tr(
            "新增 {added} 件，更新 {updated} 件；已导入且无变化 {same} 件；"
            "平台已变更但未勾选 {skipped} 件；不能导入 {refused} 行。"
        ).format(
            added=summary.added,
            updated=summary.updated,
            same=summary.unchanged,
            skipped=summary.skipped,
            refused=refused,
        )
        if summary.cancelled:
            self.progress_label.setText(self.tr("已取消。"))
            text += self.tr(
                "\n已取消：还有 {left} 件未导入；已导入的保留，再次导入同一文件即可继续。"
            ).format(left=summary.left)
        else:
            self.progress_label.setText(self.tr("导入完成。"))
        shown = summary.refused[:SHOWN_REFUSALS]
        for r in shown:
            text += "\n" + self.tr("第 {line} 行 {ref} {field}：{problem}").format(
                line=r.line, ref=r.platform_ref, field=r.field, problem=r.problem
            )
        if len(summary.refused) > len(shown):
            text += "\n" + self.tr("……其余见错误报告。")
        self.result.setText(text)
        self.report_button.setVisible(bool(summary.refused))

    def save_report(self) -> None:
        summary = self.summary
        if summary is None:
            return
        stem = Path(summary.file_name).stem
        default = str(self.folder / self.tr("{stem}-导入错误报告.xlsx").format(stem=stem))
        name, _f = QFileDialog.getSaveFileName(
            self, self.tr("保存错误报告"), default, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not name:
            return
        try:
            n = write_error_report(summary.refused, Path(name), summary.file_name)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("保存错误报告"),
                self.tr("无法写入文件：{reason}").format(reason=exc.strerror),
            )
            return
        self.result.setText(
            self.result.text()
            + "\n"
            + self.tr("错误报告已保存：{name}（{n} 条）").format(name=name, n=n)
        )

    def done(self, result: int) -> None:  # noqa: D102 - waits for the background work
        if self.token is not None:
            self.token.cancel()
        self.runner.wait()
        super().done(result)
