"""LDA by collapsed Gibbs sampling (tomotopy), as the second topic engine (`topics.engine: tomotopy`).

gensim's `LdaModel` (online variational Bayes) stays the study's default engine.
tomotopy samples topic assignments in C++ with SIMD; on the 10k BigKinds corpus
one fit takes about half the CPU time of a gensim fit at the default settings
(bench/results/perf.json, "topics_engines_10k").

What the study keeps of a fit is engine-neutral: φ over the corpus dictionary, θ
of the training documents, a perplexity and the model file.  `GibbsModel` holds
exactly that (a tomotopy model cannot be pickled, so fits can come back from
worker processes only this way) and answers the engine protocol of
analysis/lda_engine.py, as analysis/vb_lda.py's `GensimModel` does for gensim.

Determinism: one sampling thread (`workers=1`, no parallel scheme) seeded with the
study seed gives the same model on every run on the same machine.  tomotopy picks
a SIMD build (AVX-512, AVX2, SSE2 …) at import, and different builds can round
differently, so two machines with different CPUs can give slightly different fits;
the manifest records tomotopy's version and the build used (`isa`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from trendscope.analysis.lda_engine import FitSettings
    from trendscope.analysis.topic_corpus import TopicCorpus

MODEL_FILE = "lda.tomotopy.bin"


@dataclass
class GibbsModel:
    """One tomotopy LDA fit: φ (K × V over the corpus dictionary), θ (D × K, documents in corpus order),
    the perplexity tomotopy reports for its training documents (exp of minus the per-word log-likelihood)
    and the saved model."""

    phi: np.ndarray
    theta: np.ndarray
    training_perplexity: float
    saved: bytes

    @property
    def num_topics(self) -> int:
        return int(self.phi.shape[0])

    def get_topics(self) -> np.ndarray:
        return self.phi

    def get_topic_terms(self, topicid: int, topn: int = 10) -> list[tuple[int, float]]:
        """The `topn` most probable term ids of a topic, as gensim's `LdaModel.get_topic_terms` orders them."""
        from gensim import matutils

        topic = self.phi[topicid] / self.phi[topicid].sum()
        return [(int(i), float(topic[i])) for i in matutils.argsort(topic, topn, reverse=True)]

    def doc_topics(self, corpus: TopicCorpus, seed: int) -> np.ndarray:
        """θ of the training documents: sampling already drew it, so `corpus` must be the training corpus and `seed` plays no part."""
        if corpus.counts.shape[0] != self.theta.shape[0]:
            raise ValueError(f"the tomotopy model was fitted on {self.theta.shape[0]} documents, not these {corpus.counts.shape[0]}")
        return self.theta

    def perplexity(self, corpus: TopicCorpus) -> float:
        """tomotopy's perplexity of the training documents, recorded at the fit (`corpus` must be them)."""
        if corpus.counts.shape[0] != self.theta.shape[0]:
            raise ValueError(f"the tomotopy model was fitted on {self.theta.shape[0]} documents, not these {corpus.counts.shape[0]}")
        return self.training_perplexity

    def save(self, folder: Path) -> Path:
        path = Path(folder) / MODEL_FILE
        path.write_bytes(self.saved)
        return path


def _tomotopy() -> Any:
    """tomotopy, imported without the DeprecationWarning its C extension raises at import on Python 3.11
    ("builtin type _VocabDict has no __module__ attribute"), which reached the researcher's terminal."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="builtin type .* has no __module__ attribute", category=DeprecationWarning)
        import tomotopy

    return tomotopy


def isa() -> str:
    """The SIMD build tomotopy loaded on this machine."""
    return str(_tomotopy().isa)


def sampled_rows(corpus: TopicCorpus) -> np.ndarray:
    """The documents tomotopy samples, in corpus order: those with at least one dictionary term (it rejects empty ones)."""
    return np.flatnonzero(np.asarray(corpus.counts.sum(axis=1)).ravel() > 0)


def fit_gibbs(corpus: TopicCorpus, k: int, *, seed: int, iterations: int) -> GibbsModel:
    """A seeded, single-threaded tomotopy LDA fit of `corpus` with K topics and `iterations` Gibbs sweeps.

    tomotopy's defaults otherwise: α starts at 0.1 per topic and is re-estimated every 10
    iterations (asymmetric), η = 0.01.  Documents with no dictionary term are not sampled
    and get a uniform θ.
    """
    tp = _tomotopy()
    dictionary = corpus.dictionary
    model = tp.LDAModel(k=k, seed=seed)
    if not sampled_rows(corpus).size:
        raise ValueError("no document has a dictionary term; lower no_below or raise no_above")
    for doc in corpus.bow:
        words = [dictionary[term_id] for term_id, count in doc for _ in range(count)]
        if words:  # the rows of `sampled_rows`
            model.add_doc(words)
    model.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    return as_gibbs_model(model, corpus, bytes(model.saves()))


def as_gibbs_model(model: Any, corpus: TopicCorpus, saved: bytes) -> GibbsModel:
    """What the study keeps of a tomotopy `LDAModel` trained (or reloaded) on `corpus`: φ over the dictionary, θ of every document."""
    k, dictionary = model.k, corpus.dictionary
    column = np.array([dictionary.token2id[word] for word in model.used_vocabs], dtype=np.int64)
    phi = np.zeros((k, len(dictionary)))
    phi[:, column] = np.array([model.get_topic_word_dist(t) for t in range(k)], dtype=np.float64)
    phi /= phi.sum(axis=1, keepdims=True)
    theta = np.full((corpus.counts.shape[0], k), 1.0 / k)
    sampled = sampled_rows(corpus)
    if len(model.docs) != sampled.size:
        raise ValueError(f"the tomotopy model holds {len(model.docs)} documents; this corpus has {sampled.size} with a dictionary term")
    theta[sampled] = np.array([doc.get_topic_dist() for doc in model.docs], dtype=np.float64)
    theta /= theta.sum(axis=1, keepdims=True)
    return GibbsModel(phi=phi, theta=theta, training_perplexity=float(model.perplexity), saved=saved)


class TomotopyEngine:
    """The tomotopy engine of analysis/lda_engine.py: collapsed Gibbs sampling, `settings.gibbs_iterations` sweeps."""

    name: Literal["tomotopy"] = "tomotopy"
    model_file = MODEL_FILE
    perplexity_formula = "exp(−log-likelihood per word)"  # tomotopy's LDAModel.perplexity

    def fit(self, corpus: TopicCorpus, k: int, settings: FitSettings) -> GibbsModel:
        return fit_gibbs(corpus, k, seed=settings.seed, iterations=settings.gibbs_iterations)

    def load(self, folder: Path, corpus: TopicCorpus) -> GibbsModel:
        saved = (Path(folder) / MODEL_FILE).read_bytes()
        return as_gibbs_model(_tomotopy().LDAModel.loads(saved), corpus, saved)

    def describe(self) -> dict[str, str]:
        """Name, version and the SIMD build (`isa`): builds can round differently, so a fit's bytes depend on it."""
        from importlib import metadata

        return {"name": self.name, "version": metadata.version("tomotopy"), "isa": isa(), "perplexity": self.perplexity_formula}


ENGINE = TomotopyEngine()
