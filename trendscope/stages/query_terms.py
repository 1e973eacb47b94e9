"""The query_terms stage: each query's own words as the study's analyzer sees them, to keep them out of rankings.

A query word leads every frequency list and keyness table of its own corpus (스마트시티, and the
pieces an analyzer may split it into: 스마트, 시티), which says nothing about the discourse.  This
stage tokenizes the query terms with the study's backend and lexicon once and saves, per query,
the words to leave out of rankings, word clouds, keyness, trends, convergence and the query's own
networks (where every article holds the query word, so it was the hub of a star that measured
nothing; another query's words stay).  `analysis.exclude_query_terms: false` keeps them everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trendscope.analysis.query_terms import query_exclusions
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.tokenize import LEXICON_FILES, TOKENIZER_READS, inputs_lexicon, tokenizer_params, values_spec
from trendscope.text.tokenize import Tokenizer, TokenizerSpec


@dataclass(frozen=True)
class QueryTermsParams:
    terms: dict[str, tuple[str, ...]]  # query key → its search terms
    tokenizer: dict[str, Any]  # what can change a token (see stages/tokenize.py)


def query_terms_params(values: Mapping[str, Any]) -> QueryTermsParams:
    return QueryTermsParams({q.key: tuple(q.terms) for q in values["queries"]}, tokenizer_params(values_spec(values)))


def tokenize_query_terms(params: QueryTermsParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    tok = params.tokenizer
    spec = TokenizerSpec(tok["backend"], tuple(tok["pos"]), tok["min_length"], inputs_lexicon(inputs))
    pool = runtime.tokenizer_pool
    # An analyzer the pipeline already started for this spec: no JVM start in this process (1.8 s with Komoran).
    tokenize = pool.tokenize if pool is not None and pool.spec == spec else Tokenizer(spec).tokenize
    excluded = query_exclusions(params.terms, lambda texts: [d.tokens for d in tokenize(list(texts))])
    table = {key: sorted(words) for key, words in excluded.items()}
    return Produced({"query_terms": table}, {"excluded": table})


def as_sets(table: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    """Per query, the words the stage saved (empty sets when it lists none), as the stages that leave them out use them."""
    return {key: frozenset(words) for key, words in table.items()}


STAGE = Stage(
    name="query_terms",
    reads=("queries", *TOKENIZER_READS),
    params=query_terms_params,
    inputs=LEXICON_FILES,
    outputs=("query_terms",),
    body=tokenize_query_terms,
)
