"""The monthly workbook as a section head prints it (issue 18): every sheet starts with a title
row naming the report and the period, prints landscape one page wide with its header rows
repeated, leaves figures without a value as real blanks (never the text "—") and says "无"
under an empty 红榜/黑榜."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from hotline_desk.domain.kpi import KPIS
from hotline_desk.domain.periods import Period
from hotline_desk.reports.stats_xlsx import write_report_xlsx
from hotline_desk.services.output import exports
from hotline_desk.services.stats import figures
from tests import stats_data
from tests.conftest import Clock

NOV = Period.month(2026, 11)
TABLE_SHEETS = ["按科室", "按诉求类型", "按来源渠道", "按事项分类", "按办理层级"]


@pytest.fixture
def data(ctx, clock: Clock) -> dict[int, int]:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 5, 9, 0)
    return stats_data.build(ctx)


def test_every_sheet_has_a_title_with_the_period_and_prints_one_page_wide(  # type: ignore[no-untyped-def]
    ctx, make_actor, data, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    exports.export_monthly_report(ctx, make_actor("leader"), NOV, xlsx=path)
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        title = ws["A1"].value
        assert isinstance(title, str) and NOV.label in title and "办件统计" in title, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize in (9, "9"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1, "1"), ws.title  # absent: 1 (OOXML default)
        assert ws.page_setup.fitToHeight in (0, "0"), ws.title
        assert ws.print_title_rows is not None and ws.print_title_rows.startswith("$1:"), ws.title
    for name in TABLE_SHEETS:
        ws = book[name]
        assert name in ws["A1"].value
        assert ws.print_title_rows == "$1:$2"
        assert ws["B2"].value == KPIS[0].label  # the header row under the title
        for row in ws.iter_rows(min_row=3, min_col=2, max_col=1 + len(KPIS)):
            for cell in row:
                assert cell.value is None or isinstance(cell.value, (int, float)), (
                    name, cell.coordinate, cell.value)  # fmt: skip
    summary = book["全局汇总"]
    for row in summary.iter_rows(min_row=4, min_col=2, max_col=3):
        for cell in row:
            assert cell.value is None or isinstance(cell.value, (int, float)), cell.coordinate


def test_a_rate_of_nothing_is_a_blank_cell(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = figures.monthly_report(ctx, make_actor("leader"), NOV)
    blanks = [(row.label, k.label) for t in report.tables.values() for row in t.rows
              for k in KPIS if row.values[k.key] is None]  # fmt: skip
    assert blanks, "the dataset has a row with a rate of nothing"
    path = tmp_path / "r.xlsx"
    write_report_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "—" not in texts


def test_an_empty_ranking_says_none(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = figures.monthly_report(ctx, make_actor("leader"), NOV)
    emptied = dataclasses.replace(
        report, rankings=tuple(dataclasses.replace(r, black=()) for r in report.rankings)
    )
    path = tmp_path / "r.xlsx"
    write_report_xlsx(emptied, path)
    ws = openpyxl.load_workbook(path)["红黑榜"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    for i, row in enumerate(rows):
        if isinstance(row[0], str) and row[0].endswith("黑榜"):
            assert rows[i + 1][0] == "无", row
    assert sum(1 for r in rows if isinstance(r[0], str) and r[0].endswith("黑榜")) == 2
    write_report_xlsx(dataclasses.replace(report, rankings=()), path)
    ws = openpyxl.load_workbook(path)["红黑榜"]
    assert ws["A3"].value == "无"
