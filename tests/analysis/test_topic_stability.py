"""Seed stability of topics: alignment across seeds on made-up φ, then on LDA fits of the planted-theme corpus."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.test_topics import THEMES, planted_corpus, theme_of_topics
from trendscope.analysis import topic_stability as ts
from trendscope.analysis import topics as lda
from trendscope.errors import ConfigError


def blocks(k: int, v: int = 30, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """K topics, each concentrated on its own slice of the vocabulary."""
    phi = np.full((k, v), 1e-3)
    width = v // k
    for t in range(k):
        phi[t, t * width : (t + 1) * width] = 1.0
    phi += noise * np.random.default_rng(seed).random((k, v))
    return phi / phi.sum(axis=1, keepdims=True)


def test_same_topics_in_another_order_are_fully_stable():
    phi = blocks(3)
    table = ts.topic_stability([phi, phi[[2, 0, 1]], phi[[1, 2, 0]]], [5, 6, 7])
    assert list(table.columns) == ts.STABILITY_COLUMNS
    assert table["stability"].to_numpy() == pytest.approx(1.0) and table["stable"].all() and set(table["n_seeds"]) == {3}
    alignment = ts.seed_alignment([phi, phi[[2, 0, 1]]], [5, 6])
    assert alignment[["topic", "matched_topic"]].to_numpy().tolist() == [[1, 2], [2, 3], [3, 1]]


def test_a_merge_lowers_the_stability_of_both_merged_topics():
    phi = blocks(3)
    merged = phi.copy()
    merged[0] = (phi[0] + phi[1]) / 2  # topics 1 and 2 merged into one ...
    merged[1] = blocks(3, noise=1.0, seed=3)[2] * 0.5 + phi[2] * 0.5  # ... and topic 3 split in two
    merged[2] = phi[2]
    table = ts.topic_stability([phi, phi, merged], [1, 2, 3], threshold=0.9).set_index("topic")
    # one-to-one pairing: only one of topics 1 and 2 gets the merged topic, the other a piece of topic 3
    assert table.loc[3, "stability"] == pytest.approx(1.0)
    # (best-match would give both the merged topic's 0.45; the one left over gets the stray piece, 0.14)
    assert sorted(table.loc[[1, 2], "min_similarity"].round(2)) == [0.14, 0.45]
    assert set(table.loc[[1, 2], "worst_seed"]) == {3}
    assert not table.loc[[1, 2], "stable"].any()
    line = ts.summary_line(table.reset_index(), k=3, threshold=0.9)
    assert line.startswith("K = 3, 3 seeds: mean topic stability") and "below 0.9" in line


def test_bad_inputs_are_named():
    with pytest.raises(ConfigError, match="stability_seeds"):
        ts.stability_seeds(42, 1)
    assert ts.stability_seeds(42, 3) == [42, 43, 44]
    with pytest.raises(ConfigError, match="seed 2 has φ of shape"):
        ts.topic_stability([blocks(3), blocks(4)], [1, 2])
    with pytest.raises(ConfigError, match="stability_threshold"):
        ts.topic_stability([blocks(3), blocks(3)], [1, 2], threshold=1.5)


@pytest.fixture(scope="module")
def planted_fits():
    docs, _, _ = planted_corpus()
    corpus = lda.build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    settings = lda.FitSettings(seed=1, passes=10, iterations=100)
    seeds = ts.stability_seeds(settings.seed, 5)
    fits = lda.fit_seeds({"q": corpus}, [("q", 3), ("q", 9)], settings, seeds, jobs=1, score=False)
    phis = {k: [lda.topic_term_matrix(fits[("q", k, s)].model) for s in seeds] for k in (3, 9)}
    return corpus, seeds, phis, settings


def test_planted_themes_are_stable_across_seeds(planted_fits):
    corpus, seeds, phis, _ = planted_fits
    # the reference fit (seed 1) recovers the three themes; some other seeds merge two of them
    assert sorted(theme_of_topics(phis[3][0], corpus.vocab).values()) == [0, 1, 2]
    merged = [s for s, phi in zip(seeds, phis[3], strict=True) if len(set(theme_of_topics(phi, corpus.vocab).values())) < len(THEMES)]
    assert merged, "no seed merged two themes: the check has nothing to catch on this corpus"
    table = ts.topic_stability(phis[3], seeds, threshold=0.6)
    assert table["stable"].all() and (table["stability"] >= 0.6).all()
    # a seed that merged two themes pairs some topic far below the threshold; the mean absorbs it
    alignment = ts.seed_alignment(phis[3], seeds)
    assert alignment.loc[alignment["seed"].isin(merged), "similarity"].min() < 0.6
    assert table["min_similarity"].min() < 0.6


def test_an_over_split_k_is_less_stable(planted_fits):
    _, seeds, phis, _ = planted_fits
    planted = ts.topic_stability(phis[3], seeds)
    over = ts.topic_stability(phis[9], seeds)
    # nine topics for three themes: the extra topics are arbitrary splits that other seeds cut elsewhere
    assert over["stability"].min() < planted["stability"].min() - 0.1


def test_seeded_refits_do_not_depend_on_jobs():
    docs, _, _ = planted_corpus()
    corpus = lda.build_corpus(docs[:120], no_below=2, no_above=0.9, keep_n=None)
    settings = lda.FitSettings(seed=3, passes=2, iterations=20)
    serial = lda.fit_seeds({"q": corpus}, [("q", 2)], settings, [3, 4], jobs=1, score=False)
    parallel = lda.fit_seeds({"q": corpus}, [("q", 2)], settings, [3, 4], jobs=2, score=False)
    assert list(serial) == [("q", 2, 3), ("q", 2, 4)] == list(parallel)
    for run in serial:
        assert np.array_equal(lda.topic_term_matrix(serial[run].model), lda.topic_term_matrix(parallel[run].model))
    assert np.isnan(serial[("q", 2, 3)].c_v)
    # the reference fit is the study's own fit
    again = lda.fit_lda(corpus, 2, settings)
    assert np.array_equal(lda.topic_term_matrix(again), lda.topic_term_matrix(serial[("q", 2, 3)].model))
