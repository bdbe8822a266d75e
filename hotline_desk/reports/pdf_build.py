"""Building a batch of documents into one PDF: each *part* (one document) starts on a new page,
a canvas numbers the pages of each part ("第 x 页 共 y 页"), writes who printed it and when, and
repeats the part's running head on its later pages; ``build_pdf`` returns how many pages each
part took, for the print audit, and watermarks every page with the user and time (``trace.py``).
Also the QR code flowable of the slips."""

from __future__ import annotations

import io
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from hotline_desk.reports.doc_data import PrintMeta
from hotline_desk.reports.pdf_common import (
    CONTENT_W,
    FOOTER_PRINTED,
    GREY,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    RUNNING_HEAD,
    Styles,
    fmt_dt,
    typeset,
)
from hotline_desk.reports.qr import qr_matrix
from hotline_desk.reports.trace import Trace, draw_watermark


class QrCode(Flowable):
    """The QR code of ``payload`` (error correction M, 2-module quiet zone), ``size`` points
    square: each row's dark runs filled as one path (reportlab's widget draws a shape per run
    and encodes twice, ten times slower)."""

    QUIET = 2

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        matrix = qr_matrix(payload, "M")
        self.payload, self.modules = payload, [list(row) for row in matrix]
        self.width = self.height = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules) + 2 * self.QUIET
        box = self.width / count
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.QUIET + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect((c + self.QUIET) * box, y, n * box, box)
                c += n
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


@dataclass(frozen=True)
class Part:
    """One document of a batch: its flowables, running head (left, right) and footer kind."""

    story: list[Flowable]
    head: tuple[str, str] | None = None
    footer: str = FOOTER_PRINTED


class _PartStart(Flowable):
    """Zero-size marker: tells the canvas a new document begins on this page."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.begin_part(self.index)  # type: ignore[attr-defined]


@dataclass
class _Run:
    """What one build needs to decorate its pages, and what it found out (pages per part)."""

    parts: Sequence[Part]
    meta: PrintMeta
    st: Styles
    pages: list[int] = field(default_factory=list)


def _canvas_class(run: _Run) -> type[Canvas]:
    class DocCanvas(Canvas):
        """Keeps every page until the end, then draws footers and running heads, now that
        each document's page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._states: list[tuple[dict[str, Any], int]] = []
            self._part = 0

        def begin_part(self, index: int) -> None:
            self._part = index

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._states.append((dict(self.__dict__), self._part))
            self._startPage()

        def save(self) -> None:
            states = list(self._states)
            totals = Counter(part for _s, part in states)
            seen: Counter[int] = Counter()
            for state, part in states:
                self.__dict__.update(state)
                seen[part] += 1
                _decorate(self, run, run.parts[part], seen[part], totals[part])
                Canvas.showPage(self)
            run.pages[:] = [totals[i] for i in range(len(run.parts))]
            Canvas.save(self)

    return DocCanvas


def _decorate(c: Canvas, run: _Run, part: Part, page: int, total: int) -> None:
    font = run.st.font.body
    c.saveState()
    c.setFillColor(GREY)
    c.setStrokeColor(GREY)
    c.setFont(font, 8.5)
    y = MARGIN_BOTTOM - 9 * mm
    numbers = f"第 {page} 页  共 {total} 页"
    if part.footer == FOOTER_PRINTED:
        c.setLineWidth(0.4)
        c.line(MARGIN_X, y + 4 * mm, PAGE_W - MARGIN_X, y + 4 * mm)
        meta = run.meta
        printed = f"打印人：{meta.printed_by}    打印时间：{fmt_dt(meta.printed_at)}"
        c.drawString(MARGIN_X, y, typeset(printed))
        c.drawRightString(PAGE_W - MARGIN_X, y, numbers)
    else:
        c.drawCentredString(PAGE_W / 2, y, numbers)
    if page > 1 and part.head is not None:
        left, right_text = part.head
        top = PAGE_H - MARGIN_TOP - 5 * mm
        c.setFillColor(colors.black)
        c.setFont(run.st.font.heading, 11)
        c.drawString(MARGIN_X, top, typeset(left))
        c.setFont(font, 10)
        c.drawRightString(PAGE_W - MARGIN_X, top, typeset(right_text))
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.line(MARGIN_X, top - 2.5 * mm, PAGE_W - MARGIN_X, top - 2.5 * mm)
    c.restoreState()
    meta = run.meta
    trace = Trace(meta.printed_by, meta.printed_by_username, meta.printed_at)
    draw_watermark(c, trace, font, PAGE_W, PAGE_H)


def build_pdf(parts: Sequence[Part], meta: PrintMeta, st: Styles,
              title: str) -> tuple[bytes, tuple[int, ...]]:  # fmt: skip
    """Lay out the parts, each from a new page; the PDF and the page count of each part."""
    buffer = io.BytesIO()
    height = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=title, author=meta.bureau_name,
        creator="hotline-desk", subject=title,
    )  # fmt: skip

    def frame(name: str, top_gap: float) -> Frame:
        return Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, height - top_gap, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip

    doc.addPageTemplates([
        PageTemplate("first", [frame("first", 0)]),
        PageTemplate("later", [frame("later", RUNNING_HEAD)]),
    ])  # fmt: skip
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        story.append(NextPageTemplate("first"))
        if index:
            story.append(PageBreak())
        story += [_PartStart(index), NextPageTemplate("later"), *part.story]
    run = _Run(parts, meta, st)
    doc.build(story, canvasmaker=_canvas_class(run))
    return buffer.getvalue(), tuple(run.pages)
