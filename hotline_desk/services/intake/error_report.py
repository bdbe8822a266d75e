"""The error report workbook of an import: every refused row with its field and what is wrong
and allowed, in Chinese, for the desk to correct on the platform or in the file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hotline_desk.domain.privacy.redact import safe_cell
from hotline_desk.services.intake.platform_import import Refusal

COLUMNS = ("行号", "工单编号", "字段", "问题及允许的值")


def write_error_report(refusals: Iterable[Refusal], out: Path, file_name: str) -> int:
    """Write the report to ``out`` (through a temporary file); returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "导入错误"
    sheet.append([f"平台工单导入错误报告：{file_name}"])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    count = 0
    for r in refusals:
        sheet.append([r.line, safe_cell(r.platform_ref), r.field or "整行", safe_cell(r.problem)])
        count += 1
    for col, width in zip("ABCD", (8, 22, 14, 90), strict=True):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=3):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    fd, tmp = tempfile.mkstemp(prefix=".hotline-", suffix=".xlsx", dir=out.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
