"""CONCOR (CONvergence of iterated CORrelations; Breiger, Boorman & Arabie 1975) to a chosen depth.

Each node's profile is its column of the stacked matrix [M; Mᵀ] (ties in and
out, for every relation given).  The profiles of a block are correlated
(Pearson), the correlation matrix is correlated again and again until every
entry is within `tolerance` of ±1 (or `max_iter` is reached), and the block is
split by sign.  Every block is split again at the next level.

Conventions, all explicit because each changes the partitions:

- `diagonal`: how a node's tie to itself enters the correlation of nodes i and j.
  `ignore` (UCINET's default, concorR's `self_ties = FALSE`) leaves rows i and j
  out of that pair's correlation; `retain` uses the diagonal as given;
  `reciprocal` replaces i's self-tie by j's tie to i (and j's by i's tie to j).
- `tolerance` / `max_iter`: iteration stops when every |r| ≥ 1 − tolerance, or
  after `max_iter` iterations; then r < 0 ↦ −1, r > 0 ↦ +1.
- `split_pairs`: a two-member block always splits under iteration (two profiles
  correlate to −1 unless identical); UCINET does not split such blocks
  (False, the default), concorR does (True).
- isolates (no tie to any other node in any relation) are left out and
  form one extra block, numbered last; profiles with zero variance correlate 0
  with every other profile (undefined in Pearson's formula).
- numbering `concorr`: at each split the half *not* holding the block's first
  member is numbered first, then the half holding it (concorR's order, members
  kept in input order); `first`: the half holding the first member first.
  Blocks are numbered 1..k left to right across the tree at every level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from trendscope.errors import ConfigError

Diagonal = Literal["ignore", "retain", "reciprocal"]
Numbering = Literal["concorr", "first"]
DIAGONALS: tuple[str, ...] = ("ignore", "retain", "reciprocal")
NUMBERINGS: tuple[str, ...] = ("concorr", "first")


@dataclass(frozen=True)
class ConcorResult:
    """Block ids (1-based) of every node at each level of splitting; `levels[-1]` is the final partition."""

    labels: list[str]
    levels: list[np.ndarray]
    isolates: list[str]
    iterations: list[int]

    @property
    def blocks(self) -> np.ndarray:
        return self.levels[-1]

    def frame(self) -> pd.DataFrame:
        """One row per node: `block_1` … `block_<depth>` and the final `block`."""
        data = {"term": self.labels}
        for level, ids in enumerate(self.levels, start=1):
            data[f"block_{level}"] = ids
        data["block"] = self.blocks
        return pd.DataFrame(data)


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean()
    b = b - b.mean()
    denom = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def _corr_columns(x: np.ndarray) -> np.ndarray:
    """Pearson correlations between the columns of `x`; 0 where a column has zero variance."""
    centred = x - x.mean(axis=0)
    norms = np.sqrt((centred * centred).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (centred.T @ centred) / np.outer(norms, norms)
    r[~np.isfinite(r)] = 0.0
    zero = norms == 0
    r[zero, :] = 0.0
    r[:, zero] = 0.0
    np.fill_diagonal(r, 1.0)
    return np.clip(r, -1.0, 1.0)


def _profile_correlations(relations: list[np.ndarray], members: np.ndarray, diagonal: Diagonal) -> np.ndarray:
    """First correlation of the members' stacked profiles [M; Mᵀ] under the diagonal convention."""
    stacked = [m for rel in relations for m in (rel, rel.T)]
    if diagonal == "retain":
        return _corr_columns(np.vstack([m[:, members] for m in stacked]))
    size = len(members)
    r = np.eye(size)
    n = relations[0].shape[0]
    for a in range(size):
        for b in range(a + 1, size):
            i, j = members[a], members[b]
            parts_i, parts_j = [], []
            for m in stacked:
                col_i, col_j = m[:, i].copy(), m[:, j].copy()
                if diagonal == "ignore":
                    keep = np.ones(n, dtype=bool)
                    keep[[i, j]] = False
                    col_i, col_j = col_i[keep], col_j[keep]
                else:  # reciprocal: a self-tie is replaced by the tie of the other node of the pair
                    col_i[i], col_j[j] = m[j, i], m[i, j]
                parts_i.append(col_i)
                parts_j.append(col_j)
            r[a, b] = r[b, a] = _pearson(np.concatenate(parts_i), np.concatenate(parts_j))
    return r


