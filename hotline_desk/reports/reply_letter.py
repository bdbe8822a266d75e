"""The 答复函 (reply letter): the approved reply to the citizen on the bureau's red letterhead,
with the case number and the letter's 文号 (office setting ``letter_no_pattern``), the subject
(one 关于, whatever the case title says), the reply as written, and the 落款 — the bureau's name
and the date over the 盖章处 — with the contact person and phone (office settings) below."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer

from hotline_desk.reports.doc_data import LetterData, PrintMeta
from hotline_desk.reports.pdf_build import Part
from hotline_desk.reports.pdf_common import (
    CONTENT_W,
    FOOTER_PAGES,
    RED,
    Line,
    Styles,
    fmt_day,
    para,
    plain_table,
    right,
    typeset,
)
from hotline_desk.reports.text_flow import TextLine, TextLines, break_text

SEAL_GREY = colors.HexColor("#9A9A9A")
_SALUTATION = re.compile("^([^\\n\u3002\uff0c,!?:\uff1a]{1,30}[:\uff1a])\\s*(.*)$")
"""A letter's opening address ``尊敬的张先生/女士:``, alone or followed by the first sentence."""


def letterhead(bureau: str, st: Styles) -> list[Flowable]:
    """The bureau's name in red over a thick and a thin red rule (红头)."""
    return [
        Spacer(1, 6 * mm),
        Line(bureau, st.font.heading, 26, tracking=4, bold=True, color=RED, leading=34),
        Spacer(1, 3 * mm),
        HRFlowable(width="100%", thickness=2.2, color=RED, spaceAfter=1.2),
        HRFlowable(width="100%", thickness=0.6, color=RED, spaceAfter=6 * mm),
    ]


def letter_subject(title: str) -> str:
    """The letter's subject from the case title, with one 关于 and one 的答复 whatever the title
    already says: ``关于“路灯不亮”问题的答复`` from 路灯不亮, 关于路灯不亮的问题 or 路灯不亮问题."""
    core = title.strip().strip("。.!！?？ ")
    for prefix in ("关于", "反映"):
        while core.startswith(prefix):
            core = core[len(prefix) :].strip()
    for suffix in ("的答复", "的回复", "的问题", "问题", "的情况"):
        if core.endswith(suffix):
            core = core[: -len(suffix)].strip()
    core = core.strip("“”\"'「」")
    return f"关于“{core}”问题的答复" if core else "答复函"


SEAL = 42 * mm  # a government seal's diameter


class _Signature(Flowable):
    """落款 with its 盖章处: the bureau's name with the date centred under it, over a dashed
    circle the size of the seal, which is set over the date."""

    def __init__(self, bureau: str, day: str, st: Styles) -> None:
        super().__init__()
        size = st.letter.fontSize
        width = max(stringWidth(bureau, st.font.body, size), stringWidth(day, st.font.body, size))
        width = min(width + size, CONTENT_W - 4 * size)
        style = ParagraphStyle("letter-sign", st.letter, firstLineIndent=0, alignment=TA_CENTER)
        self.block = plain_table([[para(bureau, style)], [para(day, style)]], [width])
        self.font = st.font.body
        self.hAlign = "RIGHT"

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.bw, self.bh = self.block.wrap(aw, ah)
        self.width, self.height = max(self.bw, SEAL) + 2 * mm, max(self.bh, SEAL) + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        cx, cy = self.width / 2, self.height / 2
        self.block.drawOn(c, cx - self.bw / 2, cy - self.bh / 2)
        c.saveState()
        c.setStrokeColor(SEAL_GREY)
        c.setFillColor(SEAL_GREY)
        c.setDash(3, 3)
        c.setLineWidth(0.5)
        c.circle(cx, cy, SEAL / 2, stroke=1, fill=0)
        c.setFont(self.font, 7.5)
        c.drawCentredString(cx, cy - SEAL / 2 + 2.5 * mm, "盖章处")
        c.restoreState()


def number_row(d: LetterData, st: Styles) -> Flowable:
    """The case number at the left, the letter's 文号 at the right, under the red rules."""
    cells = [para(f"办件编号：{d.case_no}", st.line), para(d.letter_no, right(st.line))]
    return plain_table([cells], [CONTENT_W * 0.5, CONTENT_W * 0.5])


