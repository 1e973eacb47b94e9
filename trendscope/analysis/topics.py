"""LDA topics: dictionary, fits over a range of K, coherence and perplexity, prevalence by year, term relevance.

Pure computation on document × term count matrices (analysis/doc_term.py; a
query's corpus is its rows, analysis/topic_corpus.py): nothing here reads or
writes files.  A fit is made by the study's engine (analysis/lda_engine.py, looked
up by name in `ENGINES`): by default a single-process gensim `LdaModel` seeded with
the study seed, its E-step run a chunk of documents at a time on the matrix
(analysis/vb_lda.py), or a single-threaded tomotopy sampler (analysis/gibbs_lda.py),
so a fit depends only on (corpus, K, seed, the engine's settings) — not on how many
fits run side by side.  The K sweep spreads whole fits over worker processes (`jobs`);
gensim's `LdaMulticore` is not used because its workers merge their updates in
arrival order, so its result can change with the worker count and timing.

Coherence (c_v and u_mass) is computed from the binary document–term matrix
with one sparse product, instead of gensim's CoherenceModel re-reading the
texts through 110-token sliding windows in Python.  For documents of at most
110 tokens — every BigKinds excerpt and every demo article — gensim's sliding
window *is* the whole document, so the counts are the same and c_v agrees with
gensim's to rounding (tests/analysis/test_topic_coherence.py checks 1e-12).
Longer documents count once instead of once per window, which is the usual
document-level c_v; bench/results/perf.json ("coherence") gives the difference
measured on full-length articles.  On the 10k BigKinds corpus scoring took
about a third of each fit; it now takes milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse

from trendscope.analysis import gibbs_lda, vb_lda
from trendscope.analysis.doc_term import TokenColumn, count_matrix
from trendscope.analysis.lda_engine import FitSettings, LdaEngine, TopicModel
from trendscope.analysis.topic_corpus import TopicCorpus
from trendscope.workers import spawn_pool

# Sievert & Shirley (2014) found λ ≈ 0.6 best for interpreting topics.
DEFAULT_LAMBDA = 0.6

# Every engine by its `topics.engine` name; the rest of the module talks to them through the protocol only.
ENGINES: dict[str, LdaEngine] = {"gensim": vb_lda.ENGINE, "tomotopy": gibbs_lda.ENGINE}


def engine(name: str) -> LdaEngine:
    """The LDA engine called `name` (`topics.engine`)."""
    if name not in ENGINES:
        raise ValueError(f"unknown LDA engine {name!r}; expected one of {', '.join(ENGINES)}")
    return ENGINES[name]


@dataclass
class FitResult:
    k: int
    model: TopicModel
    c_v: float
    u_mass: float
    perplexity: float
    seconds: float


def build_corpus(tokens: TokenColumn | Sequence[Sequence[str]], *, no_below: int, no_above: float, keep_n: int | None) -> TopicCorpus:
    """`corpus_from_counts` of token lists: an Arrow list<string> column or Python lists, one per document."""
    if not isinstance(tokens, pa.Array | pa.ChunkedArray):
        tokens = pa.array([list(doc) for doc in tokens], type=pa.list_(pa.string()))
    counts, terms = count_matrix(tokens)
    return corpus_from_counts(counts, terms, no_below=no_below, no_above=no_above, keep_n=keep_n)


def corpus_from_counts(counts: sparse.csr_matrix, terms: np.ndarray, *, no_below: int, no_above: float, keep_n: int | None) -> TopicCorpus:
    """Documents × `terms` counts (terms in code-point order) filtered as gensim's `filter_extremes` does,
    with term ids in sorted-term order.

    Terms in fewer than `no_below` documents or in more than `no_above` (a share) of
    them are dropped; of the rest the `keep_n` most frequent by document count are
    kept (ties broken by term).
    """
    from gensim.corpora import Dictionary  # gensim (with scipy.stats) costs 0.35 s to import: not at every CLI start

    if no_below < 1 or not 0 < no_above <= 1:
        raise ValueError(f"no_below must be >= 1 and 0 < no_above <= 1, got {no_below}, {no_above}")
    n_docs = counts.shape[0]
    dfs = np.bincount(counts.indices, minlength=counts.shape[1])  # documents containing each term (one entry per document and term)
    candidates = np.flatnonzero((dfs >= no_below) & (dfs <= no_above * max(n_docs, 1)))
    ranked = candidates[np.lexsort((candidates, -dfs[candidates]))]  # terms are sorted, so position breaks ties by term
    kept = np.sort(ranked if keep_n is None else ranked[:keep_n])
    matrix = sparse.csr_matrix(counts[:, kept])
    dictionary = Dictionary()
    dictionary.token2id = {term: i for i, term in enumerate(terms[kept].tolist())}
    dictionary.id2token = {}
    dictionary.dfs = {i: int(df) for i, df in enumerate(dfs[kept].tolist())}
    dictionary.num_docs = n_docs
    dictionary.num_pos = int(matrix.sum())
    dictionary.num_nnz = int(matrix.nnz)
    return TopicCorpus(dictionary, matrix)


def fit_lda(corpus: TopicCorpus, k: int, settings: FitSettings) -> TopicModel:
    """One deterministic LDA fit with the settings' engine: gensim (symmetric α, η learned from data as
    gensim's defaults, analysis/vb_lda.py) or tomotopy (analysis/gibbs_lda.py)."""
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    if not len(corpus.dictionary):
        raise ValueError("the dictionary is empty after filtering; lower no_below or raise no_above")
    return engine(settings.engine).fit(corpus, k, settings)