def _converge(r: np.ndarray, tolerance: float, max_iter: int) -> tuple[np.ndarray, int]:
    iterations = 0
    while np.any(np.abs(r) < 1.0 - tolerance) and iterations < max_iter:
        r = _corr_columns(r)
        iterations += 1
    return np.sign(r), iterations


def _split(
    relations: list[np.ndarray], members: np.ndarray, *, diagonal: Diagonal, tolerance: float, max_iter: int, split_pairs: bool, numbering: Numbering
) -> tuple[list[np.ndarray], int]:
    if len(members) < 2 or (len(members) == 2 and not split_pairs):
        return [members], 0
    signs, iterations = _converge(_profile_correlations(relations, members, diagonal), tolerance, max_iter)
    first_column = signs[:, 0]
    # concorR orders the block by its first member's column (stable), then takes the members
    # positively correlated with the new first one: the "other" half when the block splits.
    order = np.argsort(first_column, kind="stable")
    pivot = order[0]
    other = signs[order, pivot] > 0
    halves = [members[order][other], members[order][~other]]
    if not np.any(first_column < 0):  # nothing is negatively correlated with the first member: no split
        halves = [members[order]]
    elif numbering == "first":
        halves = halves[::-1]
    return [h for h in halves if len(h)], iterations


def concor(
    matrices: np.ndarray | Sequence[np.ndarray],
    labels: Sequence[str],
    *,
    depth: int = 2,
    diagonal: Diagonal = "ignore",
    tolerance: float = 1e-7,
    max_iter: int = 50,
    split_pairs: bool = False,
    numbering: Numbering = "concorr",
) -> ConcorResult:
    """Partition the nodes of one or more n × n relations by CONCOR, `depth` levels deep (up to 2^depth blocks + isolates)."""
    if diagonal not in DIAGONALS:
        raise ConfigError(f"network.concor.diagonal: expected one of {', '.join(DIAGONALS)}, got {diagonal!r}")
    if numbering not in NUMBERINGS:
        raise ConfigError(f"network.concor.numbering: expected one of {', '.join(NUMBERINGS)}, got {numbering!r}")
    if depth < 1:
        raise ConfigError(f"network.concor.depth: expected at least 1, got {depth}")
    relations = [np.asarray(matrices, dtype=float)] if isinstance(matrices, np.ndarray) and np.ndim(matrices) == 2 else [np.asarray(m, dtype=float) for m in matrices]
    n = len(labels)
    for rel in relations:
        if rel.shape != (n, n):
            raise ConfigError(f"CONCOR: expected {n} × {n} matrices (one row and column per label), got {rel.shape}")
    off = [rel - np.diag(np.diag(rel)) for rel in relations]
    isolated = np.all([(np.abs(o).sum(axis=0) + np.abs(o).sum(axis=1)) == 0 for o in off], axis=0)
    active = np.flatnonzero(~isolated)
    sub = [rel[np.ix_(active, active)] for rel in relations]
    blocks = [np.arange(len(active))] if len(active) else []
    levels, iterations = [], []
    for _ in range(depth):
        next_blocks = []
        for block in blocks:
            halves, its = _split(sub, block, diagonal=diagonal, tolerance=tolerance, max_iter=max_iter, split_pairs=split_pairs, numbering=numbering)
            next_blocks += halves
            iterations.append(its)
        blocks = next_blocks
        ids = np.zeros(n, dtype=np.int64)
        for number, block in enumerate(blocks, start=1):
            ids[active[block]] = number
        ids[isolated] = len(blocks) + 1
        levels.append(ids)
    return ConcorResult(labels=list(labels), levels=levels, isolates=[labels[i] for i in np.flatnonzero(isolated)], iterations=iterations)
