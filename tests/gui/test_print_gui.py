"""Printing through the real windows: the preview opened from a case (打印… and Ctrl+P), the
audited choice to show the caller, 另存为 PDF and 打印 to a PDF printer, the batch print of the
selected cases and of today's as one job, a scanned slip code opening its case, and the
单位设置 page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from hotline_desk.domain.numbering import slip_code
from hotline_desk.gui.pages.office import OFFICE_LABELS, OfficeSettingsPage
from hotline_desk.gui.printing import jobs as print_jobs
from hotline_desk.gui.printing.preview import PrintPreviewDialog
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.services.admin import office
from hotline_desk.services.output import printing
from hotline_desk.store.models import AuditLog
from tests.gui.conftest import ime_type
from tests.pdf_check import text_of
from tests.services.test_lifecycle_paths import Office
from tests.services.test_printing import dispatched

pytestmark = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")


def pdf_printer(path: Path) -> QPrinter:
    """A printer writing a PDF at screen resolution (quick), as the print dialog would set."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    return printer


def actions_of(ctx, case_no: str) -> list[tuple[str, dict[str, object]]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.action, AuditLog.detail)
            .where(AuditLog.object_id == case_no).order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(a, json.loads(d)) for a, d in rows if a.startswith(("print_", "personal_"))]


