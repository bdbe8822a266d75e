"""The 交办单 (dispatch slip): the form that goes with a case to its section — the case, its
QR code, deadlines, the office's opinion, boxes for the leader's instruction and the handling
result, and signature lines for the handler and the section head."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from hotline_desk.reports.doc_data import PrintMeta, SlipData
from hotline_desk.reports.pdf_build import Part, QrCode
from hotline_desk.reports.pdf_common import (
    CONTENT_W,
    CONTINUED,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_H,
    RUNNING_HEAD,
    Line,
    Styles,
    cell_lines,
    centre,
    fmt_dt,
    form_table,
    label,
    line_block,
    para,
    plain_table,
    right,
    signature_row,
    text_cells,
    text_rows,
)
from hotline_desk.reports.text_flow import TextLine, TextLines, rest_of

QR_SIZE = 25 * mm
NOTE = (
    "注：1. 承办科室应在签收时限内签收，在答复时限内办结并报送答复意见；不能按时办结的，"
    "须在时限届满前提出延期申请。2. 扫描右上角二维码可直接打开本办件。"
)


def slip_title(d: SlipData) -> str:
    return "市长信箱来信交办单" if d.mailbox else "市长热线办件交办单"


def title_block(bureau: str, title: str, payload: str, st: Styles) -> list:
    """The bureau and the document's name centred, the QR code at the right."""
    side = QR_SIZE + 2 * mm
    font = st.font.heading
    words = [Line(bureau, font, 16, tracking=1, leading=24),
             Line(title, font, 22, tracking=3, bold=True, leading=32)]  # fmt: skip
    widths = [side, CONTENT_W - 2 * side, side]
    layout = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "RIGHT")]
    block = plain_table([["", words, QrCode(payload, QR_SIZE)]], widths, layout)
    return [block, Spacer(1, 3 * mm)]


def number_line(st: Styles, *texts: str) -> list:
    """``办件编号 …``, ``查询码 …`` and a date in one line just above the grid."""
    styles = [st.line, centre(st.line), right(st.line)][: len(texts)]
    widths = {2: [0.6, 0.4], 3: [0.42, 0.2, 0.38]}[len(texts)]
    line = plain_table([[para(t, s) for t, s in zip(texts, styles, strict=True)]],
                       [CONTENT_W * w for w in widths])  # fmt: skip
    return [line, Spacer(1, 1.5 * mm)]


def one_line(text: str, st: Styles, width: float) -> str:
    """``text`` as much of it as one cell line holds, cut with ``…）`` (the 附件 line: it never
    grows the grid and pushes the signature lines off page 1)."""
    font, size = st.cell.fontName, st.cell.fontSize
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…）", font, size) > width:
        text = text[:-1]
    return text + "…）"


def _deadline(value: object, limit: str) -> str:
    text = fmt_dt(value)  # type: ignore[arg-type]
    return f"{text}({limit})" if value is not None and limit else text


FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
MORE = "（下转附页）"
MIN_CELL_LINES = 16  # content this short stays in its cell when page 1 is full without it


