"""Writing a list of rows to XLSX (xlsxwriter in constant-memory mode, so 100,000 rows never sit
in memory) or CSV (UTF-8 with BOM, so Excel opens it as Chinese). Every cell goes through
``domain.privacy.redact.safe_cell``: text starting with = + - @ cannot run as a formula.

Given a ``Trace`` the file names who exported it and when (``trace.py``): an XLSX in its
properties and print header, a CSV in two last columns 导出人 and 导出时间 of every row."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import xlsxwriter

from hotline_desk.domain.privacy.redact import safe_cell
from hotline_desk.reports.trace import CSV_COLUMNS, Trace

FORMATS = ("xlsx", "csv")


class TableWriter:
    """``with TableWriter(path, fmt, headers, widths) as w: w.row([...])``."""

    def __init__(self, path: Path, fmt: str, headers: Sequence[str],
                 widths: Sequence[int] = (), sheet: str = "办件",
                 trace: Trace | None = None) -> None:  # fmt: skip
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self.path, self.fmt, self.rows = path, fmt, 0
        self._file: Any = None
        self._tail: list[str] = list(trace.csv_cells()) if trace is not None else []
        if fmt == "csv":
            self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._file)
            tail = list(CSV_COLUMNS) if trace is not None else []
            self._csv.writerow([safe_cell(h) for h in [*headers, *tail]])
            return
        self._book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self._ws = self._book.add_worksheet(sheet)
        if trace is not None:
            self._book.set_properties(trace.xlsx_properties(sheet))
            self._ws.set_header(trace.xlsx_header())
        head = self._book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                      "font_name": "宋体"})  # fmt: skip
        self._text = self._book.add_format({"font_name": "宋体"})
        self._wrap = self._book.add_format({"font_name": "宋体", "text_wrap": True,
                                            "valign": "top"})  # fmt: skip
        self._date = self._book.add_format({"font_name": "宋体",
                                            "num_format": "yyyy-mm-dd hh:mm"})  # fmt: skip
        for col, header in enumerate(headers):
            self._ws.write_string(0, col, str(safe_cell(header)), head)
        for col, width in enumerate(widths):
            self._ws.set_column(col, col, width)
        self._ws.freeze_panes(1, 0)
        self._widths = list(widths)

    def row(self, values: Sequence[object]) -> None:
        self.rows += 1
        if self.fmt == "csv":
            cells = ["" if v is None else _text(safe_cell(v)) for v in values]
            self._csv.writerow([*cells, *(safe_cell(v) for v in self._tail)])
            return
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                self._ws.write_datetime(self.rows, col, value, self._date)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                self._ws.write_number(self.rows, col, value)
            else:
                long = col < len(self._widths) and self._widths[col] >= 40
                self._ws.write_string(self.rows, col, str(safe_cell(_text(value))),
                                      self._wrap if long else self._text)  # fmt: skip

    def close(self) -> None:
        if self.fmt == "csv":
            self._file.close()
        else:
            self._book.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)
