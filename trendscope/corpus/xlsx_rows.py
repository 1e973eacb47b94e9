"""A read-only worksheet's rows as values, as openpyxl gives them, with inline strings read directly.

BigKinds writes its exports with Apache POI, which stores every cell as an inline
string (``<c t="inlineStr"><is><t>…</t></is></c>``).  openpyxl's read-only
parser turns each one into its rich-text `Text` object through its generic
descriptor machinery, which was half of reading a 10,000-row export (1.3 s).
`sheet_values` runs openpyxl's own `WorkSheetParser` — the same XML parser, row
handling and every other cell type — and reads an inline string made of one
plain ``<t>`` element as that element's text, which is what `Text.content` is
for it; anything else goes to openpyxl's `parse_cell`.  The rows are then
assembled as `ReadOnlyWorksheet.iter_rows(values_only=True)` does once
`reset_dimensions()` has been called (a test compares the two).  It uses
openpyxl's internals (the parser, the sheet's source and shared strings, the
workbook's date formats); a version without them is read by `iter_rows`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple

try:
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
except ImportError:  # pragma: no cover - another openpyxl layout
    WorkSheetParser = None

if WorkSheetParser is not None:
    _TEXT_TAG = INLINE_STRING[: -len("is")] + "t"

    class _InlineStringParser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            if not self.data_only or element.get("t") != "inlineStr":
                return super().parse_cell(element)
            child = element.find(INLINE_STRING)
            if child is None or child.attrib or len(child) != 1 or child[0].tag != _TEXT_TAG:
                return super().parse_cell(element)
            style_id = element.get("s", 0)
            if style_id:
                style_id = int(style_id)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            return {"row": row, "column": column, "value": child[0].text or "", "data_type": "s", "style_id": style_id}


def sheet_values(book: Any, sheet: Any) -> Iterator[tuple[Any, ...] | list[Any]]:
    """The rows of a read-only worksheet as value tuples, from row 1, whatever size the sheet declares."""
    try:
        source = sheet._get_source()
        parser = _InlineStringParser(source, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                     date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    except (AttributeError, NameError, TypeError):  # not the openpyxl these internals are from
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
        return
    with source:
        counter = 1
        for index, cells in parser.parse():
            for _ in range(counter, index):  # rows the sheet leaves out
                counter += 1
                yield []
            if counter <= index:
                counter += 1
                yield _values(cells)


def _values(cells: list[dict[str, Any]]) -> tuple[Any, ...]:
    if not cells:
        return ()
    width = cells[-1]["column"]
    row: list[Any] = [None] * width
    for cell in cells:
        if 1 <= cell["column"] <= width:
            row[cell["column"] - 1] = cell["value"]
    return tuple(row)