def score_model(model: TopicModel, corpus: TopicCorpus, topn: int = 10) -> dict[str, float]:
    """Coherence c_v (sliding window over the texts) and u_mass (document co-occurrence), and perplexity.

    Perplexity is 2^(−bound) with gensim's per-word variational bound on the
    training documents, or tomotopy's exp(−log-likelihood per word) (lower is
    better; it usually keeps falling with K, which is why K is chosen by coherence).
    The two engines' perplexities are not on the same scale.
    """
    topics = [[i for i, _ in model.get_topic_terms(t, topn=topn)] for t in range(model.num_topics)]
    return {**coherence(topics, corpus.presence()), "perplexity": model.perplexity(corpus)}


def gensim_coherence(topics: Sequence[Sequence[int]], corpus: TopicCorpus, texts: Sequence[Sequence[str]]) -> dict[str, float]:
    """c_v (110-token sliding windows over the texts) and u_mass through gensim's CoherenceModel: the reference `coherence` is checked against."""
    from gensim.models import CoherenceModel

    words = [[corpus.dictionary[i] for i in topic] for topic in topics]
    topn = len(words[0])
    c_v = CoherenceModel(topics=words, texts=[list(text) for text in texts], dictionary=corpus.dictionary, coherence="c_v", topn=topn, processes=1).get_coherence()
    u_mass = CoherenceModel(topics=words, corpus=corpus.bow, dictionary=corpus.dictionary, coherence="u_mass", topn=topn, processes=1).get_coherence()
    return {"c_v": float(c_v), "u_mass": float(u_mass)}


EPSILON = 1e-12  # gensim's smoothing constant in the confirmation measures


def coherence(topics: Sequence[Sequence[int]], presence: sparse.spmatrix) -> dict[str, float]:
    """c_v and u_mass of topics (term ids, most probable first) from the binary documents × terms matrix.

    The formulas are gensim's (Röder et al. 2015): c_v = mean over topics of the mean
    cosine between each word's NPMI context vector and the topic's summed vector;
    u_mass = mean of log((D(w', w*) / N + ε) / (D(w*) / N)) over ordered pairs.
    A document is one window (see the module docstring).
    """
    ids = sorted({i for topic in topics for i in topic})
    position = {term_id: p for p, term_id in enumerate(ids)}
    sub = sparse.csc_matrix(presence)[:, ids]
    n = float(presence.shape[0])
    co = np.asarray((sub.T @ sub).todense(), dtype=np.float64)  # diagonal: documents containing the term
    c_v, u_mass = [], []
    for topic in topics:
        t = [position[i] for i in topic]
        pair = co[np.ix_(t, t)]
        occ = np.diag(pair)
        joint = pair / n
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log((joint + EPSILON) / ((occ[:, None] / n) * (occ[None, :] / n))) / -np.log(joint + EPSILON)
            # the topic's context vector, summed in topic order as gensim does
            whole = npmi[0].copy()
            for row in npmi[1:]:
                whole += row
            sims = [float(npmi[i] @ whole) / (np.linalg.norm(npmi[i]) * np.linalg.norm(whole)) for i in range(len(t))]
            c_v.append(np.mean(sims))
            pre = [np.log((joint[i, j] + EPSILON) / (occ[j] / n)) for i in range(1, len(t)) for j in range(i)]
        u_mass.append(np.mean(pre))
    return {"c_v": float(np.mean(c_v)), "u_mass": float(np.mean(u_mass))}


