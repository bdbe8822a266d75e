"""Printing benchmark: time per 交办单 and per batch of 100, and PDF size per slip, each next to
the bare reportlab floor — one page of every text the slip prints (values, labels, title, note,
footer, the watermark's line: the same glyphs) in the same embedded font with the same QR code
(the same encoder and mask, drawn as one path), no form — measured interleaved in the same run.

On a demo database of N cases (default 100,000; built with ``hotline-desk demo`` when the data
directory does not already hold enough, as ``bench_foundation.py`` does) it takes the newest 100
dispatched cases and measures:

* render one slip (``reports.render_documents`` of its data) against the floor page;
* ``printing.prepare_documents`` for one case — read, fill, render, audit (one write) — against
  the floor page plus its audit row inserted and committed as durably as the desk commits (a
  scratch SQLite file beside the database, WAL, synchronous=FULL): a print is audited;
* a batch of 100 slips in one PDF (service) against 100 floor pages in one PDF and their 100
  audit rows in one commit;
* PDF bytes per slip, alone and within the batch, against the floor's;
* (unless ``--skip-gui``) printing: one page rasterised onto a PDF-writing QPrinter at 300 dpi
  against rendering the same page to one image with QtPdf (the rasteriser alone), and against a
  bare print — that render laid on white and painted once onto the same kind of printer, whose
  PDF engine JPEG-encodes it (the work the render-only floor leaves out).

    python benchmarks/bench_print.py --cases 100000 --data-dir /tmp/bench100k
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import (  # noqa: E402
    DB_FILE,
    Figure,
    Report,
    machine_info,
    median,
    prepare_database,
    print_table,
)
from print_floor import USERNAME, BareAudit, floor_pdf, slip_texts  # noqa: E402

from hotline_desk.reports.doc_data import PrintMeta  # noqa: E402
from hotline_desk.reports.documents import render_documents  # noqa: E402
from hotline_desk.reports.fonts import cjk_font  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.output import printing
from hotline_desk.services.output.print_data import slip_data  # noqa: E402
from hotline_desk.store.engine import sqlite_url  # noqa: E402
from hotline_desk.store.models import Case, User  # noqa: E402

BATCH = 100


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    """Median milliseconds over ``reps`` calls, and the last result."""
    samples, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return median(samples), result


def interleaved(ours: Callable[[], Any], floor: Callable[[], Any],
                reps: int) -> tuple[float, float, Any, Any]:  # fmt: skip
    """Both timed call by call in turn (so load on the machine hits both alike)."""
    a: list[float] = []
    b: list[float] = []
    ra = rb = None
    for _ in range(reps):
        started = time.perf_counter()
        ra = ours()
        a.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        rb = floor()
        b.append((time.perf_counter() - started) * 1000)
    return median(a), median(b), ra, rb


def bench(report: Report, ctx: ServiceContext, reps: int, batch_reps: int,
          gui: bool, folder: Path) -> None:  # fmt: skip
    with ctx.uow.read() as uow:
        s = uow.session
        user = s.execute(select(User).where(User.username == USERNAME)).scalar_one()
        actor = actor_for(s, user)
        ids = list(s.execute(
            select(Case.id).where(Case.dispatched_at.is_not(None)).order_by(Case.id.desc())
            .limit(BATCH)
        ).scalars())  # fmt: skip
        now = ctx.now()
        docs = [slip_data(s, s.get(Case, i), False) for i in ids]
    if len(ids) < BATCH:
        raise SystemExit(f"only {len(ids)} dispatched cases; build a larger demo database")
    meta = PrintMeta("某市经济和信息化局", actor.display_name, now, "", actor.username)
    font = cjk_font()
    started = time.perf_counter()
    render_documents(docs[:1], meta)
    first = (time.perf_counter() - started) * 1000
    report.notes.append(f"first slip of the process (font loaded): {first:.0f} ms; {font.family}")
    for _ in range(3):  # warm both paths
        render_documents(docs[:1], meta)
        floor_pdf([slip_texts(docs[0], meta)], font.body, [docs[0].qr_payload])

    i = iter(range(10**9))
    at = [0]  # the case the desk just printed: the floor prints the same one

    def pick() -> int:
        at[0] = next(i) % BATCH
        return at[0]

    def floor_one() -> bytes:
        d = docs[at[0]]
        return floor_pdf([slip_texts(d, meta)], font.body, [d.qr_payload])

    ours, floor, one, bare = interleaved(
        lambda: render_documents([docs[pick()]], meta), floor_one, reps)  # fmt: skip
    report.add(
        Figure(
            "render one slip",
            ours,
            floor,
            "ms",
            note="reports.render_documents vs the floor page of the same texts",
        )
    )
    audit = BareAudit(folder)

    def floor_service() -> bytes:
        data = floor_one()
        audit.write([docs[at[0]].case_no])
        return data

    def floor_batch() -> bytes:
        data = floor_pdf([slip_texts(d, meta) for d in docs], font.body,
                         [d.qr_payload for d in docs])  # fmt: skip
        audit.write([d.case_no for d in docs])
        return data

    ours, floor, job, _b = interleaved(
        lambda: printing.prepare_documents(ctx, actor, "slip", [ids[pick()]]), floor_service,
        reps,
    )  # fmt: skip
    report.add(
        Figure(
            "print one slip (service)",
            ours,
            floor,
            "ms",
            goal="<= 2x",
            ratio_limit=2.0,
            note="read + fill + render + audit row, one case; floor: the page + one audit row "
            "inserted and committed (WAL, synchronous=FULL)",
        )
    )
    ours, floor, batch, bare_batch = interleaved(
        lambda: printing.prepare_documents(ctx, actor, "slip", ids, output="printer"),
        floor_batch, batch_reps)  # fmt: skip
    audit.close()
    report.add(
        Figure(
            f"batch of {BATCH} slips (service)",
            ours,
            floor,
            "ms",
            goal="<= 3x",
            ratio_limit=3.0,
            note=f"{batch.page_count} pages in one PDF, {BATCH} audit rows (the floor's "
            "committed as one statement)",
        )
    )
    report.add(Figure("  per slip in the batch", ours / BATCH, floor / BATCH, "ms"))
    report.add(
        Figure(
            "PDF size, one slip",
            len(one.data) / 1024,
            len(bare) / 1024,
            "KB",
            note="subset-embedded TrueType font (each PDF carries its own subset)",
        )
    )
    report.add(
        Figure(
            "PDF size per slip in the batch",
            len(batch.data) / 1024 / BATCH,
            len(bare_batch) / 1024 / BATCH,
            "KB",
            note="one font subset shared",
        )
    )
    report.extra["pages_single"] = job.page_count
    if gui:
        bench_raster(report, one.data, reps=max(5, reps // 4))


def bench_raster(report: Report, data: bytes, reps: int, dpi: int = 300) -> None:
    """One page onto a PDF-writing QPrinter (banded rendering + painting) vs one QtPdf render."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
    from PySide6.QtGui import QImage, QPageSize, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from hotline_desk.gui.printing.jobs import BAND_PX, print_pdf

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench_print_"))
    k = iter(range(10**9))

    def pdf_printer() -> QPrinter:
        """An A4 printer at ``dpi`` writing a PDF file (Qt's PDF engine, as CUPS printers)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(dpi)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / f"p{next(k)}.pdf"))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        return printer

    def ours() -> int:
        return print_pdf(pdf_printer(), data)

    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(None)
    doc.load(buffer)
    size = doc.pagePointSize(0)

    def floor() -> Any:
        return doc.render(0, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))

    def bare_print() -> None:
        """The least a raster print takes: the page rendered once, laid on white, painted once
        onto the same kind of printer (whose PDF engine JPEG-encodes the 2480 × 3508 image)."""
        printer = pdf_printer()
        image = floor()
        paper = QImage(image.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        on = QPainter(paper)
        on.drawImage(0, 0, image)
        on.end()
        painter = QPainter(printer)
        painter.drawImage(QRectF(0, 0, printer.width(), printer.height()), paper)
        painter.end()

    ours()
    bare_print()
    a: list[float] = []
    b: list[float] = []
    c: list[float] = []
    for _ in range(reps):  # the three in turn, so load hits each alike
        for fn, samples in ((ours, a), (floor, b), (bare_print, c)):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
    report.add(
        Figure(
            f"print one page at {dpi} dpi",
            median(a),
            median(b),
            "ms",
            goal="<= 2x",
            ratio_limit=2.0,
            note=f"QPrinter (PDF output) fed in {BAND_PX} px bands rendered one ahead in QtPdf's "
            "render thread, 1-bit where a band has no colour, vs one QtPdf render; the ratio of "
            f"each round, quartiles: {_quartiles([x / y for x, y in zip(a, b, strict=True)])}",
        )
    )
    report.add(
        Figure(
            f"  vs a bare print at {dpi} dpi",
            median(a),
            median(c),
            "ms",
            note="floor: one QtPdf render laid on white and painted once onto the same "
            f"QPrinter; laying it on white and the engine's JPEG encoding and writing take "
            f"{median(c) - median(b):.0f} ms of it, "
            "work the render-only floor skips",
        )
    )
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    del app


def _quartiles(values: list[float]) -> str:
    """The first quartile, median and third quartile of ``values`` as "1.7x / 1.8x / 1.9x"."""
    q1, q2, q3 = statistics.quantiles(values, n=4)
    return f"{q1:.2f}x / {q2:.2f}x / {q3:.2f}x"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "hotline_bench"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--reps", type=int, default=40, help="repetitions per single slip")
    parser.add_argument("--batch-reps", type=int, default=5, help="repetitions of the batch")
    parser.add_argument("--skip-gui", action="store_true", help="skip the printer figure")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = Path(args.data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / DB_FILE
    prepare_database(data_dir, args.cases, args.rebuild)
    report = Report()
    info = machine_info(db)
    print("Machine:", ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    report.extra["machine"] = info
    ctx = open_desk(sqlite_url(db))
    try:
        bench(report, ctx, args.reps, args.batch_reps, not args.skip_gui, data_dir)
    finally:
        ctx.engines.dispose()
    print_table(report)
    print(f"  load average at end {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    print(f"\nReproduce: python benchmarks/bench_print.py --cases {args.cases} "
          f"--data-dir {data_dir}")  # fmt: skip
    if args.json:
        payload = {"args": vars(args), "figures": [f.as_json() for f in report.figures],
                   **report.extra}  # fmt: skip
        Path(args.json).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
