"""Sending documents to a printer: the PDF's pages rasterised at the printer's resolution (in
bands, so a 600 dpi page never needs one huge image; the next band rendered in QtPdf's own
render thread while the printer takes the last) onto a QPrinter — a band with no colour in it
as a 1-bit image, as a monochrome laser prints it, every band on a printer set to grey — and
the batch print of many cases' 交办单 in one print job, in the background with progress and
cancel.

Printing is audited by the service before the first page goes out (``output`` "printer").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil, floor

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import printing
from hotline_desk.services.output.printing import PrintJob

MAX_DPI = 600  # higher printer resolutions are printed at this one (time, memory)
BAND_PX = 1024
"""Height of one rendered strip of a page: 10 MB at 300 dpi, 20 MB at 600. Each strip is one
more parse of the page's content, so a 300 dpi page in 4 strips prints quicker than in 7 (and
than in 2: a larger image costs more to allocate than the parse saves)."""
PROBE_SCALE = 8
"""Whether a band holds colour is read from its page rendered this many times smaller,
anti-aliased (a hairline still tints the pixels it crosses): 1.5 ms a page, where checking
every band at 300 dpi took 5.6 ms, a sixth of the page's own rendering."""
RENDER_WAIT_MS = 60_000
"""How long the answer for one band may take to come back from QtPdf's render thread before the
print gives up with an error (a lost answer must not hold the print job, and its progress
window, for ever)."""
CRISP_DPI = 300
"""From this resolution on, text and lines are rendered without anti-aliasing: the printer's
dots are finer than the shades would be, and a 1-bit band keeps clean edges instead of
dithered ones (the render is a tenth quicker, the band compresses better)."""


def new_printer() -> QPrinter:
    """A printer on A4 portrait with the page's own margins (the PDF has its margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def ask_printer(parent: QWidget, title: str, printer: QPrinter | None = None) -> QPrinter | None:
    """The system print dialog; None when the user cancels."""
    printer = printer or new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(printer: QPrinter, data: bytes, token: CancelToken | None = None,
              report: Callable[[int, int], None] | None = None) -> int:  # fmt: skip
    """Print every page of the PDF ``data`` on ``printer`` as one job; the pages printed.

    Safe in a worker thread (QPainter on a QPrinter is); the PDF is loaded there too. The next
    band is rendered in QtPdf's render thread while the printer takes this one. A band with no
    colour (a slip is black text, grey cells and a grey watermark; any band on a printer set to
    grey) goes to the printer as a 1-bit image: Qt's PDF engine JPEG-encodes a 24-bit band,
    which took three quarters of a page's time, and stores a 1-bit one as it is, a tenth of
    the size.
    """
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(None)
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise RuntimeError(f"PDF not loaded: {doc.error()}")
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer did not start")
    pages = doc.pageCount()
    bands = _bands(doc, dpi, printer.paperRect(QPrinter.Unit.DevicePixel))
    rendered = _rendered(doc, bands, _render_options(dpi),
                         printer.colorMode() == QPrinter.ColorMode.Color)  # fmt: skip
    try:
        for band, (image, grey) in zip(bands, rendered, strict=True):
            image = _one_bit(image) if grey else _on_white(image)
            if band.top == 0:  # a page begins
                if token is not None:
                    token.check()
                if band.page:
                    printer.newPage()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.setPen(Qt.GlobalColor.black)  # a 1-bit band is inked with the pen
            painter.drawImage(band.target, image)
            if band.last and report is not None:
                report(band.page + 1, pages)
    finally:
        rendered.close()  # QtPdf's render thread stops before the document closes
        painter.end()
        doc.close()
    return pages


@dataclass(frozen=True)
class _Band:
    """A strip of a page rendered at the printer's resolution, and where it goes on the paper."""

    page: int
    size: QSize  # the whole page's, in pixels
    clip: QRect  # this strip of it
    target: QRectF  # on the paper
    last: bool  # the page's last strip

    @property
    def top(self) -> int:
        return self.clip.top()


