"""A lean reading of an XLSX sheet's cells for ``reading.read_rows`` (openpyxl read-only mode
still opens the workbook, finds the sheet, its date styles and epoch, and pads the rows).

openpyxl builds a ``Text`` object for every string cell and every shared string, each field set
through its validating descriptors, and looks at every element of the sheet: two thirds of
reading a 10,000-row platform export. Here a string's text is joined from its ``<t>`` runs
(the plain text, then each rich-text run's; phonetic runs left out, as ``Text.content`` does),
a plain number or bool is converted as openpyxl converts it, and only ``<row>`` elements are
looked at (what else a sheet holds — widths, merged cells, print setup — is no cell value).
Every other cell (a date style, an ISO date, an error, a formula string) goes through openpyxl's
own ``parse_cell``. The XML is parsed by openpyxl's own ``iterparse`` (defusedxml's, when
installed, as openpyxl uses it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import Element

from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet import _reader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse  # openpyxl's (defusedxml's when installed)

ROW = f"{{{SHEET_MAIN_NS}}}row"
VALUE = f"{{{SHEET_MAIN_NS}}}v"
INLINE = f"{{{SHEET_MAIN_NS}}}is"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"
SHARED = f"{{{SHEET_MAIN_NS}}}si"
_DIGITS = "0123456789"


def text_of(element: Element) -> str:
    """``Text.from_tree(element).content``: the plain ``<t>`` then each run's ``<t>``."""
    parts = []
    for child in element:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            t = child.find(TEXT)
            if t is not None and t.text is not None:
                parts.append(t.text)
    return "".join(parts)


def read_string_table(src: IO[bytes]) -> list[str]:
    """openpyxl's ``reader.strings.read_string_table``, the text taken from the runs directly."""
    strings = []
    for _event, node in iterparse(src):
        if node.tag == SHARED:
            strings.append(text_of(node).replace("x005F_", ""))
            node.clear()
    return strings


class LeanParser(WorkSheetParser):  # type: ignore[misc]
    """``WorkSheetParser`` reading only the rows, plain cells without openpyxl's objects: each
    row as (row number, [(column, value), …])."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._columns: dict[str, int] = {}

    def parse(self) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
        for _event, element in _reader.iterparse(self.source):  # the sheet parser's own
            if element.tag == ROW:
                yield self.parse_row(element)
                element.clear()

    def parse_row(self, row: Element) -> tuple[int, list[tuple[int, Any]]]:
        number = row.get("r")
        if number is None:
            self.row_counter += 1
        else:
            try:
                self.row_counter = int(number)
            except ValueError:  # openpyxl's own handling of "3.0" and its error
                index, cells = super().parse_row(row)
                return index, [(c["column"], c["value"]) for c in cells]
        self.col_counter = 0
        return self.row_counter, [self._cell(c) for c in row]

    def _cell(self, element: Element) -> tuple[int, Any]:
        kind = element.get("t", "n")
        style = element.get("s")
        if (kind not in ("n", "s", "inlineStr", "b") or not self.data_only
                or (kind == "n" and style and int(style) in self.date_formats)):  # fmt: skip
            cell = self.parse_cell(element)  # openpyxl's own: dates, rarities
            return cell["column"], cell["value"]
        coordinate = element.get("r")
        if coordinate:
            letters = coordinate.rstrip(_DIGITS)
            column = self._columns.get(letters)
            if column is None:
                column = self._columns[letters] = column_index_from_string(letters)
            self.col_counter = column
        else:
            self.col_counter += 1
            column = self.col_counter
        value: Any
        if kind == "inlineStr":
            child = element.find(INLINE)
            value = None if child is None else text_of(child)
        else:
            value = element.findtext(VALUE, None) or None
            if value is not None:
                if kind == "s":
                    value = self.shared_strings[int(value)]
                elif kind == "b":
                    value = bool(int(value))
                elif "." in value or "E" in value or "e" in value:
                    value = float(value)
                else:
                    value = int(value)
        return column, value


def padded(cells: list[tuple[int, Any]], min_col: int, max_col: int | None) -> tuple[Any, ...]:
    """openpyxl's ``ReadOnlyWorksheet._get_row`` for values: as wide as the sheet (or as the
    row's last cell), each value at its column."""
    if not cells and not max_col:
        return ()
    last = max_col or cells[-1][0]
    values: list[Any] = [None] * (last + 1 - min_col)
    for column, value in cells:
        if min_col <= column <= last:
            values[column - min_col] = value
    return tuple(values)


class LeanSheet(ReadOnlyWorksheet):  # type: ignore[misc]
    """A read-only sheet whose rows ``LeanParser`` reads (openpyxl's ``_cells_by_row``, the
    padding of missing rows and cells unchanged)."""

    def _cells_by_row(
        self, min_col: int, min_row: int, max_col: int | None, max_row: int | None,
        values_only: bool = False,
    ) -> Iterator[tuple[Any, ...]]:  # fmt: skip
        if not values_only:
            yield from super()._cells_by_row(min_col, min_row, max_col, max_row, values_only)
            return
        max_col = max_col or self.max_column
        max_row = max_row or self.max_row
        empty_row: tuple[Any, ...] = ()
        if max_col is not None:
            empty_row = (None,) * (max_col + 1 - min_col)
        counter = min_row
        idx = 1
        book = self.parent
        with self._get_source() as src:
            parser = LeanParser(src, self._shared_strings, data_only=book.data_only,
                                epoch=book.epoch, date_formats=book._date_formats,
                                timedelta_formats=book._timedelta_formats)  # fmt: skip
            for idx, row in parser.parse():
                if max_row is not None and idx > max_row:
                    break
                for _ in range(counter, idx):  # some rows are missing
                    counter += 1
                    yield empty_row
                if counter <= idx:
                    counter += 1
                    yield padded(row, min_col, max_col)
        if max_row is not None and max_row < idx:
            for _ in range(counter, max_row + 1):
                yield empty_row
