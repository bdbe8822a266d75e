"""``TableWriter.write_text_rows`` (issue 19: one formula search a page) writes what ``row``
writes cell by cell: a formula at a page's first cell, in any other cell, after a tab or CR,
the search's separator inside a cell (it finds too much, never too little), and blank pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from hotline_desk.reports.table_export import TableWriter
from hotline_desk.reports.trace import Trace

PAGES = [
    [("=A1", "x", ""), ("y", "z", "w")],
    [("a", "+1", "@b"), ("c", "-d", "\te"), ("\rf", "g", "h")],
    [("i\x1f=j", "k", "l"), ("m", "n\x1f", "=o")],
    [("p", "q", "r")],
    [],
    [("=", "", "")],
]


def write(path: Path, pages: list[list[tuple[str, ...]]], fast: bool) -> bytes:
    trace = Trace("=王督办", "duban", datetime(2026, 12, 6, 9, 0))
    with TableWriter(path, "csv", ["编号", "=标题", "来电人"], trace=trace) as writer:
        for page in pages:
            if fast:
                writer.write_text_rows(page)
            else:
                for values in page:
                    writer.row(values)
    return path.read_bytes()


@pytest.mark.parametrize("start", range(len(PAGES)))
def test_text_rows_are_written_as_row_writes_them(tmp_path: Path, start: int) -> None:
    pages = PAGES[start:] + PAGES[:start]
    fast = write(tmp_path / "fast.csv", pages, True)
    assert fast == write(tmp_path / "slow.csv", pages, False)
    assert b"'=A1" in fast and b"'\te" in fast and b"i\x1f=j" in fast and b"'=o" in fast
