"""Tables as CSV (UTF-8 with BOM, so Excel opens Korean correctly), Markdown, and one finished workbook.

The CSVs keep stable ASCII column names for scripts.  The workbook is what a
researcher opens and pastes from, so it is formatted: a contents sheet with
each table's description, unit and formula; display-name headers, bold and
frozen with an auto-filter; number formats by column; column widths fitted to
the text, counting Hangul as two columns (openpyxl has no auto-fit and Excel's
own ignores double-width glyphs).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from trendscope.errors import OutputError
from trendscope.report.csvfile import write_csv
from trendscope.report.i18n import HEADINGS, Language, column_label, display_values
from trendscope.report.numbers import format_p

EXCEL_SHEET_MAX = 31
WIDTH_SAMPLE_ROWS = 500  # widths are fitted on the first rows: enough to see the shape, cheap on 10k-row edge lists
MAX_COLUMN_WIDTH = 60
CONTENTS_SHEET = {"ko": "목차", "en": "Contents"}
CONTENTS_HEADER = {
    "ko": ["시트", "표", "설명", "단위", "공식", "행 수"],
    "en": ["Sheet", "Table", "Description", "Unit", "Formula", "Rows"],
}
FORMAT_INTEGER, FORMAT_SCORE, FORMAT_P, FORMAT_PLAIN = "#,##0", "0.000", "0.00E+00", "0"
# Integer columns that are identifiers or years, not quantities: no thousands separator (2015, not 2,015).
_PLAIN_INTEGER = re.compile(r"(year|.*_year|rank|best_rank|topic|topic_a|topic_b|k|community|concor_block(_\d+)?|top_n|\d{4})")
_P_COLUMN = re.compile(r"(p|p_adj|.*_p)")

# Short, readable sheet names: (pattern over the table name, English template, Korean template). {0}, {1} are the
# captured parts (query keys: the user's own ASCII identifiers, kept as they are).
SHEET_NAMES: tuple[tuple[str, str, str], ...] = (
    (r"corpus_by_query_year_source", "corpus", "코퍼스"),
    (r"documents_by_source", "sources", "출처별 문서"),
    (r"cleaning_by_year", "cleaning", "정제"),
    (r"other_senses", "other_senses", "다른 뜻"),
    (r"volume_by_year", "volume", "문서 수"),
    (r"frequency_top(\d+)_by_year", "freq_top{0}", "빈도 상위{0}"),
    (r"tfidf_top(\d+)_by_year", "tfidf_top{0}", "TF-IDF 상위{0}"),
    (r"bigram_top(\d+)_by_year", "bigram_top{0}", "바이그램 상위{0}"),
    (r"frequency_top\d+_wide_(.+)", "freq_wide_{0}", "빈도 연도별 {0}"),
    (r"tfidf_top\d+_wide_(.+)", "tfidf_wide_{0}", "TF-IDF 연도별 {0}"),
    (r"keyness_periods_(.+)", "key_periods_{0}", "기간 특징어 {0}"),
    (r"keyness_(.+)_vs_rest", "key_{0}_rest", "특징어 {0} 대 나머지"),
    (r"keyness_(.+)_vs_(.+)", "key_{0}_{1}", "특징어 {0} {1}"),
    (r"trend_tests", "trend_tests", "추세 검정"),
    (r"emerging_terms", "emerging", "증가 단어"),
    (r"fading_terms", "fading", "감소 단어"),
    (r"episodes", "episodes", "에피소드"),
    (r"new_terms_by_year", "new_terms", "새 단어"),
    (r"convergence_by_year", "convergence", "수렴"),
    (r"convergence_trend", "convergence_trend", "수렴 추세"),
    (r"network_centrality_top(\d+)_by_year", "net_centrality_top{0}", "중심성 상위{0}"),
    (r"network_communities", "net_communities", "커뮤니티"),
    (r"network_edges", "net_edges", "네트워크 연결"),
    (r"network_distinct_top(\d+)", "net_distinct_top{0}", "고유 노드 상위{0}"),
    (r"network_rank_change_(.+)", "net_rank_{0}", "순위 변화 {0}"),
    (r"topics_k_selection", "topic_k", "토픽 수 선택"),
    (r"topics_terms_top(\d+)", "topic_terms_top{0}", "토픽 단어 상위{0}"),
    (r"topics_terms_by_year", "topic_terms_by_year", "연도별 토픽 단어"),
    (r"topics_prevalence_by_year", "topic_prevalence", "토픽 비중"),
    (r"topics_top_documents", "topic_top_docs", "토픽 대표 문서"),
    (r"topics_cross_query_similarity", "topic_similarity", "토픽 유사도"),
    (r"topics_alignment_by_year", "topic_alignment", "토픽 연도 대응"),
    (r"topics_stability", "topic_stability", "토픽 안정성"),
    (r"kwic_examples", "kwic", "용례"),
    (r"related_(.+)", "rel_{0}", "관련어 {0}"),
)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    """A named table with a note (what it holds, in the report language), and optionally the unit of its values and the formula behind them.

    `caption` is the one sentence the page shows as the table's title; without it the note stands in."""

    name: str
    frame: pd.DataFrame
    note: str = ""
    unit: str = ""
    formula: str = ""
    caption: str = ""


