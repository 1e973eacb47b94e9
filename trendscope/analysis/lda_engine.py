"""What an LDA engine is to the rest of trendscope: fit, θ, φ and top terms, perplexity, save and load.

Two engines sit behind it — gensim's LdaModel with the batched E-step (analysis/vb_lda.py)
and tomotopy's collapsed Gibbs sampler (analysis/gibbs_lda.py) — and analysis/topics.py
picks one by its name from the study's `topics.engine`, never by testing which kind of
model it holds.  The method names that read a fitted model (`num_topics`, `get_topics`,
`get_topic_terms`) are gensim's, so the two engines order top terms the same way.

This module imports neither engine, so the engines can import it (and
analysis/topic_corpus.py) without a circle through analysis/topics.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import numpy as np

    from trendscope.analysis.topic_corpus import TopicCorpus

TopicEngine = Literal["gensim", "tomotopy"]


@dataclass(frozen=True)
class FitSettings:
    """What a fit depends on, besides the corpus and K (`passes`/`iterations`: gensim; `gibbs_iterations`: tomotopy)."""

    seed: int
    passes: int = 5
    iterations: int = 50
    coherence_topn: int = 10
    engine: TopicEngine = "gensim"
    gibbs_iterations: int = 200


class TopicModel(Protocol):
    """One fitted LDA model; it pickles, so fits come back from worker processes."""

    @property
    def num_topics(self) -> int: ...

    def get_topics(self) -> np.ndarray:
        """φ as the engine holds it: K × V over the corpus dictionary (rows sum to 1 up to the engine's float type)."""
        ...

    def get_topic_terms(self, topicid: int, topn: int = 10) -> list[tuple[int, float]]:
        """The `topn` most probable (term id, probability) pairs of a topic, most probable first."""
        ...

    def doc_topics(self, corpus: TopicCorpus, seed: int) -> np.ndarray:
        """θ: documents × K, each row a document's topic shares (sums to 1); the same model and seed give the same θ."""
        ...

    def perplexity(self, corpus: TopicCorpus) -> float:
        """The engine's perplexity of its training documents `corpus` (lower is better; engines differ in scale)."""
        ...

    def save(self, folder: Path) -> Path:
        """Write the engine's own model file(s) into `folder` (which exists); returns the model file."""
        ...


class LdaEngine(Protocol):
    """An LDA implementation: how it fits, where its model file goes, how it reloads, what its result depends on."""

    name: TopicEngine
    model_file: str  # the file `TopicModel.save` writes in its folder
    perplexity_formula: str  # how `TopicModel.perplexity` is defined (the engines' perplexities are not on one scale)

    def fit(self, corpus: TopicCorpus, k: int, settings: FitSettings) -> TopicModel:
        """A deterministic fit of `corpus` with `k` topics and the settings' seed."""
        ...

    def load(self, folder: Path, corpus: TopicCorpus) -> TopicModel:
        """The model saved in `folder`, fitted on `corpus` (its training documents, in the same order)."""
        ...

    def describe(self) -> dict[str, str]:
        """The engine's name and version (and anything else a fit's bytes depend on besides the settings),
        and its `perplexity_formula` under "perplexity", so a report can say what its perplexity column means."""
        ...
