"""How much a topic depends on the seed: the chosen K refitted with several seeds, topics aligned across fits.

Variational LDA is a local optimiser.  On the planted-theme test corpus 2 of 10 seeds merge two
themes into one topic and split another, and nothing in one fit tells which kind of fit the report
shows.  So the chosen K is fitted again with n seeds (the study seed first, then `stability_seeds`),
each other fit's topics are paired one-to-one with the reference fit's topics by the Hungarian
algorithm (scipy `linear_sum_assignment`) on Jensen–Shannon similarity (1 − JS distance, base 2,
as in analysis/topic_alignment.py), and a topic's *stability* is the mean of its paired similarities
over the other seeds (with the minimum, and the seed that gave it).  One-to-one pairing, not each
topic's best match, is what exposes a merge: two reference topics cannot both claim the merged topic.

Pure functions on φ matrices (topic × term, one common vocabulary); the fits are made by
analysis/topics.py (`fit_seeds`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from trendscope.analysis.topics import js_similarity
from trendscope.errors import ConfigError

ALIGNMENT_COLUMNS = ["topic", "seed", "matched_topic", "similarity"]
STABILITY_COLUMNS = ["topic", "stability", "min_similarity", "worst_seed", "n_seeds", "stable"]


def stability_seeds(seed: int, n: int) -> list[int]:
    """The seeds of the stability fits: the study seed, then seed + 1 … seed + n − 1 (the first fit is the one reported)."""
    if n < 2:
        raise ConfigError(f"topics.stability_seeds: expected at least 2 (the study seed and one more), got {n}")
    return [seed + i for i in range(n)]


def _check(phis: Sequence[np.ndarray], seeds: Sequence[int]) -> None:
    if len(phis) != len(seeds) or len(phis) < 2:
        raise ConfigError(f"topic stability: expected one φ per seed and at least two seeds, got {len(phis)} φ for {len(seeds)} seeds")
    shape = phis[0].shape
    for seed, phi in zip(seeds, phis, strict=True):
        if phi.shape != shape:
            raise ConfigError(f"topic stability: the fit with seed {seed} has φ of shape {phi.shape}; expected {shape} (same K, same vocabulary)")


def seed_alignment(phis: Sequence[np.ndarray], seeds: Sequence[int]) -> pd.DataFrame:
    """Each topic of the reference fit (`phis[0]`) paired with one topic of every other fit.

    Columns: topic (1-based, reference numbering), seed, matched_topic (1-based, that fit's numbering),
    similarity (JS similarity of the pair).  Sorted by topic, then seed.
    """
    _check(phis, seeds)
    reference, rows = phis[0], []
    for seed, phi in zip(seeds[1:], phis[1:], strict=True):
        sim = js_similarity(reference, phi)
        ref_idx, other_idx = linear_sum_assignment(sim, maximize=True)
        rows += [(int(i) + 1, int(seed), int(j) + 1, float(sim[i, j])) for i, j in zip(ref_idx, other_idx, strict=True)]
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    return frame.sort_values(["topic", "seed"], kind="stable").reset_index(drop=True)


def topic_stability(phis: Sequence[np.ndarray], seeds: Sequence[int], *, threshold: float = 0.6) -> pd.DataFrame:
    """Per topic of the reference fit: stability (mean paired similarity over the other seeds), min_similarity,
    worst_seed (the seed of that minimum; the lowest seed on ties), n_seeds (fits compared, reference included),
    stable (stability ≥ `threshold`).  Sorted by topic."""
    if not 0 <= threshold <= 1:
        raise ConfigError(f"topics.stability_threshold: expected a value within [0, 1], got {threshold}")
    alignment = seed_alignment(phis, seeds)
    rows = []
    for topic, part in alignment.groupby("topic", sort=True):
        worst = part.sort_values(["similarity", "seed"], kind="stable").iloc[0]
        mean = float(part["similarity"].mean())
        rows.append((int(topic), mean, float(worst["similarity"]), int(worst["seed"]), len(seeds), mean >= threshold))
    return pd.DataFrame(rows, columns=STABILITY_COLUMNS)


def summary_line(stability: pd.DataFrame, *, k: int, threshold: float) -> str:
    """One sentence for the report: how many of the K topics stay (mean similarity ≥ threshold) across seeds."""
    unstable = stability.loc[~stability["stable"], "topic"].tolist()
    n = int(stability["n_seeds"].iloc[0]) if len(stability) else 0
    head = f"K = {k}, {n} seeds: mean topic stability {stability['stability'].mean():.2f}"
    if not unstable:
        return f"{head}; every topic reappears with JS similarity ≥ {threshold} on average."
    return f"{head}; topic{'s' if len(unstable) > 1 else ''} {', '.join(map(str, unstable))} below {threshold}: read {'them' if len(unstable) > 1 else 'it'} with care."
