"""One entry point for printing: any mix of 交办单, 督办通知单 and 答复函 into one PDF (a batch
prints as one job), with the CJK font chosen for the office and the page count of each
document for the print audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hotline_desk.reports.doc_data import Document, LetterData, NoticeData, PrintMeta, SlipData
from hotline_desk.reports.fonts import FontChoice, cjk_font
from hotline_desk.reports.pdf_build import Part, build_pdf
from hotline_desk.reports.pdf_common import Styles, make_styles
from hotline_desk.reports.reply_letter import letter_part
from hotline_desk.reports.slip_dispatch import slip_part, slip_title
from hotline_desk.reports.slip_notice import TITLE as NOTICE_TITLE
from hotline_desk.reports.slip_notice import notice_part


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: tuple[int, ...]  # pages of each document, in order
    font: FontChoice
    title: str

    @property
    def page_count(self) -> int:
        return sum(self.pages)


def _part(doc: Document, meta: PrintMeta, st: Styles) -> Part:
    if isinstance(doc, SlipData):
        return slip_part(doc, meta, st)
    if isinstance(doc, NoticeData):
        return notice_part(doc, meta, st)
    return letter_part(doc, meta, st)


def document_title(doc: Document) -> str:
    """The document's name with its case number (PDF title, window title)."""
    if isinstance(doc, SlipData):
        return f"{slip_title(doc)} {doc.case_no}"
    if isinstance(doc, NoticeData):
        return f"{NOTICE_TITLE} {doc.case_no}"
    assert isinstance(doc, LetterData)
    return f"答复函 {doc.case_no}"


def render_documents(docs: Sequence[Document], meta: PrintMeta) -> RenderedPdf:
    """Every document from a new page, in one PDF."""
    if not docs:
        raise ValueError("nothing to print")
    font = cjk_font(meta.preferred_font)
    st = make_styles(font)
    title = document_title(docs[0]) + (f" 等 {len(docs)} 件" if len(docs) > 1 else "")
    data, pages = build_pdf([_part(d, meta, st) for d in docs], meta, st, title)
    return RenderedPdf(data, pages, font, title)
