"""The topic-similarity baseline: documents reassigned whole between two queries, each half fitted as the queries are."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from trendscope.analysis import topics as lda
from trendscope.analysis.doc_term import TokenCounts
from trendscope.analysis.topic_baseline import reassign, similarity_baseline
from trendscope.config import TopicsConfig, YearRange
from trendscope.stages.topics import TOPICS_FIELDS, TopicsParams, TopicsSettings, cross_query_baseline

VOCAB = np.array([f"w{i:03d}" for i in range(160)])


def test_reassign_deals_whole_documents_into_groups_of_the_same_sizes():
    a, b = np.arange(0, 7), np.arange(10, 22)
    new_a, new_b = reassign(a, b, np.random.default_rng(0))
    assert len(new_a) == 7 and len(new_b) == 12
    assert sorted([*new_a, *new_b]) == sorted([*a, *b])
    assert not np.array_equal(new_a, a)


def test_similarity_baseline_by_hand():
    found = similarity_baseline([np.array([[0.2, 0.8], [0.3, 0.1]]), np.array([[0.6, 0.2], [0.2, 0.4]])])
    assert found["cell"] == pytest.approx(0.35)
    assert found["match"] == pytest.approx((0.8 + 0.3 + 0.6 + 0.4) / 4)
    assert found["match_low"] == pytest.approx(np.percentile([0.8, 0.3, 0.6, 0.4], 2.5))


def _themes(rng, n_docs, themes, length=40):
    """Documents each drawn from one of `themes` (a theme = 20 words of VOCAB) plus common words."""
    rows = []
    for i in range(n_docs):
        words = np.concatenate([rng.choice(themes[i % len(themes)], length), rng.choice(VOCAB[:10], 5)])
        rows.append(np.bincount(np.searchsorted(VOCAB, words), minlength=len(VOCAB)))
    return np.array(rows)


def _study(blocks):
    counts = np.vstack([b for _, b in blocks])
    queries = np.concatenate([[q] * len(b) for q, b in blocks])
    return TokenCounts(sparse.csr_matrix(counts), VOCAB, queries, np.full(len(counts), 2020), np.array([f"d{i:04d}" for i in range(len(counts))]))


def _params(permutations=4):
    config = TopicsConfig(no_below=2, no_above=0.9, passes=10, similarity_permutations=permutations)
    return TopicsParams(TopicsSettings(**{f: getattr(config, f) for f in TOPICS_FIELDS}), 7, YearRange(2020, 2020), ("a", "b"))


def _observed_best(tokens, params, k):
    corpora = {key: lda.corpus_from_counts(tokens.counts[tokens.rows(key)], VOCAB, no_below=2, no_above=0.9, keep_n=None) for key in ("a", "b")}
    fits = lda.fit_many(corpora, [("a", k), ("b", k)], lda.FitSettings(seed=7, passes=10, iterations=50, coherence_topn=10))
    sim = lda.topic_similarity(lda.topic_term_matrix(fits[("a", k)].model), corpora["a"].vocab, lda.topic_term_matrix(fits[("b", k)].model), corpora["b"].vocab)
    return sim.max(axis=1)


def test_one_discourse_in_two_queries_matches_at_the_baseline_and_two_discourses_fall_below_it():
    rng = np.random.default_rng(3)
    themes = [VOCAB[10 + 20 * t: 30 + 20 * t] for t in range(7)]
    same = _study([("a", _themes(rng, 120, themes[:3])), ("b", _themes(rng, 120, themes[:3]))])
    apart = _study([("a", _themes(rng, 120, themes[:3])), ("b", _themes(rng, 120, themes[3:6]))])
    params = _params()
    for tokens, close in ((same, True), (apart, False)):
        baseline = cross_query_baseline(params, tokens, {"a": 3, "b": 3}, jobs=1).iloc[0]
        assert baseline["permutations"] == 4 and baseline["cell"] < baseline["match_low"] <= baseline["match"]
        best = _observed_best(tokens, params, 3)
        if close:  # every topic of a finds its theme in b about as closely as in a random split
            assert best.min() >= baseline["match_low"] - 0.05 and abs(best.mean() - baseline["match"]) < 0.1
        else:  # b holds other themes: no topic of a comes near the baseline's best match
            assert best.max() < baseline["match_low"]
