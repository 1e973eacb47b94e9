"""The document × term matrices built from the token table (Arrow or pandas): counts, lengths, years, filters."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.analysis.doc_term import count_matrix, doc_term_matrix, token_counts
from trendscope.errors import InputError

TOKENS = pd.DataFrame(
    [
        ("a", 2019, ["도시", "데이터", "도시"]),
        ("a", 2020, ["데이터", "플랫폼"]),
        ("a", 2020, []),
        ("b", 2020, ["도시", "도시", "도시"]),
        ("a", 2021, ["도시"]),
    ],
    columns=["query", "year", "tokens"],
)


def test_counts_lengths_and_years_of_one_query():
    dtm = doc_term_matrix(TOKENS, "a", min_count=1)
    assert dtm.terms.tolist() == ["데이터", "도시", "플랫폼"]  # code-point order
    assert dtm.counts.toarray().tolist() == [[1, 2, 0], [1, 0, 1], [0, 1, 0]]  # the empty document is left out
    assert dtm.exposure.tolist() == [3, 2, 1]
    assert dtm.years.tolist() == [2019, 2020, 2021]
    assert dtm.n_documents == 3


def test_min_count_filters_terms_but_not_the_lengths():
    dtm = doc_term_matrix(TOKENS, "a", min_count=3)
    assert dtm.terms.tolist() == ["도시"]
    assert dtm.counts.toarray().ravel().tolist() == [2, 0, 1]
    assert dtm.exposure.tolist() == [3, 2, 1]  # every token still counts towards the document's length
    with pytest.raises(ValueError):
        doc_term_matrix(TOKENS, "a", min_count=0)


def test_years_filter_and_unknown_query():
    dtm = doc_term_matrix(TOKENS, "a", years=[2020, 2021], min_count=1)
    assert dtm.years.tolist() == [2020, 2021] and dtm.terms.tolist() == ["데이터", "도시", "플랫폼"]
    none = doc_term_matrix(TOKENS, "zzz", min_count=1)
    assert none.n_documents == 0 and none.terms.size == 0


def test_missing_column_names_what_was_expected():
    with pytest.raises(InputError, match="tokens"):
        doc_term_matrix(TOKENS.drop(columns="tokens"), "a")


@given(st.lists(st.lists(st.sampled_from(["가", "나", "다", "라"]), max_size=8), min_size=1, max_size=12))
def test_the_matrix_holds_every_token(documents):
    tokens = pd.DataFrame({"query": "q", "year": 2020, "tokens": documents})
    dtm = doc_term_matrix(tokens, "q", min_count=1)
    kept = [d for d in documents if d]
    assert dtm.counts.sum() == sum(len(d) for d in kept)
    assert dtm.exposure.tolist() == [len(d) for d in kept]
    for row, doc in zip(dtm.counts.toarray(), kept, strict=True):
        assert dict(zip(dtm.terms, row, strict=True)) == {t: doc.count(t) for t in dtm.terms}
    assert np.all(np.diff(dtm.counts.indptr) >= 0)


WORDS = st.text(alphabet=st.sampled_from(list("가나다ab🙂é")), min_size=1, max_size=3)


@given(st.lists(st.lists(WORDS, max_size=10), max_size=15))
def test_count_matrix_counts_every_token_with_terms_in_code_point_order(documents):
    counts, terms = count_matrix(pa.array(documents, type=pa.list_(pa.string())))
    assert terms.tolist() == sorted({t for doc in documents for t in doc})  # Python's str order: code points
    assert counts.shape == (len(documents), len(terms)) and counts.dtype == np.int64
    for row, doc in zip(counts.toarray(), documents, strict=True):
        assert dict(zip(terms, row, strict=True)) == {t: doc.count(t) for t in terms}
    assert counts.has_canonical_format  # sorted indices, no duplicates: what gensim's bags of words are made of


def test_count_matrix():
    matrix, vocab = count_matrix(pa.array([["b", "a", "b"], [], ["c"]], type=pa.list_(pa.string())))
    assert vocab.tolist() == ["a", "b", "c"]
    assert matrix.toarray().tolist() == [[1, 2, 0], [0, 0, 0], [0, 0, 1]]


def test_count_matrix_of_a_column_in_several_chunks():
    chunked = pa.chunked_array([pa.array([["나", "가"], []], type=pa.list_(pa.string())), pa.array([["가", "가"]], type=pa.list_(pa.string()))])
    counts, terms = count_matrix(chunked)
    assert terms.tolist() == ["가", "나"] and counts.toarray().tolist() == [[1, 1], [0, 0], [2, 0]]


def test_the_same_matrix_from_pandas_arrow_and_token_counts():
    """The compare stage passes the file's Arrow table reduced to TokenCounts; tests and callers may pass a DataFrame."""
    frame = TOKENS.assign(doc_id=[f"d{i}" for i in range(len(TOKENS))])
    whole = token_counts(pa.Table.from_pandas(frame, preserve_index=False))
    assert whole.doc_ids.tolist() == frame["doc_id"].tolist() and whole.queries.tolist() == frame["query"].tolist()
    for source in (TOKENS, pa.Table.from_pandas(TOKENS, preserve_index=False), whole):
        dtm = doc_term_matrix(source, "a", years=[2019, 2020, 2021], min_count=1)
        assert dtm.terms.tolist() == ["데이터", "도시", "플랫폼"] and dtm.counts.toarray().tolist() == [[1, 2, 0], [1, 0, 1], [0, 1, 0]]
        assert dtm.years.dtype == np.int64 and dtm.years.tolist() == [2019, 2020, 2021]


def test_an_all_empty_token_column_from_pandas():
    dtm = doc_term_matrix(pd.DataFrame({"query": ["a", "a"], "year": [2020, 2021], "tokens": [[], []]}), "a", min_count=1)
    assert dtm.n_documents == 0 and dtm.terms.size == 0
