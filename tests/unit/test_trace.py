"""The trace written into documents and files (reports/trace.py), without a database: its
words, the XLSX header codes escaped, and a page's watermark as one faint text object."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from hotline_desk.reports.trace import Trace, draw_watermark
from tests.pdf_check import page_texts
from tests.services.test_trace import faint

AT = datetime(2026, 11, 22, 10, 30)


def test_the_words_of_a_trace() -> None:
    t = Trace("王督办", "duban", AT)
    assert t.watermark == "王督办 duban 2026-11-22 10:30"
    assert t.who == "王督办 (duban)" and t.csv_cells() == ("王督办 (duban)", "2026-11-22 10:30")
    assert t.export_line == "导出人：王督办 (duban)  导出时间：2026-11-22 10:30"
    assert Trace("", "cli", AT).who == "cli"
    props = t.xlsx_properties("办件")
    assert props == {"author": "王督办 (duban)", "comments": t.export_line, "title": "办件"}


def test_an_ampersand_in_a_name_is_no_header_code() -> None:
    header = Trace("A&B", "x&P", AT).xlsx_header()
    assert header == "&L导出人：A&&B (x&&P)&R导出时间：2026-11-22 10:30"


def test_a_page_carries_many_faint_copies_in_one_text_object() -> None:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=0)
    draw_watermark(c, Trace("Wang", "duban", AT), "Helvetica", *A4)
    c.showPage()
    c.save()
    data = buffer.getvalue()
    text = page_texts(data)[0]
    assert 10 <= text.count("Wang duban 2026-11-22 10:30") <= 60
    assert data.count(b"BT") == 2  # reportlab's page preamble, then one for every copy
    assert faint(data)