def fit_and_score(corpus: TopicCorpus, k: int, settings: FitSettings, *, score: bool = True) -> FitResult:
    """One fit, scored unless `score` is False (then c_v, u_mass and perplexity are NaN: the coherence
    model costs about as much as a short fit, and seed-stability refits only need φ)."""
    start = time.perf_counter()
    model = fit_lda(corpus, k, settings)
    scores = score_model(model, corpus, settings.coherence_topn) if score else {"c_v": np.nan, "u_mass": np.nan, "perplexity": np.nan}
    return FitResult(k, model, scores["c_v"], scores["u_mass"], scores["perplexity"], time.perf_counter() - start)


# --- many fits over worker processes -----------------------------------------------------------

# Filled once per worker process by the pool initializer, so each corpus is sent once, not per fit.
_WORKER_CORPORA: dict[str, TopicCorpus] = {}


def _init_worker(corpora_file: str) -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one BLAS thread per worker: the workers already fill the cores
    with open(corpora_file, "rb") as stream:
        _WORKER_CORPORA.update(pickle.load(stream))


def _fit_task(key: str, k: int, settings: FitSettings, score: bool = True) -> FitResult:
    return fit_and_score(_WORKER_CORPORA[key], k, settings, score=score)


class FitPool:
    """Where a stage's fits run: `jobs` worker processes spawned once, holding the corpora, for every fit
    of the K sweep and the seed refits (a spawn costs about a second: each worker imports gensim and
    receives the corpora); with `jobs` 1, in this process.  A fit's result never depends on the pool."""

    def __init__(self, corpora: dict[str, TopicCorpus], jobs: int = 1) -> None:
        self.corpora, self.jobs = corpora, max(1, jobs)
        self._stack = contextlib.ExitStack()
        self._pool: Any = None

    def __enter__(self) -> FitPool:
        if self.jobs > 1:
            # The corpora reach the workers through a file, not the spawn pipe: a child reads its pipe only
            # after importing gensim, so passing them there held the parent ~1.7 s per worker, one worker after the other.
            folder = self._stack.enter_context(tempfile.TemporaryDirectory(prefix="trendscope-topics-"))
            corpora_file = os.path.join(folder, "corpora.pickle")
            with open(corpora_file, "wb") as stream:
                pickle.dump(self.corpora, stream, protocol=pickle.HIGHEST_PROTOCOL)
            self._pool = self._stack.enter_context(spawn_pool(self.jobs, initializer=_init_worker, initargs=(corpora_file,)))
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool = None
        self._stack.close()

    def submit(self, key: str, k: int, settings: FitSettings, *, score: bool = True) -> Future[FitResult]:
        if self._pool is not None:
            return self._pool.submit(_fit_task, key, k, settings, score)
        done: Future[FitResult] = Future()
        done.set_result(fit_and_score(self.corpora[key], k, settings, score=score))
        return done


def fit_many(corpora: dict[str, TopicCorpus], tasks: Sequence[tuple[str, int]], settings: FitSettings, *, jobs: int = 1, pool: FitPool | None = None) -> dict[tuple[str, int], FitResult]:
    """Fit and score every (corpus key, K) in `tasks`, `jobs` fits at a time (or on `pool`); results do not depend on `jobs`."""
    results = fit_seeds(corpora, tasks, settings, [settings.seed], jobs=jobs, pool=pool)
    return {(key, k): result for (key, k, _), result in results.items()}


def fit_seeds(
    corpora: dict[str, TopicCorpus],
    tasks: Sequence[tuple[str, int]],
    settings: FitSettings,
    seeds: Sequence[int],
    *,
    jobs: int = 1,
    score: bool = True,
    pool: FitPool | None = None,
) -> dict[tuple[str, int, int], FitResult]:
    """Every (corpus key, K) in `tasks` fitted once per seed, `jobs` fits at a time (or on `pool`): {(key, K, seed): result}.

    Each fit is `fit_and_score` with `settings` but that seed, so a result does not depend on `jobs`
    nor on the other seeds; the seed-stability check refits the chosen K this way.
    """
    if pool is None:
        with FitPool(corpora, min(jobs, len(tasks) * len(seeds))) as own:
            return fit_seeds(corpora, tasks, settings, seeds, score=score, pool=own)
    return {run: future.result() for run, future in submit_seeds(pool, tasks, settings, seeds, score=score).items()}


