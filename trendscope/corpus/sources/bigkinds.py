"""BigKinds (빅카인즈) news-search exports: the .xlsx the site exports, or a CSV re-saved from one.

An export has one sheet, the header on row 1 and 19 columns; every cell is text.
Users export period by period (NewsResult_20150101-20151231.xlsx), so several
files are merged: an article (뉴스 식별자) in two files is kept once, and gaps
between the periods the files cover are reported.  Rows BigKinds flags in
분석제외 여부 (예외, 중복) are left out unless `include_flagged` is set.

Export bodies (본문) are excerpts of at most 200 characters, not full articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from trendscope.config import BigKindsSourceConfig, StudyConfig
from trendscope.corpus.dates import DateParseError, date_range_in_name, excel_serial_date, parse_korean_date
from trendscope.corpus.imports import RowProblems, display_name, file_label, import_file, raw_name, resolve_query
from trendscope.corpus.readers import Sheet, header_names, read_table, source_files
from trendscope.corpus.schema import Document, make_doc_id
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawFile, RawStore
from trendscope.errors import InputError

COLUMNS: tuple[str, ...] = (
    "뉴스 식별자", "일자", "언론사", "기고자", "제목", "통합 분류1", "통합 분류2", "통합 분류3",
    "사건/사고 분류1", "사건/사고 분류2", "사건/사고 분류3", "인물", "위치", "기관", "키워드",
    "특성추출(가중치순 상위 50개)", "본문", "URL", "분석제외 여부",
)
REQUIRED: tuple[str, ...] = ("뉴스 식별자", "일자", "제목", "본문")
# The site's title-only export (기사 목록: date, outlet, title), usually CSV in CP949, sometimes UTF-8 with BOM.
TITLE_ONLY: tuple[str, ...] = ("일자", "언론사", "제목")
TITLE_ONLY_NOTE = (
    "title-only BigKinds export (columns 일자, 언론사, 제목): documents have titles and no body, "
    "so the study is title-only; export the full news list (19 columns) for titles with body excerpts"
)
SUFFIXES = (".xlsx", ".csv")
EXCERPT_NOTE = (
    "BigKinds exports hold only an excerpt of each article body (본문, at most 200 characters); "
    "counts and keywords reflect titles and these excerpts, not full articles"
)
# The columns a document is made of (본문 is read as it is, not stripped); the others are not looked at.
_READ: tuple[str, ...] = ("뉴스 식별자", "일자", "언론사", "제목", "통합 분류1", "인물", "기관", "키워드", "URL", "분석제외 여부")
_STUB = re.compile(r"^\s*[\[【(<]\s*(사진|포토|영상|동영상|그래픽|사진기사|포토뉴스|화보|만평)[^\]】)>]{0,10}[\]】)>]\s*$")


@dataclass
class ParsedExport:
    documents: list[Document] = field(default_factory=list)
    flagged: Counter = field(default_factory=Counter)
    stubs: int = 0
    dates: tuple[dt.date, dt.date] | None = None
    problems: RowProblems | None = None
    title_only: bool = False
    notes: list[str] = field(default_factory=list)


def export_layout(header: list[str]) -> str | None:
    """'full' for the 19-column news export, 'title-only' for the 3-column list, None for anything else."""
    if all(c in header for c in REQUIRED):
        return "full"
    if all(c in header for c in TITLE_ONLY) and "본문" not in header:
        return "title-only"
    return None


def numeric_note(name: str, numeric: dict[str, int], *, serial_days: int = 0, undated: int = 0) -> str | None:
    """One line for a workbook whose ids or dates are stored as numbers (re-saved in Excel), or None.

    What it says of 일자 is what happened to it: read from YYYYMMDD numbers, read as Excel day numbers
    (`serial_days` cells), or — when `undated` rows have no readable date — nothing, as the rejection
    of those rows is reported on its own (doctor said both "read from the numbers" and "rejected").
    """
    columns = [c for c in ("뉴스 식별자", "일자") if numeric.get(c)]
    if not columns:
        return None
    what = ", ".join(f"{c} ({numeric[c]} cells)" for c in columns)
    consequences = []
    if "뉴스 식별자" in columns:
        consequences.append("leading zeros and digits beyond the 15th are lost, so 뉴스 식별자 may not match other exports of the same articles")
    if serial_days:
        consequences.append(f"{serial_days} 일자 cells held Excel day numbers (42006 for 2015-01-02) and were read as those dates")
    elif "일자" in columns and not undated and "뉴스 식별자" not in columns:
        consequences.append("the dates were read from the numbers")
    consequence = "; ".join(consequences) or "the numbers are read as written"
    return f"{name}: column {what} stored as numbers — the file was re-saved in Excel; {consequence}; use the file as BigKinds exported it"


def export_date(value: str, *, serial: bool) -> tuple[dt.date, bool]:
    """A row's 일자 and whether it was an Excel day number (tried only when the workbook stored 일자 as numbers)."""
    date = excel_serial_date(value) if serial else None
    return (date, True) if date is not None else (parse_korean_date(value), False)


