"""The documents stage: raw files of the active sources → documents.parquet (+ collection.json, what was dropped and why).

URL/id duplicates are dropped, documents hitting a query's exclusion terms are
left out, boilerplate (bylines, outlet names, copyright lines …, text/hygiene.py)
is removed and counted, and near-duplicates are linked (`dup_of`) rather than
dropped, so the analysis can leave them out and the report can count them.
Cleaning runs here, before near-duplicate marking, so shared bylines do not make
short excerpts look alike, and the outlet list is the whole corpus's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from trendscope.catalog import TableStream
from trendscope.config import CleaningConfig, DedupConfig, PathsConfig, QueryConfig, SourcesConfig, StudyConfig, YearRange
from trendscope.corpus.dedup import DedupParams, drop_url_duplicates, mark_near_duplicates, mark_title_duplicates, title_copy_examples
from trendscope.corpus.imports import no_documents_message
from trendscope.corpus.schema import Document, document_batches, documents_frame
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore
from trendscope.errors import InputError
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.text.hygiene import clean_documents


@dataclass(frozen=True)
class DocumentsParams:
    queries: tuple[QueryConfig, ...]
    # Per active source, the settings its reader uses (Source.read_settings): not where its files came from
    # (paths, credentials, rate limits), so a study moved to another folder keeps its documents.
    sources: dict[str, dict[str, Any]]
    dedup: DedupConfig
    cleaning: CleaningConfig
    # Only the Naver source reads the years (to say whether its ~1,100-result reach covers them);
    # otherwise documents hold every year collected and a change of --years does not rebuild them.
    years: YearRange | None

    def source_view(self, raw: Path) -> StudyConfig:
        """The slice of a study the sources read (queries, their read settings, the raw folder, years)."""
        years = self.years or YearRange(1900, 1900)
        return StudyConfig(years=years, queries=list(self.queries), sources=SourcesConfig.model_validate(self.sources), dedup=self.dedup,
                           paths=PathsConfig(data=raw.parent))


def documents_params(values: Mapping[str, Any]) -> DocumentsParams:
    sources: SourcesConfig = values["sources"]
    settings = {name: {f: getattr(getattr(sources, name), f) for f in get_source(name).read_settings} for name in sources.active()}
    return DocumentsParams(tuple(values["queries"]), settings, values["dedup"], values["cleaning"], values["years"] if "naver" in settings else None)


def raw_sources(params: DocumentsParams) -> tuple[str, ...]:
    return tuple(f"raw:{name}" for name in params.sources)


def build_documents(params: DocumentsParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    """Read raw files into `Document`s, drop URL duplicates and exclusions, link near-duplicates."""
    raw = {name: inputs[f"raw:{name}"] for name in params.sources}
    root = next(iter(raw.values())).store.root if raw else Path("data/raw")
    view = params.source_view(root)
    per_source: dict[str, CollectReport] = {}

    def read_sources() -> Iterator[Document]:
        for name, files in raw.items():
            per_source[name] = CollectReport(name)
            store = files.store if runtime.read_ahead is None else RawStore(files.store.root, sheets=runtime.read_ahead)
            yield from get_source(name).read(view, files.entries, per_source[name], store=store)

    frame = documents_frame(read_sources())  # streamed into columns: no list of every Document is kept
    if frame.empty:
        raise InputError(no_documents_message(root, [q.key for q in params.queries], per_source))
    rows_read = len(frame)
    read_counts = _group_counts(frame)
    frame, url_duplicates = drop_url_duplicates(frame)
    after_url = _group_counts(frame)
    frame, excluded = _apply_exclusions(frame, params.queries)
    after_exclusions = _group_counts(frame)
    with runtime.reporter.task("cleaning (bylines, outlet names, copyright lines …)", None):
        frame, cleaning = clean_documents(frame, rules=params.cleaning.rules, patterns=dict(params.cleaning.patterns))
    # A same-title copy is linked by the title rule even when MinHash links it too: it is counted once, as a title copy.
    same_title = _title_duplicates(frame, params.dedup.title_days)
    with runtime.reporter.task("near-duplicates (MinHash)", None):
        near_dup = mark_near_duplicates(frame, DedupParams(threshold=params.dedup.threshold, shingle=params.dedup.shingle))
    frame = frame.assign(dup_of=same_title.fillna(near_dup))
    titled = _group_counts(frame[same_title.notna().to_numpy()])
    near = _group_counts(frame[(same_title.isna() & near_dup.notna()).to_numpy()])
    info = {
        "rows_read": rows_read,
        "documents": len(frame),
        "url_duplicates_dropped": url_duplicates,
        "excluded_by_query_exclusions": excluded,
        "near_duplicates_marked": int((same_title.isna() & near_dup.notna()).sum()),
        "title_duplicates_marked": int(same_title.notna().sum()),
        "title_duplicate_examples": title_copy_examples(frame, same_title),
        "rejected": {n: r.rejected for n, r in per_source.items() if r.rejected},
        "excluded_by_source": {n: r.excluded for n, r in per_source.items() if r.excluded},
        "notes": {n: list(dict.fromkeys(r.notes)) for n, r in per_source.items() if r.notes},
        "by_query_year_source": _summary_records(read_counts, after_url, after_exclusions, near, titled),
        "cleaning": [{k: (int(v) if k in ("year", "removals", "documents_touched") else str(v)) for k, v in row.items()} for row in cleaning.to_dict("records")],
    }
    return Produced({"documents": TableStream(*document_batches(frame)), "collection": info}, info)


_KEYS = ["query", "year", "source"]


def _title_duplicates(frame: pd.DataFrame, days: int) -> pd.Series:
    """The same-title rule over the documents of sources whose titles identify stories (not the demo's templates)."""
    rule = {name: getattr(get_source(str(name)), "titles_identify_stories", True) for name in frame["source"].dropna().unique()}
    titled = frame["source"].map(rule).fillna(True).to_numpy(dtype=bool)
    if titled.all():
        return mark_title_duplicates(frame, days)
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    if titled.any():
        out[titled] = mark_title_duplicates(frame[titled], days)
    return out


def _group_counts(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby(_KEYS, sort=True).size()


def _summary_records(read: pd.Series, after_url: pd.Series, after_exclusions: pd.Series, near: pd.Series, titled: pd.Series) -> list[dict[str, Any]]:
    """Per query × year × source: rows read, URL/id duplicates dropped, excluded by query exclusions, same-title copies,
    near-duplicates (MinHash), kept."""
    table = pd.DataFrame({"read": read, "after_url": after_url, "after_exclusions": after_exclusions, "near_duplicates": near,
                          "title_duplicates": titled}).fillna(0).astype(int)
    table = table.assign(
        url_duplicates=table["read"] - table["after_url"],
        excluded=table["after_url"] - table["after_exclusions"],
        kept=table["after_exclusions"] - table["near_duplicates"] - table["title_duplicates"],
    )
    table = table.reset_index().sort_values(_KEYS, kind="stable")
    return [
        {"query": str(r.query), "year": int(r.year), "source": str(r.source), "read": int(r.read), "url_duplicates": int(r.url_duplicates),
         "excluded": int(r.excluded), "title_duplicates": int(r.title_duplicates), "near_duplicates": int(r.near_duplicates), "kept": int(r.kept)}
        for r in table.itertuples(index=False)
    ]


_EXCLUSION_ROWS = 10_000  # documents whose texts are joined and case-folded at once


def _apply_exclusions(frame: pd.DataFrame, queries: tuple[QueryConfig, ...]) -> tuple[pd.DataFrame, int]:
    """Drop documents of a query that contain one of that query's exclusion terms."""
    drop = np.zeros(len(frame), dtype=bool)
    for query in queries:
        if not query.exclude:
            continue
        rows = np.flatnonzero((frame["query"] == query.key).to_numpy(dtype=bool, na_value=False))
        for start in range(0, len(rows), _EXCLUSION_ROWS):
            part = frame.iloc[rows[start : start + _EXCLUSION_ROWS]]
            text = (part["title"].fillna("") + " " + part["body"].fillna("")).str.casefold()
            hit = np.zeros(len(part), dtype=bool)
            for term in query.exclude:
                hit |= text.str.contains(term.casefold(), regex=False).to_numpy(dtype=bool)
            drop[rows[start : start + _EXCLUSION_ROWS]] |= hit
    if not drop.any():  # nothing excluded: no copy of the texts
        return frame.reset_index(drop=True), 0
    return frame[~drop].reset_index(drop=True), int(drop.sum())


STAGE = Stage(
    name="documents",
    reads=("queries", "sources", "dedup", "cleaning", "years"),
    params=documents_params,
    inputs=raw_sources,
    outputs=("documents", "collection"),
    body=build_documents,
)
