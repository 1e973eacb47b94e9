"""`trendscope doctor`: what an input file is and what importing it will run into, without importing it.

Researchers bring exports whose form they cannot see (a BigKinds workbook
re-saved in Excel looks the same on screen, a CP949 CSV looks the same as a
UTF-8 one), and each form fails or degrades differently.  The doctor reads a
file with the same readers `collect` uses and reports, in one screen: the form
it detected, the encoding, rows, date range and rows per year, flagged rows,
the columns it will use, and the problems an import will hit.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from trendscope.corpus.dates import DateParseError, date_in_name
from trendscope.corpus.imports import file_label
from trendscope.corpus.readers import Sheet, decode_lenient, header_names, read_table
from trendscope.corpus.sources.bigkinds import COLUMNS, EXCERPT_NOTE, REQUIRED, TITLE_ONLY_NOTE, _flag_key, export_date, export_layout, numeric_note
from trendscope.errors import TrendscopeError

DATE_NAMES = ("일자", "날짜", "date", "pubDate", "published", "작성일", "기사일자")
TEXT_NAMES = ("본문", "text", "body", "content", "내용", "description")
TITLE_NAMES = ("제목", "title", "headline")
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".ndjson")


@dataclass
class Diagnosis:
    """What one input (a file, or a folder of .txt files) holds and what importing it will run into."""

    path: str
    format: str = "unknown"
    encoding: str | None = None
    rows: int = 0
    dates: tuple[dt.date, dt.date] | None = None
    per_year: dict[int, int] = field(default_factory=dict)
    undated: int = 0
    flagged: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def readable(self) -> bool:
        return self.error is None


def _xlsx_form(data: bytes) -> str:
    """'POI form' for a BigKinds export as the site writes it, else 'workbook' (re-saved forms are told by their numbers)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
            if not sheets:
                return "workbook"
            with archive.open(sheets[0]) as handle:
                head = handle.read(4096)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "workbook"
    return "POI form" if b'<dimension ref="A1"/>' in head and b'inlineStr' in head else "workbook"


# Columns only a BigKinds export has: 날짜/제목/본문 are what any news table is called, so a CSV with those
# (and no 뉴스 식별자) is a generic table, not "a BigKinds export missing '뉴스 식별자'".
_BIGKINDS_ONLY = frozenset(COLUMNS) - {"일자", "언론사", "제목", "본문", "URL", "키워드", "인물", "위치", "기관"}


def _bigkinds_like(header: list[str], required_present: list[str]) -> bool:
    """A table that is probably a damaged BigKinds export: it names 뉴스 식별자, or two columns only BigKinds writes."""
    return len(required_present) >= 2 and ("뉴스 식별자" in header or len(_BIGKINDS_ONLY.intersection(header)) >= 2)


