"""A lean reading of an XLSX sheet's cells for ``reading.read_rows`` (openpyxl read-only mode
still opens the workbook, finds the sheet, its date styles and epoch, and pads the rows).

openpyxl builds a ``Text`` object for every string cell and every shared string, each field set
through its validating descriptors, and an element object for every tag of the sheet (a cell
of text is four: ``<c><is><t>`` and the row): two thirds of reading a 10,000-row platform
export, and building the elements alone was still half of what was left. Here expat's own
callbacks read the sheet (the parser under openpyxl's ``iterparse``, with the same entity
handling): only ``<row>``, its cells and their ``<v>``, ``<is>``, ``<r>`` and ``<t>`` are looked
at, no element is built, and each cell's value is made as openpyxl's ``parse_cell`` makes it
with ``data_only`` (the only way ``reading`` opens a workbook): ``""`` as None, a shared string
by its index, numbers as ``_cast_number``, a number with a date style by ``from_excel`` (an
out-of-range one through ``parse_cell`` itself, with its warning), ``b`` as a bool, ``d`` by
``from_ISO8601``, an inline string as its text — the plain ``<t>`` runs and each rich-text
run's ``<t>`` in order, phonetic runs left out, as ``Text.content`` — and any other type as
its ``<v>`` text (``str``, ``e``). Every direct child of a ``<row>`` is a cell, as openpyxl's
``parse_row`` takes them. ``tests/services/test_platform_reading.py`` compares the values with
openpyxl's for every kind of cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any
from xml.etree.ElementTree import Element, SubElement
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_SEP = "}"
"""expat's names are ``namespace}local``: ``"{" + name`` is ElementTree's tag."""
ROW, CELL, VALUE = f"{SHEET_MAIN_NS}}}row", f"{SHEET_MAIN_NS}}}c", f"{SHEET_MAIN_NS}}}v"
INLINE, TEXT = f"{SHEET_MAIN_NS}}}is", f"{SHEET_MAIN_NS}}}t"
RUN, SHARED = f"{SHEET_MAIN_NS}}}r", f"{SHEET_MAIN_NS}}}si"
_DIGITS = "0123456789"
CHUNK = 1 << 16

Cells = list[tuple[int, Any]]


def _expat(start: Callable[..., None], end: Callable[[str], None],
           data: Callable[[str], None]) -> Any:  # fmt: skip
    """An expat parser as ElementTree's ``XMLParser`` sets it up (namespaces resolved, text in
    one piece between tags), with the three callbacks."""
    parser = expat.ParserCreate(None, _SEP)
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    return parser


class _Texts:
    """The text of ``<is>`` / ``<si>`` elements: the ``<t>`` right under it, and the first
    ``<t>`` of each ``<r>`` right under it (``Text.content``; ``<rPh>`` and the rest left out).
    ``depth`` counts the open elements below the ``<is>`` / ``<si>``."""

    __slots__ = ("depth", "parts", "taking", "run_done")

    def __init__(self) -> None:
        self.depth = 0
        self.parts: list[str] = []
        self.taking = False
        self.run_done = False

    def start(self, name: str) -> None:
        self.depth += 1
        if self.depth == 1:
            self.taking = name == TEXT
            self.run_done = name != RUN
        elif self.depth == 2 and name == TEXT and not self.run_done:
            self.taking = self.run_done = True
        else:
            self.taking = False

    def end(self) -> None:
        self.depth -= 1
        self.taking = False

    def text(self) -> str:
        out = "".join(self.parts)
        self.parts = []
        return out


def read_string_table(src: IO[bytes]) -> list[str]:
    """openpyxl's ``reader.strings.read_string_table``, the text taken from the runs directly."""
    strings: list[str] = []
    texts = _Texts()
    inside = False

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal inside
        if inside:
            texts.start(name)
        elif name == SHARED:
            inside = True

    def end(name: str) -> None:
        nonlocal inside
        if not inside:
            return
        if texts.depth:
            texts.end()
        else:
            inside = False
            strings.append(texts.text().replace("x005F_", ""))

    def data(text: str) -> None:
        if texts.taking:
            texts.parts.append(text)

    for _ in _feed(_expat(start, end, data), src):
        pass
    return strings


def _feed(parser: Any, src: IO[bytes]) -> Iterator[None]:
    """Parse ``src`` a chunk at a time, pausing after each; XML that is not well-formed is a
    ``ValueError`` (``reading`` reports the file as not a workbook)."""
    try:
        while chunk := src.read(CHUNK):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ValueError(f"XML: {exc}") from None
    yield


