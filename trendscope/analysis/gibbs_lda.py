"""LDA by collapsed Gibbs sampling (tomotopy), as the second topic engine (`topics.engine: tomotopy`).

gensim's `LdaModel` (online variational Bayes) stays the study's default engine.
tomotopy samples topic assignments in C++ with SIMD; on the 10k BigKinds corpus
one fit takes about half the CPU time of a gensim fit at the default settings
(bench/results/perf.json, "topics_engines_10k").

What the study keeps of a fit is engine-neutral: φ over the corpus dictionary, θ
of the training documents, a perplexity and the model file.  `GibbsModel` holds
exactly that (a tomotopy model cannot be pickled, so fits can come back from
worker processes only this way) and answers the few calls the topics code makes
of a gensim model (`get_topics`, `get_topic_terms`, `num_topics`, `save`).

Determinism: one sampling thread (`workers=1`, no parallel scheme) seeded with the
study seed gives the same model on every run on the same machine.  tomotopy picks
a SIMD build (AVX-512, AVX2, SSE2 …) at import, and different builds can round
differently, so two machines with different CPUs can give slightly different fits;
the manifest records tomotopy's version and the build used (`isa`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from trendscope.analysis.topics import TopicCorpus

MODEL_FILE = "lda.tomotopy.bin"


@dataclass
class GibbsModel:
    """One tomotopy LDA fit: φ (K × V over the corpus dictionary), θ (D × K, documents in corpus order),
    the perplexity tomotopy reports (exp of minus the per-word log-likelihood) and the saved model."""

    phi: np.ndarray
    theta: np.ndarray
    perplexity: float
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

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.saved)


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


def fit_gibbs(corpus: TopicCorpus, k: int, *, seed: int, iterations: int) -> GibbsModel:
    """A seeded, single-threaded tomotopy LDA fit of `corpus` with K topics and `iterations` Gibbs sweeps.

    tomotopy's defaults otherwise: α starts at 0.1 per topic and is re-estimated every 10
    iterations (asymmetric), η = 0.01.  Documents with no dictionary term are not sampled
    and get a uniform θ.
    """
    tp = _tomotopy()
    dictionary = corpus.dictionary
    model = tp.LDAModel(k=k, seed=seed)
    sampled = []
    for row, doc in enumerate(corpus.bow):
        words = [dictionary[term_id] for term_id, count in doc for _ in range(count)]
        if words:
            model.add_doc(words)
            sampled.append(row)
    if not sampled:
        raise ValueError("no document has a dictionary term; lower no_below or raise no_above")
    model.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    column = np.array([dictionary.token2id[word] for word in model.used_vocabs], dtype=np.int64)
    phi = np.zeros((k, len(dictionary)))
    phi[:, column] = np.array([model.get_topic_word_dist(t) for t in range(k)], dtype=np.float64)
    phi /= phi.sum(axis=1, keepdims=True)
    theta = np.full((len(corpus.bow), k), 1.0 / k)
    theta[sampled] = np.array([doc.get_topic_dist() for doc in model.docs], dtype=np.float64)
    theta /= theta.sum(axis=1, keepdims=True)
    return GibbsModel(phi=phi, theta=theta, perplexity=float(model.perplexity), saved=bytes(model.saves()))


def is_gibbs(model: Any) -> bool:
    return isinstance(model, GibbsModel)