def submit_seeds(pool: FitPool, tasks: Sequence[tuple[str, int]], settings: FitSettings, seeds: Sequence[int], *, score: bool = True) -> dict[tuple[str, int, int], Future[FitResult]]:
    """`fit_seeds` without waiting: the futures, longest fits submitted first so both cores stay busy to the end."""
    runs = [(key, k, seed) for key, k in dict.fromkeys(tasks) for seed in dict.fromkeys(seeds)]
    order = sorted(runs, key=lambda t: (-pool.corpora[t[0]].counts.shape[0] * t[1], t))
    futures = {run: pool.submit(run[0], run[1], replace(settings, seed=run[2]), score=score) for run in order}
    return {run: futures[run] for run in runs}


def fit_sweep(
    corpora: dict[str, TopicCorpus],
    ks: Sequence[int],
    settings: FitSettings,
    *,
    jobs: int = 1,
    patience: int = 2,
    tolerance: float = 0.01,
    pool: FitPool | None = None,
    on_stop: Callable[[str, dict[int, FitResult]], None] | None = None,
) -> dict[tuple[str, int], FitResult]:
    """The K sweep in ascending K, stopped per corpus once c_v has fallen: {(key, K): result} for the Ks fitted.

    A corpus stops once `patience` consecutive Ks after its best c_v score more than `tolerance`
    below it.  Fits are kept in flight on every worker (smallest open K first, across corpora) and
    their results are read in K order, so what is kept does not depend on `jobs` or on timing: a K
    fitted beyond a corpus's stop is dropped.  `on_stop(key, {K: result})` is called once per corpus
    as soon as its sweep is decided, so the caller can queue that corpus's next fits (the seed refits)
    on the same pool while other corpora are still sweeping.  Each fit is the same as in `fit_many`, so
    every K fitted scores as before.  The K that `choose_k` picks is unchanged unless c_v, after falling
    `patience` times, would rise again above best + `tolerance` — the shape the parsimony rule already
    treats as noise on the curves measured (bench/results/perf.json, "topics_sweep").
    """
    if patience < 1:
        raise ValueError(f"patience must be at least 1, got {patience}")
    if pool is None:
        with FitPool(corpora, min(jobs, len(corpora) * len(ks))) as own:
            return fit_sweep(corpora, ks, settings, patience=patience, tolerance=tolerance, pool=own, on_stop=on_stop)
    ks = sorted(dict.fromkeys(ks))
    sweeps = {key: _CorpusSweep(ks, patience, tolerance) for key in corpora}
    pending: dict[Future[FitResult], tuple[str, int]] = {}

    def fill() -> None:  # keep one fit in flight per worker: the open corpus with the smallest next K first
        while len(pending) < pool.jobs:
            open_keys = [key for key, sweep in sweeps.items() if sweep.next_k() is not None]
            if not open_keys:
                return
            key = min(open_keys, key=lambda q: sweeps[q].next_k())  # min keeps the first of equal Ks: corpus order
            k = sweeps[key].take()
            pending[pool.submit(key, k, settings)] = (key, k)

    fill()
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            key, k = pending.pop(future)
            sweeps[key].arrived[k] = future.result()
        for key, sweep in sweeps.items():
            if sweep.read_in_order() and on_stop is not None:
                on_stop(key, dict(sweep.results))
        fill()
    return {(key, k): result for key, sweep in sweeps.items() for k, result in sweep.results.items()}


@dataclass
class _CorpusSweep:
    """One corpus's way through the Ks of `fit_sweep`: the fits submitted, those arrived (in any order) and those
    read in K order, the best c_v read so far and how many Ks since have scored more than `tolerance` below it."""

    ks: list[int]
    patience: int
    tolerance: float
    submitted: int = 0
    arrived: dict[int, FitResult] = field(default_factory=dict)
    results: dict[int, FitResult] = field(default_factory=dict)  # read in K order; what the sweep keeps
    best: float | None = None
    falls: int = 0
    stopped: bool = False

    def next_k(self) -> int | None:
        """The next K to submit, or None once every K is submitted or the sweep has stopped."""
        return None if self.stopped or self.submitted == len(self.ks) else self.ks[self.submitted]

    def take(self) -> int:
        k = self.ks[self.submitted]
        self.submitted += 1
        return k

    def read_in_order(self) -> bool:
        """Read the arrived fits in K order up to the first missing K; True when this read decides the sweep."""
        while not self.stopped and len(self.results) < len(self.ks) and self.ks[len(self.results)] in self.arrived:
            k = self.ks[len(self.results)]
            self.results[k] = self.arrived[k]
            c_v = self.results[k].c_v
            if self.best is None or c_v > self.best:
                self.best, self.falls = c_v, 0
            elif c_v < self.best - self.tolerance:
                self.falls += 1
            if self.falls >= self.patience or len(self.results) == len(self.ks):
                self.stopped = True
                return True
        return False


