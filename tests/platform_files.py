"""Platform export files as the 12345 platform writes them, for the import tests: a merged title
row above a two-level header (诉求人信息 over 诉求人姓名/来电号码), numbers stored as text,
Excel dates and date strings, full-width digits, trailing blank rows; CSV in UTF-8 (with or
without BOM) and GB18030."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

HEADERS = ["工单编号", "来源渠道", "派单类型", "标题", "问题描述/诉求内容", "诉求人姓名",
           "来电号码", "发生地址", "联系地址", "问题分类", "工单类型", "紧急程度", "市派单时间",
           "市截止时间（办理时限）", "受理时间", "是否保密", "是否同意公开", "备注"]  # fmt: skip
GROUP = {5: "诉求人信息", 6: "诉求人信息"}
"""Two-level header: the group cell is merged over these columns; the lower cell is empty
for 诉求人姓名 in some exports (the group name stands for it) — here both are filled."""


def ref(i: int) -> str:
    return f"SZ12345202611{i:06d}"


def row(i: int, **over: object) -> list[object]:
    received = datetime(2026, 11, 18, 9, 0) + timedelta(minutes=i)
    phone = f"1381234{i % 10000:04d}"
    if i % 3 == 0:  # full-width digits, as some platforms export them
        phone = "".join(chr(ord(c) + 0xFEE0) for c in phone)
    values: dict[str, object] = {
        "工单编号": ref(i),
        "来源渠道": "电话",
        "派单类型": "直派",
        "标题": f"反映企业用电报装进度缓慢第{i}号",
        "问题描述/诉求内容": f"市民来电反映其企业申请用电报装已两个月仍未接电，请协调。编号{i}",
        "诉求人姓名": "李四海" if i % 7 else "匿名",
        "来电号码": phone,
        "发生地址": "高新区创业路18号",
        "联系地址": "高新区创业路18号201室",
        "问题分类": "经济管理/企业服务/企业政策",
        "工单类型": ["咨询", "求助", "投诉", "建议"][i % 4],
        "紧急程度": "一般" if i % 5 else "紧急",
        # an Excel date for even rows, a date string for odd ones
        "市派单时间": received + timedelta(minutes=30)
        if i % 2 == 0
        else (received + timedelta(minutes=30)).strftime("%Y/%m/%d %H:%M"),
        "市截止时间（办理时限）": (received + timedelta(days=5)).strftime("%Y-%m-%d 18:00:00"),
        "受理时间": received if i % 2 == 0 else received.strftime("%Y-%m-%d %H:%M:%S"),
        "是否保密": "否",
        "是否同意公开": "是" if i % 2 else "否",
        "备注": "",
    }
    values.update({k: v for k, v in over.items()})
    return [values[h] for h in HEADERS]


def write_xlsx(path: Path, rows: list[list[object]], blank_tail: int = 3) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某市12345政务服务便民热线工单导出"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append([GROUP.get(i, h) for i, h in enumerate(HEADERS)])
    sheet.append([h if i in GROUP else None for i, h in enumerate(HEADERS)])
    for i in range(len(HEADERS)):
        if i not in GROUP:
            sheet.merge_cells(start_row=2, start_column=i + 1, end_row=3, end_column=i + 1)
    sheet.merge_cells(start_row=2, start_column=6, end_row=2, end_column=7)
    for r in rows:
        sheet.append(r)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.number_format = "@"  # a number stored as text
    for _ in range(blank_tail):
        sheet.append([None] * len(HEADERS))
        sheet.cell(row=sheet.max_row, column=1).value = ""
    book.save(path)
    return path


def _text(v: object) -> str:
    return v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, datetime) else str(v)


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for r in rows:
            out.writerow([_text(v) for v in r])
        out.writerow([""] * len(HEADERS))
    return path
