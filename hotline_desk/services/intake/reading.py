"""Reading a platform export as rows of cells: XLSX with openpyxl in read-only mode, CSV with
the csv module after finding its encoding (a BOM → UTF-8; else UTF-8 if it decodes, else
GB18030, which every GBK/GB2312 file also is). Trailing blank rows are dropped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

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


def read_rows(path: Path) -> list[Cells]:
    """Every row of the file's first sheet (or the CSV), without the blank rows at the end."""
    try:
        rows = _xlsx(path) if path.suffix.lower() in XLSX_SUFFIXES else _csv(path)
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


def _xlsx(path: Path) -> list[Cells]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
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
