"""Reading a study's artifacts outside the runner: the rows of the token file the report quotes, read a batch at a time."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from trendscope.analysis.kwic import example_terms, key_term_examples
from trendscope.artifacts import read_documents, read_frame, read_tokens, token_rows_with

TOKEN_LISTS = st.lists(st.lists(st.sampled_from(["도시", "혁신", "데이터", "a"]), max_size=5), max_size=6)


def _token_file(folder: Path, documents: list[list[list[str]]]) -> Path:
    n = len(documents)
    schema = pa.schema([("doc_id", pa.string()), ("query", pa.string()), ("year", pa.int64()),
                        ("tokens", pa.list_(pa.string())), ("sentences", pa.list_(pa.list_(pa.string())))])
    table = pa.table({"doc_id": [f"d{i}" for i in range(n)], "query": ["q"] * n, "year": [2020] * n,
                      "tokens": [[t for sentence in doc for t in sentence] for doc in documents], "sentences": documents}, schema=schema)
    path = folder / "tokens.parquet"
    pq.write_table(table, path)
    return path


@settings(max_examples=40, deadline=None)
@given(st.lists(TOKEN_LISTS, max_size=12), st.lists(st.sampled_from(["도시", "혁신", "없음"]), max_size=2), st.integers(1, 4))
def test_rows_holding_any_term_across_batches(tmp_path_factory, documents, terms, rows):
    path = _token_file(tmp_path_factory.mktemp("io"), documents)
    found = token_rows_with(path, terms, rows=rows)
    expected = [f"d{i}" for i, doc in enumerate(documents) if any(t in terms for sentence in doc for t in sentence)]
    assert found["doc_id"].tolist() == expected  # file order, each document once
    assert list(found.columns) == ["doc_id", "query", "year", "sentences"]


def test_no_rows_for_no_terms(tmp_path):
    found = token_rows_with(_token_file(tmp_path, [[["도시"]]]), [])
    assert found.empty and list(found.columns) == ["doc_id", "query", "year", "sentences"]


def test_the_page_examples_from_the_rows_read_equal_those_from_the_whole_file(demo_study: Path):
    processed = demo_study / "data" / "processed"
    tokens_file = next(processed.glob("tokens-*.parquet"))
    keyness = read_frame(processed / "keyness.parquet")
    documents = read_documents(processed / "documents.parquet")
    years = "2018-2021"
    terms = [t for _query, chosen in example_terms(years, keyness) for t in chosen]
    assert len(terms) == 6
    read = token_rows_with(tokens_file, terms)
    whole = read_tokens(tokens_file)
    assert len(read) < len(whole)
    ours, theirs = (key_term_examples(years, documents, t, keyness, seed=42) for t in (read, whole))
    assert len(ours) == 12 and ours["text"].notna().all()  # every quoted sentence found again as written
    pd.testing.assert_frame_equal(ours, theirs)
