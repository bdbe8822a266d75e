"""Long free text on paper in linear time: the text is broken into lines once (reportlab's CJK
knife-cut with the 标点禁则 of ``pdf_common``), kept as written — leading indentation and runs
of spaces are drawn, not collapsed — and drawn line by line. A ``TextLines`` block splits
between any two lines at the cost of those lines only, so an 8,000-character letter flowing
over several pages is laid out once (``Paragraph.split`` re-wraps the whole remainder at every
cut). Form cells take the text as rows of a few lines (``text_rows``); a table can break
between rows, never inside one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.textsplit import dumbSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

_SPACES = " \u3000"


@dataclass(frozen=True)
class TextLine:
    """One printed line: its text, its left offset and whether it is spread to the full
    width (every line of a paragraph but its last is justified, as Chinese prose is set)."""

    text: str
    indent: float = 0.0
    justify: bool = False
    source: int = 0  # the source line (paragraph) it comes from
    start: int = 0  # where in that source line it starts


_widths: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(text: str, font: str, size: float) -> list[float]:
    """Each character's width, as reportlab's ``wordSplit`` measures them (one ``stringWidth``
    a character) but remembered per font and size for the process: a batch of slips measures
    the same few hundred characters tens of thousands of times."""
    known = _widths.setdefault((font, size), {})
    widths = []
    for ch in text:
        width = known.get(ch)
        if width is None:
            width = known[ch] = stringWidth(ch, font, size)
        widths.append(width)
    return widths


def _expand(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")


def break_paragraph(text: str, font: str, size: float, width: float,
                    first_indent: float = 0.0, source: int = 0) -> list[TextLine]:  # fmt: skip
    """The lines of one paragraph (no line breaks in ``text``). Leading spaces are kept as
    written; ``first_indent`` is added before the first line (the letter's 首行缩进)."""
    if not text.strip():
        return [TextLine("", source=source)]
    cut = dumbSplit(text, char_widths(text, font, size), [width - first_indent, width])
    lines: list[TextLine] = []
    start = 0
    for n, (_extra, piece) in enumerate(cut):
        at = start
        start += len(piece)
        if n:  # a wrapped line does not start with the space it broke at
            at += len(piece) - len(piece.lstrip(" "))
            piece = piece.lstrip(" ")
        indent = first_indent if n == 0 else 0.0
        lines.append(TextLine(piece, indent, n < len(cut) - 1, source, at))
    return lines


def break_text(text: str, font: str, size: float, width: float, first_indent: float = 0.0,
               blank: bool = True) -> list[TextLine]:  # fmt: skip
    """Every paragraph's lines; an empty source line stays an empty printed line (``blank``;
    runs of empty lines count as one)."""
    lines: list[TextLine] = []
    previous_blank = True
    for number, source in enumerate(_expand(text).split("\n")):
        stripped = source.rstrip()
        if not stripped.strip():
            if blank and not previous_blank:
                lines.append(TextLine("", source=number))
            previous_blank = True
            continue
        indent = first_indent if stripped[0] not in _SPACES else 0.0
        lines += break_paragraph(stripped, font, size, width, indent, number)
        previous_blank = False
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def rest_of(text: str, line: TextLine) -> str:
    """The source text from ``line`` on (to lay the rest out again at another width)."""
    sources = _expand(text).split("\n")
    return "\n".join([sources[line.source][line.start :], *sources[line.source + 1 :]])


class TextLines(Flowable):
    """Pre-broken lines drawn as they are; splits between lines (and not before ``min_lines``
    of them fit, so a page never ends on a lone line where more follow)."""

    def __init__(self, lines: Sequence[TextLine], font: str, size: float, leading: float,
                 width: float, color: Any = None, min_lines: int = 1) -> None:  # fmt: skip
        super().__init__()
        self.lines = list(lines)
        self.font, self.size, self.leading, self.text_width = font, size, leading, width
        self.color, self.min_lines = color, min_lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = min(aw, self.text_width) if aw else self.text_width
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        fit = min(int((ah + 0.01) // self.leading), len(self.lines))
        keep = self.min_lines
        if len(self.lines) - fit < keep:  # leave at least ``keep`` lines for the next page
            fit = len(self.lines) - keep
        if fit < max(1, keep):
            return []
        return [self._copy(self.lines[:fit]), self._copy(self.lines[fit:])]

    def _copy(self, lines: Sequence[TextLine]) -> TextLines:
        return TextLines(lines, self.font, self.size, self.leading, self.text_width,
                         self.color, self.min_lines)  # fmt: skip

    def draw(self) -> None:
        c = self.canv
        if self.color is not None:
            c.setFillColor(self.color)
        descent = (self.leading - self.size) / 2 + self.size * 0.18
        for n, line in enumerate(self.lines):
            if not line.text:
                continue
            y = self.height - (n + 1) * self.leading + descent
            text = c.beginText(line.indent, y)
            text.setFont(self.font, self.size)
            body = line.text.rstrip()
            if line.justify and len(body) > 1:
                natural = stringWidth(body, self.font, self.size)
                room = self.text_width - line.indent - natural
                if 0 < room < self.size * 3:  # a short line (hung punctuation) stays natural
                    text.setCharSpace(room / (len(body) - 1))
            text.textOut(body)
            c.drawText(text)


class TextCell(TextLines):
    """A form cell's text, broken at the cell's width when the table lays it out (the width
    depends on spans and paddings) and drawn as ``TextLines``: a ``Paragraph`` would parse
    markup and measure every character again on each wrap — most of a slip's cost."""

    def __init__(self, text: str, font: str, size: float, leading: float) -> None:
        super().__init__([], font, size, leading, 0.0)
        self.text, self._broken_at = text, -1.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if aw != self._broken_at:
            self.lines = break_text(self.text, self.font, self.size, aw) or [TextLine("")]
            self.text_width, self._broken_at = aw, aw
        return super().wrap(aw, ah)


def chunks(lines: Sequence[TextLine], size: int) -> list[list[TextLine]]:
    """``lines`` in groups of ``size``; a last group of one line joins the one before."""
    groups = [list(lines[i : i + size]) for i in range(0, len(lines), size)] or [[]]
    if len(groups) > 1 and len(groups[-1]) == 1:
        last = groups.pop()
        groups[-1] += last
    return groups
