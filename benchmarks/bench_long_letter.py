"""Long-letter benchmark: a 交办单 whose content is a long 市长信箱 letter, and a 答复函 of the same
length, each next to the bare reportlab floor — one ``Paragraph`` of the same text in the same
font, wrapped and split onto pages by a plain ``SimpleDocTemplate`` (no form, no QR code) —
measured interleaved in the same run. The budget (issue 18): an 8,000-character letter ≤ 1 s.

No database: the documents are built from plain data (``reports.doc_data``). With ``--json`` the
figures for ``run_all.py``: each document of each length against the floor of the same text,
the goal on those of up to 8,000 characters.

    python benchmarks/bench_long_letter.py --chars 2878 8638 8000 --reps 5
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_json import Figure, Report, write_json  # noqa: E402

from hotline_desk.reports.doc_data import Document, LetterData, PrintMeta  # noqa: E402
from hotline_desk.reports.documents import render_documents  # noqa: E402
from hotline_desk.reports.fonts import cjk_font  # noqa: E402
from tests.unit.test_documents import slip  # noqa: E402

BUDGET_CHARS = 8000
"""The goal (≤ 1 s) is for a letter of up to this many characters."""
META = PrintMeta("某市经济和信息化局", "王督办", datetime(2026, 12, 2, 10, 30))
SENTENCE = (
    "我是城东新区某小区的居民，小区东门外的道路自今年九月施工以来一直没有恢复，"
    "雨天积水严重，老人和孩子出行非常不便，夜间路灯也不亮，曾多次向街道反映，"
    "至今没有得到答复。"
)


def letter_text(chars: int) -> str:
    """A letter of ``chars`` characters in paragraphs of about 300 characters."""
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        text = (SENTENCE * 4)[: min(300, chars - total)]
        paragraphs.append(text)
        total += len(text)
    return "\n".join(paragraphs)


def floor(text: str, font: str) -> int:
    """Bare reportlab: the same text as paragraphs on A4, split onto pages."""
    style = ParagraphStyle("p", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build([Paragraph(escape(p), style) for p in text.split("\n")])
    return doc.page


def pages_of(doc: Document) -> int:
    return sum(render_documents([doc], META).pages)


def timed(fn: Callable[[], int], reps: int) -> tuple[float, int]:
    samples = []
    pages = 0
    for _ in range(reps):
        start = time.perf_counter()
        pages = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[2878, 6000, 8000, 8638])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    font = cjk_font("").body
    render_documents([slip()], META)  # fonts registered, caches warm
    rows = []
    report = Report()
    for chars in args.chars:
        text = letter_text(chars)
        the_slip = slip(content=text)
        letter = LetterData("RX20261202-0007", "城东新区道路积水", "尊敬的来信人:\n" + text,
                            datetime(2026, 12, 2), datetime(2026, 11, 20))  # fmt: skip
        s_t, s_p = timed(partial(pages_of, the_slip), args.reps)
        l_t, l_p = timed(partial(pages_of, letter), args.reps)
        f_t, f_p = timed(partial(floor, text, font), args.reps)
        rows.append({"chars": chars, "slip_s": s_t, "slip_pages": s_p, "letter_s": l_t,
                     "letter_pages": l_p, "floor_s": f_t, "floor_pages": f_p})  # fmt: skip
        print(f"{chars:>6} 字  交办单 {s_t:6.3f} s ({s_p} 页)  答复函 {l_t:6.3f} s ({l_p} 页)  "
              f"floor {f_t:6.3f} s ({f_p} 页)  budget 1 s: "
              f"{'ok' if max(s_t, l_t) <= 1 else 'OVER'}")  # fmt: skip
        goal = {"goal": "<= 1 s", "limit": 1.0} if chars <= BUDGET_CHARS else {}
        note = (f"{f_p} pages; floor: bare reportlab, the same text as paragraphs in the same "
                "font on A4")  # fmt: skip
        for what, t, pages in (("交办单", s_t, s_p), ("答复函", l_t, l_p)):
            report.add(Figure(f"lay out a {chars:,}-character {what} ({pages} pages)", t, f_t,
                              "s", note=note, **goal))  # fmt: skip
    write_json(args.json, report, args, rows=rows)


if __name__ == "__main__":
    main()
