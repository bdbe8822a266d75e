"""Writing a list of rows to XLSX (xlsxwriter in constant-memory mode, so 100,000 rows never sit
in memory) or CSV (UTF-8 with BOM, so Excel opens it as Chinese). Every cell goes through
``domain.privacy.redact.safe_cell``: text starting with = + - @ cannot run as a formula.

Given a ``Trace`` the file names who exported it and when (``trace.py``): an XLSX in its
properties and print header, a CSV in two last columns 导出人 and 导出时间 of every row."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import chain, repeat
from operator import methodcaller
from pathlib import Path
from types import TracebackType
from typing import Any

import xlsxwriter

from hotline_desk.domain.privacy.redact import FORMULA_START, safe_cell
from hotline_desk.reports.trace import CSV_COLUMNS, Trace

FORMATS = ("xlsx", "csv")
FONT = "宋体"
YES, NO = "是", "否"
_PLAIN = {str, type(None)}
_STARTS_FORMULA = methodcaller("startswith", FORMULA_START)
_CELL = "\x1f"
"""Between the cells of a page joined for one formula search (a cell holding it at worst makes
the page take the cell-by-cell way: the search can only find too much)."""
_FORMULA_AFTER_CELL = re.compile(_CELL + "[" + re.escape("".join(FORMULA_START)) + "]")
"""A cell starting a formula after the page's first (a literal first character: the regular
expression engine skips to each separator at C speed)."""


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
        # 宋体 as the workbook's own font: a text cell then needs no format of its own (no
        # style attribute a cell; the export writes a tenth quicker, the file is smaller)
        self._book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "default_format_properties": {"font_name": FONT},
        })  # fmt: skip
        self._ws = self._book.add_worksheet(sheet)
        if trace is not None:
            self._book.set_properties(trace.xlsx_properties(sheet))
            self._ws.set_header(trace.xlsx_header())
        head = self._book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                      "font_name": FONT})  # fmt: skip
        self._text: Any = None  # the workbook's font
        self._wrap = self._book.add_format({"font_name": FONT, "text_wrap": True,
                                            "valign": "top"})  # fmt: skip
        self._date = self._book.add_format({"font_name": FONT,
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

    def write_rows(self, rows: Iterable[Sequence[object]]) -> None:
        """Many ``row`` calls at once, each cell written exactly as ``row`` writes it (the
        export's hot loop: 100,000 rows, so no call per cell that a type test can spare)."""
        if self.fmt == "csv":
            batch = list(rows)
            if not batch:
                return
            columns = [_csv_column(col) for col in zip(*batch, strict=True)]
            tail = [repeat(safe_cell(v), len(batch)) for v in self._tail]
            self._csv.writerows(zip(*columns, *tail, strict=False))
            self.rows += len(batch)
            return
        long = {c for c, w in enumerate(self._widths) if w >= 40}
        text, wrap, date = self._text, self._wrap, self._date
        write_string, ws = self._ws.write_string, self._ws
        for values in rows:
            self.rows += 1
            at = self.rows
            for col, value in enumerate(values):
                if value.__class__ is str:
                    if value:
                        if value.startswith(FORMULA_START):
                            value = "'" + value
                        write_string(at, col, value, wrap if col in long else text)
                elif value is None:
                    continue
                elif isinstance(value, datetime):
                    ws.write_datetime(at, col, value, date)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(at, col, value)
                else:
                    write_string(at, col, str(safe_cell(_text(value))),
                                 wrap if col in long else text)  # fmt: skip

    def write_text_rows(self, rows: list[tuple[str, ...]]) -> None:
        """Rows whose every cell is already text (``""`` for a blank) written as ``row`` writes
        them — the CSV export's hot loop. One regular-expression search over the page's cells
        joined looks for a cell starting a formula; a page without one goes to the csv module
        as it is, a page with one cell by cell through ``safe_cell``."""
        if self.fmt != "csv":
            for values in rows:
                self.row(values)
            return
        if not rows:
            return
        first = rows[0][0] if rows[0] else ""
        if first.startswith(FORMULA_START) or _FORMULA_AFTER_CELL.search(
            _CELL.join(chain.from_iterable(rows))
        ):
            rows = [tuple(map(safe_cell, r)) for r in rows]  # type: ignore[misc]
        if self._tail:
            tail = tuple(str(safe_cell(v)) for v in self._tail)
            rows = [r + tail for r in rows]
        self._csv.writerows(rows)
        self.rows += len(rows)

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


def _csv_column(column: tuple[object, ...]) -> Sequence[object]:
    """One column of a batch as ``row`` writes its cells to CSV, a column at a time: a column
    of text (and blanks: the csv module writes None as nothing) is checked for formulas in one
    pass and kept as it is when none starts one."""
    kinds = set(map(type, column))
    if kinds <= _PLAIN:
        text = column if type(None) not in kinds else [v for v in column if v is not None]
        if not any(map(_STARTS_FORMULA, text)):
            return column
    elif kinds == {bool}:
        return [YES if v else NO for v in column]
    elif kinds == {datetime} and _isoformat_minutes(column):
        return [v.isoformat(" ", "minutes") for v in column]  # type: ignore[attr-defined]
    return ["" if v is None else _text(safe_cell(v)) for v in column]


def _isoformat_minutes(column: tuple[object, ...]) -> bool:
    """Whether ``isoformat`` writes these datetimes as ``_text`` does: naive, years of four
    digits (naive and aware mixed do not compare: TypeError)."""
    try:
        earliest = min(column)  # type: ignore[type-var]
    except TypeError:
        return False
    return bool(earliest.year >= 1000 and earliest.tzinfo is None)  # type: ignore[attr-defined]


def cell_text(value: object) -> str:
    """A cell as the CSV holds it: ``""`` for a blank, 是/否, a time to the minute, else text."""
    return "" if value is None else _text(value)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime):  # isoformat: the same text, several times faster
        return (
            value.isoformat(" ", "minutes")
            if value.tzinfo is None and value.year >= 1000
            else value.strftime("%Y-%m-%d %H:%M")
        )
    return str(value)
