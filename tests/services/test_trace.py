"""Traceable paper and files, on SQLite and PostgreSQL: every page of a printed slip, notice,
letter and monthly report carries the printing user and time as a watermark; the case list
(XLSX and CSV), the audit export and the monthly workbook name who exported them and when,
and the CSV still reads back by its column names."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from hotline_desk.reports.fonts import available_fonts
from hotline_desk.reports.trace import CSV_COLUMNS, Trace
from hotline_desk.services import audit_query
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseFilter
from hotline_desk.services.output import exports, printing
from hotline_desk.services.output.exports import CASE_COLUMNS
from hotline_desk.services.supervision import supervise as supervision
from tests import stats_data
from tests.conftest import Clock, add_user
from tests.pdf_check import page_texts
from tests.services.test_lifecycle_paths import Office
from tests.services.test_printing import dispatched, replied
from tests.services.test_stats_exports import NOV

needs_font = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")
WHEN = "2026-11-20 10:00"  # the ``clock`` fixture's time


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


@pytest.fixture
def stats_cases(ctx: ServiceContext, clock: Clock) -> dict[int, int]:
    """November's cases of the statistics tests, seen in December."""
    clock.now = datetime(2026, 12, 5, 9, 0)
    return stats_data.build(ctx)


def marks(pdf: bytes, watermark: str) -> list[int]:
    """How often each page carries ``watermark`` (spaces as extracted vary: compared without)."""
    want = "".join(watermark.split())
    return ["".join(t.split()).count(want) for t in page_texts(pdf)]


def faint(pdf: bytes) -> bool:
    """Every page draws with a low fill opacity (the watermark's graphics state)."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        states = page["/Resources"].get_object().get("/ExtGState", {})
        alphas = [float(s.get_object().get("/ca", 1)) for s in states.values()]
        if not any(a < 0.3 for a in alphas):
            return False
    return True


@needs_font
def test_every_page_of_every_document_names_the_printing_user(
    ctx: ServiceContext, office_: Office
) -> None:
    desk = office_.desk
    watermark = f"{desk.display_name} {desk.username} {WHEN}"
    long = dispatched(ctx, office_, content="来电人反映企业专项资金拨付进度。" * 120)
    short = dispatched(ctx, office_)
    slips = printing.prepare_documents(ctx, desk, "slip", [long.id, short.id])
    assert slips.page_count >= 3
    counts = marks(slips.data, watermark)
    assert len(counts) == slips.page_count and min(counts) >= 10, counts
    assert faint(slips.data)
    # the section's handler printing the same case is named on his copy, not the desk
    handler = office_.handler
    own = printing.prepare_documents(ctx, handler, "slip", [short.id]).data
    assert min(marks(own, f"{handler.display_name} {handler.username} {WHEN}")) >= 10
    assert max(marks(own, watermark)) == 0

    supervision.issue_order(ctx, desk, short.id, "yellow", "请抓紧办理", ctx.now().date())
    notice = printing.prepare_documents(ctx, desk, "notice", [short.id]).data
    assert min(marks(notice, watermark)) >= 10
    letter_case = replied(ctx, office_)
    letter = printing.prepare_documents(ctx, desk, "letter", [letter_case.id]).data
    assert min(marks(letter, watermark)) >= 10 and faint(letter)


def test_case_list_xlsx_names_the_exporter(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    dispatched(ctx, office_)
    desk = office_.desk
    path = tmp_path / "cases.xlsx"
    exports.export_cases(ctx, desk, CaseFilter(), path)
    book = openpyxl.load_workbook(path)
    who = f"{desk.display_name} ({desk.username})"
    assert book.properties.creator == who
    assert who in (book.properties.description or "") and WHEN in book.properties.description
    ws = book.active
    assert who in ws.oddHeader.left.text and WHEN in ws.oddHeader.right.text
    assert [c.value for c in ws[1]] == [c[1] for c in CASE_COLUMNS]  # the table is unchanged


def test_case_list_csv_ends_every_row_with_exporter_and_time(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    first, second = dispatched(ctx, office_), dispatched(ctx, office_)
    desk = office_.desk
    path = tmp_path / "cases.csv"
    exports.export_cases(ctx, desk, CaseFilter(), path, "csv")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == [c[1] for c in CASE_COLUMNS] + list(CSV_COLUMNS)  # header row first
    who = f"{desk.display_name} ({desk.username})"
    assert len(rows) == 3 and all(r[-2:] == [who, WHEN] for r in rows[1:])
    # a re-import by column name reads the same fields as before
    again = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert {r["办件编号"] for r in again} == {first.case_no, second.case_no}


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(
    ctx: ServiceContext, office_: Office, tmp_path: Path
) -> None:
    dispatched(ctx, office_)
    sly = add_user(ctx, "desk", unit="BGS", display_name="=HYPERLINK(1)", username="sly")
    path = tmp_path / "cases.csv"
    exports.export_cases(ctx, sly, CaseFilter(), path, "csv")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[1][-2].startswith("'=")


def test_the_audit_export_names_the_auditor(
    ctx: ServiceContext,
    make_actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    auditor = make_actor("audit_admin", unit="BGS")
    path = tmp_path / "audit.xlsx"
    audit_query.export_audit(ctx, auditor, audit_query.AuditFilter(), path)
    book = openpyxl.load_workbook(path)
    assert book.properties.creator == f"{auditor.display_name} ({auditor.username})"
    assert auditor.username in book.active.oddHeader.left.text


@needs_font
def test_the_monthly_report_names_who_exported_it(
    ctx: ServiceContext,
    make_actor,
    stats_cases,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    leader = make_actor("leader")
    xlsx, pdf = tmp_path / "report.xlsx", tmp_path / "report.pdf"
    exports.export_monthly_report(ctx, leader, NOV, xlsx=xlsx, pdf=pdf)
    trace = Trace(leader.display_name, leader.username, ctx.now())
    book = openpyxl.load_workbook(xlsx)
    assert book.properties.creator == trace.who and trace.when in book.properties.description
    assert all(trace.who in ws.oddHeader.left.text for ws in book.worksheets)
    counts = marks(pdf.read_bytes(), trace.watermark)
    assert len(counts) > 3 and min(counts) >= 10
