"""Reading tabular files as text: encoding detection (UTF-8, UTF-8-BOM, CP949/EUC-KR) and CSV/TSV/XLSX/JSONL rows.

Every cell is read as a string (never as a number: an id such as ``01100101.2015…``
must keep its leading zero), and every row carries its line or row number so a
problem can be reported as "file, row, column".
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import fnmatch
import io
import json
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
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
class Skipped:
    """A row the reader could not read (bad bytes, broken JSON): where it is and why, for the source to count."""

    number: int
    reason: str
    detail: str = ""
    unit: str = "line"


@dataclass(frozen=True)
class Sheet:
    """A table read as text: the header, its rows, the rows skipped, and how the file was stored.

    `numeric` counts, per column, the data cells a workbook stored as numbers (a sign
    that it was re-saved in Excel, which turns ids and dates into numbers).
    """

    name: str
    header: list[str]
    rows: list[Row]
    skipped: list[Skipped] = field(default_factory=list)
    numeric: dict[str, int] = field(default_factory=dict)
    encoding: str | None = None


@dataclass(frozen=True)
class Decoded:
    """Text decoded leniently: lines with bytes invalid in `encoding` hold U+FFFD and are listed in `bad` (line → byte offset)."""

    text: str
    encoding: str
    bad: dict[int, int] = field(default_factory=dict)


def _bad_lines(data: bytes, encoding: str) -> tuple[dict[int, int], int]:
    """Lines (1-based) that do not decode in `encoding`, with the byte offset of the first bad byte, and the count of non-ASCII lines that do."""
    bad: dict[int, int] = {}
    good, offset = 0, 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode(encoding)
                good += 1
            except UnicodeDecodeError as exc:
                bad[number] = offset + exc.start
        offset += len(line) + 1
    return bad, good


def decode_lenient(data: bytes, name: str) -> Decoded:
    """Text of a Korean text file, tolerating a few lines with invalid bytes (they are listed, not guessed at).

    UTF-8 (with or without BOM) and CP949 (a superset of EUC-KR) are tried whole
    first; if neither fits, the encoding most lines fit is used when some lines do,
    so one corrupt row does not reject a file of thousands.
    """
    if _blank(data):
        raise InputError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 text at byte {exc.start}; re-save it as UTF-8") from None
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    candidates = ("utf-8",) if bom else ("utf-8", "cp949")
    for encoding in candidates:
        try:
            return Decoded(body.decode(encoding), "utf-8-sig" if bom else encoding)
        except UnicodeDecodeError:
            continue
    scored = [(encoding, *_bad_lines(body, encoding)) for encoding in candidates]
    encoding, bad, good = max(scored, key=lambda item: (item[2] - len(item[1]), item[0] == "utf-8"))
    if good == 0 or good < len(bad):
        best = from_bytes(data).best()
        if best is not None and best.encoding not in (None, "utf_8", "cp949", "euc_kr", "ascii"):
            raise InputError(f"{name}: looks like {best.encoding} text; expected UTF-8, UTF-8 with BOM or CP949/EUC-KR — re-save it as UTF-8")
        line, offset = min(scored[0][1].items())
        raise InputError(f"{name}, line {line}: invalid UTF-8 at byte {offset} and not CP949/EUC-KR either; expected a text file in UTF-8 or CP949 — re-save it as UTF-8")
    return Decoded(body.decode(encoding, errors="replace"), "utf-8-sig" if bom else encoding, bad)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text (in NFC) and encoding name of a Korean text file: UTF-8 (with or without BOM), CP949 (a superset of EUC-KR); any bad byte is an error naming its line."""
    decoded = decode_lenient(data, name)
    if decoded.bad:
        line, offset = min(decoded.bad.items())
        raise InputError(f"{name}, line {line}: invalid {decoded.encoding} bytes at byte {offset}; expected the whole file in one encoding — fix or re-save it as UTF-8")
    return _nfc(decoded.text), decoded.encoding