def p_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """p and p_adj as text that never reads 0 ('< 1e-300' where they underflow), for the page and the Markdown only:
    the CSVs and the workbook keep them as floats (text sorts "1.2e-05" after "0.04"), beside exact log10_ columns."""
    out = frame.copy()
    for column in ("p", "p_adj"):
        if column in out.columns and f"log10_{column}" in out.columns:
            out[column] = [format_p(p, lp) for p, lp in zip(out[column], out[f"log10_{column}"], strict=True)]
    return out


def infinite_columns(frame: pd.DataFrame) -> list[str]:
    """The float columns holding ±inf (a rate ratio over a zero count, say), in column order."""
    return [str(c) for c in frame.columns if pd.api.types.is_float_dtype(frame[c]) and np.isinf(frame[c].to_numpy(dtype=float, na_value=np.nan)).any()]


def without_infinity(table: Table, language: Language) -> Table:
    """The table with ±inf as empty cells and a sentence in its note naming the columns: Excel has no infinity (openpyxl
    writes 'inf', which Excel reports as a damaged file) and a CSV 'inf' is text to a spreadsheet."""
    columns = infinite_columns(table.frame)
    if not columns:
        return table
    frame = table.frame.copy()
    for column in columns:
        frame[column] = frame[column].mask(np.isinf(frame[column].to_numpy(dtype=float, na_value=np.nan)))
    labels = ", ".join(column_label(c, language) for c in columns)
    note = (table.note + " " if table.note else "") + HEADINGS[language]["infinite_note"].format(columns=labels)
    return replace(table, frame=frame, note=note)


def md_cell(value: object) -> str:
    """One Markdown table cell: raw HTML and pipes escaped, newlines folded, so a document title cannot inject markup or split the row."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def to_markdown(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""
    header = "| " + " | ".join(md_cell(str(c)) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows]) + "\n"


def _short_fallback(name: str) -> str:
    """A deterministic name for a table the mapping does not cover (or whose mapped name is too long): a prefix and a hash, never a bare cut."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"{_SHEET_FORBIDDEN.sub('_', name)[: EXCEL_SHEET_MAX - 7]}~{digest}"


def mapped_sheet_name(name: str, language: Language = "en") -> str | None:
    """The sheet name `SHEET_NAMES` gives `name` in `language`, or None when no entry matches or the result would exceed 31 characters."""
    for pattern, english, korean in SHEET_NAMES:
        match = re.fullmatch(pattern, name)
        if match:
            template = korean if language == "ko" else english
            result = _SHEET_FORBIDDEN.sub("_", template.format(*match.groups()))
            return result if len(result) <= EXCEL_SHEET_MAX else None
    return None


def sheet_names(names: list[str], *, reserved: tuple[str, ...] = (), language: Language = "en") -> dict[str, str]:
    """Excel sheet names: from `SHEET_NAMES`, at most 31 characters, unique (case-insensitively, as Excel compares them)."""
    result: dict[str, str] = {}
    used = {r.lower() for r in reserved}
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise OutputError(f"two tables share the name {duplicated[0]!r}; each table needs its own name (it is its CSV file name)")
    for name in names:
        candidate = mapped_sheet_name(name, language) or _short_fallback(name)
        if candidate.lower() in used:
            candidate = _short_fallback(name)
        used.add(candidate.lower())
        result[name] = candidate
    return result


