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

    from hotline_desk.services.intake import xlsx_lean

    book = Workbook(write_only=True)
    sheet = book.create_sheet("工单")
    for i in range(50):
        sheet.append([f"SZ{i}", "标题"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    passes: list[str] = []
    original, lean = _reader.iterparse, xlsx_lean.sheet_rows

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        passes.append("openpyxl")
        return original(*args, **kwargs)

    def lean_counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        passes.append("lean")
        return lean(*args, **kwargs)

    monkeypatch.setattr(_reader, "iterparse", counting)
    monkeypatch.setattr(xlsx_lean, "sheet_rows", lean_counting)
    assert len(reading.read_rows(path)) == 50
    assert passes == ["lean"]  # the rows' pass; openpyxl alone makes two (the first for the size)
    passes.clear()
    assert len(reading.read_rows(path, lean=False)) == 50
    assert passes == ["openpyxl"]  # the floor's reading: openpyxl's parser, once too


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


_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <!-- a comment between rows -->
    <row r="1">
      <c r="A1" t="s"><v>0</v></c>
      <c r="B1" t="s"><v>1</v></c>
      <c r="C1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr>
        <t xml:space="preserve"> 文本 </t></r><rPh sb="0" eb="1"><t>fu</t></rPh></is></c>
      <c r="D1" t="inlineStr"><is><t><![CDATA[<CDATA> & ]]>尾</t></is></c>
    </row>
    <row>
      <c t="str"><f>A1&amp;"x"</f><v>公式的值</v></c>
      <c t="e"><v>#DIV/0!</v></c>
      <c t="d"><v>2026-11-18T09:30:00</v></c>
      <c t="b"><v>0</v></c>
      <c s="1"><v>46000.5</v></c>
      <c s="1"><v>1e10</v></c>
      <c><v>1.5E3</v></c>
      <c><v></v></c>
      <c t="inlineStr"><is><t>&lt;甲&amp;乙&gt; &#x4e19;&#19969;</t></is></c>
    </row>
    <row r="4.0"><c r="C4" t="inlineStr"><is><t>
多行
文字</t></is></c><c r="E4" t="n"><v>-7</v></c></row>
    <row r="6" spans="1:2"/>
    <row r="7"><c r="B7" s="0"><v>12</v></c></row>
  </sheetData>
</worksheet>"""
_STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
  <si><t>共享_x005F_x000D_文字</t></si>
  <si><r><t>一</t></r><r><rPr><i/></rPr><t>二</t></r><rPh sb="0" eb="1"><t>yi</t></rPh></si>
</sst>"""


_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def test_a_hand_written_sheet_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    """What other programs write: comments, CDATA, character references, rich text with its
    phonetic runs, cells and rows without their ``r``, a row numbered "4.0", formula strings,
    errors, ISO dates, a date serial out of range (openpyxl's "#VALUE!"), pretty-printing."""
    import warnings
    import zipfile

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = datetime(2026, 11, 18, 9, 30)  # style 1: a date format
    sheet["A2"] = "共享"
    made = tmp_path / "made.xlsx"
    book.save(made)
    path = tmp_path / "hand.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = _SHEET.encode()
            elif item.filename == "[Content_Types].xml":  # openpyxl wrote no shared strings
                data = data.replace(b"</Types>", _STRINGS_TYPE + b"</Types>")
            out.writestr(item, data)
        out.writestr("xl/sharedStrings.xml", _STRINGS.encode())
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        lean = reading.read_rows(path)
        assert any("outside the limits for dates" in str(w.message) for w in seen)
        assert lean == reading.read_rows(path, lean=False) == _openpyxl_rows(path)
    assert lean[0][:4] == ("共享_x000D_文字", "一二", "富 文本 ", "<CDATA> & 尾")
    assert lean[1][:3] == ("公式的值", "#DIV/0!", datetime(2026, 11, 18, 9, 30))
    assert lean[1][5:9] == ("#VALUE!", 1500.0, None, "<甲&乙> 丙丁")
    assert lean[3][2:5] == ("\n多行\n文字", None, -7)


def test_a_sheet_that_is_not_xml_is_refused(tmp_path: Path) -> None:
    import zipfile

    from hotline_desk.domain.errors import DeskError

    book = Workbook()
    assert book.active is not None
    book.active["A1"] = "x"
    made, path = tmp_path / "made.xlsx", tmp_path / "broken.xlsx"
    book.save(made)
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c></row></sheetData>")
            out.writestr(item, data)
    with pytest.raises(DeskError, match="不是可读取的"):
        reading.read_rows(path)
