"""Convergence per year on hand-made term tables, and its permutation baseline on documents the tests draw."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from trendscope.analysis.convergence import (
    BASELINE_COLUMNS,
    convergence_baselines,
    convergence_by_year,
    convergence_trend,
    cosine,
    permutation_baseline,
    verdict,
    with_verdicts,
)
from trendscope.analysis.doc_term import TokenCounts
from trendscope.analysis.tfidf import tfidf_by_year


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


def test_a_rising_similarity_reads_as_rising():
    table = pd.DataFrame({"query_a": "a", "query_b": "b", "year": [2015, 2016, 2017, 2018, 2019, 2020],
                          "jaccard": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "cosine_tfidf": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]})
    row = convergence_trend(table).iloc[0]
    assert row["cosine_tfidf_sen_slope"] == pytest.approx(0.1)
    assert verdict(row) == "rising" and verdict(pd.concat([row.drop("cosine_tfidf_sen_slope"), pd.Series({"cosine_tfidf_sen_slope": -0.1})])) == "falling"
    flat = convergence_trend(table.assign(cosine_tfidf=0.5)).iloc[0]
    assert verdict(flat) == "no_trend"
    assert with_verdicts(convergence_trend(table.head(2)), alpha=0.05)["verdict"].tolist() == ["untested"]


# --- the permutation baseline -------------------------------------------------------------------------------------

VOCAB = [f"단어{i:03d}" for i in range(120)]  # code-point order, as TokenCounts keeps its terms


def _docs(rng, n, weights, length=30):
    """n documents of `length` tokens drawn from `weights` over VOCAB, as a (n × V) count matrix."""
    return np.stack([rng.multinomial(length, weights) for _ in range(n)])


def _zipf(shift=0):
    w = 1.0 / (1 + np.roll(np.arange(len(VOCAB)), shift))
    return w / w.sum()


def _token_counts(blocks):
    """TokenCounts of (query, year, count matrix) blocks."""
    counts = np.vstack([b[2] for b in blocks])
    queries = np.concatenate([[b[0]] * len(b[2]) for b in blocks])
    years = np.concatenate([[b[1]] * len(b[2]) for b in blocks])
    return TokenCounts(sparse.csr_matrix(counts), np.array(VOCAB), queries, years)


def _terms_table(tokens):
    """The count stage's terms table (query, year, term, tf, df, n_docs, tfidf) of a TokenCounts."""
    rows = []
    for q in sorted(set(tokens.queries)):
        for y in sorted(set(tokens.years)):
            block = tokens.counts[tokens.rows(q, [y])].toarray()
            tf, df, n = block.sum(axis=0), (block > 0).sum(axis=0), len(block)
            rows += [(q, y, t, int(a), int(b), n) for t, a, b in zip(VOCAB, tf, df, strict=True) if a > 0]
    table = pd.DataFrame(rows, columns=["query", "year", "term", "tf", "df", "n_docs"])
    return tfidf_by_year(table)


def test_identical_groups_sit_on_the_baseline():
    """Two halves of one discourse: over 20 studies the observed similarity is the baseline on average, and within 0.03 of it in each."""
    excess = {"jaccard": [], "cosine_tfidf": []}
    for i in range(20):
        rng = np.random.default_rng(10 + i)
        pooled = _docs(rng, 80, _zipf())
        found = permutation_baseline(sparse.csr_matrix(pooled), 40, top_n=20, permutations=100, rng=rng)
        for m, values in excess.items():
            values.append(found[m] - found[f"{m}_baseline"])
        assert found["cosine_tfidf_baseline"] < 0.99  # two samples of one discourse are not identical: the baseline is below 1
    assert abs(np.mean(excess["cosine_tfidf"])) < 0.005 and np.abs(excess["cosine_tfidf"]).max() < 0.03
    assert abs(np.mean(excess["jaccard"])) < 0.03 and np.abs(excess["jaccard"]).max() < 0.2


