"""Reading tabular files as text: encoding detection (UTF-8, UTF-8-BOM, CP949/EUC-KR) and CSV/TSV/XLSX/JSONL rows.

Every cell is read as a string (never as a number: an id such as ``01100101.2015…``
must keep its leading zero), and every row carries its line or row number so a
problem can be reported as "file, row, column".
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from trendscope.errors import InputError

TABULAR_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".ndjson")


@dataclass(frozen=True)
class Row:
    """One data row: `number` as the user sees it (spreadsheet row or file line, header = 1)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    """A table read as text: the header and its rows."""

    name: str
    header: list[str]
    rows: list[Row]


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding name of a Korean text file: UTF-8 (with or without BOM), CP949 (a superset of EUC-KR)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not a text file in UTF-8 or CP949/EUC-KR (cannot detect its encoding)")
    raise InputError(f"{name}: looks like {best.encoding} text; expected UTF-8, UTF-8 with BOM or CP949/EUC-KR — re-save it as UTF-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean_header(header: list[str], name: str) -> list[str]:
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise InputError(f"{name}, row 1: the header row is empty; expected column names on the first row")
    return header


def read_xlsx(data: bytes, name: str) -> Sheet:
    """The first sheet of a workbook, every cell as text, header on row 1."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise InputError(f"{name}: not an Excel workbook (.xlsx) ({type(exc).__name__}); expected the file as exported") from None
    try:
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        first = next(values, None)
        if first is None:
            raise InputError(f"{name}: the first sheet is empty; expected a header row and data rows")
        header = _clean_header([_cell(v) for v in first], name)
        rows = []
        for number, raw in enumerate(values, start=2):
            cells = [_cell(v) for v in raw]
            if not any(c.strip() for c in cells):
                continue
            rows.append(Row(number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))))
        return Sheet(sheet.title, header, rows)
    finally:
        book.close()


def read_delimited(data: bytes, name: str, delimiter: str | None = None) -> Sheet:
    """A CSV or TSV file with a header line; the delimiter is sniffed from the header when not given."""
    text, _encoding = decode_text(data, name)
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{name}: the file is empty")
        header = _clean_header(header, name)
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            # reader.line_num is the line the row ended on; a row with embedded newlines started earlier
            rows.append(Row(reader.line_num, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))))
    except csv.Error as exc:
        raise InputError(f"{name}, line {reader.line_num}: not valid CSV ({exc})") from None
    return Sheet(Path(name).stem, header, rows)


def read_jsonl(data: bytes, name: str) -> Sheet:
    """JSON Lines: one object a line; keys become columns, values are read as text."""
    text, _encoding = decode_text(data, name)
    rows, header = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{name}, line {number}: not a JSON object ({exc.args[0]})") from None
        if not isinstance(record, dict):
            raise InputError(f"{name}, line {number}: expected a JSON object per line, got {type(record).__name__}")
        for key in record:
            if key not in header:
                header.append(key)
        rows.append(Row(number, {k: _cell(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False) for k, v in record.items()}))
    return Sheet(Path(name).stem, header, rows)


def read_table(data: bytes, name: str, suffix: str | None = None) -> Sheet:
    """Read by file suffix (of `name` unless given): .xlsx, .csv, .tsv, .jsonl/.ndjson."""
    suffix = (suffix or Path(name).suffix).lower()
    if suffix == ".xlsx":
        return read_xlsx(data, name)
    if suffix == ".csv":
        return read_delimited(data, name)
    if suffix == ".tsv":
        return read_delimited(data, name, "\t")
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(data, name)
    if suffix == ".xls":
        raise InputError(f"{name}: old Excel .xls files are not read; open it and save as .xlsx or CSV (UTF-8)")
    raise InputError(f"{name}: unsupported file type {suffix or '(none)'}; expected one of .csv, .tsv, .xlsx, .jsonl")


def expand_paths(patterns: list[str], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named by paths, globs or folders (a folder contributes its files with one of `suffixes`), sorted, unique."""
    import glob

    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern).expanduser()
        if any(ch in pattern for ch in "*?["):
            matches = [Path(p) for p in sorted(glob.glob(str(path), recursive=True))]
            if not matches:
                raise InputError(f"{pattern}: no file matches this pattern")
            found += [p for p in matches if p.is_file()]
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{pattern}: file or folder not found")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)