def display_width(text: str) -> int:
    """Columns `text` takes in a spreadsheet: wide (Hangul, CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def number_format(column: str, series: pd.Series) -> str | None:
    """The Excel number format of a column: integers with thousands separators, scores to 3 decimals, p-values in scientific notation."""
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return None
    if _P_COLUMN.fullmatch(column):
        return FORMAT_P
    if pd.api.types.is_integer_dtype(series):
        return FORMAT_PLAIN if _PLAIN_INTEGER.fullmatch(column) else FORMAT_INTEGER
    finite = series.to_numpy(dtype=float, na_value=np.nan)
    finite = finite[np.isfinite(finite)]
    if len(finite) and (finite == np.round(finite)).all():  # counts stored as floats (a weighted degree of count weights): 772, not 772.000
        return FORMAT_INTEGER
    return FORMAT_SCORE


def _cell_text(value: object, fmt: str | None) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if fmt == FORMAT_INTEGER and isinstance(value, int | float):
        return f"{value:,.0f}"
    if fmt == FORMAT_SCORE and isinstance(value, int | float):
        return f"{value:.3f}"
    if fmt == FORMAT_P:
        return "0.00E+00"
    return str(value)


def _fit_widths(sheet: Worksheet, headers: list[str], frame: pd.DataFrame, formats: list[str | None]) -> None:
    sample = frame.head(WIDTH_SAMPLE_ROWS)
    for i, header in enumerate(headers):
        texts = [header] + [_cell_text(v, formats[i]) for v in sample.iloc[:, i]] if len(frame.columns) else [header]
        width = max(display_width(t) for t in texts) + 2
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(max(width, 6), MAX_COLUMN_WIDTH)


def _format_sheet(sheet: Worksheet, headers: list[str], frame: pd.DataFrame, formats: list[str | None]) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F3F5F8")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(frame) + 1, 1)}"
    for i, fmt in enumerate(formats):
        if fmt is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, max_row=len(frame) + 1, min_col=i + 1, max_col=i + 1):
            cell.number_format = fmt
    _fit_widths(sheet, headers, frame, formats)


def cells_as_text(sheet: Worksheet) -> None:
    """Store every text cell as a string: openpyxl writes a value that begins with '=' as a formula, so a document
    title like '=HYPERLINK(…)' would run when the workbook is opened."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _write_contents(sheet: Worksheet, tables: list[Table], sheets: dict[str, str], language: Language) -> None:
    header = CONTENTS_HEADER[language]
    sheet.append(header)
    for table in tables:
        sheet.append([sheets[table.name], table.name, table.note, table.unit, table.formula, len(table.frame)])
        link = sheet.cell(row=sheet.max_row, column=1)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheets[table.name]}'!A1")
        link.font = Font(color="1F5FBF", underline="single")
    frame = pd.DataFrame([[sheets[t.name], t.name, t.note, t.unit, t.formula, len(t.frame)] for t in tables], columns=header)
    _format_sheet(sheet, header, frame, [None] * 5 + [FORMAT_INTEGER])
    for column in "CE":  # descriptions and formulas are sentences: wrap them (the width is capped) instead of one long line
        for (cell,) in sheet.iter_rows(min_row=2, min_col=ord(column) - 64, max_col=ord(column) - 64):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(tables: list[Table], workbook: Path, *, language: Language = "ko") -> dict[str, str]:
    """All tables in one workbook, a contents sheet first; returns table name → sheet name.

    Sheet names, headers, categorical values and booleans are in `language` (report/i18n.py); numbers stay numbers."""
    contents = CONTENTS_SHEET[language]
    tables = [without_infinity(t, language) for t in tables]
    sheets = sheet_names([t.name for t in tables], reserved=(contents,), language=language)
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        pd.DataFrame().to_excel(writer, sheet_name=contents, index=False)
        for table in tables:
            headers = [column_label(str(c), language) for c in table.frame.columns]
            display_values(table.frame, language, table.name).set_axis(headers, axis=1).to_excel(writer, sheet_name=sheets[table.name], index=False)
        book = writer.book
        _write_contents(book[contents], tables, sheets, language)
        for sheet in book.worksheets:
            cells_as_text(sheet)
        for table in tables:
            headers = [column_label(str(c), language) for c in table.frame.columns]
            formats = [number_format(str(c), table.frame[c]) for c in table.frame.columns]
            _format_sheet(book[sheets[table.name]], headers, table.frame, formats)
    return sheets


def write_tables(tables: list[Table], folder: Path, workbook: Path, *, language: Language = "ko") -> list[Path]:
    """Write each table as <name>.csv and <name>.md under `folder`, and all of them to `workbook`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = [without_infinity(t, language) for t in tables]
    for table in tables:
        csv_path = folder / f"{table.name}.csv"
        write_csv(table.frame, csv_path)
        meta = [m for m in (table.note, f"Unit: {table.unit}" if table.unit else "", f"Formula: {table.formula}" if table.formula else "") if m]
        md = f"# {md_cell(table.name)}\n\n" + "".join(f"{md_cell(m)}\n\n" for m in meta) + to_markdown(p_as_text(table.frame))
        (folder / f"{table.name}.md").write_text(md, encoding="utf-8")
        written += [csv_path, folder / f"{table.name}.md"]
    write_workbook(tables, workbook, language=language)
    written.append(workbook)
    return written
