"""Traceable paper and files: who made a document or an export, and when, written into it so a
forwarded photo, screenshot or file still names its source (real leaks of 12345 work orders came
from forwarded screenshots nobody could trace).

PDFs (slips, notices, letters, the monthly report) and so the in-desk preview, which shows the
same PDF, carry a faint diagonal watermark "<显示名> <用户名> YYYY-MM-DD HH:MM" repeated over
each page: drawn over the content (a table's shaded cells cannot hide it) in light grey at low
opacity, so the text under it stays readable; one text object per page, no images (a slip stays
as fast as before).

XLSX files name the user and time in their document properties (author, comments) and in the
sheet's print header, so the table itself — what a re-import reads — is unchanged. CSV has no
properties and its first line must stay the column names (Excel, WPS and import tools read it
so): each row ends with two columns 导出人 and 导出时间, which an import that maps columns by
name ignores and which stay on any row copied out of the file.

The 政务公开 list is left out: it is made to be published, and the clerk's name does not belong
in a file on the government website (the audit log names who exported it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WATERMARK_SIZE = 11.0
WATERMARK_GREY = 0.45
WATERMARK_ALPHA = 0.16
WATERMARK_ANGLE = 30.0
ROW_STEP = 120.0  # points between watermark lines, across the slant
COLUMN_GAP = 90.0  # points between two copies on one line
CSV_COLUMNS = ("导出人", "导出时间")


@dataclass(frozen=True)
class Trace:
    """Who made a document or file, and when."""

    display_name: str
    username: str
    at: datetime

    @property
    def when(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"

    @property
    def who(self) -> str:
        """``王督办 (duban)``; the user name alone when there is no display name."""
        if self.display_name and self.username:
            return f"{self.display_name} ({self.username})"
        return self.display_name or self.username

    @property
    def watermark(self) -> str:
        return " ".join(p for p in (self.display_name, self.username, self.when) if p)

    @property
    def export_line(self) -> str:
        return f"导出人：{self.who}  导出时间：{self.when}"

    def csv_cells(self) -> tuple[str, str]:
        return self.who, self.when

    def xlsx_properties(self, title: str = "") -> dict[str, str]:
        """Workbook properties naming the user and time (author, comments; title kept)."""
        props = {"author": self.who, "comments": self.export_line}
        if title:
            props["title"] = title
        return props

    def xlsx_header(self) -> str:
        """The sheet's print header (xlsxwriter codes: &L left, &R right; & doubled)."""
        who = self.who.replace("&", "&&")
        return f"&L导出人：{who}&R导出时间：{self.when}"


def draw_watermark(c: Canvas, trace: Trace, font: str, width: float, height: float) -> None:
    """The trace repeated diagonally over the page ``width`` × ``height``, faint, as one text
    object."""
    text = trace.watermark
    if not text:
        return
    step_x = stringWidth(text, font, WATERMARK_SIZE) + COLUMN_GAP
    half = math.hypot(width, height) / 2
    angle = math.radians(WATERMARK_ANGLE)
    cos, sin = math.cos(angle), math.sin(angle)
    c.saveState()
    c.setFillColorRGB(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY)
    c.setFillAlpha(WATERMARK_ALPHA)
    c.translate(width / 2, height / 2)
    c.rotate(WATERMARK_ANGLE)
    t = c.beginText()
    t.setFont(font, WATERMARK_SIZE)
    rows = int(half // ROW_STEP) + 1
    columns = int(half // step_x) + 2
    # every copy after the second writes what the second wrote (the first also selects the
    # font): the text is encoded for the font's subsets twice, not once per copy
    written: list[str] = []
    for row in range(-rows, rows + 1):
        shift = (row % 2) * step_x / 2  # every other line staggered
        y = row * ROW_STEP
        for column in range(-columns, columns + 1):
            x = column * step_x + shift - step_x / 2
            # the copy's middle on the unrotated page: skip copies wholly off the page
            mx, my = x + step_x / 2, y
            px, py = mx * cos - my * sin, mx * sin + my * cos
            if abs(px) > width / 2 + step_x / 2 or abs(py) > height / 2 + step_x / 2:
                continue
            t.setTextOrigin(x, y)
            if len(written) < 2:
                t.textOut(text)
                written.append(t._code[-1])
            else:
                t._code.append(written[1])
    c.drawText(t)
    c.restoreState()


def watermarking_canvas(trace: Trace, font: str) -> type[Canvas]:
    """A canvas class for ``doc.build(..., canvasmaker=…)`` that watermarks each page as it
    ends (over the content)."""

    class WatermarkCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            width, height = self._pagesize
            draw_watermark(self, trace, font, width, height)
            super().showPage()

    return WatermarkCanvas