def test_a_planted_difference_falls_below_the_baseline():
    rng = np.random.default_rng(3)
    a, b = _docs(rng, 80, _zipf()), _docs(rng, 80, 0.5 * _zipf() + 0.5 * _zipf(shift=40))  # half of b's words from elsewhere
    found = permutation_baseline(sparse.csr_matrix(np.vstack([a, b])), 80, top_n=20, permutations=200, rng=np.random.default_rng(4))
    for m in ("jaccard", "cosine_tfidf"):
        assert found[m] < found[f"{m}_baseline_low"]
        assert found[f"{m}_p_below"] == pytest.approx(1 / 201)


def test_the_baseline_keeps_its_error_rate_when_the_groups_are_exchangeable():
    """Under the null (both groups from one pool) p_below < 0.05 in about 5 % of studies, not more."""
    rejections = 0
    for i in range(60):
        rng = np.random.default_rng(100 + i)
        pooled = _docs(rng, 40, _zipf(), length=15)
        found = permutation_baseline(sparse.csr_matrix(pooled), 20, top_n=15, permutations=99, rng=rng)
        rejections += found["cosine_tfidf_p_below"] < 0.05
    assert rejections <= 8  # 3 expected; P(X ≥ 9 | Binomial(60, 0.05)) < 0.01


def test_baselines_observed_values_equal_the_convergence_table_with_own_words_left_out():
    rng = np.random.default_rng(5)
    tokens = _token_counts([("a", 2019, _docs(rng, 30, _zipf())), ("b", 2019, _docs(rng, 25, _zipf(shift=7))),
                            ("a", 2020, _docs(rng, 20, _zipf())), ("b", 2020, _docs(rng, 35, _zipf(shift=3)))])
    excluded = {"a": {VOCAB[0]}, "b": {VOCAB[7], VOCAB[3]}}
    own = _terms_table(tokens)
    own = own[~own.apply(lambda r: r["term"] in excluded[r["query"]], axis=1)]
    observed = convergence_by_year(own, ["a", "b"], [2019, 2020], top_n=10)
    baselines = convergence_baselines(tokens, ["a", "b"], [2019, 2020], top_n=10, permutations=30, seed=9, excluded=excluded)
    assert baselines[["query_a", "query_b", "year"]].values.tolist() == [["a", "b", 2019], ["a", "b", 2020]]
    # the permutation function recomputes the observed value exactly as the table does
    for year in (2019, 2020):
        pooled = tokens.counts[np.concatenate([tokens.rows("a", [year]), tokens.rows("b", [year])])]
        keep_a, keep_b = ~np.isin(VOCAB, list(excluded["a"])), ~np.isin(VOCAB, list(excluded["b"]))
        found = permutation_baseline(pooled, len(tokens.rows("a", [year])), top_n=10, permutations=20, rng=np.random.default_rng(0), keep_a=keep_a, keep_b=keep_b)
        row = observed[observed["year"] == year].iloc[0]
        assert found["jaccard"] == pytest.approx(row["jaccard"]) and found["cosine_tfidf"] == pytest.approx(row["cosine_tfidf"])
    again = convergence_baselines(tokens, ["a", "b"], [2020], top_n=10, permutations=30, seed=9, excluded=excluded)
    pd.testing.assert_frame_equal(again, baselines[baselines["year"] == 2020].reset_index(drop=True))  # seeded per pair and year


def test_a_year_without_documents_of_one_query_has_no_baseline():
    rng = np.random.default_rng(6)
    tokens = _token_counts([("a", 2019, _docs(rng, 5, _zipf())), ("b", 2020, _docs(rng, 5, _zipf()))])
    table = convergence_baselines(tokens, ["a", "b"], [2019, 2020], top_n=5, permutations=20, seed=1)
    assert table[BASELINE_COLUMNS].isna().all().all()
    with pytest.raises(ValueError, match="at least one document"):
        permutation_baseline(sparse.csr_matrix(np.ones((3, 2))), 3, top_n=2, permutations=20, rng=rng)
