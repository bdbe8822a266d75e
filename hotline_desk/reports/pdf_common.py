"""The machinery every printed document shares: A4 page templates, the CJK paragraph styles,
bordered form tables with shaded label cells, signature lines, the QR code, and a canvas that
numbers the pages of each document in a batch ("第 x 页 共 y 页"), writes who printed it and
when, and repeats the document's running head on the pages after its first.

A batch is one PDF of several *parts* (one document each, each starting on a new page); the
build returns how many pages each part took, for the print audit.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph

from hotline_desk.reports.doc_data import PrintMeta
from hotline_desk.reports.fonts import FontChoice

# reportlab's CJK line breaking lets listed characters hang in the margin rather than start a
# line; its list lacks the full-width comma, colon, semicolon and closing quotes (标点禁则).
# Both breakers (one-style text in textsplit, mixed styles in paragraph) read the list.
_HANG = "".join(ch for ch in "\uff0c\uff1a\uff1b\uff01\uff1f\u201d\u2019\u300b"
                if ch not in _rl_textsplit.ALL_CANNOT_START)  # fmt: skip
_rl_textsplit.ALL_CANNOT_START += _HANG
_rl_paragraph.ALL_CANNOT_START = _rl_textsplit.ALL_CANNOT_START

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm
RUNNING_HEAD = 14 * mm  # room the running head takes on continuation pages
CONTENT_W = PAGE_W - 2 * MARGIN_X
LABEL_BG = colors.HexColor("#EBEBEB")
GREY = colors.HexColor("#555555")
RED = colors.HexColor("#C8161D")  # 公文红
YELLOW = colors.HexColor("#E0A100")
FRAME_LINE = 1.3  # the form's outer border; inner lines are 0.6
FOOTER_PRINTED = "printed"  # 打印人 … 打印时间 …  第 x 页 共 y 页
FOOTER_PAGES = "pages"  # 第 x 页 共 y 页 only (letters to citizens)


@dataclass(frozen=True)
class Styles:
    font: FontChoice
    bureau: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    line: ParagraphStyle
    small: ParagraphStyle
    letter: ParagraphStyle


def make_styles(font: FontChoice) -> Styles:
    name = font.body
    base = ParagraphStyle("cell", fontName=name, fontSize=10.5, leading=16, wordWrap="CJK",
                          alignment=TA_JUSTIFY)  # fmt: skip
    return Styles(
        font=font,
        bureau=ParagraphStyle(
            "bureau",
            base,
            fontName=font.heading,
            fontSize=15,
            leading=22,
            alignment=TA_CENTER,
            spaceAfter=1 * mm,
        ),  # fmt: skip
        title=ParagraphStyle(
            "title", base, fontName=font.heading, fontSize=20, leading=26, alignment=TA_CENTER
        ),  # fmt: skip
        cell=base,
        label=ParagraphStyle("label", base, alignment=TA_CENTER),
        line=ParagraphStyle("line", base, fontSize=10, leading=14, alignment=TA_LEFT),
        small=ParagraphStyle("small", base, fontSize=9, leading=13, textColor=GREY),
        letter=ParagraphStyle("letter", base, fontSize=14, leading=26, firstLineIndent=28),
    )


_CJK = "\u3400-\u9fff\uf900-\ufaff"
_PUNCT_AFTER_CJK = re.compile(f"(?<=[{_CJK}\u201d\u3000-\u303f\uff00-\uffef])([,;:!?])")
_PAREN = re.compile(f"\\(([^()\\n]*[{_CJK}][^()\\n]*)\\)")
_FULL = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "!": "\uff01", "?": "\uff1f"}


def typeset(text: str) -> str:
    """Chinese punctuation as print wants it: an ASCII comma, colon, … right after a Chinese
    character, and parentheses around Chinese, become their full-width forms (，：（）)."""
    text = _PAREN.sub("\uff08\\1\uff09", text)
    return _PUNCT_AFTER_CJK.sub(lambda m: _FULL[m.group(1)], text)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (typeset, escaped; line breaks kept)."""
    return Paragraph(escape(typeset(text)).replace("\n", "<br/>"), style)


class Line(Flowable):
    """One line drawn directly on the canvas: aligned in the available width, optionally spread
    evenly over ``spread`` characters' width (分散对齐, as printed forms align their labels),
    with extra letter spacing, and in faux bold (fill + stroke) for headings."""

    def __init__(self, text: str, font: str, size: float, align: str = "center",
                 spread: int = 0, tracking: float = 0.0, bold: bool = False,
                 color: Any = colors.black, leading: float | None = None) -> None:  # fmt: skip
        super().__init__()
        self.text, self.font, self.size = typeset(text), font, size
        self.align, self.spread, self.tracking = align, spread, tracking
        self.bold, self.color = bold, color
        self.leading = leading or size * 1.45

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.leading

    def draw(self) -> None:
        c = self.canv
        size = self.size
        n = len(self.text)
        natural = c.stringWidth(self.text, self.font, size)
        space = self.tracking
        if self.spread and 1 < n < self.spread:
            space = (self.spread * size - natural) / (n - 1)
        width = natural + space * (n - 1)
        if width > self.width > 0:  # a long name: shrink to fit rather than run off the page
            size, space = size * self.width / width, space * self.width / width
            natural, width = natural * self.width / width, self.width
        x = {"left": 0.0, "right": self.width - width}.get(self.align, (self.width - width) / 2)
        text = c.beginText(x, (self.leading - size) / 2 + size * 0.18)
        text.setFont(self.font, size)
        text.setCharSpace(space)
        text.setFillColor(self.color)
        if self.bold:
            c.setStrokeColor(self.color)
            c.setLineWidth(size * 0.035)
            text.setTextRenderMode(2)
        text.textOut(self.text)
        c.drawText(text)


