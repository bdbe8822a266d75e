"""The 政务公开 list as an XLSX workbook: a title row naming the period, a line saying who exported
it, when, and how many letters were reviewed, then the column headers and one row per letter
(xlsxwriter in constant-memory mode). Every cell goes through
``domain.privacy.redact.safe_cell`` as in ``table_export``: text starting with = + - @ cannot run
as a formula."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType

import xlsxwriter

from hotline_desk.domain.privacy.redact import safe_cell

COLUMNS: tuple[tuple[str, int], ...] = (
    ("办件编号", 18), ("来信时间", 17), ("诉求类型", 9), ("事项分类", 14), ("标题", 30),
    ("来信内容", 60), ("答复单位", 14), ("答复时间", 17), ("答复内容", 60),
)  # fmt: skip
HEAD_ROWS = 3
"""Title, export line, column headers: the first letter is on row 4 (index 3)."""


class DisclosureWriter:
    """``with DisclosureWriter(path, title, note) as w: w.row([...])``."""

    def __init__(self, path: Path, title: str, note: str) -> None:
        self.path, self.rows = path, 0
        self._book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self._book.set_properties({"title": title, "comments": note})
        self._ws = self._book.add_worksheet("政务公开")
        font = {"font_name": "宋体"}
        title_format = self._book.add_format({**font, "bold": True, "font_size": 14})
        note_format = self._book.add_format({**font, "font_color": "#555555"})
        head = self._book.add_format({**font, "bold": True, "bg_color": "#DCE6F1", "border": 1})
        self._text = self._book.add_format(font)
        self._wrap = self._book.add_format({**font, "text_wrap": True, "valign": "top"})
        self._date = self._book.add_format({**font, "num_format": "yyyy-mm-dd hh:mm"})
        self._ws.write_string(0, 0, str(safe_cell(title)), title_format)
        self._ws.write_string(1, 0, str(safe_cell(note)), note_format)
        for col, (header, width) in enumerate(COLUMNS):
            self._ws.write_string(2, col, header, head)
            self._ws.set_column(col, col, width)
        self._ws.freeze_panes(HEAD_ROWS, 0)

    def row(self, values: Sequence[object]) -> None:
        at = HEAD_ROWS + self.rows
        self.rows += 1
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                self._ws.write_datetime(at, col, value, self._date)
            else:
                long = COLUMNS[col][1] >= 30
                self._ws.write_string(at, col, str(safe_cell(str(value))),
                                      self._wrap if long else self._text)  # fmt: skip

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> DisclosureWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()
