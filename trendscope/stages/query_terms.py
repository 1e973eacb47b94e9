"""The query_terms stage: each query's own words as the study's analyzer sees them, to keep them out of rankings.

A query word leads every frequency list and keyness table of its own corpus (스마트시티, and the
pieces an analyzer may split it into: 스마트, 시티), which says nothing about the discourse.  This
stage tokenizes the query terms with the study's backend and lexicon once and saves, per query,
the words to leave out of rankings, word clouds, keyness, trends, convergence and the query's own
networks (where every article holds the query word, so it was the hub of a star that measured
nothing; another query's words stay).  `analysis.exclude_query_terms: false` keeps them everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trendscope.analysis.query_terms import query_exclusions
from trendscope.config import StudyConfig
from trendscope.stages.contract import Files, Runtime, Stage
from trendscope.stages.io import read_json, write_json
from trendscope.stages.tokenize import files_lexicon, lexicon_files, tokenizer_params, tokenizer_spec
from trendscope.text.tokenize import Tokenizer, TokenizerSpec


@dataclass(frozen=True)
class QueryTermsParams:
    terms: dict[str, tuple[str, ...]]  # query key → its search terms
    tokenizer: dict[str, Any]  # what can change a token (see stages/tokenize.py)


def query_terms_params(config: StudyConfig) -> QueryTermsParams:
    return QueryTermsParams({q.key: tuple(q.terms) for q in config.queries}, tokenizer_params(tokenizer_spec(config)))


def tokenize_query_terms(params: QueryTermsParams, files: Files, runtime: Runtime) -> dict[str, Any]:
    tok = params.tokenizer
    spec = TokenizerSpec(tok["backend"], tuple(tok["pos"]), tok["min_length"], files_lexicon(files))
    pool = runtime.tokenizer_pool
    # An analyzer the pipeline already started for this spec: no JVM start in this process (1.8 s with Komoran).
    tokenize = pool.tokenize if pool is not None and pool.spec == spec else Tokenizer(spec).tokenize
    excluded = query_exclusions(params.terms, lambda texts: [d.tokens for d in tokenize(list(texts))])
    table = {key: sorted(words) for key, words in excluded.items()}
    write_json(table, files.outputs["query_terms"])
    return {"excluded": table}


def read_query_terms(path: Path) -> dict[str, frozenset[str]]:
    """Per query, the words the stage saved (empty sets when the file lists none)."""
    return {key: frozenset(words) for key, words in read_json(path).items()}


STAGE = Stage(
    name="query_terms",
    params=query_terms_params,
    inputs=lambda paths, p: lexicon_files(paths),
    outputs=lambda paths, p: {"query_terms": paths.query_terms},
    body=tokenize_query_terms,
)
