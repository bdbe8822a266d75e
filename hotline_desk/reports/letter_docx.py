"""The 答复函 as a Word document (.docx), for offices whose 公文 go through Word: the same
``LetterData`` the PDF letter prints, poured into an editable template.

The built-in template is made here by code (``default_template``): the bureau's name in red over
a red double rule (红头), the case number and the letter's 文号, the subject, the opening address,
the reply, the 落款 and date, the contact line. An office may save it, edit it in Word and load it
back (services/output/letter_word.py keeps it in the database). A template says where each part
goes with placeholders — ``{{文号}}``, ``{{标题}}``, ``{{称呼}}``, ``{{正文}}``, ``{{落款}}``,
``{{日期}}``, ``{{联系人}}``, ``{{联系电话}}``, ``{{办件编号}}``, ``{{单位名称}}`` — replaced
keeping the formatting of the run the placeholder starts in, also when Word split the
placeholder over several runs. The paragraph holding ``{{正文}}`` is repeated for each paragraph
of the reply (its format kept; the opening address and 敬礼 flush left, as the PDF sets them); a
paragraph whose placeholders all come out empty (no contact person set) is left out. The wording
(the subject with one 关于, the date 2026年12月2日, the opening address) is the PDF letter's.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from copy import deepcopy

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.reports.doc_data import LetterData, PrintMeta
from hotline_desk.reports.pdf_common import fmt_day
from hotline_desk.reports.reply_letter import letter_subject, reply_parts, stands_flush

BODY = "正文"
REQUIRED = ("文号", "标题", BODY, "落款", "日期")
"""What a template must hold; ``称呼``, the contact and the rest may be left out."""
PLACEHOLDERS = (*REQUIRED, "称呼", "联系人", "联系电话", "办件编号", "单位名称")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]{1,12})\s*\}\}")
MAX_TEMPLATE = 5 * 1024 * 1024

_RED = RGBColor(0xC8, 0x16, 0x1D)  # 公文红, as the PDF's letterhead
_BODY_FONT = "仿宋"
_HEAD_FONT = "方正小标宋简体"
_TITLE_FONT = "黑体"


def _font(run_or_style: object, name: str, size: float, *, bold: bool = False,
          color: RGBColor | None = None) -> None:  # fmt: skip
    """A font for Chinese text: Word takes Chinese characters from the East Asian font."""
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    if color is not None:
        font.color.rgb = color
    element = run_or_style.element  # type: ignore[attr-defined]
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _rule(paragraph: Paragraph) -> None:
    """The red double rule under the letterhead (a thick and a thin line), as a bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "thickThinSmallGap"), ("sz", "24"), ("space", "6"),
                        ("color", str(_RED))):  # fmt: skip
        bottom.set(qn(f"w:{attr}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def default_template() -> bytes:
    """The built-in template: an A4 letter laid out like the PDF (公文 margins, 仿宋 14 pt)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    width = section.page_width - section.left_margin - section.right_margin
    normal = doc.styles["Normal"]
    _font(normal, _BODY_FONT, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(26)

    def line(text: str, align: WD_ALIGN_PARAGRAPH | None = None, **font: object) -> Paragraph:
        paragraph = doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if text:
            _font(paragraph.add_run(text), **font)  # type: ignore[arg-type]
        return paragraph

    head = line("{{单位名称}}", WD_ALIGN_PARAGRAPH.CENTER, name=_HEAD_FONT, size=26, bold=True,
                color=_RED)  # fmt: skip
    head.paragraph_format.line_spacing = Pt(40)
    head.paragraph_format.space_after = Pt(10)
    _rule(head)
    numbers = line("办件编号：{{办件编号}}\t{{文号}}", name=_BODY_FONT, size=12)
    numbers.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    numbers.paragraph_format.space_before = Pt(6)
    line("")
    title = line("{{标题}}", WD_ALIGN_PARAGRAPH.CENTER, name=_TITLE_FONT, size=16)
    title.paragraph_format.space_after = Pt(14)
    line("{{称呼}}", name=_BODY_FONT, size=14)
    body = line("{{正文}}", WD_ALIGN_PARAGRAPH.JUSTIFY, name=_BODY_FONT, size=14)
    body.paragraph_format.first_line_indent = Pt(28)
    line("")
    for text, before in (("{{落款}}", 12), ("{{日期}}", 0)):
        sign = line(text, WD_ALIGN_PARAGRAPH.RIGHT, name=_BODY_FONT, size=14)
        sign.paragraph_format.right_indent = Pt(42)
        sign.paragraph_format.space_before = Pt(before)
    contact = line("（联系人：{{联系人}}，联系电话：{{联系电话}}）", name=_BODY_FONT, size=12)
    contact.paragraph_format.space_before = Pt(24)
    doc.core_properties.title = "答复函"
    doc.core_properties.author = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _open(data: bytes) -> object:
    if len(data) > MAX_TEMPLATE:
        raise ValidationError({"template": "模板文件过大（不能超过 5 MB）"})
    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML or content-type errors alike
        raise ValidationError({"template": "不是有效的 Word 文档（.docx）"}) from exc


def _paragraphs(doc: object) -> Iterator[Paragraph]:
    """Every paragraph: the body's, in tables (nested too), in headers and footers."""

    def walk(container: object) -> Iterator[Paragraph]:
        yield from container.paragraphs  # type: ignore[attr-defined]
        for table in container.tables:  # type: ignore[attr-defined]
            yield from _cells(table)

    def _cells(table: Table) -> Iterator[Paragraph]:
        for row in table.rows:
            for cell in row.cells:
                yield from walk(cell)

    seen: set[int] = set()
    yield from walk(doc)
    for section in doc.sections:  # type: ignore[attr-defined]
        for part in (section.header, section.first_page_header, section.footer,
                     section.first_page_footer):  # fmt: skip
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from walk(part)


def placeholders_in(data: bytes) -> set[str]:
    """The placeholder names a template holds (wherever Word split them into runs)."""
    doc = _open(data)
    return {m.group(1) for p in _paragraphs(doc) for m in PLACEHOLDER.finditer(p.text)}


def missing_placeholders(data: bytes) -> list[str]:
    """The required placeholders the template lacks, as written (``{{文号}}``), in order."""
    found = placeholders_in(data)
    return ["{{" + name + "}}" for name in REQUIRED if name not in found]


def _fill(paragraph: Paragraph, values: dict[str, str]) -> bool | None:
    """Replace the paragraph's placeholders in place, each in the run it starts in (the text of
    the runs it spills into removed). None when it holds none; else whether all came out empty.
    Unknown names are left as typed."""
    runs = paragraph.runs
    texts = [run.text for run in runs]
    matches = list(PLACEHOLDER.finditer("".join(texts)))
    if not matches:
        return None
    starts: list[int] = []
    total = 0
    for text in texts:
        starts.append(total)
        total += len(text)
    ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]

    def run_at(offset: int) -> int:
        return next(i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if a <= offset < b)

    empty = True
    for match in reversed(matches):
        name = match.group(1)
        value = values.get(name, match.group(0))
        empty = empty and value == ""
        first, last = run_at(match.start()), run_at(match.end() - 1)
        head = match.start() - starts[first]
        tail = match.end() - starts[last]
        if first == last:
            texts[first] = texts[first][:head] + value + texts[first][tail:]
        else:
            texts[first] = texts[first][:head] + value
            for middle in range(first + 1, last):
                texts[middle] = ""
            texts[last] = texts[last][tail:]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text
    return empty


def _flush_left(paragraph: Paragraph) -> None:
    """No first-line indent (Word's 首行缩进 in characters overrides the one in points)."""
    indent = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    if indent is not None:
        for attr in ("w:firstLineChars", "w:hangingChars", "w:hanging"):
            indent.attrib.pop(qn(attr), None)
    paragraph.paragraph_format.first_line_indent = Pt(0)


def _remove(paragraph: Paragraph) -> None:
    element = paragraph._p
    element.getparent().remove(element)


def _pour_body(paragraph: Paragraph, lines: list[tuple[str, bool]], values: dict[str, str]) -> None:
    """Repeat the ``{{正文}}`` paragraph for each of the reply's paragraphs, then drop it."""
    for text, flush in lines:
        element = deepcopy(paragraph._p)
        paragraph._p.addprevious(element)
        copy = Paragraph(element, paragraph._parent)
        _fill(copy, {**values, BODY: text})
        if flush:
            _flush_left(copy)
    _remove(paragraph)


def letter_values(d: LetterData, meta: PrintMeta) -> dict[str, str]:
    """What each placeholder but 正文 stands for, worded as the PDF letter words it."""
    return {
        "文号": d.letter_no,
        "标题": letter_subject(d.title),
        "称呼": "",
        "落款": meta.bureau_name,
        "日期": fmt_day(d.letter_date),
        "联系人": d.contact,
        "联系电话": d.phone,
        "办件编号": d.case_no,
        "单位名称": meta.bureau_name,
    }


def render_letter_docx(template: bytes, d: LetterData, meta: PrintMeta) -> bytes:
    """The letter as a .docx made from ``template`` (ValidationError when it is unusable)."""
    missing = missing_placeholders(template)
    if missing:
        raise ValidationError(
            {"template": Msg("模板缺少必需的占位符：{names}", names=tuple(missing))}
        )
    doc = _open(template)
    values = letter_values(d, meta)
    parts = reply_parts(d.reply_text)
    found = {m.group(1) for p in _paragraphs(doc) for m in PLACEHOLDER.finditer(p.text)}
    lines: list[tuple[str, bool]] = []
    if parts.opening:
        if "称呼" in found:
            values["称呼"] = parts.opening
        else:
            lines.append((parts.opening, True))
    for text in parts.lines:
        if not text.strip() and not parts.as_written:
            continue  # paragraphs are paragraphs in Word: no empty lines between them
        lines.append((text, parts.as_written or stands_flush(text)))
    for paragraph in list(_paragraphs(doc)):
        if "{{" not in paragraph.text:
            continue
        if any(m.group(1) == BODY for m in PLACEHOLDER.finditer(paragraph.text)):
            _pour_body(paragraph, lines, values)
        elif _fill(paragraph, values):
            _remove(paragraph)
    doc.core_properties.title = values["标题"]  # type: ignore[attr-defined]
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()