# --- choosing K --------------------------------------------------------------------------------

K_RULE = "K with the highest c_v coherence; among Ks whose c_v is within {tolerance} of the best, the smallest"


def k_values(k_min: int, k_max: int, k_step: int) -> list[int]:
    if k_min < 2 or k_max < k_min or k_step < 1:
        raise ValueError(f"expected 2 <= k_min <= k_max and k_step >= 1, got {k_min}, {k_max}, {k_step}")
    return list(range(k_min, k_max + 1, k_step))


def choose_k(curve: pd.DataFrame, *, tolerance: float = 0.01) -> int:
    """The smallest K whose c_v is within `tolerance` of the best c_v (parsimony among near-ties)."""
    if curve.empty:
        raise ValueError("the K curve is empty")
    best = curve["c_v"].max()
    return int(curve.loc[curve["c_v"] >= best - tolerance, "k"].min())


# --- the chosen model, as data -----------------------------------------------------------------


def topic_term_matrix(model: TopicModel) -> np.ndarray:
    """φ: K × V, each row a topic's term distribution (sums to 1)."""
    phi = model.get_topics().astype(np.float64)
    return phi / phi.sum(axis=1, keepdims=True)


def doc_topic_matrix(model: TopicModel, corpus: TopicCorpus, seed: int) -> np.ndarray:
    """θ: D × K, each row a document's topic shares (sums to 1); the same model and seed give the same θ.

    gensim infers θ from random γ (drawn from `seed`) for any documents; a tomotopy fit's θ is
    that of its training documents, so there `corpus` must be its corpus.
    """
    return model.doc_topics(corpus, seed)


def relevance(phi: np.ndarray, term_frequency: np.ndarray, lam: float = DEFAULT_LAMBDA) -> np.ndarray:
    """LDAvis relevance: λ·log φ(t,w) + (1−λ)·log(φ(t,w) / p(w)), with p(w) the term's share of all tokens."""
    if not 0 <= lam <= 1:
        raise ValueError(f"lambda must be within [0, 1], got {lam}")
    p_w = term_frequency / max(term_frequency.sum(), 1)
    with np.errstate(divide="ignore"):
        log_phi = np.log(phi)
        lift = log_phi - np.log(np.where(p_w > 0, p_w, 1.0))
    return lam * log_phi + (1 - lam) * lift


def top_terms(phi: np.ndarray, vocab: Sequence[str], term_frequency: np.ndarray, *, n: int = 10, lam: float = DEFAULT_LAMBDA) -> pd.DataFrame:
    """Top-n terms per topic by probability and by relevance: topic (1-based), ranking, rank, term, probability, relevance."""
    rel = relevance(phi, term_frequency, lam)
    vocab_arr = np.asarray(vocab, dtype=object)
    rows = []
    for t in range(phi.shape[0]):
        for ranking, score in (("probability", phi[t]), ("relevance", rel[t])):
            # score descending, then term ascending: lexsort's last key is the primary one
            order = np.lexsort((vocab_arr, -score))[:n]
            rows += [(t + 1, ranking, r + 1, vocab_arr[i], float(phi[t, i]), float(rel[t, i])) for r, i in enumerate(order)]
    return pd.DataFrame(rows, columns=["topic", "ranking", "rank", "term", "probability", "relevance"])


def auto_labels(terms: pd.DataFrame, n: int = 3) -> dict[int, str]:
    """A short label per topic: its top-n terms by relevance joined with '·'."""
    rel = terms[terms["ranking"] == "relevance"].sort_values(["topic", "rank"])
    return {int(t): "·".join(group["term"].head(n)) for t, group in rel.groupby("topic")}