def _flag_key(value: str) -> str:
    """'중복, 예외' and '예외,중복' are the same flag set."""
    return ", ".join(sorted(part.strip() for part in value.split(",") if part.strip()))


def parse_export(data: bytes, name: str, query: str, *, include_flagged: bool = False, strict: bool = False, suffix: str | None = None) -> ParsedExport:
    """Documents of one export file; rows that cannot be read are counted (or raise with `strict`)."""
    return export_documents(read_table(data, name, suffix), name, query, include_flagged=include_flagged, strict=strict)


def export_documents(sheet: Sheet, name: str, query: str, *, include_flagged: bool = False, strict: bool = False) -> ParsedExport:
    """Documents of one export file as the reader gave it (`parse_export` reads it first); `name` names it in messages."""
    layout = export_layout(sheet.header)
    missing = [c for c in REQUIRED if c not in sheet.header]
    if layout is None:
        raise InputError(
            f"{name}, row 1: missing column {', '.join(repr(c) for c in missing)}; expected a BigKinds news export "
            f"(columns {', '.join(COLUMNS[:5])}, …) or a title-only list ({', '.join(TITLE_ONLY)}); found {header_names(sheet.header)}"
        )
    if not sheet.rows and not sheet.skipped:
        raise InputError(f"{name}: no data rows below the header")
    parsed = ParsedExport(problems=RowProblems(name, strict), title_only=layout == "title-only")
    problems = parsed.problems
    problems.skip(sheet.skipped)
    serial, serial_days, undated = bool(sheet.numeric.get("일자")), 0, 0
    low = high = None
    for row in sheet.rows:
        cells = {c: (row.cells[c] or "").strip() for c in _READ if c in row.cells}
        news_id = cells.get("뉴스 식별자", "")
        if parsed.title_only:
            # no identifier in this layout: an article is its date, outlet and title
            news_id = "title-only:" + "|".join(cells.get(c, "") for c in TITLE_ONLY)
        if not news_id:
            problems.reject("empty 뉴스 식별자", row.number, "뉴스 식별자")
            continue
        try:
            date, was_serial = export_date(cells.get("일자", ""), serial=serial)
        except DateParseError as exc:
            undated += 1
            problems.reject("unparseable 일자", row.number, "일자", str(exc))
            continue
        serial_days += was_serial
        title, body = cells.get("제목", ""), row.cells.get("본문", "") or ""
        if not title and not body.strip():
            problems.reject("empty 제목" if parsed.title_only else "empty 제목 and 본문", row.number, "제목" if parsed.title_only else "본문")
            continue
        low, high = min(low or date, date), max(high or date, date)
        flag = _flag_key(cells.get("분석제외 여부", ""))
        if flag:
            parsed.flagged[flag] += 1
            if not include_flagged:
                continue
        if _STUB.match(body):
            parsed.stubs += 1
            body = ""
        parsed.documents.append(
            Document(
                doc_id=make_doc_id("bigkinds", news_id),
                query=query,
                date=date,
                year=date.year,
                source="bigkinds",
                outlet=cells.get("언론사") or None,
                title=title,
                body=body.strip(),
                url=cells.get("URL") or None,
                category=cells.get("통합 분류1") or None,
                source_keywords=cells.get("키워드") or None,
                people=cells.get("인물") or None,
                organizations=cells.get("기관") or None,
            )
        )
    note = numeric_note(name, sheet.numeric, serial_days=serial_days, undated=undated)
    if note:
        parsed.notes.insert(0, note)
    if not parsed.documents and not parsed.flagged:
        raise InputError(f"{name}: no readable rows — {problems.summary() or 'every row is empty'}")
    parsed.dates = (low, high) if low else None
    return parsed


