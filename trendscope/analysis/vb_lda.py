"""gensim's LdaModel, its E-step run on a whole chunk of documents at once.

gensim's `LdaModel.inference` loops over the documents of a chunk in Python and
iterates each one's variational update on arrays of a few dozen numbers.  On the
10k BigKinds study that loop was nine tenths of a fit (4.2 of 4.7 s, cProfile,
K = 8).  `chunk_inference` runs the same update for every document of the chunk
together, on the chunk's rows of the documents × terms count matrix: one sparse
product and a few row-wise array operations per iteration.  A document leaves
the batch once its γ has converged, as in gensim's loop, and its contribution to
the sufficient statistics is the one at that iteration.

Everything else is gensim's: the model object, its initial λ drawn from the
seeded random state, the M-step, α and η, the learning-rate schedule, the chunks
and passes.  The same random draws initialise γ, so a fit is still defined by
gensim's parameters and the seed, and the saved model is a plain `LdaModel`.

The sums run in another order than BLAS's inside gensim's loop, so results agree
with gensim's to float32 rounding, not bit for bit.  A document whose mean change
lies right at gensim's threshold can take one iteration more or less.  On the
10k study (K = 8), the topic–term matrices differ by at most 2.4e-7, every
topic's ten top terms are the same, and the fit takes 0.73 s instead of 4.0 s.
tests/analysis/test_vb_lda.py checks the agreement on the planted corpus.

`GensimEngine` and `GensimModel` put this fit behind the engine protocol of
analysis/lda_engine.py (the study's default engine, `topics.engine: gensim`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy import sparse
from scipy.special import gammaln, logsumexp

if TYPE_CHECKING:
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from trendscope.analysis.lda_engine import FitSettings
    from trendscope.analysis.topic_corpus import TopicCorpus

COMPACT = 0.75  # the batch is cut down to its unconverged documents once they are fewer than this share of it
CHUNKSIZE = 2000  # documents per chunk: gensim's M-step batch in a fit, and the inference block for θ and the bound
MODEL_FILE = "lda.gensim"  # gensim writes its companion files (…state, …id2word) beside it


def fit(counts: sparse.csr_matrix, dictionary: Dictionary, k: int, *, seed: int, passes: int, iterations: int, chunksize: int) -> LdaModel:
    """`LdaModel(corpus, id2word=dictionary, num_topics=k, …)` on the rows of `counts`, with `chunk_inference` as its E-step.

    The documents reach gensim's `update` as row numbers and its chunks come back to
    `chunk_inference` as rows of the matrix: no bag of words is made.
    """
    from gensim.models import LdaModel

    model = LdaModel(
        id2word=dictionary, num_topics=k, passes=passes, iterations=iterations, chunksize=chunksize, random_state=seed, eval_every=None, update_every=1
    )
    matrix = as_model_counts(counts, model)

    def inference(chunk: Sized, collect_sstats: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
        rows = np.fromiter(chunk, dtype=np.int64, count=len(chunk))
        return chunk_inference(model, matrix[rows], collect_sstats=collect_sstats)

    model.inference = inference  # an instance attribute, removed after the fit: the model stays a plain LdaModel
    try:
        model.update(range(matrix.shape[0]))
    finally:
        del model.inference
    return model


def as_model_counts(counts: sparse.spmatrix, model: LdaModel) -> sparse.csr_matrix:
    """The counts as CSR in the model's float type, sorted within rows (as gensim's bags of words are)."""
    matrix = sparse.csr_matrix(counts, dtype=model.dtype)
    if not matrix.has_sorted_indices:
        matrix = matrix.sorted_indices()
    if matrix.shape[1] > model.num_terms:
        raise ValueError(f"the counts have {matrix.shape[1]} terms, the model {model.num_terms}")
    return matrix


def _mean_change(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    """Per row, mean |new − old| summed left to right in the arrays' float type, as gensim's `mean_absolute_difference`."""
    diff = np.abs(new - old)
    total = diff[:, 0].copy()
    for column in range(1, diff.shape[1]):
        total += diff[:, column]
    return total / diff.shape[1]


def chunk_inference(model: LdaModel, counts: sparse.csr_matrix, *, collect_sstats: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """gensim's `LdaModel.inference` for the documents of `counts` (rows; CSR in the model's float type), all at once.

    Returns γ (documents × K) and, with `collect_sstats`, the sufficient statistics (K × terms).
    γ starts from the same draw of the model's random state as in gensim.
    """
    from gensim.matutils import dirichlet_expectation

    n, k, dtype = counts.shape[0], model.num_topics, model.dtype
    gamma = model.random_state.gamma(100.0, 1.0 / 100.0, (n, k)).astype(dtype, copy=False)
    alpha = np.asarray(model.alpha, dtype=dtype)
    epsilon = np.finfo(dtype).eps
    beta_t = np.ascontiguousarray(model.expElogbeta.T)  # terms × K
    lengths = np.diff(counts.indptr)
    weight = np.zeros(counts.nnz, dtype=dtype)  # each token's count / φ-normaliser at its document's last iteration
    theta_last = np.zeros((n, k), dtype=dtype)  # each document's exp E[log θ] at its last iteration
    gamma[lengths == 0] = alpha  # an empty document: γ = α after one update, as in gensim (it adds nothing to the statistics)

    active = np.flatnonzero(lengths > 0)  # documents still iterating, in chunk order
    if not active.size:
        return gamma, (np.zeros_like(model.expElogbeta, dtype=dtype) if collect_sstats else None)
    tokens = _Tokens.of(counts, beta_t, active)
    g = gamma[active]
    exp_theta = np.exp(dirichlet_expectation(g))
    phinorm = tokens.normaliser(exp_theta, epsilon)
    live = np.ones(active.size, dtype=bool)

    def settle(mask: np.ndarray) -> None:
        gamma[active[mask]] = g[mask]
        theta_last[active[mask]] = exp_theta[mask]
        settled = mask[tokens.owner]
        weight[tokens.positions[settled]] = (tokens.counts / phinorm)[settled]

    for _ in range(model.iterations):
        last = g
        ratio = sparse.csr_matrix((tokens.counts / phinorm, tokens.ids, tokens.local), shape=(active.size, counts.shape[1]))
        g = alpha + exp_theta * (ratio @ beta_t)
        exp_theta = np.exp(dirichlet_expectation(g))
        phinorm = tokens.normaliser(exp_theta, epsilon)
        converged = live & (_mean_change(g, last) < model.gamma_threshold)
        if converged.any():
            settle(converged)
            live &= ~converged
            if not live.any():
                break
            if live.sum() < COMPACT * live.size:
                keep = np.flatnonzero(live)
                active, g, exp_theta = active[keep], g[keep], exp_theta[keep]
                tokens = _Tokens.of(counts, beta_t, active)
                phinorm = tokens.normaliser(exp_theta, epsilon)
                live = np.ones(active.size, dtype=bool)
    else:
        settle(live)
    if not collect_sstats:
        return gamma, None
    return gamma, _sstats(model, counts, weight, theta_last)


@dataclass
class _Tokens:
    """The tokens of the documents still iterating in `chunk_inference`, as flat arrays: their positions in
    `counts.data`, local row pointers, each token's row among them, term ids, counts and exp E[log β] rows."""

    positions: np.ndarray
    local: np.ndarray
    owner: np.ndarray
    ids: np.ndarray
    counts: np.ndarray
    exp_beta: np.ndarray

    @classmethod
    def of(cls, counts: sparse.csr_matrix, beta_t: np.ndarray, rows: np.ndarray) -> _Tokens:
        sizes = np.diff(counts.indptr)[rows]
        local = np.concatenate(([0], np.cumsum(sizes)))
        positions = np.repeat(counts.indptr[rows] - local[:-1], sizes) + np.arange(local[-1])
        ids = counts.indices[positions]
        return cls(positions, local, np.repeat(np.arange(rows.size), sizes), ids, counts.data[positions], beta_t[ids])

    def normaliser(self, exp_theta: np.ndarray, epsilon: float) -> np.ndarray:
        """Each token's φ-normaliser, Σ_k exp E[log θ_dk] · exp E[log β_kw] + ε (as gensim's phinorm)."""
        return np.einsum("tk,tk->t", exp_theta[self.owner], self.exp_beta) + epsilon


