"""Co-occurrence counts, Jaccard and NPMI on hand-made documents with known values."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trendscope.analysis.cooccurrence import (
    associations,
    cooccurrence,
    edge_table,
    focus_associations,
    pair_weights,
    unit_term_matrix,
)
from trendscope.errors import ConfigError

DOCS = [
    ["도시", "교통", "데이터", "도시"],  # repeated terms count once per unit
    ["도시", "데이터"],
    ["교통", "시민"],
    ["시민", "참여", "도시"],
]
VOCAB = ["교통", "데이터", "도시", "시민", "참여"]


def test_document_counts_jaccard_and_npmi_by_hand():
    cooc = cooccurrence(DOCS, VOCAB, unit="document")
    assert cooc.n_units == 4
    assert dict(zip(cooc.terms, cooc.unit_frequency, strict=True)) == {"교통": 2, "데이터": 2, "도시": 3, "시민": 2, "참여": 1}
    edges = edge_table(cooc).set_index(["source", "target"])
    assert edges.loc[("데이터", "도시"), "count"] == 2
    assert edges.loc[("교통", "도시"), "count"] == 1
    assert ("교통", "참여") not in edges.index  # never together: no edge
    # 데이터–도시: c_ij = 2, c_i = 2, c_j = 3 → Jaccard 2 / (2 + 3 − 2) = 2/3
    assert edges.loc[("데이터", "도시"), "jaccard"] == pytest.approx(2 / 3)
    # NPMI = ln(p_ij / (p_i p_j)) / −ln p_ij with p_ij = 2/4, p_i = 2/4, p_j = 3/4
    expected = math.log(0.5 / (0.5 * 0.75)) / -math.log(0.5)
    assert edges.loc[("데이터", "도시"), "npmi"] == pytest.approx(expected)
    # 시민–참여: 참여 only ever with 시민 → p_ij = p_j, NPMI = ln(1/p_i)/−ln(p_ij) = ln 2 / ln 4 = 0.5
    assert edges.loc[("시민", "참여"), "npmi"] == pytest.approx(0.5)
    assert len(edge_table(cooc, min_count=2)) == 1


def test_npmi_bounds_and_perfect_association():
    w = pair_weights(np.array([4, 1]), np.array([4, 3]), np.array([4, 3]), 4)
    assert w["npmi"][0] == 1.0 and w["jaccard"][0] == 1.0  # in every unit together
    w = pair_weights(np.array([2]), np.array([2]), np.array([2]), 8)
    assert w["npmi"][0] == pytest.approx(1.0)  # always together, never apart


def test_sentence_and_window_units():
    sentences = [[["도시", "교통"], ["데이터", "시민"]], [["도시", "데이터"]]]
    tokens = [[t for s in doc for t in s] for doc in sentences]
    cooc = cooccurrence(tokens, VOCAB, unit="sentence", sentences=sentences)
    assert cooc.n_units == 3
    edges = edge_table(cooc).set_index(["source", "target"])
    assert ("교통", "데이터") not in edges.index  # same document, different sentences
    assert edges.loc[("데이터", "도시"), "count"] == 1
    # windows of 2 over [도시 교통 데이터 시민]: {도시,교통} {교통,데이터} {데이터,시민}; + [도시 데이터]
    cooc = cooccurrence(tokens, VOCAB, unit="window", window=2)
    assert cooc.n_units == 4
    edges = edge_table(cooc).set_index(["source", "target"])
    assert set(edges.index) == {("교통", "도시"), ("교통", "데이터"), ("데이터", "시민"), ("데이터", "도시")}
    # an out-of-vocabulary token still takes its place in the window
    matrix = unit_term_matrix([["도시", "기타", "교통"]], VOCAB, window=2)
    assert matrix.shape[0] == 2 and matrix[:, VOCAB.index("도시")].sum() == 1
    assert (matrix[:, VOCAB.index("도시")].toarray().ravel() * matrix[:, VOCAB.index("교통")].toarray().ravel()).sum() == 0
    # a list shorter than the window is one unit; an empty list none
    assert unit_term_matrix([["도시"], []], VOCAB, window=5).shape[0] == 1


def test_bad_choices_are_config_errors():
    with pytest.raises(ConfigError, match="network.unit"):
        cooccurrence(DOCS, VOCAB, unit="paragraph")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="window"):
        unit_term_matrix(DOCS, VOCAB, window=1)
    with pytest.raises(ConfigError, match="does not occur"):
        associations(cooccurrence(DOCS, VOCAB), "없음")


def test_associations_agree_with_edges_and_focus_column():
    cooc = cooccurrence(DOCS, VOCAB)
    related = associations(cooc, "도시", weight="npmi")
    assert list(related["rank"]) == [1, 2, 3, 4]
    assert related["npmi"].is_monotonic_decreasing
    edges = edge_table(cooc)
    pair = edges[(edges["source"] == "데이터") & (edges["target"] == "도시")].iloc[0]
    row = related[related["term"] == "데이터"].iloc[0]
    assert row["npmi"] == pytest.approx(pair["npmi"]) and row["count"] == pair["count"]
    matrix = unit_term_matrix(DOCS, VOCAB)
    focused = focus_associations(matrix, VOCAB, "도시", weight="npmi")
    assert focused.equals(related)


token_docs = st.lists(st.lists(st.sampled_from(list("abcdef")), max_size=8), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(token_docs, st.sampled_from(["document", "window"]), st.integers(min_value=2, max_value=4))
def test_counts_equal_brute_force_pair_counting(docs, unit, window):
    vocab = list("abcdef")
    cooc = cooccurrence(docs, vocab, unit=unit, window=window)
    units = []
    for doc in docs:
        if unit == "document":
            units.append(set(doc))
        elif doc:
            units += [set(doc[s : s + window]) for s in range(max(1, len(doc) - window + 1))]
    if unit == "document":
        assert cooc.n_units == len(docs)
    else:
        assert cooc.n_units == len(units)
    dense = cooc.counts.toarray()
    for a, b in itertools.combinations_with_replacement(range(len(vocab)), 2):
        expected = sum(1 for u in units if vocab[a] in u and vocab[b] in u)
        assert dense[a, b] == dense[b, a] == expected


def test_chunked_counting_equals_one_pass():
    docs = [DOCS[i % len(DOCS)] for i in range(23)]
    whole = cooccurrence(docs, VOCAB, unit="window", window=2, chunk_entries=10**6)
    chunked = cooccurrence(docs, VOCAB, unit="window", window=2, chunk_entries=7)
    assert whole.n_units == chunked.n_units
    assert (whole.counts != chunked.counts).nnz == 0