def coverage_gaps(periods: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Stretches of days that no period covers, between the first start and the last end."""
    gaps, covered_to = [], None
    for start, end in sorted(periods):
        if covered_to is not None and start > covered_to + dt.timedelta(days=1):
            gaps.append((covered_to + dt.timedelta(days=1), start - dt.timedelta(days=1)))
        covered_to = end if covered_to is None else max(covered_to, end)
    return gaps


def _section(config: StudyConfig) -> BigKindsSourceConfig:
    return config.sources.bigkinds or BigKindsSourceConfig()


class BigKindsSource:
    name = "bigkinds"
    read_settings = ("include_flagged", "strict")  # the section's fields `read` uses (the documents stage keys on these only)

    def collect(self, config: StudyConfig, store: RawStore) -> CollectReport:
        """Check each export and copy it into data/raw/bigkinds/<query>/ (a file already there is skipped)."""
        section, report = _section(config), CollectReport(self.name)
        for path in source_files(section.paths, SUFFIXES, "BigKinds export files"):
            query = resolve_query(path, config, query=section.query, patterns=section.queries, source=self.name)
            data = path.read_bytes()
            relative = raw_name(self.name, query, path.name, data)
            if store.intact(relative):
                continue
            sheet = read_table(data, file_label(path))
            parsed = export_documents(sheet, file_label(path), query, include_flagged=True, strict=section.strict)
            period = date_range_in_name(file_label(path.name)) or parsed.dates
            params = {"rows": len(parsed.documents), "period": [d.isoformat() for d in period] if period else None}
            entry = import_file(store, relative, data, source=self.name, query=query, original=path, params=params)
            if store.sheets is not None:  # read once: the documents stage of this run takes these rows
                store.sheets.keep(entry.sha256, sheet)
            report.files_added.append(relative)
        return report

    def read(self, config: StudyConfig, files: list[RawFile], report: CollectReport, store: RawStore | None = None) -> Iterator[Document]:
        section = _section(config)
        wanted = set(config.query_keys)
        periods: dict[str, list[tuple[dt.date, dt.date]]] = {}
        store = store or RawStore(config.paths.raw)
        stubs, title_only = 0, False
        for entry in files:
            if entry.query not in wanted:
                continue
            parsed = export_documents(store.read_sheet(entry, display_name(entry)), display_name(entry), entry.query, include_flagged=section.include_flagged, strict=section.strict)
            for flag, n in parsed.flagged.items():
                key = f"분석제외 여부 = {flag}" + (" (kept)" if section.include_flagged else "")
                report.excluded[key] = report.excluded.get(key, 0) + n
            for reason, n in parsed.problems.counts.items():
                report.rejected[reason] = report.rejected.get(reason, 0) + n
                report.notes.append(f"rejected: {parsed.problems.first[reason]}")
            stubs += parsed.stubs
            title_only = title_only or parsed.title_only
            report.notes.extend(parsed.notes)
            period = date_range_in_name(str(entry.params.get("original", ""))) or parsed.dates
            if period:
                periods.setdefault(entry.query, []).append(period)
            yield from parsed.documents
        if title_only:
            report.notes.append(TITLE_ONLY_NOTE)
        elif files:
            report.notes.append(EXCERPT_NOTE)
        if stubs:
            report.notes.append(f"{stubs} stub rows (e.g. [사진기사]) kept by title with an empty body")
        for query, spans in sorted(periods.items()):
            for start, end in coverage_gaps(spans):
                report.notes.append(f"gap in {query}: no BigKinds export covers {start.isoformat()} – {end.isoformat()}")
