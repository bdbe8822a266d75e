"""The 答复函 (reply letter): the approved reply to the citizen on the bureau's red letterhead,
with the case number, the subject, the reply itself and the bureau's name and date below."""

from __future__ import annotations

import re

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
)

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


def _signature(bureau: str, day: str, st: Styles) -> Flowable:
    """落款: the bureau's name with the date centred under it, four characters from the right."""
    size = st.letter.fontSize
    width = max(stringWidth(bureau, st.font.body, size), stringWidth(day, st.font.body, size))
    width = min(width + size, CONTENT_W - 4 * size)
    style = ParagraphStyle("letter-sign", st.letter, firstLineIndent=0, alignment=TA_CENTER)
    block = plain_table([[para(bureau, style)], [para(day, style)]], [width])
    block.hAlign = "RIGHT"
    return KeepTogether([block, Spacer(1, 0)])


def letter_part(d: LetterData, meta: PrintMeta, st: Styles) -> Part:
    body = st.letter
    flush = ParagraphStyle("letter-flush", body, firstLineIndent=0)
    subject = ParagraphStyle("letter-subject", body, fontName=st.font.heading, fontSize=16,
                             leading=26, firstLineIndent=0, alignment=TA_CENTER)  # fmt: skip
    story: list[Flowable] = [
        *letterhead(meta.bureau_name, st),
        para(f"办件编号:{d.case_no}", right(st.line)),
        Spacer(1, 4 * mm),
        para(f"关于“{d.title}”的答复", subject),
        Spacer(1, 5 * mm),
    ]
    lines = d.reply_text.strip().splitlines()
    opening = _SALUTATION.match(lines[0]) if lines else None
    if opening:
        story.append(para(opening.group(1), flush))
        lines[0] = opening.group(2)
    for text in lines:
        if text.strip():
            story.append(para(text.strip(), body))
        elif story:
            story.append(Spacer(1, 3 * mm))
    story.append(Spacer(1, 12 * mm))
    story.append(_signature(meta.bureau_name, fmt_day(d.letter_date), st))
    return Part(story, None, FOOTER_PAGES)