def _height(flowables: list[Flowable]) -> float:
    """How tall these flowables stand on the page (what is kept together counted whole)."""
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            total += _height(list(f._content))
        else:
            total += f.wrap(CONTENT_W, FRAME_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _tail_start(rows: list[list[Any]], last_content: int, result_rows: int) -> int:
    """Where the grid's last part begins — the part kept on one page with the signature lines:
    from the content's last rows on, or only the last rows of a long 办理结果."""
    return len(rows) - 1 if result_rows > 3 else last_content


def slip_part(d: SlipData, meta: PrintMeta, st: Styles) -> Part:
    """The slip: its grid in two tables — the case, and the boxes kept on one page with the
    signature lines — so the signatures never stand alone or split. A content too long for
    page 1 continues, at the full width, on 附页 after the signature lines."""
    title = slip_title(d)
    lead = d.lead_unit or "—"
    if d.handling_unit:
        lead = f"{lead}（交办：{d.handling_unit}）"
    instructions = "\n".join(
        f"{i.text}\n—— {i.leader_name}  {fmt_dt(i.at)}" for i in d.instructions
    )
    w = [23 * mm, 54 * mm, 23 * mm, CONTENT_W - 100 * mm]
    text_w = w[1] + w[2] + w[3] - 4.5 * mm
    head = [
        [label("来源渠道"), d.channel, label("受理时间"), fmt_dt(d.received_at)],
        [label("来电人"), d.caller_name or "—", label("联系电话"), d.caller_phone or "—"],
        [label("联系地址"), d.caller_address or "—"],
        [label("诉求类型"), d.category, label("事项分类"), d.topic or "—"],
        [label("紧急程度"), d.urgency, label("重要件"), "是" if d.important else "否"],
        [label("平台工单号"), d.platform_ref or "—", label("办理层级"), d.tier or "—"],
        [label("标题"), d.title],
    ]  # fmt: skip
    if d.attachments:  # one line, counted before the content is fitted to page 1
        head.append([label("附件"), one_line(d.attachments, st, text_w - 2 * mm)])
    units = [
        [label("主办科室"), lead, label("协办科室"), "、".join(d.assist_units) or "—"],
        [label("签收时限"), fmt_dt(d.sign_deadline), label("答复时限"),
         _deadline(d.reply_deadline, d.reply_limit)],
    ]  # fmt: skip
    result = text_rows("办理结果", d.result, st, text_w)
    boxes = [
        [label("拟办意见"), d.office_opinion or ""],
        *text_rows("领导批示", instructions, st, text_w),
        *result,
    ]
    head, units, boxes = text_cells(head, st), text_cells(units, st), text_cells(boxes, st)
    dispatched = f"交办时间：{fmt_dt(d.dispatched_at)}" if d.dispatched_at else ""
    top = [
        *title_block(meta.bureau_name, title, d.qr_payload, st),
        *number_line(st, f"办件编号：{d.case_no}", f"查询码：{d.query_code}", dispatched),
    ]
    after = [
        Spacer(1, 6 * mm),
        signature_row(st, ("经办人", "科室负责人")),
        Spacer(1, 4 * mm),
        para(NOTE + (f"3. {d.personal_note}" if d.personal_note else ""), st.small),
    ]

    grids: list[Table] = []  # the last build's two tables (for the rows' heights)

    def build(content: list[list[Any]]) -> list[Flowable]:
        rows = head + content + units + boxes
        first_box = len(head) + len(content) + len(units)
        tail = _tail_start(rows, len(head) + len(content) - 1, len(result))
        mins = {0: 12 * mm, 1: 22 * mm, 2: 26 * mm} if d.result == "" else {0: 12 * mm, 1: 18 * mm}
        heights = {first_box + k - tail: v for k, v in mins.items() if first_box + k >= tail}
        boxes_from = max(first_box - tail, 0)
        body = form_table(rows[:tail], w, st, bottom=None)
        joined = any(v is CONTINUED for v in rows[tail])
        last = form_table(rows[tail:], w, st, min_heights=heights, top=None if joined else 0.6,
                          extra=[("VALIGN", (1, boxes_from), (-1, -1), "TOP")])  # fmt: skip
        grids[:] = [body, last]
        return [*top, body, KeepTogether([last, *after])]

    lines = cell_lines(d.content, st, text_w)
    content = text_rows("诉求内容", lines, st, text_w)
    story = build(content)
    # page 1 without the content: the whole slip measured once, less the content's rows, plus
    # the one empty row the content would leave (no second layout of the grid to find out)
    whole = _height(story)
    row_heights = [*grids[0]._rowHeights, *grids[1]._rowHeights]
    empty = form_table([[label("诉求内容"), line_block([], st, text_w)]], w, st)
    content_h = sum(row_heights[len(head) : len(head) + len(content)])
    without = whole - content_h + empty.wrap(CONTENT_W, FRAME_H)[1]
    room = int((FRAME_H - without - 4) // st.cell.leading) + 1
    rest = ""
    limit = room if room >= 4 else MIN_CELL_LINES  # page 1 already overflows: no 附页 for little
    if len(lines) > limit:
        keep = limit - 1
        rest = rest_of(d.content, lines[keep])
        lines = [*lines[:keep], TextLine(MORE)]
        story = build(text_rows("诉求内容", lines, st, text_w))
    if rest:
        story += [PageBreak(), *_attachment(rest, st)]
    head_line = (
        f"{meta.bureau_name}  {title}（续）",
        f"办件编号：{d.case_no}  查询码：{d.query_code}",
    )
    return Part(story, head_line)


def _attachment(rest: str, st: Styles) -> list[Flowable]:
    """附页: the rest of a long content at the full width, splitting between any lines; its
    leading tightened a little (not below 14 pt) when that saves a nearly empty last page."""
    heading = Line("附页　诉求内容（接第1页）", st.font.heading, 12, align="left", leading=22)
    lines = cell_lines(rest, st, CONTENT_W)
    page = FRAME_H - RUNNING_HEAD
    first = page - heading.leading - 2 * mm

    def pages(leading: float) -> int:
        left = len(lines) - int(first // leading)
        return 1 + max(0, -(-left // int(page // leading)))

    leading = st.cell.leading
    fewer = [x for x in (15.5, 15.0, 14.5, 14.0) if pages(x) < pages(leading)]
    if fewer:
        leading = fewer[0]
    block = TextLines(lines, st.font.body, st.cell.fontSize, leading, CONTENT_W, min_lines=2)
    return [heading, Spacer(1, 2 * mm), block]
