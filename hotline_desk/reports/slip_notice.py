"""The 督办通知单 (supervision notice): the office's written order to a section about a case
that is late or at risk — its level (黄牌/红牌), reason, the date the section must answer by,
the issuing office, and lines for signing and for the section's answer."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from hotline_desk.reports.doc_data import NoticeData, PrintMeta
from hotline_desk.reports.pdf_build import Part
from hotline_desk.reports.pdf_common import (
    CONTENT_W,
    RED,
    YELLOW,
    Line,
    Styles,
    fmt_day,
    fmt_dt,
    form_table,
    label,
    para,
    right,
    signature_row,
    text_rows,
)
from hotline_desk.reports.slip_dispatch import number_line, title_block

TITLE = "市长热线办件督办通知单"
DEMANDS = (
    "请科室主要负责人亲自过问，查明原因，落实责任，在反馈时限内办结并将办理情况书面反馈办公室；"
    "确有困难不能按期办结的，须说明理由并提出办理计划。逾期不反馈的，将按规定通报。"
)


def _intro(d: NoticeData) -> str:
    state = "已超过答复时限" if d.overdue else "临近答复时限"
    due = f"于{fmt_dt(d.response_due)}前" if d.response_due else "尽快"
    return (
        f"你单位承办的市长热线办件（编号 {d.case_no}）“{d.title}”{state}，"
        f"现予以{d.level_label}。请{due}将办理情况反馈办公室。"
    )


def notice_part(d: NoticeData, meta: PrintMeta, st: Styles) -> Part:
    colour = RED if d.level == "red" else YELLOW
    w = [24 * mm, 61 * mm, 24 * mm, CONTENT_W - 109 * mm]
    level = Line(d.level_label, st.font.body, st.cell.fontSize, align="left", bold=True,
                 color=colour)  # fmt: skip
    assists = "、".join(d.assist_units) or "—"
    response = d.response
    if response and d.responded_by:
        response += f"\n—— {d.responded_by}  {fmt_dt(d.responded_at)}"
    rows = [
        [label("办件编号"), d.case_no, label("查询码"), d.query_code],
        [label("标题"), d.title],
        [label("来源渠道"), d.channel, label("受理时间"), fmt_dt(d.received_at)],
        [label("主办科室"), d.lead_unit or "—", label("协办科室"), assists],
        [label("答复时限"), fmt_dt(d.reply_deadline),
         label("办理状态"), d.case_status + ("（已超期）" if d.overdue else "")],
        [label("督办级别"), level, label("反馈时限"), fmt_dt(d.response_due)],
        [label("催办次数"), f"{d.urge_count} 次", label("督办状态"), d.order_status],
        *text_rows("督办事由", d.reason, st, w[1] + w[2] + w[3] - 4.5 * mm),
        [label("办理要求"), DEMANDS],
        [label("反馈情况"), response],
    ]  # fmt: skip
    split = len(rows) - 2  # 办理要求 and 反馈情况 stay on one page with the signature lines
    grid = form_table(rows[:split], w, st, bottom=None)
    tail = form_table(rows[split:], w, st, min_heights={1: 40 * mm}, top=0.6,
                      extra=[("VALIGN", (1, 1), (-1, -1), "TOP")])  # fmt: skip
    addressee = ParagraphStyle("addressee", st.cell, fontSize=12, leading=20)
    body = ParagraphStyle("intro", st.cell, fontSize=12, leading=20, firstLineIndent=24)
    issuer = [
        para(f"{meta.bureau_name}办公室（盖章）", right(addressee)),
        para(fmt_day(d.issued_at), right(addressee)),
    ]
    story = [
        *title_block(meta.bureau_name, TITLE, d.qr_payload, st),
        *number_line(
            st, f"督办编号：{d.order_no}", "", f"签发：{d.issued_by}  {fmt_day(d.issued_at)}"
        ),
        para(f"{d.unit_name or '承办单位'}:", addressee),
        para(_intro(d), body),
        Spacer(1, 3 * mm),
        grid,
        KeepTogether([
            tail,
            Spacer(1, 5 * mm),
            *issuer,
            Spacer(1, 5 * mm),
            signature_row(st, ("签收人", "科室负责人")),
        ]),
    ]  # fmt: skip
    return Part(story, (f"{meta.bureau_name}  {TITLE}（续）", f"督办编号：{d.order_no}"))