def one_line(text: str, limit: int = 200) -> str:
    """`text` fit for a one-line message: line breaks and other control characters shown as spaces, cut at `limit`."""
    flat = "".join(" " if not ch.isprintable() else ch for ch in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def header_names(header: list[str]) -> str:
    """The non-empty column names of a header, comma-separated on one line (for messages)."""
    return one_line(", ".join(h for h in header if h))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _nfc(text: str) -> str:
    """`text` in NFC: macOS writes Hangul decomposed (NFD: 한 as ᄒ+ᅡ+ᆫ), which matches no column name or word otherwise.

    ASCII is returned as is, and `unicodedata.normalize` returns text already in NFC after a quick check,
    so the common case costs little (10,000 BigKinds rows × 19 cells: ~0.05 s).
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _nfc_cells(cells: list[str]) -> list[str]:
    return [c if c.isascii() else unicodedata.normalize("NFC", c) for c in cells]


def _clean_header(header: list[str], name: str) -> list[str]:
    """Column names stripped and in NFC; an empty header or a name given twice is an error naming it.

    (A repeated name used to let the later column win silently: with two 일자 columns, every row was
    then rejected for an unparseable date.)
    """
    header = [_nfc(h.strip().lstrip("\ufeff")) for h in header]
    if not any(header):
        raise InputError(f"{name}, row 1: the header row is empty; expected column names on the first row")
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column and column in seen:
            raise InputError(
                f"{name}, row 1: column {one_line(repr(column), 80)} appears twice (columns {seen[column]} and {position}); "
                "expected each column name once — rename or delete one of them"
            )
        seen.setdefault(column, position)
    return header


def _pad(header: list[str], cells: list[str]) -> dict[str, str]:
    """Cells by column name; a short row is padded, cells beyond the header are dropped."""
    cells = cells[: len(header)] + [""] * (len(header) - len(cells))
    return dict(zip(header, cells, strict=True))


# Limits on what a workbook may expand to, checked on the zip's own declared sizes before any part is
# decompressed.  An .xlsx is a zip of XML: a BigKinds export of 20,000 rows is ~40 MB of XML compressed
# about 8:1; deflate can reach ~1,000:1, so a 2 MB "export" could ask for 2 GB of shared strings.
MAX_XLSX_EXPANDED = 2 << 30  # bytes of XML, all parts together
MAX_XLSX_RATIO = 200  # expanded : compressed, for a part that expands past RATIO_FLOOR
RATIO_FLOOR = 64 << 20
# A cell this long is not a news article (Excel itself stores at most 32,767 characters a cell; a long article is
# ~20,000): the row is rejected by name instead of being carried into every later stage.
MAX_CELL_CHARS = 10_000_000


def _cell_too_long() -> str:
    """The reason a row with an over-long cell is rejected (read at call time: the tests lower the limit)."""
    return f"cell longer than {MAX_CELL_CHARS:,} characters"


def check_xlsx_archive(data: bytes, name: str) -> None:
    """Refuse a workbook whose zip declares parts larger than the limits, before anything is decompressed.

    The check reads only the zip's central directory (the declared sizes), so a zip bomb costs nothing;
    python-calamine would otherwise inflate a sharedStrings part of any size into memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{name}: not an Excel workbook (.xlsx) ({type(exc).__name__}); expected the file as exported") from None
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_EXPANDED:
        raise InputError(
            f"{name}: the workbook expands to {total / 2**20:,.0f} MB when unzipped (limit {MAX_XLSX_EXPANDED / 2**20:,.0f} MB); "
            "refused unread — split the export into shorter periods or save it as CSV"
        )
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
            raise InputError(
                f"{name}: part {one_line(part.filename, 80)} expands {part.file_size / max(part.compress_size, 1):,.0f}-fold to "
                f"{part.file_size / 2**20:,.0f} MB (limit {MAX_XLSX_RATIO}-fold past {RATIO_FLOOR / 2**20:,.0f} MB), which no export does; "
                "refused unread as a possible zip bomb"
            )


def _xlsx_text(value: object) -> str:
    """A workbook cell as text, as openpyxl gave it before (so documents and digests did not change with the reader).

    calamine gives a date-formatted cell at midnight as a `date`; openpyxl gave a `datetime`, written
    ``2015-01-02 00:00:00``.  A whole float is written without ``.0`` (an id Excel turned into a number).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.isoformat()} 00:00:00"
    return _cell(value)


_TEXT_ONLY = frozenset({str})


def _reader_failure(exc: BaseException) -> bool:
    """Whether `exc` is the reader failing on the file: any Exception, or a Rust panic, which pyo3 raises as a
    `PanicException` deriving from BaseException (so it is not caught with Exception); never Ctrl-C or exit."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def read_xlsx(data: bytes, name: str) -> Sheet:
    """The first worksheet of a workbook, every cell as text, header on row 1, read with python-calamine.

    calamine (Rust) reads the cells that are there, so Apache POI's ``<dimension ref="A1"/>``
    (which BigKinds writes whatever the sheet holds) does not truncate the sheet, and it is
    ~2.7× faster than openpyxl: a 10,000-row POI export in 0.25 s, was 0.6 s with the hand-written
    openpyxl fast path (bench/documents.py).  Row numbers are the sheet's, empty rows are skipped.
    """
    import python_calamine

    if _blank(data):
        raise InputError(f"{name}: the file is empty")
    check_xlsx_archive(data, name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine's errors (zip, XML, password) and anything its Rust side rejects
        if not _reader_failure(exc):
            raise
        raise InputError(f"{name}: not an Excel workbook (.xlsx) ({type(exc).__name__}); expected the file as exported") from None
    try:
        worksheets = [i for i, meta in enumerate(book.sheets_metadata) if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        if not worksheets:
            raise InputError(f"{name}: the workbook has no sheet; expected a header row and data rows")
        sheet = book.get_sheet_by_index(worksheets[0])
        # from A1 (not the first used cell), so row numbers are the ones the researcher sees
        values = sheet.to_python(skip_empty_area=False)
    except InputError:
        raise
    except BaseException as exc:
        if not _reader_failure(exc):
            raise
        raise InputError(f"{name}: the workbook's sheet cannot be read ({type(exc).__name__}: {one_line(str(exc), 120)}); expected the file as exported") from None
    finally:
        book.close()
    if not values or not any(c != "" for row in values for c in row):
        raise InputError(f"{name}: the first sheet is empty; expected a header row and data rows")
    first = [_xlsx_text(v) for v in values[0]]
    while first and first[-1] == "":  # calamine pads every row to the widest; the header ends at its last name
        first.pop()
    header = _clean_header(first, name)
    rows: list[Row] = []
    skipped: list[Skipped] = []
    numeric: Counter = Counter()
    for number, raw in enumerate(values[1:], start=2):
        if set(map(type, raw)) <= _TEXT_ONLY:  # a row as BigKinds writes it: every cell text, nothing to convert or count
            cells = raw
        else:
            for column, value in zip(header, raw, strict=False):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numeric[column] += 1
            cells = [_xlsx_text(v) for v in raw]
        # The row's checks on one joined string, at C speed (per cell they were a third of reading a 10k export):
        # "\n" is whitespace, and a starter that composes with nothing, so the row is blank iff the joined text is,
        # and in NFC iff the joined text is.
        joined = "\n".join(cells)
        if not joined.strip():
            continue
        long = next((i for i, c in enumerate(cells) if len(c) > MAX_CELL_CHARS), None) if len(joined) > MAX_CELL_CHARS else None
        if long is not None:
            column = header[long] if long < len(header) and header[long] else f"#{long + 1}"
            skipped.append(Skipped(number, _cell_too_long(), f"column {column}, {len(cells[long]):,} characters", unit="row"))
            continue
        if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
            cells = _nfc_cells(cells)
        rows.append(Row(number, _pad(header, cells)))
    return Sheet(_nfc(sheet.name), header, rows, skipped, numeric=dict(numeric))


def _field_limit(length: int) -> int:
    """The csv field-size limit for a text of `length` characters: any article (the module default, 131,072 chars,
    rejects long ones), but not past `MAX_CELL_CHARS`, where the file is refused rather than read."""
    return min(max(csv.field_size_limit(), length + 1), MAX_CELL_CHARS)  # csv allows a field of exactly the limit


def read_delimited(data: bytes, name: str, delimiter: str | None = None) -> Sheet:
    """A CSV or TSV file with a header line; the delimiter is sniffed from the header when not given.

    A row holding bytes invalid in the file's encoding is skipped and listed in
    `Sheet.skipped` with its line and byte offset, like any other unreadable row.
    """
    if _blank(data):
        raise InputError(f"{name}: the file is empty")
    encoding = _valid_utf8(data)
    if encoding is not None:  # decoded as the rows are read: no whole text beside the rows
        bad: dict[int, int] = {}
        start = 3 if encoding == "utf-8-sig" else 0
        end = data.find(b"\n", start)
        first_line = data[start : end if end >= 0 else len(data)].decode("utf-8")
        stream: io.TextIOBase = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        length = len(data)  # at least the number of characters
    else:
        decoded = decode_lenient(data, name)
        encoding, bad, text = decoded.encoding, decoded.bad, decoded.text
        first_line = text[: text.find("\n")] if "\n" in text else text
        stream, length = io.StringIO(text, newline=""), len(text)
        del decoded, text
    if delimiter is None:
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(stream, delimiter=delimiter)
    previous_limit = csv.field_size_limit(_field_limit(length))
    rows: list[Row] = []
    skipped: list[Skipped] = []
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{name}: the file is empty")
        if 1 in bad:
            raise InputError(f"{name}, line 1: invalid {encoding} bytes in the header at byte {bad[1]}; expected column names")
        header = _clean_header(header, name)
        start = reader.line_num + 1
        for cells in reader:
            # reader.line_num is the line the row ended on; a row with embedded newlines started at `start`
            end = reader.line_num
            bad_line = next((line for line in range(start, end + 1) if line in bad), None)
            start = end + 1
            if bad_line is not None:
                skipped.append(Skipped(bad_line, f"invalid {encoding} bytes", f"byte {bad[bad_line]}"))
                continue
            if not any(c.strip() for c in cells):
                continue
            rows.append(Row(end, _pad(header, _nfc_cells(cells))))
    except csv.Error as exc:
        if "field limit" in str(exc):  # the parser cannot resynchronise after it, so the file is refused, not the row
            raise InputError(f"{name}, line {reader.line_num}: a cell longer than {MAX_CELL_CHARS:,} characters, which no article is; refused") from None
        raise InputError(f"{name}, line {reader.line_num}: not valid CSV ({exc})") from None
    finally:
        csv.field_size_limit(previous_limit)
    return Sheet(Path(name).stem, header, rows, skipped, encoding=encoding)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object's pairs as a dict; a key given twice is an error (`json` would keep the later value silently)."""
    record = dict(pairs)
    if len(record) != len(pairs):
        key = next(k for i, (k, _) in enumerate(pairs) if any(k == other for other, _ in pairs[:i]))
        raise ValueError(f"key {one_line(repr(key), 80)} given twice")
    return record


def read_jsonl(data: bytes, name: str) -> Sheet:
    """JSON Lines: one object a line; keys become columns, values are read as text; a broken line is skipped and listed.

    A file that is valid UTF-8 is decoded a line at a time; any other goes through `decode_lenient`.
    Either way lines are produced one at a time, so a large export is not held as bytes, text and
    a list of lines at once besides its rows (at 100k full-length articles each copy is ~0.4 GB).
    """
    if _blank(data):
        raise InputError(f"{name}: the file is empty")
    encoding = _valid_utf8(data)
    if encoding is not None:
        bad: dict[int, int] = {}
        lines = _byte_lines(data, 3 if encoding == "utf-8-sig" else 0)
    else:
        decoded = decode_lenient(data, name)
        encoding, bad, lines = decoded.encoding, decoded.bad, _text_lines(decoded.text)
    rows: list[Row] = []
    skipped: list[Skipped] = []
    header: dict[str, None] = {}
    for number, line in lines:
        if not line.strip():
            continue
        if number in bad:
            skipped.append(Skipped(number, f"invalid {encoding} bytes", f"byte {bad[number]}"))
            continue
        try:
            record = json.loads(line, object_pairs_hook=_unique_keys)
        except ValueError as exc:
            skipped.append(Skipped(number, "not a JSON object", str(exc.args[0])[:120] if exc.args else ""))
            continue
        except RecursionError:
            skipped.append(Skipped(number, "not a JSON object", "nested too deeply"))
            continue
        if not isinstance(record, dict):
            skipped.append(Skipped(number, "not a JSON object", f"got {type(record).__name__}"))
            continue
        cells = {_nfc(str(k)): _nfc(_cell(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False)) for k, v in record.items()}
        if len(cells) != len(record):  # two keys that differ only in Unicode form (NFD and NFC 일자)
            skipped.append(Skipped(number, "not a JSON object", "a key given twice (once decomposed, as macOS writes Hangul)"))
            continue
        long = next((k for k, v in cells.items() if len(v) > MAX_CELL_CHARS), None)
        if long is not None:
            skipped.append(Skipped(number, _cell_too_long(), f"key {one_line(repr(long), 80)}, {len(cells[long]):,} characters"))
            continue
        for key in cells:
            header.setdefault(key, None)
        rows.append(Row(number, cells))
    return Sheet(Path(name).stem, list(header), rows, skipped, encoding=encoding)


def _blank(data: bytes) -> bool:
    """`not data.strip()` without the copy `strip` makes of a file that ends in a line break."""
    return not data or data.isspace()


_VALIDATE_BYTES = 1 << 24


def _valid_utf8(data: bytes) -> str | None:
    """"utf-8" or "utf-8-sig" (as `decode_lenient` names them) for a file that is valid UTF-8, else None; checked a block at a time."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for block in range(start, len(data), _VALIDATE_BYTES):
            decoder.decode(view[block : block + _VALIDATE_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return "utf-8-sig" if start else "utf-8"


def _byte_lines(data: bytes, start: int) -> Iterator[tuple[int, str]]:
    """Numbered lines of UTF-8 `data` from byte `start`, split on the byte 0x0A (never part of another character in UTF-8)."""
    number = 1
    while (end := data.find(b"\n", start)) >= 0:
        yield number, data[start:end].decode("utf-8")
        start, number = end + 1, number + 1
    yield number, data[start:].decode("utf-8")


def _text_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines split on "\\n" only (str.splitlines would also split on U+2028 and friends inside JSON strings)."""
    start, number = 0, 1
    while (end := text.find("\n", start)) >= 0:
        yield number, text[start:end]
        start, number = end + 1, number + 1
    yield number, text[start:]


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


_MAGIC = re.compile(r"[*?[]")


def _matches(folder: Path, parts: tuple[str, ...], seen: set[tuple[str, int]], hidden: bool) -> Iterator[Path]:
    """Paths under `folder` matching the glob components `parts` (``**`` = any number of folders), as `glob` finds them.

    Unlike `glob.glob(recursive=True)`, which follows a folder symlink every time it meets it (two links
    to ``.`` made ``d/**/*.xlsx`` run forever: d/a/b/a/b/…), a folder is entered at most once for each
    remaining pattern — `seen` holds its resolved path — so the walk is proportional to the files.
    Names starting with a dot match only a component that starts with one, unless `hidden`.
    """
    if not parts or (os.path.realpath(folder), len(parts)) in seen:
        return
    seen.add((os.path.realpath(folder), len(parts)))
    head, tail = parts[0], parts[1:]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # unreadable or vanished folder: glob skips it too
        return
    if head == "**":
        if tail:
            yield from _matches(folder, tail, seen, hidden)
        for entry in entries:
            if not hidden and entry.name.startswith("."):
                continue
            if not tail:
                yield Path(entry.path)
            if entry.is_dir():
                yield from _matches(Path(entry.path), parts, seen, hidden)
        return
    for entry in entries:
        if entry.name.startswith(".") and not (hidden or head.startswith(".")):
            continue
        if not fnmatch.fnmatch(entry.name, head):
            continue
        if not tail:
            yield Path(entry.path)
        elif entry.is_dir():
            yield from _matches(Path(entry.path), tail, seen, hidden)


def _glob(pattern: Path) -> list[Path]:
    """The paths a glob pattern names, sorted; the walk of `_matches` from the pattern's last literal folder."""
    parts = pattern.parts
    first = next((i for i, part in enumerate(parts) if _MAGIC.search(part)), None)
    if first is None:  # no wildcard: the path itself, if it is there
        return [pattern] if pattern.exists() else []
    base = Path(*parts[:first]) if first else Path(".")
    found = _matches(base, parts[first:], set(), hidden=False) if base.is_dir() else iter(())
    return sorted(dict.fromkeys(found), key=str)


def expand_paths(patterns: list[str], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named by paths, globs or folders (a folder contributes its files with one of `suffixes`), sorted, unique.

    Folder symlinks are followed once each (a link loop ends, see `_matches`).
    """
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern).expanduser()
        if _MAGIC.search(pattern):
            matches = _glob(path)
            if not matches:
                raise InputError(f"{pattern}: no file matches this pattern")
            found += [p for p in matches if p.is_file()]
        elif path.is_dir():
            inside = _matches(path, ("**", "*"), set(), hidden=True)
            found += sorted((p for p in dict.fromkeys(inside) if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$"))), key=str)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{pattern}: file or folder not found")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def source_files(patterns: list[str], suffixes: tuple[str, ...], what: str) -> list[Path]:
    """The files `patterns` name; a folder holding none with one of `suffixes` is an error naming it, never an empty collection.

    (An empty folder used to pass silently in a study that already had data.)  `what` names the
    expected files in the message, e.g. "BigKinds export files".
    """
    found: list[Path] = []
    for pattern in patterns:
        matches = expand_paths([pattern], suffixes)
        if not matches and Path(pattern).expanduser().is_dir():
            raise InputError(f"{Path(pattern).expanduser()}: no {what} in this folder; expected files ending in {', '.join(suffixes)}")
        found += matches
    return list(dict.fromkeys(found))
