"""Local files: CSV, TSV, XLSX, JSON Lines (one document a row), or folders of .txt files (one document a file).

Tabular files need a date and a text column (names from the config or
``--date-col/--text-col/--title-col``); title, url and outlet columns are
optional.  A .txt file's date comes from its name (``20150102_기사.txt``), its
first line is the title and the rest the body.  Encodings UTF-8, UTF-8 with BOM
and CP949/EUC-KR are detected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from trendscope.config import FilesSourceConfig, StudyConfig
from trendscope.corpus.dates import DateParseError, date_in_name, parse_korean_date
from trendscope.corpus.imports import RowProblems, display_name, file_label, import_file, raw_name, resolve_query
from trendscope.corpus.readers import TABULAR_SUFFIXES, Sheet, decode_text, header_names, one_line, read_table, source_files
from trendscope.corpus.schema import Document, make_doc_id
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawFile, RawStore
from trendscope.errors import InputError

SUFFIXES = TABULAR_SUFFIXES + (".txt",)
MAPPING_KEYS = ("date_col", "text_col", "title_col", "url_col", "outlet_col")


@dataclass
class ParsedFile:
    documents: list[Document] = field(default_factory=list)
    problems: RowProblems | None = None


def parse_text_file(data: bytes, name: str, query: str, digest: str) -> Document:
    """One .txt file as a document: date from the file name, title = first line, body = the rest."""
    date = date_in_name(name)
    if date is None:
        raise InputError(f"{name}: no date in the file name; expected a name such as 20150102_제목.txt or 2015-01-02 제목.txt")
    text, _encoding = decode_text(data, name)
    lines = text.strip().splitlines()
    if not lines:
        raise InputError(f"{name}: the file has no text; expected a title on the first line and the body below")
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    return Document(make_doc_id("files", digest), query, date, date.year, "files", None, title, body, None)


def parse_table_file(data: bytes, name: str, query: str, mapping: dict[str, str | None], digest: str, *, strict: bool = False, suffix: str | None = None) -> ParsedFile:
    """Documents of one tabular file under a column mapping; unreadable rows are counted (or raise with `strict`).
    """
    return table_documents(read_table(data, name, suffix), name, query, mapping, digest, strict=strict)


def table_documents(sheet: Sheet, name: str, query: str, mapping: dict[str, str | None], digest: str, *, strict: bool = False) -> ParsedFile:
    """Documents of one tabular file as the reader gave it (`parse_table_file` reads it first); `name` names it in messages."""
    for key in ("date_col", "text_col"):
        if mapping.get(key) not in sheet.header:
            flag = "--" + key.replace("_", "-")
            raise InputError(
                f"{name}, row 1: no column {one_line(repr(mapping.get(key)))} for the {key.removesuffix('_col')} ({flag} or sources.files.{key}); "
                f"columns are: {header_names(sheet.header)}"
            )
    if not sheet.rows and not sheet.skipped:
        raise InputError(f"{name}: no data rows below the header")
    parsed = ParsedFile(problems=RowProblems(name, strict))
    parsed.problems.skip(sheet.skipped)
    optional = {key: mapping.get(key) if mapping.get(key) in sheet.header else None for key in ("title_col", "url_col", "outlet_col")}
    date_col, text_col = mapping["date_col"], mapping["text_col"]
    for row in sheet.rows:
        try:
            date = parse_korean_date(row.cells.get(date_col, ""))
        except DateParseError as exc:
            parsed.problems.reject("unparseable date", row.number, date_col, str(exc))
            continue
        body = (row.cells.get(text_col) or "").strip()
        title = (row.cells.get(optional["title_col"]) or "").strip() if optional["title_col"] else ""
        if not body and not title:
            parsed.problems.reject("empty text", row.number, text_col)
            continue
        url = (row.cells.get(optional["url_col"]) or "").strip() if optional["url_col"] else ""
        outlet = (row.cells.get(optional["outlet_col"]) or "").strip() if optional["outlet_col"] else ""
        parsed.documents.append(
            Document(
                doc_id=make_doc_id("files", url or f"{digest}:{row.number}"),
                query=query,
                date=date,
                year=date.year,
                source="files",
                outlet=outlet or None,
                title=title,
                body=body,
                url=url or None,
            )
        )
    if not parsed.documents:
        raise InputError(f"{name}: no readable rows — {parsed.problems.summary()}")
    return parsed


def _section(config: StudyConfig) -> FilesSourceConfig:
    return config.sources.files or FilesSourceConfig()


def _mapping(section: FilesSourceConfig) -> dict[str, str | None]:
    return {key: getattr(section, key) for key in MAPPING_KEYS}


class FilesSource:
    name = "files"
    read_settings = ("date_col", "text_col", "title_col", "url_col", "outlet_col", "strict")  # the section's fields `read` uses (the documents stage keys on these only)

    def collect(self, config: StudyConfig, store: RawStore) -> CollectReport:
        """Check each file and copy it, with its column mapping, into data/raw/files/<query>/."""
        section, report = _section(config), CollectReport(self.name)
        mapping = _mapping(section)
        for path in source_files(section.paths, SUFFIXES, "CSV/TSV/XLSX/JSONL/.txt files"):
            query = resolve_query(path, config, query=section.query, patterns=section.queries, source=self.name)
            data = path.read_bytes()
            relative = raw_name(self.name, query, path.name, data)
            digest = hashlib.sha256(data).hexdigest()
            text = path.suffix.lower() == ".txt"
            existing = store.find(relative)
            # already collected with this column mapping: not read again (it was read when it was collected)
            if existing is not None and existing.params.get("columns") == (None if text else mapping) and store.intact(relative):
                continue
            sheet = None
            if text:
                parse_text_file(data, file_label(path.name), query, digest)
                params: dict = {"format": "txt"}
            else:
                sheet = read_table(data, file_label(path))
                parsed = table_documents(sheet, file_label(path), query, mapping, digest, strict=section.strict)
                params = {"format": path.suffix.lower().lstrip("."), "columns": mapping, "rows": len(parsed.documents)}
            entry = import_file(store, relative, data, source=self.name, query=query, original=path, params=params)
            if sheet is not None and store.sheets is not None:  # read once: the documents stage of this run takes these rows
                store.sheets.keep(entry.sha256, sheet)
            report.files_added.append(relative)
        return report

    def read(self, config: StudyConfig, files: list[RawFile], report: CollectReport, store: RawStore | None = None) -> Iterator[Document]:
        section = _section(config)
        wanted = set(config.query_keys)
        store = store or RawStore(config.paths.raw)
        for entry in files:
            if entry.query not in wanted:
                continue
            if entry.params.get("format") == "txt":
                yield parse_text_file(store.read_bytes(entry), str(entry.params.get("original", entry.path)), entry.query, entry.sha256)
                continue
            mapping = entry.params.get("columns") or _mapping(section)
            # the file's bytes are not kept while its documents are handed out, nor its rows
            parsed = table_documents(store.read_sheet(entry, display_name(entry)), display_name(entry), entry.query, mapping, entry.sha256, strict=section.strict)
            for reason, n in parsed.problems.counts.items():
                report.rejected[reason] = report.rejected.get(reason, 0) + n
                report.notes.append(f"rejected: {parsed.problems.first[reason]}")
            yield from parsed.documents
