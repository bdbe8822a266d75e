"""The first-run assistant's XLSX template (openpyxl): sheet 1 组织机构 (科室和直属单位), sheet 2
派单目录, each with a header row and the desk's current rows as the example to overwrite; and
reading a filled-in workbook back into lines the assistant saves (``setup_assistant``).

Kinds and 诉求类型 are written and read as their Chinese labels; parents, lead and assisting
units by code (several codes one space or 、 apart)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hotline_desk.domain.enums.intake import Category
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.routing import keyword_list

UNIT_SHEET, TOPIC_SHEET = "组织机构", "派单目录"
UNIT_HEADERS = ("名称", "代码", "类型（科室/直属单位）", "上级代码", "负责人", "联系电话")
TOPIC_HEADERS = ("名称", "代码", "上级代码", "默认主办代码", "协办代码", "关键词",
                 "时限类别")  # fmt: skip
KEYWORDS_COLUMN = TOPIC_HEADERS.index("关键词")


@dataclass(frozen=True)
class UnitLine:
    name: str
    code: str
    kind: str
    parent_code: str = ""
    head_name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TopicLine:
    name: str
    code: str
    parent_code: str = ""
    lead_code: str = ""
    assist_codes: str = ""
    keywords: str = ""
    limit_category: str = ""
    """The 诉求类型's Chinese label, or blank."""


KIND_BY_LABEL = {k.label: k.value for k in OrgKind}
CATEGORY_BY_LABEL = {c.label: c.value for c in Category}


def write_template(path: Path, units: list[UnitLine], topics: list[TopicLine]) -> None:
    """Save the template with ``units`` and ``topics`` as its rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = ((book.active, UNIT_SHEET, UNIT_HEADERS, units),
              (book.create_sheet(), TOPIC_SHEET, TOPIC_HEADERS, topics))  # fmt: skip
    for sheet, title, headers, lines in sheets:
        sheet.title = title
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines:
            sheet.append(list(line.__dict__.values()))
        for column, width in zip("ABCDEFG", (20, 10, 18, 12, 14, 30, 18), strict=False):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
    book.save(path)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_workbook(path: Path) -> tuple[list[UnitLine], list[TopicLine]]:
    """The lines of a filled-in template (blank rows skipped); a missing sheet gives no lines.
    A file that is no workbook is refused with a message naming it."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML and format errors alike
        raise ValidationError({"file": Msg("无法读取“{name}”：不是 XLSX 工作簿",
                                           name=path.name)}) from exc  # fmt: skip
    try:
        sheets = {ws.title: ws for ws in book.worksheets}
        units = [UnitLine(*(_text(v) for v in row[:6]))
                 for row in _rows(sheets.get(UNIT_SHEET), 6)]  # fmt: skip
        topics = [TopicLine(*(_text(v) for v in row[:7]))
                  for row in _rows(sheets.get(TOPIC_SHEET), 7)]  # fmt: skip
    finally:
        book.close()
    return units, topics


def _rows(sheet: Any, width: int) -> list[tuple[Any, ...]]:
    if sheet is None:
        return []
    rows = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        cells = tuple(row[:width]) + (None,) * (width - len(row[:width]))
        if any(_text(v) for v in cells):
            rows.append(cells)
    return rows


def codes(text: str) -> list[str]:
    """Codes one space, comma or 、 apart, upper-cased."""
    return [c.upper() for c in keyword_list(text)]
