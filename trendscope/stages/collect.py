"""Collect from the configured sources into data/raw/, then build documents.parquet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from trendscope import atomic
from trendscope.config import StudyConfig
from trendscope.corpus.dedup import DedupParams, drop_url_duplicates, mark_near_duplicates
from trendscope.corpus.schema import documents_frame, documents_table
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore
from trendscope.errors import InputError
from trendscope.progress import Reporter


@dataclass
class DocumentsSummary:
    rows_read: int = 0
    url_duplicates: int = 0
    excluded: int = 0
    near_duplicates: int = 0
    per_source: dict[str, CollectReport] = field(default_factory=dict)


def collect_sources(config: StudyConfig, reporter: Reporter) -> list[CollectReport]:
    """Bring every active source's raw files into data/raw/ (idempotent: what is there is kept)."""
    store = RawStore(config.paths.raw)
    return [get_source(name).collect(config, store) for name in config.sources.active()]


def raw_inputs(config: StudyConfig) -> list[Path]:
    """The raw files the documents stage reads (those of the active sources), and the manifest that says how to read them."""
    store = RawStore(config.paths.raw)
    files = [config.paths.raw / e.path for name in config.sources.active() for e in store.files(name)]
    return files + ([store.manifest_path] if files and any(n != "demo" for n in config.sources.active()) else [])


def build_documents(config: StudyConfig, target: Path, reporter: Reporter) -> dict[str, Any]:
    """Read raw files into `Document`s, drop URL duplicates and exclusions, link near-duplicates, write Parquet."""
    store = RawStore(config.paths.raw)
    documents, summary = [], DocumentsSummary()
    for name in config.sources.active():
        source = get_source(name)
        report = CollectReport(name)
        documents.extend(source.read(config, store.files(name), report))
        summary.per_source[name] = report
    if not documents:
        raise InputError(f"{config.paths.raw}: no documents for queries {', '.join(config.query_keys)}; run `trendscope collect` first")
    frame = documents_frame(documents)
    summary.rows_read = len(frame)
    read_counts = _group_counts(frame)
    frame, summary.url_duplicates = drop_url_duplicates(frame)
    after_url = _group_counts(frame)
    frame, summary.excluded = _apply_exclusions(frame, config)
    after_exclusions = _group_counts(frame)
    with reporter.task("near-duplicates (MinHash)", None):
        params = DedupParams(threshold=config.dedup.threshold, shingle=config.dedup.shingle)
        frame = frame.assign(dup_of=mark_near_duplicates(frame, params))
    summary.near_duplicates = int(frame["dup_of"].notna().sum())
    near = _group_counts(frame[frame["dup_of"].notna()])
    with atomic.atomic_path(target) as tmp:
        pq.write_table(documents_table(frame), tmp)
    return {
        "rows_read": summary.rows_read,
        "documents": len(frame),
        "url_duplicates_dropped": summary.url_duplicates,
        "excluded_by_query_exclusions": summary.excluded,
        "near_duplicates_marked": summary.near_duplicates,
        "rejected": {n: r.rejected for n, r in summary.per_source.items() if r.rejected},
        "excluded_by_source": {n: r.excluded for n, r in summary.per_source.items() if r.excluded},
        "notes": {n: list(dict.fromkeys(r.notes)) for n, r in summary.per_source.items() if r.notes},
        "by_query_year_source": _summary_records(read_counts, after_url, after_exclusions, near),
    }


_KEYS = ["query", "year", "source"]


def _group_counts(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby(_KEYS, sort=True).size()


def _summary_records(read: pd.Series, after_url: pd.Series, after_exclusions: pd.Series, near: pd.Series) -> list[dict[str, Any]]:
    """Per query × year × source: rows read, URL/id duplicates dropped, excluded by query exclusions, near-duplicates, kept."""
    table = pd.DataFrame({"read": read, "after_url": after_url, "after_exclusions": after_exclusions, "near_duplicates": near}).fillna(0).astype(int)
    table = table.assign(
        url_duplicates=table["read"] - table["after_url"],
        excluded=table["after_url"] - table["after_exclusions"],
        kept=table["after_exclusions"] - table["near_duplicates"],
    )
    table = table.reset_index().sort_values(_KEYS, kind="stable")
    return [
        {"query": str(r.query), "year": int(r.year), "source": str(r.source), "read": int(r.read), "url_duplicates": int(r.url_duplicates),
         "excluded": int(r.excluded), "near_duplicates": int(r.near_duplicates), "kept": int(r.kept)}
        for r in table.itertuples(index=False)
    ]


def _apply_exclusions(frame: pd.DataFrame, config: StudyConfig) -> tuple[pd.DataFrame, int]:
    """Drop documents of a query that contain one of that query's exclusion terms."""
    drop = pd.Series(False, index=frame.index)
    for query in config.queries:
        if not query.exclude:
            continue
        text = (frame["title"].fillna("") + " " + frame["body"].fillna("")).str.casefold()
        hit = pd.Series(False, index=frame.index)
        for term in query.exclude:
            hit |= text.str.contains(term.casefold(), regex=False)
        drop |= (frame["query"] == query.key) & hit
    return frame[~drop].reset_index(drop=True), int(drop.sum())


def read_documents(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(f"{path}: documents not collected yet; run `trendscope collect`")
    return pq.read_table(path).to_pandas()


@dataclass(frozen=True)
class CollectOptions:
    """`trendscope collect` flags that fill in the chosen source's section of the study."""

    paths: tuple[str, ...] = ()
    query: str | None = None
    date_col: str | None = None
    text_col: str | None = None
    title_col: str | None = None
    credentials: Path | None = None
    strict: bool = False


def with_collect_options(config: StudyConfig, options: CollectOptions) -> StudyConfig:
    """The study with the collect flags applied to its active sources (file options need exactly one file source)."""
    from trendscope.errors import ConfigError

    active = config.sources.active()
    file_sources = [name for name in active if name in ("bigkinds", "files")]
    if options.paths and len(file_sources) != 1:
        raise ConfigError("--path needs exactly one of --source bigkinds or --source files")
    if options.query is not None:
        config.query(options.query)
    columns = {"date_col": options.date_col, "text_col": options.text_col, "title_col": options.title_col}
    if any(columns.values()) and "files" not in active:
        raise ConfigError("--date-col/--text-col/--title-col apply to --source files")
    if options.credentials is not None and "naver" not in active:
        raise ConfigError("--credentials applies to --source naver")
    update: dict[str, Any] = {}
    for name in active:
        section = getattr(config.sources, name)
        changes: dict[str, Any] = {}
        if name in ("bigkinds", "files"):
            if options.paths:
                changes["paths"] = [str(Path.cwd() / Path(p).expanduser()) for p in options.paths]
            if options.query is not None:
                changes["query"] = options.query
        if name == "files":
            changes.update({k: v for k, v in columns.items() if v})
        if name == "naver" and options.credentials is not None:
            changes["credentials"] = Path(options.credentials).expanduser().resolve()
        if options.strict and name in ("bigkinds", "files", "naver"):
            changes["strict"] = True
        if changes:
            update[name] = section.model_copy(update=changes)
    return config.model_copy(update={"sources": config.sources.model_copy(update=update)}) if update else config