def _bands(doc: QPdfDocument, dpi: int, paper: QRectF) -> list[_Band]:
    """Every page in strips ``BAND_PX`` high (a 600 dpi page never needs one huge image), each
    page fit on the paper and centred."""
    bands: list[_Band] = []
    for index in range(doc.pageCount()):
        points = doc.pagePointSize(index)
        size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
        scale = min(paper.width() / size.width(), paper.height() / size.height())
        left = paper.left() + (paper.width() - size.width() * scale) / 2
        top = paper.top() + (paper.height() - size.height() * scale) / 2
        for y in range(0, size.height(), BAND_PX):
            clip = QRect(0, y, size.width(), min(BAND_PX, size.height() - y))
            target = QRectF(QPointF(left, top + y * scale), clip.size().toSizeF() * scale)
            bands.append(_Band(index, size, clip, target, y + BAND_PX >= size.height()))
    return bands


def _render_options(dpi: int) -> QPdfDocumentRenderOptions:
    options = QPdfDocumentRenderOptions()
    if dpi >= CRISP_DPI:
        flag = QPdfDocumentRenderOptions.RenderFlag
        options.setRenderFlags(flag.TextAliased | flag.PathAliased)  # images stay smooth
    return options


def _rendered(doc: QPdfDocument, bands: list[_Band], options: QPdfDocumentRenderOptions,
              colour: bool) -> Iterator[tuple[QImage, bool]]:  # fmt: skip
    """Each band as rendered (transparent where the page is blank), in order, with whether it
    holds only black, white and greys.

    The bands render in QtPdf's own thread (``QPdfPageRenderer``), one ahead of the band being
    printed: that thread holds no Python lock, so the next band renders while this one is
    dithered and handed to the printer. (A Python thread calling ``QPdfDocument.render``
    holds the GIL for the whole render, and nothing else ran beside it.) Whether a band has
    colour is read from its page rendered ``PROBE_SCALE`` times smaller — the band's rows there
    and one more on each side — asked for just before the page's first band; on a printer that
    prints in grey (not ``colour``) every band counts as grey.
    """
    renderer = QPdfPageRenderer()
    renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
    renderer.setDocument(doc)
    arrived: dict[int, QImage] = {}
    loop = QEventLoop()
    guard = QTimer(singleShot=True, interval=RENDER_WAIT_MS)
    guard.timeout.connect(loop.quit)

    def take(_page: int, _size: QSize, image: QImage, _options: object, request: int) -> None:
        arrived[request] = image
        loop.quit()

    def wait(request: int) -> QImage:
        guard.start()
        while request not in arrived and guard.isActive():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        guard.stop()
        if request not in arrived:
            raise RuntimeError("a page of the PDF did not render")
        return arrived.pop(request)

    def ask(band: _Band) -> tuple[int, int | None]:
        probe = None
        if colour and band.top == 0:
            small = QSize(max(1, band.size.width() // PROBE_SCALE),
                          max(1, band.size.height() // PROBE_SCALE))  # fmt: skip
            probe = renderer.requestPage(band.page, small, QPdfDocumentRenderOptions())
        strip = QPdfDocumentRenderOptions(options)
        strip.setScaledSize(band.size)
        strip.setScaledClipRect(band.clip)
        return renderer.requestPage(band.page, band.clip.size(), strip), probe

    renderer.pageRendered.connect(take)
    try:
        asked = deque([ask(bands[0])] if bands else [])
        page_probe = QImage()
        for i, band in enumerate(bands):
            if i + 1 < len(bands):
                asked.append(ask(bands[i + 1]))
            strip, probe = asked.popleft()
            if probe is not None:
                page_probe = wait(probe)
            image = wait(strip)
            yield image, not colour or _grey_rows(page_probe, band)
    finally:
        shiboken6.delete(renderer)  # stops its thread once the band it is on has rendered


def _grey_rows(probe: QImage, band: _Band) -> bool:
    """Whether the band's rows of its page's probe hold only greys."""
    scale = probe.height() / band.size.height()
    top = max(0, floor(band.clip.top() * scale) - 1)
    bottom = min(probe.height(), ceil((band.clip.bottom() + 1) * scale) + 1)
    return probe.copy(0, top, probe.width(), bottom - top).allGray()


GREY_RAMP = [0xFF000000 | v << 16 | v << 8 | v for v in range(256)]
BLACK_ON_WHITE = [0xFF000000, 0xFFFFFFFF]


def _one_bit(image: QImage) -> QImage:
    """A band of black and greys on white paper as a 1-bit image: the greys (table cells, the
    watermark) as an ordered dot screen, the text solid, black as colour 0 — Qt's PDF engine
    stores only such an image as a 1-bit bitmap (any other it re-encodes as 24-bit JPEG).

    Laid on 8-bit grey paper, then read as an 8-bit image with a grey ramp for its colours,
    which Qt dithers to 1 bit directly (from 32-bit colour takes it half as long again)."""
    paper = QImage(image.size(), QImage.Format.Format_Grayscale8)
    paper.fill(255)
    on = QPainter(paper)
    on.drawImage(0, 0, image)
    on.end()
    paper.reinterpretAsFormat(QImage.Format.Format_Indexed8)
    paper.setColorTable(GREY_RAMP)
    flags = Qt.ImageConversionFlag.MonoOnly | Qt.ImageConversionFlag.OrderedDither
    bits = paper.convertToFormat(QImage.Format.Format_Mono, flags)
    if bits.colorTable() != BLACK_ON_WHITE:  # Qt makes white colour 0
        bits.invertPixels()
        bits.setColorTable(BLACK_ON_WHITE)
    return bits


def _on_white(image: QImage) -> QImage:
    """A band with colour (transparent where the page is blank) laid on white paper, opaque:
    a PDF-writing printer (print to file, CUPS) then stores the band as it is, where a band
    with an alpha channel also costs a scan for its transparency and a compressed soft mask
    (a third of the time a page took). Converting the format instead would turn the
    transparent background black."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    on = QPainter(paper)
    on.drawImage(0, 0, image)
    on.end()
    return paper


class BatchPrinter(QObject):
    """批量打印: the 交办单 of many cases rendered and printed as one job, off the GUI thread."""

    finished = Signal(object)  # the PrintJob, after the last page went to the printer

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.runner, self.parent_widget = ctx, actor, runner, parent
        self.progress: QProgressDialog | None = None
        self.token: CancelToken | None = None

    def print_today(self, printer: QPrinter | None = None) -> CancelToken | None:
        ids = printing.dispatched_on(self.ctx, self.actor, date.today())
        if not ids:
            QMessageBox.information(self.parent_widget, self.tr("批量打印"),
                                    self.tr("今天还没有转办的办件。"))  # fmt: skip
            return None
        return self.print_cases(ids, printer)

    def print_cases(self, case_ids: Sequence[int],
                    printer: QPrinter | None = None) -> CancelToken | None:  # fmt: skip
        """Ask for a printer (unless given) and print the cases' slips in one job."""
        if not case_ids:
            hint = self.tr("请先在列表中选择要打印的办件（可按住 Ctrl 或 Shift 多选）。")
            QMessageBox.information(self.parent_widget, self.tr("批量打印"), hint)
            return None
        title = self.tr("打印 {count} 件交办单").format(count=len(case_ids))
        if printer is None:
            printer = ask_printer(self.parent_widget, title)
            if printer is None:
                return None
        ids = list(case_ids)
        steps = len(ids) + 1  # gathering each case, then rendering

        def work(token: CancelToken, report: Callable[[int, int], None]) -> PrintJob:
            job = printing.prepare_documents(
                self.ctx, self.actor, "slip", ids, output="printer", token=token,
                report=lambda done, _total: report(done, steps + len(ids)),
            )  # fmt: skip
            print_pdf(printer, job.data, token,
                      lambda page, pages: report(steps + page, steps + pages))  # fmt: skip
            return job

        self.progress = QProgressDialog(title, self.tr("取消"), 0, steps + len(ids),
                                        self.parent_widget)  # fmt: skip
        self.progress.setWindowTitle(self.tr("批量打印"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.token = self.runner.run(work, self._done, self._failed, self._progress)
        self.progress.canceled.connect(self.cancel)
        return self.token

    def cancel(self) -> None:
        """Stop after the current case or page (pages already sent stay printed)."""
        if self.token is not None:
            self.token.cancel()
        self._close_progress()

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None and not (self.token and self.token.cancelled):
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, job: PrintJob) -> None:
        self._close_progress()
        self.finished.emit(job)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        show_error(self.parent_widget, exc)
