"""打印预览: a case's 交办单, 督办通知单 or 答复函 shown as the PDF it prints (QtPdf), with the
choice of document, of the 督办单, and — for users allowed to — to show the caller in full
(an explicit, audited choice), then 打印… through the system print dialog or 另存为 PDF…, and for
the 答复函 另存为 Word… (the office's Word template, services/output/letter_word.py).

The PDF is rendered off the GUI thread; every rendering, print and save is audited by the
service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QStandardPaths,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums.supervision import Level
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import ERROR_STYLE, ChoiceCombo
from hotline_desk.gui.printing.jobs import ask_printer, print_pdf
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import letter_word, printing
from hotline_desk.services.output.printing import PrintJob

KIND_TEXTS = {
    "slip": QT_TRANSLATE_NOOP("PrintPreviewDialog", "交办单"),
    "notice": QT_TRANSLATE_NOOP("PrintPreviewDialog", "督办通知单"),
    "letter": QT_TRANSLATE_NOOP("PrintPreviewDialog", "答复函"),
}


def kind_text(kind: str) -> str:
    return QCoreApplication.translate("PrintPreviewDialog", KIND_TEXTS[kind])


class PrintPreviewDialog(QDialog):
    shown = Signal(object)  # the PrintJob now on screen
    printed = Signal(object)  # the PrintJob after its pages went to the printer

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner, case_id: int,
                 kind: str = "slip", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.runner, self.case_id = ctx, actor, runner, case_id
        self.choices = printing.print_choices(ctx, actor, case_id)
        self.job: PrintJob | None = None
        self._generation = 0
        self._array = QByteArray()
        self._buffer = QBuffer(self)
        self.setWindowTitle(self.tr("打印预览 - {case_no}").format(case_no=self.choices.case_no))
        self.kind = ChoiceCombo([(k, kind_text(k)) for k in self.choices.kinds])
        self.kind.set_value(kind if kind in self.choices.kinds else "slip")
        levels = {Level.RED: self.tr("红牌"), Level.YELLOW: self.tr("黄牌")}
        orders = [(i, f"{no} ({levels.get(level, level)})") for i, no, level in self.choices.orders]
        self.order = ChoiceCombo(orders)
        self.order_label = QLabel(self.tr("督办单："))
        self.reveal = QCheckBox(self.tr("显示来电人完整信息（记入审计日志）"))
        self.reveal.setToolTip(
            self.tr("默认打印脱敏后的个人信息；勾选后按原样打印，并记入审计日志。")
        )
        self.zoom = ChoiceCombo([(QPdfView.ZoomMode.FitToWidth, self.tr("适合宽度")),
                                 (QPdfView.ZoomMode.FitInView, self.tr("整页"))])  # fmt: skip
        # Owned by Python, not by the dialog: a QPdfView destroyed after (or with) the document
        # it shows crashes PySide6 6.12 (segfault on exit); the view goes first this way.
        self.doc = QPdfDocument(None)
        self.view = QPdfView(self)
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.word_button = QPushButton(self.tr("另存为 Word…"))
        self.word_button.setToolTip(self.tr("按单位的答复函模板生成 Word 文档，便于走公文流程"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setDefault(True)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.close_button = QPushButton(self.tr("关闭"))
        self._build()
        self._wire()
        self._sync_options()
        fit_to_screen(self, 860, 960)
        self.refresh()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("文书：")))
        bar.addWidget(self.kind)
        bar.addWidget(self.order_label)
        bar.addWidget(self.order)
        bar.addWidget(self.reveal)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.zoom)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.word_button, self.save_button, self.print_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _wire(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: (self._sync_options(), self.refresh()))
        self.order.currentIndexChanged.connect(lambda _i: self.refresh())
        self.reveal.toggled.connect(lambda _on: self.refresh())
        self.zoom.currentIndexChanged.connect(lambda _i: self.view.setZoomMode(self.zoom.value()))
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.word_button.clicked.connect(lambda: self.save_word())
        self.print_button.clicked.connect(lambda: self.print_document())
        self.close_button.clicked.connect(self.reject)

    def _sync_options(self) -> None:
        kind = self.kind.value()
        notice = kind == "notice" and bool(self.choices.orders)
        self.order_label.setVisible(notice)
        self.order.setVisible(notice)
        self.reveal.setVisible(self.choices.may_reveal)
        self.word_button.setVisible(kind == "letter")

    def refresh(self) -> None:
        """Render the chosen document again (off the GUI thread)."""
        self._generation += 1
        generation = self._generation
        kind = self.kind.value()
        reveal = self.reveal.isVisible() and self.reveal.isChecked()
        order = self.order.value() if kind == "notice" else None
        self._set_busy(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在生成…"))
        self.runner.run(
            lambda: printing.prepare_documents(
                self.ctx, self.actor, kind, [self.case_id], reveal=reveal, order_id=order
            ),  # fmt: skip
            lambda job: self._show(job, generation),
            self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.word_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)

    def _show(self, job: PrintJob, generation: int) -> None:
        if generation != self._generation:  # a newer choice is being rendered
            return
        self.job = job
        self.doc.close()
        self._buffer.close()
        self._array = QByteArray(job.data)
        self._buffer.setData(self._array)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc.load(self._buffer)
        text = self.tr("共 {pages} 页 · 字体：{font}").format(pages=job.page_count,
                                                          font=job.font_family)  # fmt: skip
        if job.font_warning:
            self.status.setStyleSheet(ERROR_STYLE)
            text += "\n" + self.tr("未找到可嵌入的中文字体，其他电脑上可能显示为方框；"
                                   "请在“单位设置”中指定字体。")  # fmt: skip
        self.status.setText(text)
        self._set_busy(False)
        self.shown.emit(job)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("未能生成文书"))
        show_error(self, exc)

    def default_file_name(self) -> str:
        assert self.job is not None
        return f"{self.choices.case_no}_{kind_text(self.job.kind)}.pdf"

    def _ask_path(self, title: str, name: str, kinds: str) -> str:
        """The file dialog, proposing ``name`` in the user's documents folder ("" cancelled)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), kinds)
        return str(path)

    def save_pdf(self, path: str | None = None) -> Path | None:
        """另存为 PDF: the file as previewed; audited as a PDF file."""
        if self.job is None:
            return None
        if path is None:
            path = self._ask_path(self.tr("另存为 PDF"), self.default_file_name(),
                                  self.tr("PDF 文件 (*.pdf)"))  # fmt: skip
            if not path:
                return None
        target = Path(path)
        try:
            printing.record_output(self.ctx, self.actor, self.job, "pdf_file")
            target.write_bytes(self.job.data)
        except Exception as exc:  # noqa: BLE001 - a DeskError or a file error, shown
            show_error(self, exc)
            return None
        self.status.setText(self.tr("已保存：{path}").format(path=str(target)))
        return target

    def save_word(self, path: str | None = None) -> Path | None:
        """另存为 Word: the 答复函 from the office's template, masked as previewed; audited."""
        if self.kind.value() != "letter":
            return None
        if path is None:
            name = f"{self.choices.case_no}_{kind_text('letter')}.docx"
            path = self._ask_path(self.tr("另存为 Word"), name, self.tr("Word 文档 (*.docx)"))
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        reveal = self.reveal.isVisible() and self.reveal.isChecked()
        try:
            letter = letter_word.word_letter(self.ctx, self.actor, self.case_id, reveal=reveal)
            target.write_bytes(letter.data)
        except Exception as exc:  # noqa: BLE001 - a DeskError or a file error, shown
            show_error(self, exc)
            return None
        self.status.setText(self.tr("已保存：{path}").format(path=str(target)))
        return target

    def print_document(self, printer: QPrinter | None = None) -> None:
        """打印…: the system print dialog, then the pages in the background."""
        job = self.job
        if job is None:
            return
        if printer is None:
            printer = ask_printer(self, self.windowTitle())
            if printer is None:
                return
        try:
            printing.record_output(self.ctx, self.actor, job, "printer")
        except Exception as exc:  # noqa: BLE001 - shown, nothing printed
            show_error(self, exc)
            return
        self._set_busy(True)
        self.status.setText(self.tr("正在打印…"))

        def done(_pages: int) -> None:
            self._set_busy(False)
            self.status.setText(self.tr("已发送到打印机：{title}").format(title=job.title))
            self.printed.emit(job)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            show_error(self, exc)

        self.runner.run(lambda token: print_pdf(printer, job.data, token), done, failed)