def _sstats(model: LdaModel, counts: sparse.csr_matrix, weight: np.ndarray, theta_last: np.ndarray) -> np.ndarray:
    """sstats[k, w] = Σ_d n_dw · exp E[log θ_dk] / φnorm_dw · exp E[log β_kw], from each token's settled weight (n_dw / φnorm_dw)."""
    weighted = sparse.csr_matrix((weight, counts.indices, counts.indptr), shape=counts.shape)
    sstats = np.zeros_like(model.expElogbeta, dtype=model.dtype)
    sstats[:, : counts.shape[1]] = (weighted.T @ theta_last).T
    return sstats * model.expElogbeta


def row_blocks(counts: sparse.csr_matrix, size: int) -> Iterator[sparse.csr_matrix]:
    for first in range(0, counts.shape[0], size):
        yield counts[first : first + size]


def doc_topics(model: LdaModel, counts: sparse.spmatrix, *, chunksize: int) -> np.ndarray:
    """γ of every document (rows of `counts`), inferred `chunksize` documents at a time from the model's random state as it is.

    One draw per block continues the same random stream as gensim's single draw for the whole corpus.
    """
    matrix = as_model_counts(counts, model)
    blocks = [chunk_inference(model, block)[0] for block in row_blocks(matrix, chunksize)]
    return np.concatenate(blocks) if blocks else np.zeros((0, model.num_topics), dtype=model.dtype)