def right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-r", style, alignment=TA_RIGHT)


def centre(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-c", style, alignment=TA_CENTER)


def fmt_dt(value: datetime | None) -> str:
    return f"{value.year}年{value.month:02d}月{value.day:02d}日 {value:%H:%M}" if value else "—"


def fmt_day(value: datetime) -> str:
    """A date as official documents write it: 2026年11月5日."""
    return f"{value.year}年{value.month}月{value.day}日"


class Label(str):
    """A form table's label cell: shaded, its characters spread over four characters' width."""


def label(text: str) -> Label:
    return Label(text)


class _Continued:
    """The label cell of a row that continues the text of the row above (no line between)."""


CONTINUED = _Continued()


def text_rows(caption: str, text: str, st: Styles, width: float, lines: int = 3) -> list[list[Any]]:
    """Rows for a long text in a form: the text cut after every ``lines`` lines (a table row
    cannot break across pages; the table can break between these rows)."""
    height = st.cell.leading * (lines + 0.5)
    rest = para(text, st.cell)
    pieces: list[Any] = []
    while True:
        _w, needed = rest.wrap(width, PAGE_H * 100)
        parts = rest.split(width, height) if needed > height * 1.5 else []
        if len(parts) < 2:
            pieces.append(rest)
            break
        pieces.append(parts[0])
        rest = parts[1]
    return [[label(caption) if i == 0 else CONTINUED, piece] for i, piece in enumerate(pieces)]


def form_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    st: Styles,
    min_heights: dict[int, float] | None = None,
    extra: Iterable[tuple[Any, ...]] = (),
) -> Table:
    """A bordered grid. ``Label`` cells are shaded; a row shorter than the grid has its last
    cell spanned to the right edge; ``CONTINUED`` rows carry on the text of the row above."""
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), FRAME_LINE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
    ]
    for r, row in enumerate(rows):
        cells: list[Any] = []
        continued = any(value is CONTINUED for value in row)
        for c, value in enumerate(row):
            if isinstance(value, Label) or value is CONTINUED:
                text = value if isinstance(value, Label) else ""
                cells.append(Line(text, st.font.body, st.cell.fontSize, spread=4))
                commands.append(("BACKGROUND", (c, r), (c, r), LABEL_BG))
            elif isinstance(value, str):
                cells.append(para(value, st.cell))
            else:
                cells.append(value)
        for c in range(len(cells) - 1):
            commands.append(("LINEAFTER", (c, r), (c, r), 0.6, colors.black))
        if r and not continued:
            commands.append(("LINEABOVE", (0, r), (-1, r), 0.6, colors.black))
        if continued:
            commands.append(("TOPPADDING", (0, r), (-1, r), 0))
            if r:
                commands.append(("BOTTOMPADDING", (0, r - 1), (-1, r - 1), 0))
        if len(cells) < len(widths):
            commands.append(("SPAN", (len(cells) - 1, r), (len(widths) - 1, r)))
            cells += [""] * (len(widths) - len(cells))
        data.append(cells)
    heights = [(min_heights or {}).get(r, 0) for r in range(len(rows))]
    table = _FormTable(data, colWidths=list(widths), minRowHeights=heights, hAlign="CENTER")
    table.setStyle(TableStyle(commands + list(extra)))
    return table


class _FormTable(Table):
    """A form grid that closes its frame where it breaks onto the next page and opens it
    again at the top of the next (each part of a split is split again the same way)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].setStyle([("LINEBELOW", (0, -1), (-1, -1), FRAME_LINE, colors.black)])
            parts[1].setStyle([("LINEABOVE", (0, 0), (-1, 0), FRAME_LINE, colors.black)])
        return parts


def plain_table(rows: Sequence[Sequence[Any]], widths: Sequence[float],
                extra: Iterable[tuple[Any, ...]] = ()) -> Table:  # fmt: skip
    """A borderless layout grid (header lines, signature rows)."""
    table = Table([list(r) for r in rows], colWidths=list(widths), hAlign="CENTER")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        *extra,
    ]))  # fmt: skip
    return table


def signature_row(st: Styles, who: Sequence[str]) -> Table:
    """``经办人(签字): ______`` and ``日期: 年 月 日`` below it, for each signer side by side."""
    gap = "\u3000" * 2
    sign: list[Any] = []
    day: list[Any] = []
    widths: list[float] = []
    commands: list[tuple[Any, ...]] = [("TOPPADDING", (0, 1), (-1, 1), 4 * mm)]
    half = CONTENT_W / len(who)
    for i, name in enumerate(who):
        sign += [para(f"{name}(签字):", right(st.line)), ""]
        day += [
            para("日期:", right(st.line)),
            Line(f"{gap}年{gap}月{gap}日", st.font.body, st.line.fontSize, align="right"),
        ]
        widths += [half * 0.5, half * 0.5 - 4 * mm]
        commands.append(("LINEBELOW", (2 * i + 1, 0), (2 * i + 1, 0), 0.6, colors.black))
    return plain_table([sign, day], widths, commands)


class QrCode(Flowable):
    """The QR code of ``payload`` (error correction M, 2-module quiet zone), ``size`` points
    square: each row's dark runs filled as one path (reportlab's widget draws a shape per run
    and encodes twice, ten times slower)."""

    QUIET = 2

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        self.payload, self.modules = payload, [list(map(bool, row)) for row in code.modules]
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
        printed = f"打印人:{meta.printed_by}    打印时间:{meta.printed_at:%Y-%m-%d %H:%M}"
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
