"""Coherence from the document–term matrix agrees with gensim's CoherenceModel on documents within its window."""

from __future__ import annotations

import random

import numpy as np
import pytest

from trendscope.analysis.topics import FitSettings, build_corpus, coherence, fit_lda, gensim_coherence

VOCAB = [f"어휘{i:02d}" for i in range(40)]


def _texts(seed: int, n_docs: int, length: tuple[int, int]) -> list[list[str]]:
    rng = random.Random(seed)
    groups = [VOCAB[:15], VOCAB[12:28], VOCAB[25:]]  # three overlapping "topics"
    texts = []
    for _ in range(n_docs):
        group = rng.choice(groups)
        texts.append([rng.choice(group) if rng.random() < 0.8 else rng.choice(VOCAB) for _ in range(rng.randint(*length))])
    texts.append([])  # an empty document still counts in N
    return texts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matrix_coherence_equals_gensim_within_the_window(seed):
    texts = _texts(seed, 150, (5, 60))
    corpus = build_corpus(texts, no_below=2, no_above=0.9, keep_n=None)
    model = fit_lda(corpus, 3, FitSettings(seed=seed, passes=2, iterations=20))
    topics = [[i for i, _ in model.get_topic_terms(t, topn=10)] for t in range(3)]
    ours, theirs = coherence(topics, corpus.presence()), gensim_coherence(topics, corpus, texts)
    assert ours["c_v"] == pytest.approx(theirs["c_v"], abs=1e-12)
    assert ours["u_mass"] == pytest.approx(theirs["u_mass"], abs=1e-12)
    assert 0 < ours["c_v"] < 1


def test_longer_documents_are_one_window_not_many():
    """Beyond gensim's 110-token window the two differ (document-level c_v); both stay finite."""
    texts = _texts(4, 60, (150, 300))
    corpus = build_corpus(texts, no_below=2, no_above=1.0, keep_n=None)
    model = fit_lda(corpus, 3, FitSettings(seed=4, passes=2, iterations=20))
    topics = [[i for i, _ in model.get_topic_terms(t, topn=10)] for t in range(3)]
    ours, theirs = coherence(topics, corpus.presence()), gensim_coherence(topics, corpus, texts)
    assert np.isfinite(ours["c_v"]) and np.isfinite(theirs["c_v"])
    assert ours["u_mass"] == pytest.approx(theirs["u_mass"], abs=1e-12)  # u_mass is document-level in gensim too


def test_a_planted_topic_is_more_coherent_than_a_mixed_one():
    corpus = build_corpus(_texts(5, 300, (5, 40)), no_below=1, no_above=1.0, keep_n=None)
    term = corpus.dictionary.token2id
    pure = [[term[w] for w in VOCAB[:10]]]
    mixed = [[term[w] for w in VOCAB[::4]]]
    assert coherence(pure, corpus.presence())["c_v"] > coherence(mixed, corpus.presence())["c_v"]


def test_the_sweep_stops_once_coherence_falls_and_keeps_the_choice():
    import pandas as pd

    from trendscope.analysis.topics import choose_k, fit_many, fit_sweep

    corpora = {"q": build_corpus(_texts(6, 200, (5, 40)), no_below=2, no_above=0.9, keep_n=None)}
    settings = FitSettings(seed=6, passes=2, iterations=20)
    ks = list(range(2, 9))
    full = fit_many(corpora, [("q", k) for k in ks], settings)
    early = fit_sweep(corpora, ks, settings, patience=1, tolerance=0.0)
    assert set(early) < set(full)  # it stopped before K = 8
    for task, result in early.items():
        assert result.c_v == full[task].c_v  # the same fits
    fitted = sorted(k for _, k in early)
    assert fitted == ks[: len(fitted)]
    curve = lambda results: pd.DataFrame([{"k": k, "c_v": r.c_v} for (_, k), r in results.items()])  # noqa: E731
    best_k = int(curve(early).sort_values("c_v").iloc[-1]["k"])
    assert fitted[-1] == fitted[fitted.index(best_k) + 1]  # one fall after the best, then stop
    assert fit_sweep(corpora, ks, settings, jobs=2, patience=1, tolerance=0.0).keys() == early.keys()
    assert choose_k(curve(early), tolerance=0.0) == best_k


def test_the_sweep_reports_each_corpus_once_its_k_is_decided_and_keeps_the_pool_for_more_fits():
    from trendscope.analysis.topics import FitPool, fit_seeds, fit_sweep, submit_seeds

    corpora = {
        "a": build_corpus(_texts(6, 120, (5, 30)), no_below=2, no_above=0.9, keep_n=None),
        "b": build_corpus(_texts(7, 90, (5, 30)), no_below=2, no_above=0.9, keep_n=None),
    }
    settings = FitSettings(seed=3, passes=1, iterations=10)
    ks = [2, 3, 4, 5]
    decided: dict[str, list[int]] = {}
    queued = {}
    with FitPool(corpora, 2) as pool:

        def on_stop(key, fits):
            decided.setdefault(key, []).extend(sorted(fits))
            queued[key] = submit_seeds(pool, [(key, 2)], settings, [11, 12], score=False)

        swept = fit_sweep(corpora, ks, settings, patience=1, tolerance=0.0, pool=pool, on_stop=on_stop)
        refits = {run: future.result() for futures in queued.values() for run, future in futures.items()}
    assert set(decided) == {"a", "b"}  # once per corpus, with exactly the Ks it kept
    assert {key: sorted(k for q, k in swept if q == key) for key in corpora} == decided
    serial = fit_sweep(corpora, ks, settings, patience=1, tolerance=0.0)
    assert {task: r.c_v for task, r in swept.items()} == {task: r.c_v for task, r in serial.items()}
    alone = fit_seeds(corpora, [("a", 2), ("b", 2)], settings, [11, 12], score=False)
    for run, result in alone.items():
        assert (refits[run].model.get_topics() == result.model.get_topics()).all()  # a pooled refit is the same fit
