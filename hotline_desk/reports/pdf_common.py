"""The parts every printed document shares: A4 measures, the CJK paragraph styles, bordered
form tables with shaded label cells, signature lines; the batch build and its page-numbering
canvas are in ``pdf_build.py``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph

from hotline_desk.reports.fonts import FontChoice
from hotline_desk.reports.text_flow import TextCell, TextLine, TextLines, break_text, chunks

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


@functools.lru_cache(maxsize=8)
def make_styles(font: FontChoice) -> Styles:
    """The paragraph styles of ``font``, made once per process (read only once made)."""
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


class _Paragraph(Paragraph):
    """A paragraph broken into lines once per width: a table asks each cell for its size
    several times (row heights, cell placement, the slip's page-1 measure), and reportlab's
    paragraph measures every character again on each call."""

    _wrapped_at = -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (typeset, escaped; line breaks kept)."""
    return _Paragraph(escape(typeset(text)).replace("\n", "<br/>"), style)


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
        _fill(text, self.color)
        if self.bold:
            c.setStrokeColor(self.color)
            c.setLineWidth(size * 0.035)
            text.setTextRenderMode(2)
        text.textOut(self.text)
        c.drawText(text)


def _fill(text: Any, color: Any) -> None:
    """Set an opaque colour without reportlab's opacity operator (``setFillColor`` adds one for
    every colour's alpha of 1, and registering it costs more than drawing a label)."""
    if isinstance(color, colors.Color) and color.alpha == 1:
        text.setFillColorRGB(color.red, color.green, color.blue)
    else:
        text.setFillColor(color)


def right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-r", style, alignment=TA_RIGHT)


def centre(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-c", style, alignment=TA_CENTER)


def fmt_day(value: date) -> str:
    """A date as every printed document writes it: 2026年12月2日 (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"


def fmt_dt(value: datetime | None) -> str:
    """A time on a document: 2026年12月2日 17:48 (the date as ``fmt_day``); "—" when none."""
    return f"{fmt_day(value)} {value:%H:%M}" if value else "—"


class Label(str):
    """A form table's label cell: shaded, its characters spread over four characters' width."""


def label(text: str) -> Label:
    return Label(text)


class _Continued:
    """The label cell of a row that continues the text of the row above (no line between)."""


CONTINUED = _Continued()


def cell_lines(text: str, st: Styles, width: float) -> list[TextLine]:
    """``text`` broken into lines for a form cell ``width`` wide (typeset, kept as written)."""
    return break_text(typeset(text), st.font.body, st.cell.fontSize, width, blank=True)


def text_cell(text: str, st: Styles) -> TextCell:
    """A form cell's plain text (typeset, kept as written), broken at the cell's width."""
    return TextCell(typeset(text), st.font.body, st.cell.fontSize, st.cell.leading)


def text_cells(rows: Sequence[Sequence[Any]], st: Styles) -> list[list[Any]]:
    """``rows`` with their plain-text cells made ``TextCell``s now, so grids built more than
    once from the same rows (the slip's page-1 probe) break each text only once."""
    return [[text_cell(v, st) if isinstance(v, str) and not isinstance(v, Label) else v
             for v in row] for row in rows]  # fmt: skip


def line_block(
    lines: Sequence[TextLine], st: Styles, width: float, min_lines: int = 1
) -> TextLines:
    return TextLines(lines, st.font.body, st.cell.fontSize, st.cell.leading, width,
                     min_lines=min_lines)  # fmt: skip


def text_rows(caption: str, text: str | Sequence[TextLine], st: Styles, width: float,
              lines: int = 3) -> list[list[Any]]:  # fmt: skip
    """Rows for a long text in a form: the text broken into lines once and cut every
    ``lines`` lines (a table row cannot break across pages; the table can break between
    these rows). Linear in the text's length."""
    broken = cell_lines(text, st, width) if isinstance(text, str) else list(text)
    pieces = [line_block(group, st, width) for group in chunks(broken, lines)]
    return [[label(caption) if i == 0 else CONTINUED, piece] for i, piece in enumerate(pieces)]


def form_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    st: Styles,
    min_heights: dict[int, float] | None = None,
    extra: Iterable[tuple[Any, ...]] = (),
    top: float | None = FRAME_LINE,
    bottom: float | None = FRAME_LINE,
) -> Table:
    """A bordered grid. ``Label`` cells are shaded; a row shorter than the grid has its last
    cell spanned to the right edge; ``CONTINUED`` rows carry on the text of the row above.
    ``top``/``bottom``: the width of the frame's top and bottom line (``None``: none — a grid
    drawn in two tables, the second kept with what follows it)."""
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("LINEBEFORE", (0, 0), (0, -1), FRAME_LINE, colors.black),
        ("LINEAFTER", (-1, 0), (-1, -1), FRAME_LINE, colors.black),
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
                cells.append(text_cell(value, st))
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
    if top is not None:
        commands.append(("LINEABOVE", (0, 0), (-1, 0), top, colors.black))
    if bottom is not None:
        commands.append(("LINEBELOW", (0, -1), (-1, -1), bottom, colors.black))
    heights = [(min_heights or {}).get(r, 0) for r in range(len(rows))]
    table = _FormTable(data, colWidths=list(widths), minRowHeights=heights, hAlign="CENTER")
    table.setStyle(TableStyle(commands + list(extra)))
    return table


class _FormTable(Table):
    """A form grid that closes its frame where it breaks onto the next page and opens it
    again at the top of the next (each part of a split is split again the same way).

    Laid out once per offered space: the frame, ``KeepTogether`` and the slip's page-1 probe
    each ask the same grid for its size, and reportlab's ``Table`` measures every cell again
    on each call (its layout depends only on the space offered)."""

    _wrapped: tuple[float, float | None, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # the height offered matters only to a table with cells spanning rows (reportlab
        # stops measuring such a table early once it overflows); a form's spans stay in a row
        rows = self._nrows or 1
        spans_rows = any(a[1] % rows != b[1] % rows for _c, a, b in self._spanCmds)
        tall = availHeight if spans_rows else None
        known = self._wrapped
        if known is not None and known[0] == availWidth and known[1] == tall:
            return known[2], known[3]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, tall, *size)
        return size

    def setStyle(self, tblstyle: Any) -> None:  # noqa: N802 - reportlab's name
        self._wrapped = None
        super().setStyle(tblstyle)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._wrapped = None  # splitting lays the grid out again for its own space
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
        sign += [para(f"{name}（签字）：", right(st.line)), ""]
        day += [
            para("日期：", right(st.line)),
            Line(f"{gap}年{gap}月{gap}日", st.font.body, st.line.fontSize, align="right"),
        ]
        widths += [half * 0.5, half * 0.5 - 4 * mm]
        commands.append(("LINEBELOW", (2 * i + 1, 0), (2 * i + 1, 0), 0.6, colors.black))
    return plain_table([sign, day], widths, commands)
