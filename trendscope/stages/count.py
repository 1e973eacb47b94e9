"""The count stage: volume, term frequencies with TF-IDF, and bigrams per query × year, from the token file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trendscope.analysis.counts import combine_counts, partial_counts, volume_by_year
from trendscope.analysis.tfidf import tfidf_by_year, with_rates
from trendscope.catalog import TOKEN_FILE_COLUMNS
from trendscope.config import YearRange
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.dask_engine import dask_client, dask_count


@dataclass(frozen=True)
class CountParams:
    years: YearRange
    queries: tuple[str, ...]


def count_params(values: Mapping[str, Any]) -> CountParams:
    return CountParams(values["years"], tuple(q.key for q in values["queries"]))


def count_terms(params: CountParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    documents = inputs["documents"].frame(["query", "year", "dup_of"])  # volume needs query, year and dup_of only
    documents = documents[documents["year"].isin(params.years.years)]
    volume = volume_by_year(documents, params.years.years, list(params.queries))
    if runtime.engine == "dask":
        tokens = inputs["tokens"].frame(TOKEN_FILE_COLUMNS)
        with dask_client(runtime.scheduler, runtime.jobs) as client:
            term_stats, bigrams = dask_count(client, tokens)
    else:
        # Counted as the token file is read, a batch of rows at a time: the whole file exploded into one row per
        # token (and per bigram) held 11 GB at 100k full-length articles; the sums are exact (analysis/counts.py).
        batches = inputs["tokens"].batches(columns=TOKEN_FILE_COLUMNS)
        term_stats, bigrams = combine_counts(partial_counts(batch.to_pandas()) for batch in batches)
    terms = with_rates(tfidf_by_year(term_stats))
    info = {"terms": int(terms["term"].nunique()), "token_documents": inputs["tokens"].num_rows}
    return Produced({"volume": volume, "terms": terms, "bigrams": bigrams}, info)


STAGE = Stage(
    name="count",
    reads=("years", "queries"),
    params=count_params,
    inputs=("documents", "tokens"),
    outputs=("volume", "terms", "bigrams"),
    body=count_terms,
)