def sheet_rows(src: IO[bytes], strings: list[str], epoch: Any, date_formats: set[int],
               timedelta_formats: set[int]) -> Iterator[tuple[int, Cells]]:  # fmt: skip
    """The rows of a sheet as (row number, [(column, value), …]), as ``WorkSheetParser`` with
    ``data_only`` reads them (module docstring). The callbacks keep their state in the
    closure's variables (a call for each tag and text: the fewer lookups the better)."""
    done: list[tuple[int, Cells]] = []
    columns: dict[str, int] = {}
    depth = 0  # 0: outside a row, 1: in a row, 2: in a cell, 3: in a cell's child, 4+: below
    row_counter = col_counter = 0
    cells: Cells = []
    attrs: dict[str, str] = {}
    value: list[str] | None = None  # the first <v>'s text parts
    inline: list[str] | None = None  # the first <is>'s text parts
    in_inline = run_open = False  # in that <is>; in an <r> whose first <t> is still to come
    sink: list[str] | None = None  # where the text now being read goes, if anywhere

    def start(name: str, tag_attrs: dict[str, str]) -> None:
        nonlocal depth, sink, attrs, value, inline, in_inline, run_open
        if depth >= 2:
            depth += 1
            sink = None  # ElementTree's text: what comes before the first child
            if depth == 3:  # a child of the cell
                if name == VALUE and value is None:
                    value = sink = []
                elif name == INLINE and inline is None:
                    inline, in_inline = [], True
            elif in_inline:
                if depth == 4:  # a child of <is>: a plain <t>, or a run
                    run_open = name == RUN
                    if name == TEXT:
                        sink = inline
                elif depth == 5 and run_open and name == TEXT:
                    sink, run_open = inline, False
        elif depth == 1:  # every child of a row is a cell, as openpyxl's parse_row takes them
            depth, attrs, value, inline = 2, tag_attrs, None, None
        elif name == ROW:
            _row(tag_attrs.get("r"))

    def data(text: str) -> None:
        if sink is not None:
            sink.append(text)

    def end(_name: str) -> None:
        nonlocal depth, sink, in_inline
        if depth >= 3:
            depth -= 1
            sink = None
            if depth == 2:
                in_inline = False
        elif depth == 2:
            depth = 1
            cells.append(_cell())
        elif depth == 1:
            depth = 0
            done.append((row_counter, cells))

    def _row(number: str | None) -> None:
        nonlocal depth, row_counter, col_counter, cells
        if number is None:
            row_counter += 1
        else:
            try:
                row_counter = int(number)
            except ValueError:  # openpyxl's parse_row: "3.0" is row 3
                val = float(number)
                if not val.is_integer():
                    raise ValueError(f"{number} is not a valid row number") from None
                row_counter = int(val)
        depth, col_counter, cells = 1, 0, []

    def _cell() -> tuple[int, Any]:
        nonlocal col_counter
        coordinate = attrs.get("r")
        if coordinate:
            letters = coordinate.rstrip(_DIGITS)
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = column_index_from_string(letters)
            col_counter = column
        else:
            col_counter += 1
            column = col_counter
        kind = attrs.get("t", "n")
        if kind == "inlineStr":
            return column, None if inline is None else "".join(inline)
        text = "".join(value) if value else ""
        if not text:
            return column, None
        result: Any = text
        if kind == "n":
            result = float(text) if "." in text or "E" in text or "e" in text else int(text)
            style = attrs.get("s")
            style_id = int(style) if style else 0
            if style_id in date_formats:
                try:
                    result = from_excel(result, epoch, timedelta=style_id in timedelta_formats)
                except (OverflowError, ValueError):  # openpyxl's own warning and "#VALUE!"
                    result = _openpyxl_cell(attrs, text, strings, epoch, date_formats,
                                            timedelta_formats)  # fmt: skip
        elif kind == "s":
            result = strings[int(text)]
        elif kind == "b":
            result = bool(int(text))
        elif kind == "d":
            result = from_ISO8601(text)
        return column, result

    for _ in _feed(_expat(start, end, data), src):
        yield from done
        done.clear()


def _openpyxl_cell(attrs: dict[str, str], text: str, strings: list[str], epoch: Any,
                   date_formats: set[int], timedelta_formats: set[int]) -> Any:  # fmt: skip
    """The value ``parse_cell`` gives the cell ``<c attrs><v>text</v></c>``."""
    cell = Element("{" + CELL, attrs)
    SubElement(cell, "{" + VALUE).text = text
    parser = WorkSheetParser(None, strings, data_only=True, epoch=epoch,
                             date_formats=date_formats,
                             timedelta_formats=timedelta_formats)  # fmt: skip
    return parser.parse_cell(cell)["value"]


def padded(cells: Cells, min_col: int, max_col: int | None) -> tuple[Any, ...]:
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
    """A read-only sheet whose values ``sheet_rows`` reads (openpyxl's ``_cells_by_row``, the
    padding of missing rows and cells unchanged); cells as objects, or a workbook opened
    without ``data_only``, are openpyxl's own."""

    def _cells_by_row(
        self, min_col: int, min_row: int, max_col: int | None, max_row: int | None,
        values_only: bool = False,
    ) -> Iterator[tuple[Any, ...]]:  # fmt: skip
        book = self.parent
        if not values_only or not book.data_only:
            yield from super()._cells_by_row(min_col, min_row, max_col, max_row, values_only)
            return
        max_col = max_col or self.max_column
        max_row = max_row or self.max_row
        empty_row: tuple[Any, ...] = ()
        if max_col is not None:
            empty_row = (None,) * (max_col + 1 - min_col)
        counter = min_row
        idx = 1
        with self._get_source() as src:
            rows = sheet_rows(src, self._shared_strings, book.epoch, book._date_formats,
                              book._timedelta_formats)  # fmt: skip
            for idx, row in rows:
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
