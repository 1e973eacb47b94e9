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
    """The raw files the documents stage reads: those of the active sources."""
    store = RawStore(config.paths.raw)
    return [config.paths.raw / e.path for name in config.sources.active() for e in store.files(name)]


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
    frame, summary.url_duplicates = drop_url_duplicates(frame)
    frame, summary.excluded = _apply_exclusions(frame, config)
    with reporter.task("near-duplicates (MinHash)", None):
        frame = frame.assign(dup_of=mark_near_duplicates(frame, DedupParams()))
    summary.near_duplicates = int(frame["dup_of"].notna().sum())
    with atomic.atomic_path(target) as tmp:
        pq.write_table(documents_table(frame), tmp)
    return {
        "rows_read": summary.rows_read,
        "documents": len(frame),
        "url_duplicates_dropped": summary.url_duplicates,
        "excluded_by_query_exclusions": summary.excluded,
        "near_duplicates_marked": summary.near_duplicates,
        "rejected": {n: r.rejected for n, r in summary.per_source.items() if r.rejected},
    }


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
