"""The count stage: volume, term frequencies with TF-IDF, and bigrams per query × year, from the token file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq

from trendscope.analysis.counts import combine_counts, partial_counts, volume_by_year
from trendscope.analysis.tfidf import tfidf_by_year, with_rates
from trendscope.config import StudyConfig, YearRange
from trendscope.stages.contract import Files, Runtime, Stage
from trendscope.stages.dask_engine import dask_client, dask_count
from trendscope.stages.io import read_documents, read_tokens, token_batches, write_frame


@dataclass(frozen=True)
class CountParams:
    years: YearRange
    queries: tuple[str, ...]


def count_params(config: StudyConfig) -> CountParams:
    return CountParams(config.years, tuple(config.query_keys))


def count_terms(params: CountParams, files: Files, runtime: Runtime) -> dict[str, Any]:
    documents = read_documents(files.input("documents"), body=False)  # volume needs query, year and dup_of only
    documents = documents[documents["year"].isin(params.years.years)]
    volume = volume_by_year(documents, params.years.years, list(params.queries))
    if runtime.engine == "dask":
        tokens = read_tokens(files.input("tokens"))
        with dask_client(runtime.scheduler, runtime.jobs) as client:
            term_stats, bigrams = dask_count(client, tokens)
    else:
        # Counted as the token file is read, a batch of rows at a time: the whole file exploded into one row per
        # token (and per bigram) held 11 GB at 100k full-length articles; the sums are exact (analysis/counts.py).
        term_stats, bigrams = combine_counts(partial_counts(batch) for batch in token_batches(files.input("tokens")))
    terms = with_rates(tfidf_by_year(term_stats))
    write_frame(volume, files.outputs["volume"])
    write_frame(terms, files.outputs["terms"])
    write_frame(bigrams, files.outputs["bigrams"])
    return {"terms": int(terms["term"].nunique()), "token_documents": pq.ParquetFile(files.input("tokens")).metadata.num_rows}


STAGE = Stage(
    name="count",
    params=count_params,
    inputs=lambda paths, p: {"documents": paths.documents, "tokens": paths.tokens},
    outputs=lambda paths, p: {"volume": paths.volume, "terms": paths.terms, "bigrams": paths.bigrams},
    body=count_terms,
)