def contact_line(d: LetterData, st: Styles) -> list[Flowable]:
    """(联系人:…,联系电话:…) under the 落款, as the office set them; nothing when unset."""
    parts = [f"联系人：{d.contact}" if d.contact else "", f"联系电话：{d.phone}" if d.phone else ""]
    text = ",".join(p for p in parts if p)
    if not text:
        return []
    style = ParagraphStyle("letter-contact", st.line, fontSize=12, leading=20)
    return [Spacer(1, 3 * mm), para(f"({text})", style)]


_FLUSH = re.compile("^(敬礼|此致敬礼)[!！。]?$")
"""Lines that stand flush left in a letter (敬礼!) even where paragraphs are indented."""


@dataclass(frozen=True)
class ReplyParts:
    """The reply as a letter sets it, for the PDF and the Word letter alike."""

    opening: str  # 尊敬的…: standing alone and flush left ("" when the reply has none)
    lines: list[str]  # the reply's lines after the opening, typeset
    as_written: bool  # the text indents its own paragraphs: keep it exactly as written


def reply_parts(text: str) -> ReplyParts:
    """Split the reply: a text that indents its own paragraphs (most lines start with spaces)
    is kept as written; otherwise its opening address (尊敬的…:) is taken apart."""
    sources = typeset(text.strip("\n").rstrip()).splitlines()
    filled = [line for line in sources[1:] if line.strip()]
    led = sum(1 for line in filled if line[:1] in (" ", "\u3000", "\t"))
    as_written = bool(filled) and led * 2 > len(filled)
    opening = _SALUTATION.match(sources[0].strip()) if sources and not as_written else None
    if opening:
        sources[0] = opening.group(2)
    return ReplyParts(opening.group(1) if opening else "", sources, as_written)


def stands_flush(line: str) -> bool:
    """敬礼! and its kin stand flush left even where paragraphs are indented."""
    return bool(_FLUSH.match(line.strip()))


def body_lines(text: str, st: Styles) -> list[TextLine]:
    """The reply's lines as the letter prints them. A text that indents its own paragraphs
    (most lines start with spaces) is kept exactly as written, empty lines included; otherwise
    each paragraph gets the customary two-character first-line indent, empty lines between
    paragraphs are dropped (the indent marks them) and a line the writer started with spaces
    (a signature pushed right) keeps its spaces instead. The opening address (尊敬的…:) and
    敬礼! stand flush left."""
    size = st.letter.fontSize
    parts = reply_parts(text)
    as_written = parts.as_written
    indent = 0.0 if as_written else 2 * size
    lines: list[TextLine] = [TextLine(parts.opening)] if parts.opening else []
    for number, source in enumerate(parts.lines):
        flush = 0.0 if stands_flush(source) else indent
        broken = break_text(source, st.font.body, size, CONTENT_W, flush, blank=as_written)
        if as_written and not source.strip() and number:
            broken = [TextLine("")]
        lines += broken
    return lines


def letter_part(d: LetterData, meta: PrintMeta, st: Styles) -> Part:
    """The letter: its body broken into lines once (an 8,000-character reply lays out in well
    under a second) and its last two lines kept on one page with the 落款."""
    body = st.letter
    subject = ParagraphStyle("letter-subject", body, fontName=st.font.heading, fontSize=16,
                             leading=26, firstLineIndent=0, alignment=TA_CENTER)  # fmt: skip
    story: list[Flowable] = [
        *letterhead(meta.bureau_name, st),
        number_row(d, st),
        Spacer(1, 4 * mm),
        para(letter_subject(d.title), subject),
        Spacer(1, 5 * mm),
    ]
    lines = body_lines(d.reply_text, st)
    keep = 2 if len(lines) > 3 else len(lines)
    block = partial(TextLines, font=st.font.body, size=body.fontSize, leading=body.leading,
                    width=CONTENT_W, min_lines=2)  # fmt: skip
    if len(lines) > keep:
        story.append(block(lines[: len(lines) - keep]))
    ending = [block(lines[len(lines) - keep :]), Spacer(1, 4 * mm)]
    signature = _Signature(meta.bureau_name, fmt_day(d.letter_date), st)
    story.append(KeepTogether([*ending, signature, *contact_line(d, st)]))
    return Part(story, None, FOOTER_PAGES)