@pytest.fixture
def office_(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def open_cases(qtbot, ctx, actor, count: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.show_page("cases")
    model = window.case_panel.model
    qtbot.waitUntil(lambda: model.total == count and model.rowCount() == count)
    return window


def test_preview_from_the_case_with_an_audited_reveal(qtbot, app, ctx, office_) -> None:  # type: ignore[no-untyped-def]
    case = dispatched(ctx, office_)
    window = open_cases(qtbot, ctx, office_.desk, 1)
    window.case_panel.table.selectRow(0)
    detail = window.detail
    qtbot.waitUntil(lambda: detail.case is not None)
    assert detail.print_button.isVisible()
    qtbot.mouseClick(detail.print_button, Qt.MouseButton.LeftButton)
    preview = window.print_actions.preview
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitUntil(lambda: preview.job is not None and preview.doc.pageCount() == 1)
    assert preview.windowTitle().endswith(case.case_no)
    assert preview.kind.count() == 1 and preview.reveal.isVisible()
    assert "张三明" not in text_of(preview.job.data)
    with qtbot.waitSignal(preview.shown, timeout=10_000):
        preview.reveal.click()  # the explicit choice to print the caller in full
    assert "张三明" in text_of(preview.job.data)
    assert [a for a, _d in actions_of(ctx, case.case_no)] == [
        "print_slip", "print_slip", "personal_reveal"]  # fmt: skip
    preview.close()


def test_save_and_print_from_the_preview(qtbot, app, ctx, office_, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = dispatched(ctx, office_)
    window = open_cases(qtbot, ctx, office_.desk, 1)
    window.open_case(case.id)
    (ctrl_p,) = [a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+P")]
    ctrl_p.trigger()
    preview = window.print_actions.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.job is not None)
    saved = preview.save_pdf(str(tmp_path / "saved.pdf"))
    assert saved is not None and saved.read_bytes() == preview.job.data
    with qtbot.waitSignal(preview.printed, timeout=30_000):
        preview.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    outputs = [d["output"] for _a, d in actions_of(ctx, case.case_no)]
    assert outputs == ["preview", "pdf_file", "printer"]
    preview.close()


def test_batch_print_of_three_selected_cases_is_one_job(qtbot, app, ctx, office_, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cases = [dispatched(ctx, office_) for _ in range(3)]
    office_.register()  # a fourth case, not selected
    window = open_cases(qtbot, ctx, office_.desk, 4)
    table = window.case_panel.table
    model = window.case_panel.model
    chosen = [r for r in range(4) if model.row(r).case_no in {c.case_no for c in cases}]
    selection = QItemSelection()
    for row in chosen:  # as Ctrl+click does
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert sorted(window.case_panel.selected_case_ids()) == sorted(c.id for c in cases)
    out = tmp_path / "batch.pdf"
    batch = window.print_actions.batch
    with qtbot.waitSignal(batch.finished, timeout=60_000) as done:
        window.print_actions.print_selected(pdf_printer(out))
    job = done.args[0]
    assert len(job.case_nos) == 3 and job.page_count == 3
    assert len(PdfReader(out).pages) >= 3
    for c in cases:
        assert actions_of(ctx, c.case_no) == [
            ("print_slip", {"pages": 1, "output": "printer", "batch": 3})]  # fmt: skip
    assert "已打印 3 件交办单" in window.statusBar().currentMessage()


def test_print_today_asks_for_the_printer_then_prints_all(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, office_, tmp_path, monkeypatch
) -> None:
    first, second = dispatched(ctx, office_), dispatched(ctx, office_)
    out = tmp_path / "today.pdf"
    asked: list[str] = []

    def dialog(_parent, title, _printer=None):  # type: ignore[no-untyped-def]
        asked.append(title)  # the system print dialog, accepted with a PDF printer
        return pdf_printer(out)

    monkeypatch.setattr(print_jobs, "ask_printer", dialog)
    window = open_cases(qtbot, ctx, office_.desk, 2)
    with qtbot.waitSignal(window.print_actions.batch.finished, timeout=60_000) as done:
        window.print_actions.print_today()
    assert asked == ["打印 2 件交办单"]
    assert done.args[0].case_nos == (first.case_no, second.case_no)
    assert len(PdfReader(out).pages) == 2


def test_nothing_selected_prints_nothing(qtbot, app, ctx, office_, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window = open_cases(qtbot, ctx, office_.desk, 0)
    assert window.print_actions.print_selected() is None
    assert window.print_actions.print_today() is None
    assert len(told) == 2 and "选择" in told[0] and "今天" in told[1]


def test_a_scanned_slip_code_opens_its_case(qtbot, app, ctx, office_) -> None:  # type: ignore[no-untyped-def]
    other = dispatched(ctx, office_)
    case = dispatched(ctx, office_)
    window = open_cases(qtbot, ctx, office_.desk, 2)
    search = window.case_panel.search
    search.setFocus()
    qtbot.keyClicks(search, slip_code(case.case_no, case.query_code))  # a USB scanner types it
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.case is not None)
    assert window.detail.case.case_no == case.case_no != other.case_no
    assert search.text() == case.case_no


def test_office_settings_page(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()
    window.show_page("office")
    page = window.page("office")
    assert isinstance(page, OfficeSettingsPage)
    name = page.inputs["bureau_name"]
    name.clear()
    ime_type(name, "某市工业和信息化局")
    picker = page.inputs["pdf_font"]
    picker.combo.setCurrentIndex(1)  # the first font found on this computer
    assert "本机打印将使用" in picker.in_use.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.result.text() == "已保存"
    assert office.get_setting(ctx, office.BUREAU_NAME) == "某市工业和信息化局"
    assert office.get_setting(ctx, office.PDF_FONT) == printing.font_options()[0].value
    name.clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert (
        page.errors["bureau_name"].isVisible() and "单位名称" in page.errors["bureau_name"].text()
    )
    assert office.get_setting(ctx, office.BUREAU_NAME) == "某市工业和信息化局"


def test_office_labels_are_listed_for_translation() -> None:
    wanted = {
        text
        for key in office.OFFICE_SETTINGS.values()
        if key.key not in office.INTERNAL
        for text in (key.label, *(label for _v, label in key.choices))
    }
    assert set(OFFICE_LABELS) == wanted


def test_cancelling_a_batch_stops_it_before_the_printer(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, office_, tmp_path, monkeypatch
) -> None:
    import threading

    cases = [dispatched(ctx, office_) for _ in range(2)]
    ids = [c.id for c in cases]
    release = threading.Event()
    real = printing.prepare_documents

    def slow(*args, token, report, **kwargs):  # type: ignore[no-untyped-def]
        report(1, 3)
        release.wait(10)  # the user presses 取消 while the slips are being prepared
        token.check()
        return real(*args, token=token, report=report, **kwargs)

    monkeypatch.setattr(printing, "prepare_documents", slow)
    window = open_cases(qtbot, ctx, office_.desk, 2)
    batch = window.print_actions.batch
    finished: list[object] = []
    batch.finished.connect(finished.append)
    out = tmp_path / "cancelled.pdf"
    token = batch.print_cases(ids, pdf_printer(out))
    assert token is not None and batch.progress is not None
    qtbot.waitUntil(lambda: batch.progress is not None and batch.progress.value() == 1)
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(batch.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
    release.set()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert token.cancelled and batch.progress is None and finished == []
    assert not out.exists() and all(actions_of(ctx, c.case_no) == [] for c in cases)


def test_print_pdf_honours_a_cancelled_token(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.common.tasks import Cancelled, CancelToken
    from hotline_desk.reports.doc_data import PrintMeta
    from hotline_desk.reports.documents import render_documents
    from tests.unit.test_documents import META, slip

    data = render_documents([slip(), slip()], META).data
    assert isinstance(META, PrintMeta)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        print_jobs.print_pdf(pdf_printer(tmp_path / "none.pdf"), data, token)
    pages: list[tuple[int, int]] = []
    printed = print_jobs.print_pdf(pdf_printer(tmp_path / "two.pdf"), data, None,
                                   lambda done, total: pages.append((done, total)))  # fmt: skip
    assert printed == 2 and pages == [(1, 2), (2, 2)]
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 2


def test_a_printed_page_is_the_document_on_white_paper(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each band of each page lands where it belongs on white paper (rendered in QtPdf's render
    thread while the printer takes the last): the printed pages read back like the document's."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from tests.unit.test_documents import META, slip

    kept: list[QByteArray] = []  # a QBuffer reads the array it was given: keep it alive

    def load(data: bytes) -> QPdfDocument:
        kept.append(QByteArray(data))
        buffer = QBuffer(kept[-1], app)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument(app)
        doc.load(buffer)
        return doc

    def page(doc: QPdfDocument, index: int) -> QImage:
        image = doc.render(index, QSize(397, 561))
        paper = QImage(image.size(), QImage.Format.Format_RGB32)
        paper.fill(QColor("white"))
        painter = QPainter(paper)
        painter.drawImage(0, 0, image)
        painter.end()
        return paper

    from hotline_desk.reports.documents import render_documents

    data = render_documents([slip(), slip(content="诉求内容很长。" * 400)], META).data
    source = load(data)
    pages = source.pageCount()
    assert pages >= 3  # a slip, and one going on to 附页
    assert print_jobs.print_pdf(pdf_printer(tmp_path / "out.pdf"), data) == pages
    printed = load((tmp_path / "out.pdf").read_bytes())
    assert printed.pageCount() == pages
    for index in range(pages):
        want, got = page(source, index), page(printed, index)
        assert got.pixelColor(2, 2).lightness() == 255  # white paper, never black
        # compared in 7 × 7 px blocks (the print is a 96 dpi raster, the source vector)
        small = QSize(57, 80)
        smooth = Qt.TransformationMode.SmoothTransformation
        a = want.scaled(small, Qt.AspectRatioMode.IgnoreAspectRatio, smooth)
        b = got.scaled(small, Qt.AspectRatioMode.IgnoreAspectRatio, smooth)
        blocks = [(x, y) for x in range(57) for y in range(80)]
        diff = [abs(a.pixelColor(x, y).lightness() - b.pixelColor(x, y).lightness())
                for x, y in blocks]  # fmt: skip
        inked = sum(a.pixelColor(x, y).lightness() < 235 for x, y in blocks)
        # the same page within antialiasing (another slip's first page differs by 10 or more)
        assert inked > 500 and sum(diff) / len(diff) < 7, (index, inked, sum(diff) / len(diff))


def _band_images(path: Path) -> list[tuple[int, str]]:
    """(bits per component, colour space) of every image the printed PDF holds."""
    found = []
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/XObject"].values():
            image = ref.get_object()
            found.append((int(image["/BitsPerComponent"]), str(image["/ColorSpace"])))
    return found


def test_a_page_of_black_and_greys_prints_as_one_bit_and_colour_stays_colour(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A slip (black text, grey cells, a grey watermark) reaches the printer as 1-bit bands,
    white paper with the text inked black; a page with colour in it keeps its colour."""
    import io

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from hotline_desk.reports.documents import render_documents
    from tests.unit.test_documents import META, slip

    grey = tmp_path / "grey.pdf"
    assert print_jobs.print_pdf(pdf_printer(grey), render_documents([slip()], META).data) == 1
    assert _band_images(grey) and set(_band_images(grey)) == {(1, "/DeviceGray")}

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFillColorRGB(0.85, 0.1, 0.1)  # a red seal
    page.rect(200, 400, 200, 200, stroke=0, fill=1)
    page.showPage()
    page.save()
    coloured = tmp_path / "colour.pdf"
    assert print_jobs.print_pdf(pdf_printer(coloured), buffer.getvalue()) == 1
    assert (8, "/DeviceRGB") in _band_images(coloured)  # the bands the seal crosses

    def rendered(path: Path) -> QPdfDocument:
        array = QByteArray(path.read_bytes())
        source = QBuffer(array, app)
        source.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument(app)
        doc.load(source)
        doc.setProperty("kept", array)  # the buffer reads the array: keep it alive
        return doc

    image = rendered(coloured).render(0, QSize(595, 842))
    red = image.pixelColor(300, 842 - 500)
    assert red.red() > 180 and red.green() < 60 and red.blue() < 60
    printed = rendered(grey).render(0, QSize(595, 842))
    corner = printed.pixelColor(5, 5)
    assert corner.alpha() == 255 and corner.lightness() == 255  # white paper, not black
    inked = sum(printed.pixelColor(x, y).lightness() < 128
                for x in range(0, 595, 5) for y in range(0, 842, 5))  # fmt: skip
    assert inked > 200  # the text came out black


def test_a_hairline_of_colour_keeps_its_band_in_colour(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The colour check reads a page rendered eight times smaller (``PROBE_SCALE``): a red
    hairline a quarter point wide on a white page still keeps its band in colour at 300 dpi,
    the bands it does not cross go out 1-bit; a printer set to grey gets every band 1-bit."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setStrokeColorRGB(0.9, 0.1, 0.1)
    page.setLineWidth(0.25)
    page.line(100, 300, 160, 300)  # one short horizontal hairline: one band of four
    page.setFillGray(0.3)
    page.drawString(100, 700, "hotline")
    page.showPage()
    page.save()
    printed = []
    for mode in (QPrinter.ColorMode.Color, QPrinter.ColorMode.GrayScale):
        printer = pdf_printer(tmp_path / f"{mode.name}.pdf")
        printer.setResolution(300)
        printer.setColorMode(mode)
        assert print_jobs.print_pdf(printer, buffer.getvalue()) == 1
        printed.append(sorted(_band_images(tmp_path / f"{mode.name}.pdf")))
    assert printed[0] == [(1, "/DeviceGray")] * 3 + [(8, "/DeviceRGB")]
    assert printed[1] == [(1, "/DeviceGray")] * 4


def test_each_page_is_checked_for_colour_on_its_own(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The next page's colour check and first band render while this page's last band is
    printed: a red seal on the middle page of three keeps that page's band in colour, and
    the pages before and after it still go out 1-bit, in their order."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=A4)
    for number in (1, 2, 3):
        document.setFillGray(0.2)
        document.drawString(100, 780, f"page {number}")
        if number == 2:
            document.setFillColorRGB(0.85, 0.1, 0.1)
            document.rect(200, 20, 100, 60, stroke=0, fill=1)  # in the page's last band only
        document.showPage()
    document.save()
    path = tmp_path / "three.pdf"
    printer = pdf_printer(path)
    printer.setResolution(300)
    assert print_jobs.print_pdf(printer, buffer.getvalue()) == 3
    per_page = []
    for page in PdfReader(path).pages:
        images = [ref.get_object() for ref in page["/Resources"]["/XObject"].values()]
        per_page.append(sorted(int(image["/BitsPerComponent"]) for image in images))
    assert per_page == [[1, 1, 1, 1], [1, 1, 1, 8], [1, 1, 1, 1]]


def test_a_page_that_never_renders_fails_the_print_instead_of_hanging(  # type: ignore[no-untyped-def]
    app, tmp_path, monkeypatch
) -> None:
    """QtPdf's render thread is waited for at most ``RENDER_WAIT_MS`` a band: a band that never
    arrives ends the print with an error (shown to the user by the print job), the printer
    closed, rather than leaving the job and its progress window waiting for ever."""
    from PySide6.QtPdf import QPdfPageRenderer

    from hotline_desk.reports.documents import render_documents
    from tests.unit.test_documents import META, slip

    class NeverRenders(QPdfPageRenderer):
        def requestPage(self, *_args: object) -> int:  # type: ignore[override]
            return 7  # accepted, and never rendered

    monkeypatch.setattr(print_jobs, "QPdfPageRenderer", NeverRenders)
    monkeypatch.setattr(print_jobs, "RENDER_WAIT_MS", 200)
    data = render_documents([slip()], META).data
    with pytest.raises(RuntimeError, match="did not render"):
        print_jobs.print_pdf(pdf_printer(tmp_path / "never.pdf"), data)
    monkeypatch.undo()
    assert print_jobs.print_pdf(pdf_printer(tmp_path / "after.pdf"), data) == 1
    assert len(PdfReader(tmp_path / "after.pdf").pages) == 1


def test_a_slip_printed_at_300_dpi_keeps_a_readable_qr_code(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """At a printer's resolution the slip goes out as 1-bit bands with its text and lines
    drawn crisp: the QR code in the printed page still reads as the case's."""
    from hotline_desk.reports.documents import render_documents
    from tests.pdf_check import artifacts_dir, decode_qr, render_page
    from tests.unit.test_documents import META, slip

    d = slip()
    printer = pdf_printer(tmp_path / "slip300.pdf")
    printer.setResolution(300)
    assert print_jobs.print_pdf(printer, render_documents([d], META).data) == 1
    printed = (tmp_path / "slip300.pdf").read_bytes()
    assert set(_band_images(tmp_path / "slip300.pdf")) == {(1, "/DeviceGray")}
    png = render_page(printed, artifacts_dir(tmp_path), "slip_printed_300dpi", dpi=200)
    assert decode_qr(png) == [d.qr_payload]
