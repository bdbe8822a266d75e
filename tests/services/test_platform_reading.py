"""Reading a platform workbook: a sheet without a ``<dimension>`` tag (openpyxl's write-only
files) gives the same rows as openpyxl's own read-only iteration, read once; a sheet with one
too (padded to its width)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hotline_desk.services.intake import reading

ROWS = [
    ["某市12345工单导出"],
    ["工单编号", "标题", "受理时间", "备注"],
    ["SZ1", "反映问题", "2026-11-18 09:01", None],
    [None, None, None, None],
    ["SZ2", None, None, "末列"],
    [],
]


def _openpyxl_rows(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


@pytest.mark.parametrize("write_only", [True, False])
def test_rows_are_openpyxls(tmp_path: Path, write_only: bool) -> None:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("工单") if write_only else book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "export.xlsx"
    book.save(path)
    got = reading.read_rows(path)
    assert got == _openpyxl_rows(path)
    assert got[2][:3] == ("SZ1", "反映问题", "2026-11-18 09:01")
    if not write_only:  # sized by its <dimension>: every row as wide as the sheet
        assert {len(r) for r in got} == {4}


def test_the_dimension_is_not_searched_through_the_rows(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.worksheet import _reader

    book = Workbook(write_only=True)
    sheet = book.create_sheet("工单")
    for i in range(50):
        sheet.append([f"SZ{i}", "标题"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    passes: list[int] = []
    original = _reader.iterparse

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        passes.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(_reader, "iterparse", counting)
    assert len(reading.read_rows(path)) == 50
    assert len(passes) == 1  # the rows' pass; openpyxl alone makes two (the first for the size)


def _varied_workbook(path: Path) -> None:
    """Shared and rich-text strings, numbers, bools, dates, styled numbers, a formula, an error,
    a gap in a row and a missing row: every kind of cell a platform export may hold."""
    from datetime import date, datetime, time

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工单编号", "标题", "受理时间", "数量", "金额", "是否保密", "备注"])
    sheet.append(["SZ1", "反映 问题 ", datetime(2026, 11, 18, 9, 30), 3, 12.5, True, None])
    sheet.append(["SZ2", "_x000D_换行\n第二行", date(2026, 11, 19), -7, 1e-7, False, "=1+2"])
    sheet["D3"].number_format = "0.00%"
    sheet["C4"] = time(9, 30)
    sheet["A4"] = "SZ3"
    sheet["G4"] = "#N/A"
    sheet["G4"].data_type = "e"
    sheet["A6"] = "SZ5"
    sheet["B6"] = CellRichText(["加粗", TextBlock(InlineFont(b=True), "部分"), "结尾"])
    sheet["E6"] = 46000
    sheet["E6"].number_format = "yyyy-mm-dd"
    book.save(path)


@pytest.mark.parametrize("write_only", [True, False])
def test_the_lean_reading_gives_openpyxls_values(tmp_path: Path, write_only: bool) -> None:
    path = tmp_path / "varied.xlsx"
    _varied_workbook(path)
    if write_only:  # the same rows as inline strings, without a <dimension>
        rows = _openpyxl_rows(path)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("工单")
        for row in rows:
            sheet.append(list(row))
        book.save(path)
    lean = reading.read_rows(path)
    assert lean == reading.read_rows(path, lean=False) == _openpyxl_rows(path)
    assert lean[1][1] == "反映 问题 " and lean[2][1] == "_x000D_换行\n第二行"
    assert isinstance(lean[1][2], datetime) and lean[1][3:6] == (3, 12.5, True)
    if not write_only:
        assert lean[5][1] == "加粗部分结尾" and lean[4] == (None,) * 7
