"""The count stage: volume, term frequencies with TF-IDF, and bigrams per query × year, from the token file.

Terms and bigrams carry their rank within each query × year (`rank_tf`, `rank_tfidf`; bigrams `rank_tf`) and
`query_word` (the query's own word, or a bigram holding one, as query_terms.json lists them): with
`analysis.exclude_query_terms` those rows get no rank, so every top-N list the report shows is cut here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trendscope.analysis.counts import combine_counts, partial_counts, volume_by_year, with_ranks
from trendscope.analysis.query_terms import holds_query_word
from trendscope.analysis.tfidf import tfidf_by_year, with_rates
from trendscope.catalog import TOKEN_FILE_COLUMNS
from trendscope.config import YearRange
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.dask_engine import dask_client, dask_count
from trendscope.stages.query_terms import as_sets


@dataclass(frozen=True)
class CountParams:
    years: YearRange
    queries: tuple[str, ...]
    exclude_query_terms: bool


def count_params(values: Mapping[str, Any]) -> CountParams:
    return CountParams(values["years"], tuple(q.key for q in values["queries"]), values["analysis.exclude_query_terms"])


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
    own = as_sets(inputs["query_terms"]) if params.exclude_query_terms else {}
    terms = terms.assign(query_word=holds_query_word(terms, own))
    terms = with_ranks(terms, ("tf", "tfidf"), keep=~terms["query_word"])
    bigrams = bigrams.assign(query_word=holds_query_word(bigrams, own, term_col="bigram"))
    bigrams = with_ranks(bigrams, ("tf",), label="bigram", keep=~bigrams["query_word"])
    info = {"terms": int(terms["term"].nunique()), "token_documents": inputs["tokens"].num_rows}
    return Produced({"volume": volume, "terms": terms, "bigrams": bigrams}, info)


STAGE = Stage(
    name="count",
    reads=("years", "queries", "analysis.exclude_query_terms"),
    params=count_params,
    inputs=("documents", "tokens", "query_terms"),
    outputs=("volume", "terms", "bigrams"),
    body=count_terms,
)
