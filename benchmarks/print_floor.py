"""The bare floors of the print benchmark (``bench_print.py``): a slip's page written with
reportlab alone — every text the slip prints as plain paragraphs in the same embedded font, and
the same QR code drawn as one path, no form — and the least an audited print writes: its audit
rows inserted and committed as durably as the desk commits."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate

from hotline_desk.reports.doc_data import PrintMeta, SlipData
from hotline_desk.reports.pdf_common import fmt_dt
from hotline_desk.reports.slip_dispatch import NOTE, slip_title
from hotline_desk.reports.trace import Trace

USERNAME = "duban"


class FloorQr(Flowable):
    """The slip's QR code the barest way: reportlab's encoder with the desk's fixed mask (the
    same symbol), every dark module one rectangle of one filled path."""

    def __init__(self, payload: str, size: float = 25 * mm) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
        self.code, self.width, self.height = code, size, size

    def draw(self) -> None:
        n = self.code.getModuleCount()
        box = self.width / (n + 4)
        path = self.canv.beginPath()
        for r in range(n):
            for c in range(n):
                if self.code.isDark(r, c):
                    path.rect((c + 2) * box, self.height - (r + 3) * box, box, box)
        self.canv.drawPath(path, stroke=0, fill=1)


def floor_pdf(texts: Sequence[Sequence[str]], font: str,
              qr: Sequence[str] = ()) -> bytes:  # fmt: skip
    """The bare reportlab floor: each document's texts as plain paragraphs, one page each,
    with the document's QR code (``qr``: one payload a document, when it prints one)."""
    style = ParagraphStyle("floor", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    story: list[Any] = []
    for i, lines in enumerate(texts):
        if i:
            story.append(PageBreak())
        if qr:
            story.append(FloorQr(qr[i]))
        story += [Paragraph(escape(line), style) for line in lines]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(story)
    return buffer.getvalue()


def slip_texts(d: SlipData, meta: PrintMeta) -> list[str]:
    """Every text the slip prints, once each, as the floor's lines: the values and their labels,
    the bureau, title, numbers, note, signature lines, the footer and the watermark's line — the
    same glyphs to subset and embed (the desk draws the watermark's line a dozen times and the
    grid around the texts; the floor neither)."""
    when = fmt_dt
    lead = f"{d.lead_unit}（交办：{d.handling_unit}）" if d.handling_unit else d.lead_unit
    said = "\n".join(f"{i.text} —— {i.leader_name} {when(i.at)}" for i in d.instructions)
    pairs = [
        ("来源渠道", d.channel), ("受理时间", when(d.received_at)), ("来电人", d.caller_name),
        ("联系电话", d.caller_phone), ("联系地址", d.caller_address), ("诉求类型", d.category),
        ("事项分类", d.topic), ("紧急程度", d.urgency), ("重要件", "是" if d.important else "否"),
        ("平台工单号", d.platform_ref or "—"), ("办理层级", d.tier), ("标题", d.title),
        ("附件", d.attachments), ("诉求内容", d.content),
        ("主办科室", lead),
        ("协办科室", "、".join(d.assist_units) or "—"), ("签收时限", when(d.sign_deadline)),
        ("答复时限", f"{when(d.reply_deadline)}({d.reply_limit})"),
        ("拟办意见", d.office_opinion),
        ("领导批示", said),
        ("办理结果", d.result),
    ]  # fmt: skip
    trace = Trace(meta.printed_by, meta.printed_by_username, meta.printed_at)
    return [
        meta.bureau_name, slip_title(d), f"办件编号：{d.case_no}", f"查询码：{d.query_code}",
        f"交办时间：{when(d.dispatched_at)}",
        *(f"{k}：{v}" for k, v in pairs if v),
        "经办人（签字）：  日期：  年  月  日  科室负责人（签字）：  日期：  年  月  日",
        NOTE + (f"3. {d.personal_note}" if d.personal_note else ""),
        f"打印人：{meta.printed_by}    打印时间：{when(meta.printed_at)}  第 1 页  共 1 页",
        trace.watermark,
    ]  # fmt: skip


class BareAudit:
    """The least a print's audit takes: its rows inserted and committed durably, in a scratch
    SQLite file beside the desk's database with the desk's journal and sync settings (WAL,
    synchronous=FULL) — the service's answer is the PDF *and* the audit rows on disk."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "bench_print_floor_audit.db"
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT, "
                        "actor TEXT, action TEXT, object_id TEXT, detail TEXT)")  # fmt: skip

    def write(self, case_nos: Sequence[str], pages: int = 1) -> None:
        at = time.strftime("%Y-%m-%d %H:%M:%S")
        detail = json.dumps({"pages": pages, "output": "preview"})
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT INTO audit (at, actor, action, object_id, detail) VALUES (?, ?, ?, ?, ?)",
            [(at, USERNAME, "print_slip", no, detail) for no in case_nos],
        )
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
