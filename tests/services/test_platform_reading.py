"""Reading a platform workbook: a sheet without a ``<dimension>`` tag (openpyxl's write-only
files) gives the same rows as openpyxl's own read-only iteration, read once; a sheet with one
too (padded to its width)."""

from __future__ import annotations

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