def per_word_bound(model: LdaModel, counts: sparse.spmatrix, *, chunksize: int) -> float:
    """gensim's `model.log_perplexity(corpus)` for the whole training corpus: the variational bound per word.

    γ is inferred with `chunk_inference` (gensim's `bound` infers one document at a time from the same
    random stream), and the bound is gensim's formula summed over arrays instead of a loop per document.
    """
    from gensim.matutils import dirichlet_expectation

    matrix = as_model_counts(counts, model)
    lam = model.state.get_lambda()
    elog_beta = dirichlet_expectation(lam)
    elog_beta_t = np.ascontiguousarray(elog_beta.T)
    alpha = np.asarray(model.alpha, dtype=np.float64)
    score = 0.0
    for block in row_blocks(matrix, chunksize):
        gamma = chunk_inference(model, block)[0]
        elog_theta = dirichlet_expectation(gamma)
        owner = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        # E[log p(doc | θ, β)]
        score += float(np.dot(block.data.astype(np.float64), logsumexp(elog_theta[owner] + elog_beta_t[block.indices], axis=1)))
        g64, e64 = gamma.astype(np.float64), elog_theta.astype(np.float64)
        # E[log p(θ | α) − log q(θ | γ)]
        score += float(np.sum((alpha - g64) * e64))
        score += float(np.sum(gammaln(g64) - gammaln(alpha)))
        score += float(block.shape[0] * gammaln(alpha.sum()) - np.sum(gammaln(g64.sum(axis=1))))
    # E[log p(β | η) − log q(β | λ)]
    score += float(np.sum((model.eta - lam) * elog_beta))
    score += float(np.sum(gammaln(lam) - gammaln(model.eta)))
    sum_eta = model.eta * model.num_terms if np.ndim(model.eta) == 0 else np.sum(model.eta)
    score += float(np.sum(gammaln(sum_eta) - gammaln(np.sum(lam, axis=1))))
    return score / float(matrix.sum())


@dataclass
class GensimModel:
    """A gensim `LdaModel` fitted by `fit`, behind the engine protocol (analysis/lda_engine.py).

    Wrapped rather than subclassed: the saved file stays a plain `LdaModel` that gensim alone reloads.
    """

    lda: LdaModel

    @property
    def num_topics(self) -> int:
        return int(self.lda.num_topics)

    def get_topics(self) -> np.ndarray:
        return self.lda.get_topics()

    def get_topic_terms(self, topicid: int, topn: int = 10) -> list[tuple[int, float]]:
        return self.lda.get_topic_terms(topicid, topn=topn)

    def doc_topics(self, corpus: TopicCorpus, seed: int) -> np.ndarray:
        """θ of `corpus`'s documents (any documents over the model's dictionary).

        gensim's inference starts from random γ drawn from the model's random state,
        so the state is reset to `seed` first: the same model gives the same θ.
        """
        from gensim.utils import get_random_state

        self.lda.random_state = get_random_state(seed)
        gamma = doc_topics(self.lda, corpus.counts, chunksize=CHUNKSIZE)
        return gamma / gamma.sum(axis=1, keepdims=True)

    def perplexity(self, corpus: TopicCorpus) -> float:
        """2^(−bound), with gensim's per-word variational bound on the documents (`per_word_bound`)."""
        return float(2 ** (-per_word_bound(self.lda, corpus.counts, chunksize=CHUNKSIZE)))

    def save(self, folder: Path) -> Path:
        path = Path(folder) / MODEL_FILE
        self.lda.save(str(path))
        return path


class GensimEngine:
    """The gensim engine of analysis/lda_engine.py: online variational Bayes (symmetric α, η learned from data, as gensim's
    defaults), `settings.passes` passes of `settings.iterations` E-step iterations, chunks of `CHUNKSIZE` documents."""

    name: Literal["gensim"] = "gensim"
    model_file = MODEL_FILE
    perplexity_formula = "2^(−bound)"  # gensim's log_perplexity is the variational bound per word (per_word_bound)

    def fit(self, corpus: TopicCorpus, k: int, settings: FitSettings) -> GensimModel:
        return GensimModel(fit(corpus.counts, corpus.dictionary, k, seed=settings.seed, passes=settings.passes, iterations=settings.iterations, chunksize=CHUNKSIZE))

    def load(self, folder: Path, corpus: TopicCorpus) -> GensimModel:
        """The saved `LdaModel` (`corpus` is not needed: gensim's file holds its dictionary and infers θ for any documents)."""
        from gensim.models import LdaModel

        return GensimModel(LdaModel.load(str(Path(folder) / MODEL_FILE)))

    def describe(self) -> dict[str, str]:
        from importlib import metadata

        return {"name": self.name, "version": metadata.version("gensim"), "perplexity": self.perplexity_formula}


ENGINE = GensimEngine()
