"""Convergence per year on hand-made term tables."""

import pandas as pd
import pytest

from trendscope.analysis.convergence import convergence_by_year, convergence_trend, cosine, verdict, with_verdicts


def frame(rows):
    return pd.DataFrame(rows, columns=["query", "year", "term", "tf", "tfidf"])


def test_jaccard_cosine_and_shared_terms_by_hand():
    terms = frame([
        ("a", 2019, "도시", 5, 1.0), ("a", 2019, "기술", 4, 0.0), ("a", 2019, "시민", 3, 0.0),
        ("b", 2019, "시민", 6, 0.0), ("b", 2019, "도시", 2, 1.0), ("b", 2019, "혁신", 1, 1.0),
    ])
    row = convergence_by_year(terms, ["a", "b"], [2019], top_n=3).iloc[0]
    # top-3 sets {도시, 기술, 시민} and {시민, 도시, 혁신}: 2 shared of 4 → 0.5
    assert row["jaccard"] == pytest.approx(0.5)
    # tfidf vectors (도시, 혁신) = (1, 0) and (1, 1): cosine = 1/√2
    assert row["cosine_tfidf"] == pytest.approx(2 ** -0.5)
    # rank sums: 시민 3 + 1 = 4, 도시 1 + 2 = 3 → 도시 first
    assert row["shared_terms"] == "도시, 시민"


def test_cosine_of_disjoint_and_empty_vectors():
    assert cosine(pd.Series({"x": 1.0}), pd.Series({"y": 2.0})) == 0.0
    assert cosine(pd.Series(dtype=float), pd.Series(dtype=float)) == 0.0


def test_a_rising_similarity_reads_as_converging():
    table = pd.DataFrame({"query_a": "a", "query_b": "b", "year": [2015, 2016, 2017, 2018, 2019, 2020],
                          "jaccard": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "cosine_tfidf": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]})
    row = convergence_trend(table).iloc[0]
    assert row["cosine_tfidf_sen_slope"] == pytest.approx(0.1)
    assert verdict(row) == "converging" and verdict(pd.concat([row.drop("cosine_tfidf_sen_slope"), pd.Series({"cosine_tfidf_sen_slope": -0.1})])) == "diverging"
    flat = convergence_trend(table.assign(cosine_tfidf=0.5)).iloc[0]
    assert verdict(flat) == "no_trend"
    assert with_verdicts(convergence_trend(table.head(2)), alpha=0.05)["verdict"].tolist() == ["untested"]