def _pick(header: list[str], wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted:
        return wanted if wanted in header else None
    lowered = {h.lower(): h for h in header}
    return next((lowered[n.lower()] for n in names if n.lower() in lowered), None)


def _date_stats(diagnosis: Diagnosis, values: list[str], *, serial: bool = False) -> int:
    """Fill in the years and date range; the number of dates read as Excel day numbers (only tried with `serial`)."""
    years: Counter = Counter()
    low = high = None
    serial_days = 0
    for value in values:
        try:
            date, was_serial = export_date(value, serial=serial)
        except DateParseError:
            diagnosis.undated += 1
            continue
        serial_days += was_serial
        years[date.year] += 1
        low, high = min(low or date, date), max(high or date, date)
    diagnosis.per_year = dict(sorted(years.items()))
    diagnosis.dates = (low, high) if low else None
    return serial_days


def same_title_note(sheet: Sheet, days: int = 7) -> str | None:
    """One line on the rows that repeat an earlier row's title within `days` days (press-release copies the
    import links as duplicates, corpus/dedup.py), with the most copied title; None when there are none."""
    import pandas as pd

    from trendscope.corpus.dedup import mark_title_duplicates, title_copy_examples

    rows = []
    for number, row in enumerate(sheet.rows):
        try:
            date, _serial = export_date(row.cells.get("일자", "") or "", serial=True)
        except DateParseError:
            continue
        rows.append({"doc_id": str(number), "query": "-", "date": date, "title": row.cells.get("제목") or "", "outlet": row.cells.get("언론사") or None})
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    linked = mark_title_duplicates(frame, days)
    if not linked.notna().any():
        return None
    (top,) = title_copy_examples(frame, linked, top=1)
    return (f"{int(linked.notna().sum())} row(s) repeat the title of a row at most {days} days earlier (press-release copies, linked as duplicates "
            f"on import; dedup.title_days), e.g. {top['title']!r} ({top['date']}) + {top['copies']} in {', '.join(top['outlets'])}")


def _diagnose_sheet(diagnosis: Diagnosis, sheet: Sheet, suffix: str, data: bytes, date_col: str | None, text_col: str | None) -> None:
    name = diagnosis.path
    diagnosis.rows = len(sheet.rows)
    diagnosis.encoding = sheet.encoding
    layout = export_layout(sheet.header)
    kind = suffix.lstrip(".").upper()
    serial = layout is not None and bool(sheet.numeric.get("일자"))  # a BigKinds 일자 stored as numbers may hold Excel day numbers
    if layout is not None:
        if suffix == ".xlsx":
            form = "re-saved in Excel" if sheet.numeric else _xlsx_form(data)
            form = {"workbook": "openpyxl or other writer"}.get(form, form)
            diagnosis.format = f"BigKinds export (xlsx, {form})"
        else:
            diagnosis.format = f"BigKinds {'title-only list' if layout == 'title-only' else 'export'} ({kind})"
        date, text, title = "일자", (None if layout == "title-only" else "본문"), "제목"
        flags = Counter(_flag_key(r.cells.get("분석제외 여부", "")) for r in sheet.rows)
        diagnosis.flagged = {k: v for k, v in sorted(flags.items()) if k}
        diagnosis.columns = {"id": "뉴스 식별자" if layout == "full" else "(일자, 언론사, 제목)", "date": date, "title": title,
                             "text": text or "(none: title-only)", "outlet": "언론사"}
        if layout == "full":
            diagnosis.columns.update({"url": "URL", "category": "통합 분류1", "keywords": "키워드"})
            diagnosis.problems.append(EXCERPT_NOTE)
            copies = same_title_note(sheet)
            if copies:
                diagnosis.problems.append(copies)
        else:
            diagnosis.problems.append(TITLE_ONLY_NOTE)
    else:
        partial = [c for c in REQUIRED if c in sheet.header]
        diagnosis.format = f"generic {kind}"
        date = _pick(sheet.header, date_col, DATE_NAMES)
        text = _pick(sheet.header, text_col, TEXT_NAMES)
        title = _pick(sheet.header, None, TITLE_NAMES)
        diagnosis.columns = {k: v for k, v in {"date": date, "text": text, "title": title}.items() if v}
        if _bigkinds_like(sheet.header, partial):
            missing = [c for c in REQUIRED if c not in sheet.header]
            diagnosis.problems.append(f"looks like a BigKinds export but is missing column {', '.join(repr(c) for c in missing)}")
        for role, column, flag in (("date", date, "--date-col"), ("text", text, "--text-col")):
            if column is None:
                wanted = date_col if role == "date" else text_col
                what = f"no column {wanted!r}" if wanted else f"no {role} column found"
                diagnosis.problems.append(f"{what}; name it with {flag} (columns: {header_names(sheet.header)})")
    if date:
        serial_days = _date_stats(diagnosis, [r.cells.get(date, "") for r in sheet.rows], serial=serial)
        if layout is not None:  # what the note says of 일자 depends on whether the dates were read
            note = numeric_note(name, sheet.numeric, serial_days=serial_days, undated=diagnosis.undated)
            if note:
                diagnosis.problems.append(note.removeprefix(f"{name}: "))
        if diagnosis.undated:
            diagnosis.problems.append(f"{diagnosis.undated} row(s) with no readable date in {date}: they will be rejected")
    if sheet.skipped:
        reasons = Counter(s.reason for s in sheet.skipped)
        first = sheet.skipped[0]
        diagnosis.problems.append(
            f"{len(sheet.skipped)} unreadable row(s) will be skipped ({', '.join(f'{n} × {r}' for r, n in sorted(reasons.items()))}; "
            f"first at {first.unit} {first.number}{', ' + first.detail if first.detail else ''})"
        )
    if sheet.encoding == "cp949":
        diagnosis.problems.append("encoded in CP949 (EUC-KR): read correctly here, but other tools may need it re-saved as UTF-8")


def _diagnose_folder(diagnosis: Diagnosis, folder: Path) -> None:
    texts = sorted(p for p in folder.rglob("*.txt") if not p.name.startswith("."))
    diagnosis.format = "folder of .txt files"
    diagnosis.rows = len(texts)
    diagnosis.columns = {"date": "(file name)", "title": "(first line)", "text": "(the rest)"}
    if not texts:
        diagnosis.error = f"{folder}: no .txt files in this folder"
        return
    dates, encodings, undecodable = [], Counter(), 0
    for path in texts:
        date = date_in_name(path.name)
        dates.append(date.isoformat() if date else "")
        try:
            decoded = decode_lenient(path.read_bytes(), file_label(path))
            encodings[decoded.encoding] += 1
            undecodable += bool(decoded.bad)
        except TrendscopeError:
            undecodable += 1
    diagnosis.encoding = ", ".join(f"{e} ({n})" for e, n in encodings.most_common())
    _date_stats(diagnosis, dates)
    if diagnosis.undated:
        diagnosis.problems.append(f"{diagnosis.undated} file(s) with no date in the name (expected 20150102_제목.txt): they will be rejected")
    if undecodable:
        diagnosis.problems.append(f"{undecodable} file(s) with bytes that are not UTF-8 or CP949 text")
    if encodings.get("cp949"):
        diagnosis.problems.append("some files are in CP949 (EUC-KR): read correctly here, but other tools may need UTF-8")


def diagnose(path: Path, *, date_col: str | None = None, text_col: str | None = None) -> Diagnosis:
    """Inspect one input without importing it; an unreadable input gives a diagnosis with `error` set."""
    label = file_label(path)  # NFC, CP949 bytes decoded, line breaks escaped: one line in the table
    diagnosis = Diagnosis(label)
    try:
        if path.is_dir():
            _diagnose_folder(diagnosis, path)
            return diagnosis
        if not path.is_file():
            diagnosis.error = f"{label}: file or folder not found"
            return diagnosis
        suffix = path.suffix.lower()
        data = path.read_bytes()
        if suffix == ".txt":
            diagnosis.format = "text file (.txt)"
            diagnosis.encoding = decode_lenient(data, label).encoding
            diagnosis.rows = 1
            date = date_in_name(file_label(path.name))
            diagnosis.columns = {"date": "(file name)", "title": "(first line)", "text": "(the rest)"}
            _date_stats(diagnosis, [date.isoformat() if date else ""])
            if date is None:
                diagnosis.problems.append("no date in the file name (expected 20150102_제목.txt)")
            return diagnosis
        sheet = read_table(data, label, suffix if suffix in TABLE_SUFFIXES else None)
        _diagnose_sheet(diagnosis, sheet, suffix, data, date_col, text_col)
    except TrendscopeError as exc:
        diagnosis.error = str(exc)
    except OSError as exc:
        diagnosis.error = f"{label}: cannot be read ({exc.strerror or type(exc).__name__})"
    return diagnosis


def render_lines(diagnosis: Diagnosis) -> list[tuple[str, str]]:
    """(label, value) pairs for one diagnosis, in the order a person reads them; the CLI only styles them."""
    if diagnosis.error:
        return [("file", diagnosis.path), ("error", diagnosis.error)]
    lines = [("file", diagnosis.path), ("format", diagnosis.format), ("encoding", diagnosis.encoding or "-"), ("rows", f"{diagnosis.rows:,}")]
    if diagnosis.dates:
        lines.append(("dates", f"{diagnosis.dates[0].isoformat()} – {diagnosis.dates[1].isoformat()}"))
        lines.append(("per year", ", ".join(f"{y}: {n:,}" for y, n in diagnosis.per_year.items())))
    if diagnosis.flagged:
        lines.append(("flagged", ", ".join(f"분석제외 여부 = {k}: {n}" for k, n in diagnosis.flagged.items()) + " (left out unless include_flagged)"))
    lines.append(("columns", ", ".join(f"{role} ← {column}" for role, column in diagnosis.columns.items()) or "-"))
    lines += [("problem", problem) for problem in diagnosis.problems]
    return lines
