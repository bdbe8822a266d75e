"""Reading a platform export as rows of cells: XLSX with openpyxl in read-only mode, CSV with
the csv module after finding its encoding (a BOM → UTF-8; else UTF-8 if it decodes, else
GB18030, which every GBK/GB2312 file also is). Trailing blank rows are dropped.

A sheet without a ``<dimension>`` tag (openpyxl's own write-only files, some exporters) is read
once, not twice: openpyxl's read-only mode looks for the tag by parsing the whole sheet before
giving the first row; here the search stops where the rows begin (``_size_from_head``).

The cells are read by a lean parser (``xlsx_lean``, ``lean=True``, the default): openpyxl
opens the workbook (its sheets, shared strings, date styles and epoch), the rows are padded as
openpyxl pads them, but a cell's text is taken from its ``<t>`` runs directly instead of
through openpyxl's ``Text`` objects (built and validated field by field for every string cell
and every shared string: two thirds of reading a 10,000-row export), and only the ``<row>``
elements are looked at. Any cell other than a plain string, number or bool (a date style, a
formula's text, an error, an ISO date) goes through openpyxl's own ``parse_cell``, so the
values are openpyxl's (``tests/services/test_platform_reading.py`` compares the two).
``lean=False`` is openpyxl's reading alone (the import benchmark's floor)."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.platform_columns import is_blank

Cells = tuple[object, ...]
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def detect_encoding(raw: bytes) -> str:
    """The encoding of a CSV file's bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_rows(path: Path, *, lean: bool = True) -> list[Cells]:
    """Every row of the file's first sheet (or the CSV), without the blank rows at the end
    (``lean``: module docstring)."""
    try:
        rows = _xlsx(path, lean) if path.suffix.lower() in XLSX_SUFFIXES else _csv(path)
    except OSError as exc:
        raise DeskError("无法读取文件 {name}：{reason}", name=path.name, reason=str(exc)) from None
    except (ValueError, KeyError, UnicodeDecodeError, csv.Error) as exc:
        raise DeskError(
            "文件 {name} 不是可读取的 Excel 工作簿(.xlsx)或 CSV 文件：{reason}",
            name=path.name,
            reason=str(exc),
        ) from None
    while rows and is_blank(rows[-1]):
        rows.pop()
    return rows


_SIZING = threading.Lock()


@contextmanager
def _size_from_head(lean: bool) -> Iterator[None]:
    """While a workbook loads, its read-only sheets take their size from the ``<dimension>``
    tag before ``<sheetData>``, or stay unsized (rows as long as their last cell, as openpyxl
    gives them after its own search) without parsing the rows to find that out; ``lean``:
    its shared strings and its cells read by ``xlsx_lean``."""
    from xml.etree.ElementTree import iterparse

    import openpyxl.reader.excel as excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.constants import SHEET_MAIN_NS

    from hotline_desk.services.intake import xlsx_lean

    dimension, data = f"{{{SHEET_MAIN_NS}}}dimension", f"{{{SHEET_MAIN_NS}}}sheetData"
    base = xlsx_lean.LeanSheet if lean else ReadOnlyWorksheet

    class HeadSized(base):  # type: ignore[misc,valid-type]
        def _get_size(self) -> None:
            with self._get_source() as src:
                for _event, element in iterparse(src, events=("start",)):
                    if element.tag == data:
                        return
                    if element.tag == dimension:
                        box: Any = SheetDimension.from_tree(element).boundaries
                        self._min_column, self._min_row, self._max_column, self._max_row = box
                        return

    strings = excel.read_string_table
    with _SIZING:
        excel.ReadOnlyWorksheet = HeadSized  # type: ignore[misc]
        if lean:
            excel.read_string_table = xlsx_lean.read_string_table
        try:
            yield
        finally:
            excel.ReadOnlyWorksheet = ReadOnlyWorksheet  # type: ignore[misc]
            excel.read_string_table = strings


def _xlsx(path: Path, lean: bool) -> list[Cells]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        with _size_from_head(lean):
            book = load_workbook(path, read_only=True, data_only=True)
    except BadZipFile as exc:
        raise ValueError(str(exc)) from None
    try:
        sheet = book.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv(path: Path) -> list[Cells]:
    raw = path.read_bytes()
    text = raw.decode(detect_encoding(raw))
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]
