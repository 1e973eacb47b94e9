"""The examples stage: the page's key terms quoted in context, so a keyness number reads as text.

Reads the keyness table (which terms), the token file (only the rows holding them, a batch at a time) and the
documents (their sentences as written); writes examples.parquet: query, keyword, date, outlet, title, left,
right (tokens around the term) and text (the sentence as written).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trendscope.analysis.kwic import example_terms, key_term_examples, rows_with_terms
from trendscope.catalog import TOKEN_FILE_COLUMNS
from trendscope.config import YearRange
from trendscope.corpus.selection import study_documents
from trendscope.stages.contract import Produced, Runtime, Stage


@dataclass(frozen=True)
class ExamplesParams:
    years: YearRange
    seed: int
    exclude_duplicates: bool


def examples_params(values: Mapping[str, Any]) -> ExamplesParams:
    return ExamplesParams(values["years"], values["seed"], values["analysis.exclude_duplicates"])


def quote_examples(params: ExamplesParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    keyness = inputs["keyness"].frame()
    terms = [term for _query, chosen in example_terms(str(params.years), keyness) for term in chosen]
    tokens = rows_with_terms(inputs["tokens"].batches(columns=TOKEN_FILE_COLUMNS), terms)
    documents = inputs["documents"].frame(["doc_id", "query", "year", "date", "outlet", "title", "body", "dup_of"])
    documents = study_documents(documents[documents["doc_id"].isin(tokens["doc_id"])], params.years.years, exclude_duplicates=params.exclude_duplicates)
    examples = key_term_examples(str(params.years), documents, tokens, keyness, seed=params.seed)
    return Produced({"examples": examples}, {"examples": len(examples)})


STAGE = Stage(
    name="examples",
    reads=("years", "seed", "analysis.exclude_duplicates"),
    params=examples_params,
    inputs=("keyness", "tokens", "documents"),
    outputs=("examples",),
    body=quote_examples,
)
