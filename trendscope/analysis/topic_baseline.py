"""The similarity two queries' topics would have if the queries were one discourse: a permutation baseline.

A JS similarity of 0.3 between a topic of one query and a topic of another says nothing on its own: every topic of
a news corpus shares the common vocabulary, so unrelated topics score 0.2–0.35, and a topic refitted on other
documents of the same discourse scores well below 1.  The claim the cross-query heatmap makes is about documents
(these queries' articles hold the same themes), so the reference reassigns documents: the two queries' documents
are pooled and reassigned at random, whole, to two groups of the observed sizes; each group gets its model (same
K, dictionary rules, engine and seed as the query's own), and the two models' topics are compared as the observed
ones are.  Over the permutations this gives
- `cell`: the mean similarity of any topic pair (what "unrelated" looks like here), and
- `match`, `match_low`, `match_high`: the mean and 2.5/97.5 % points of a topic's best match in the other model
  (what "the same theme in both queries" looks like when it is).
An observed topic whose best match reaches `match_low` has a counterpart as close as one discourse split in two.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BASELINE_COLUMNS = ["query_a", "query_b", "permutations", "cell", "match", "match_low", "match_high"]


def reassign(rows_a: np.ndarray, rows_b: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The pooled rows of two groups dealt at random into groups of the same sizes (whole documents), each sorted."""
    pooled = np.concatenate([rows_a, rows_b])
    order = rng.permutation(len(pooled))
    return np.sort(pooled[order[: len(rows_a)]]), np.sort(pooled[order[len(rows_a):]])


def similarity_baseline(matrices: Sequence[np.ndarray]) -> dict[str, float]:
    """`cell`, `match`, `match_low`, `match_high` (see the module) from the K_a × K_b similarity matrices of the
    permuted fits; the best match is taken per row (a topic of the first query's stand-in)."""
    if not matrices:
        raise ValueError("similarity_baseline needs at least one permuted fit")
    cells = np.concatenate([m.ravel() for m in matrices])
    best = np.concatenate([m.max(axis=1) for m in matrices])
    low, high = np.percentile(best, [2.5, 97.5])
    return {"cell": float(cells.mean()), "match": float(best.mean()), "match_low": float(low), "match_high": float(high)}