def prevalence_by_year(theta: np.ndarray, years: Sequence[int]) -> pd.DataFrame:
    """Per year × topic: `share` (mean θ over the year's documents; each year sums to 1),
    `documents` (documents whose dominant topic it is; ties to the lower topic) and `n_docs`."""
    years_arr = np.asarray(years)
    k = theta.shape[1]
    dominant = theta.argmax(axis=1)
    rows = []
    for year in sorted(set(years_arr.tolist())):
        mask = years_arr == year
        shares = theta[mask].mean(axis=0)
        counts = np.bincount(dominant[mask], minlength=k)
        rows += [(int(year), t + 1, float(shares[t]), int(counts[t]), int(mask.sum())) for t in range(k)]
    return pd.DataFrame(rows, columns=["year", "topic", "share", "documents", "n_docs"])


def top_documents(theta: np.ndarray, doc_ids: Sequence[str], *, n: int = 5) -> pd.DataFrame:
    """The n documents with the highest share of each topic (ties by doc_id): topic, rank, doc_id, weight."""
    ids = np.asarray(doc_ids, dtype=object)
    rows = []
    for t in range(theta.shape[1]):
        order = np.lexsort((ids, -theta[:, t]))[:n]
        rows += [(t + 1, r + 1, ids[i], float(theta[i, t])) for r, i in enumerate(order)]
    return pd.DataFrame(rows, columns=["topic", "rank", "doc_id", "weight"])


# --- comparing topics ---------------------------------------------------------------------------


def on_vocabulary(phi: np.ndarray, vocab: Sequence[str], target: Sequence[str]) -> np.ndarray:
    """φ re-indexed onto `target` terms (terms missing from `vocab` get 0)."""
    index = {term: i for i, term in enumerate(vocab)}
    out = np.zeros((phi.shape[0], len(target)))
    cols = [(j, index[term]) for j, term in enumerate(target) if term in index]
    if cols:
        tgt, src = zip(*cols, strict=True)
        out[:, list(tgt)] = phi[:, list(src)]
    return out


def topic_similarity(phi_a: np.ndarray, vocab_a: Sequence[str], phi_b: np.ndarray, vocab_b: Sequence[str], *, metric: Literal["jensen_shannon", "cosine"] = "jensen_shannon") -> np.ndarray:
    """K_a × K_b similarity between topics of two models with possibly different vocabularies.

    jensen_shannon: 1 − JS distance (base 2, so within [0, 1]) on the union vocabulary;
    cosine: cosine of the term-probability vectors.
    """
    union = sorted(set(vocab_a) | set(vocab_b))
    a, b = on_vocabulary(phi_a, vocab_a, union), on_vocabulary(phi_b, vocab_b, union)
    if metric == "cosine":
        na = np.linalg.norm(a, axis=1, keepdims=True)
        nb = np.linalg.norm(b, axis=1, keepdims=True)
        return (a / np.where(na > 0, na, 1)) @ (b / np.where(nb > 0, nb, 1)).T
    if metric != "jensen_shannon":
        raise ValueError(f"metric must be 'jensen_shannon' or 'cosine', got {metric!r}")
    return js_similarity(a, b)


def js_similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """K_a × K_b: 1 − Jensen–Shannon distance (base 2, within [0, 1]) between the rows of two topic–term
    matrices on the same vocabulary (rows are renormalised to sum to 1)."""
    a = a / a.sum(axis=1, keepdims=True)
    b = b / b.sum(axis=1, keepdims=True)
    out = np.empty((a.shape[0], b.shape[0]))
    for i in range(a.shape[0]):
        m = 0.5 * (a[i] + b)
        js = 0.5 * _kl(a[i][None, :], m) + 0.5 * _kl(b, m)
        out[i] = 1 - np.sqrt(np.clip(js, 0, 1))
    return out


def _kl(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """KL(p‖q) in bits along the last axis, 0·log 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log2(p) - np.log2(np.where(q > 0, q, 1))), 0.0)
    return terms.sum(axis=-1)


def similarity_table(sims: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """Long table from {(query_a, query_b): (js_matrix, cosine_matrix)}: query_a, topic_a, query_b, topic_b, js_similarity, cosine."""
    rows = []
    for (qa, qb), (js, cos) in sims.items():
        for i in range(js.shape[0]):
            for j in range(js.shape[1]):
                rows.append((qa, i + 1, qb, j + 1, float(js[i, j]), float(cos[i, j])))
    return pd.DataFrame(rows, columns=["query_a", "topic_a", "query_b", "topic_b", "js_similarity", "cosine"])
