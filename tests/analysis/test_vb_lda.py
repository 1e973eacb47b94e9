"""The chunk-at-once E-step against gensim's own per-document loop: same model, same random draws, float32 rounding apart."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from gensim.models import LdaModel
from gensim.utils import get_random_state
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from tests.analysis.test_topics import planted_corpus
from trendscope.analysis import topics as lda
from trendscope.analysis import vb_lda

FIT = {"passes": 5, "iterations": 50, "chunksize": 64}


@pytest.fixture(scope="module")
def corpus() -> lda.TopicCorpus:
    docs, _years, _themes = planted_corpus()
    return lda.build_corpus([*docs, ["없는말"]], no_below=2, no_above=0.9, keep_n=None)  # the last document is empty after filtering


def stock_fit(corpus: lda.TopicCorpus, k: int, seed: int) -> LdaModel:
    return LdaModel(corpus=list(corpus.bow), id2word=corpus.dictionary, num_topics=k, random_state=seed, eval_every=None, update_every=1, **FIT)


def relative(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-30)


def test_chunk_inference_matches_gensims_loop(corpus) -> None:
    model = stock_fit(corpus, 3, seed=1)
    model.random_state = get_random_state(9)
    gamma, sstats = model.inference(list(corpus.bow), collect_sstats=True)
    model.random_state = get_random_state(9)
    ours, our_sstats = vb_lda.chunk_inference(model, vb_lda.as_model_counts(corpus.counts, model), collect_sstats=True)
    assert ours.dtype == gamma.dtype == np.float32 and our_sstats.shape == sstats.shape
    assert np.median(relative(ours, gamma)) < 1e-6
    assert np.allclose(ours, gamma, rtol=1e-3)  # a document at gensim's threshold may stop one iteration apart
    assert np.allclose(our_sstats, sstats, rtol=1e-3, atol=1e-4)
    assert np.array_equal(ours[-1], model.alpha)  # the empty document: γ = α, as in gensim


def test_a_fit_matches_gensims_fit(corpus) -> None:
    stock = stock_fit(corpus, 3, seed=1)
    ours = vb_lda.fit(corpus.counts, corpus.dictionary, 3, seed=1, **FIT)
    assert type(ours) is LdaModel and "inference" not in vars(ours)  # a plain gensim model once fitted
    assert np.abs(ours.get_topics() - stock.get_topics()).max() < 1e-4
    for topic in range(3):
        assert [t for t, _ in ours.get_topic_terms(topic, 10)] == [t for t, _ in stock.get_topic_terms(topic, 10)]
    again = vb_lda.fit(corpus.counts, corpus.dictionary, 3, seed=1, **FIT)
    assert np.array_equal(ours.get_topics(), again.get_topics())  # deterministic for a seed


def test_per_word_bound_is_gensims_log_perplexity(corpus) -> None:
    model = stock_fit(corpus, 3, seed=1)
    twin = copy.deepcopy(model)  # the same random state for both
    expected = model.log_perplexity(list(corpus.bow))
    assert vb_lda.per_word_bound(twin, corpus.counts, chunksize=50) == pytest.approx(expected, rel=1e-5)


def test_a_document_s_gamma_does_not_depend_on_its_chunk(corpus) -> None:
    """Each row is computed on its own, so blocks of 7 give exactly what one block gives (one draw continues the other)."""
    model = vb_lda.fit(corpus.counts, corpus.dictionary, 3, seed=1, **FIT)
    model.random_state = get_random_state(3)
    small = vb_lda.doc_topics(model, corpus.counts, chunksize=7)
    model.random_state = get_random_state(3)
    whole = vb_lda.doc_topics(model, corpus.counts, chunksize=10_000)
    assert np.array_equal(small, whole)


def test_only_empty_documents() -> None:
    corpus = lda.build_corpus([["a", "b"], ["b", "a"]], no_below=1, no_above=1.0, keep_n=None)
    model = vb_lda.fit(corpus.counts, corpus.dictionary, 2, seed=0, **FIT)
    gamma, sstats = vb_lda.chunk_inference(model, vb_lda.as_model_counts(sparse.csr_matrix((3, 2)), model), collect_sstats=True)
    assert np.array_equal(gamma, np.tile(model.alpha, (3, 1))) and not sstats.any()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["가", "나", "다", "라", "마", "바"]), min_size=0, max_size=12), min_size=2, max_size=30), st.integers(0, 5))
def test_small_corpora_agree_with_gensim(docs, seed) -> None:
    corpus = lda.build_corpus(docs, no_below=1, no_above=1.0, keep_n=None)
    if len(corpus.dictionary) < 2:
        return
    model = stock_fit(corpus, 2, seed)
    model.random_state = get_random_state(seed)
    gamma, _ = model.inference(list(corpus.bow))
    model.random_state = get_random_state(seed)
    ours, _ = vb_lda.chunk_inference(model, vb_lda.as_model_counts(corpus.counts, model))
    assert np.allclose(ours, gamma, rtol=1e-3, atol=1e-3)
