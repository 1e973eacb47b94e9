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
  after `max_iter` iterations; then r < 0 ↦ −1, r > 0 ↦ +1.  A split whose
  iteration hit `max_iter` before converging is a sign split of a matrix that is
  not yet ±1, so its halves are arbitrary: such splits are recorded with
  `converged = False` (per split in `ConcorResult.splits`, per node in
  `frame()`'s `converged` column) and `ConcorResult.summary()` says so in a line.
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
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from trendscope.errors import ConfigError

Diagonal = Literal["ignore", "retain", "reciprocal"]
Numbering = Literal["concorr", "first"]
DIAGONALS: tuple[str, ...] = ("ignore", "retain", "reciprocal")
NUMBERINGS: tuple[str, ...] = ("concorr", "first")


@dataclass(frozen=True)
class Split:
    """One attempted split: the block (its id at the previous level, 0 for the whole network at level 1),
    its members, how many iterations ran, and whether the correlations reached ±1 before `max_iter`."""

    level: int
    block: int
    members: list[str]
    iterations: int
    converged: bool


SPLIT_COLUMNS = ["level", "block", "size", "iterations", "converged", "members"]


@dataclass(frozen=True)
class ConcorResult:
    """Block ids (1-based) of every node at each level of splitting; `levels[-1]` is the final partition."""

    labels: list[str]
    levels: list[np.ndarray]
    isolates: list[str]
    iterations: list[int]
    splits: list[Split] = field(default_factory=list)
    max_iter: int = 0

    @property
    def blocks(self) -> np.ndarray:
        return self.levels[-1]

    @property
    def converged(self) -> np.ndarray:
        """Per node: True when every split on its path converged (isolates and unsplit blocks count as converged)."""
        index = {label: i for i, label in enumerate(self.labels)}
        ok = np.ones(len(self.labels), dtype=bool)
        for split in self.splits:
            if not split.converged:
                ok[[index[m] for m in split.members]] = False
        return ok

    def frame(self) -> pd.DataFrame:
        """One row per node: `block_1` … `block_<depth>`, the final `block`, and `converged`
        (False when a split on the node's path stopped at max_iter, so its block is an arbitrary sign split)."""
        data: dict[str, object] = {"term": self.labels}
        for level, ids in enumerate(self.levels, start=1):
            data[f"block_{level}"] = ids
        data["block"] = self.blocks
        data["converged"] = self.converged
        return pd.DataFrame(data)

    def splits_frame(self) -> pd.DataFrame:
        """One row per attempted split: level, block (parent id; 0 = whole network), size, iterations, converged,
        members (joined with ', ')."""
        rows = [(s.level, s.block, len(s.members), s.iterations, s.converged, ", ".join(s.members)) for s in self.splits]
        return pd.DataFrame(rows, columns=SPLIT_COLUMNS).astype({"level": int, "block": int, "size": int, "iterations": int, "converged": bool})

    def summary(self) -> str:
        """One line for a report: whether every split converged, or which did not."""
        failed = [s for s in self.splits if not s.converged]
        if not failed:
            return f"CONCOR: all {len(self.splits)} splits converged."
        where = "; ".join(f"level {s.level} block {s.block} ({len(s.members)} terms)" for s in failed)
        return (
            f"CONCOR: {len(failed)} of {len(self.splits)} splits stopped at max_iter={self.max_iter} without converging "
            f"({where}); their blocks are arbitrary sign splits."
        )


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


def _converge(r: np.ndarray, tolerance: float, max_iter: int) -> tuple[np.ndarray, int, bool]:
    """Iterate the correlation until every |r| ≥ 1 − tolerance or `max_iter`; the signs, the iterations, and whether it converged."""
    iterations = 0
    while np.any(np.abs(r) < 1.0 - tolerance) and iterations < max_iter:
        r = _corr_columns(r)
        iterations += 1
    return np.sign(r), iterations, not np.any(np.abs(r) < 1.0 - tolerance)


def _split(
    relations: list[np.ndarray], members: np.ndarray, *, diagonal: Diagonal, tolerance: float, max_iter: int, split_pairs: bool, numbering: Numbering
) -> tuple[list[np.ndarray], int, bool]:
    if len(members) < 2 or (len(members) == 2 and not split_pairs):
        return [members], 0, True
    signs, iterations, converged = _converge(_profile_correlations(relations, members, diagonal), tolerance, max_iter)
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
    return [h for h in halves if len(h)], iterations, converged


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
    levels, iterations, splits = [], [], []
    for level in range(1, depth + 1):
        next_blocks = []
        for parent, block in enumerate(blocks, start=1 if level > 1 else 0):
            halves, its, converged = _split(sub, block, diagonal=diagonal, tolerance=tolerance, max_iter=max_iter, split_pairs=split_pairs, numbering=numbering)
            next_blocks += halves
            iterations.append(its)
            if len(block) > 2 or (len(block) == 2 and split_pairs):  # smaller blocks are not split, so not attempts
                splits.append(Split(level, parent, [labels[i] for i in active[block]], its, converged))
        blocks = next_blocks
        ids = np.zeros(n, dtype=np.int64)
        for number, block in enumerate(blocks, start=1):
            ids[active[block]] = number
        ids[isolated] = len(blocks) + 1
        levels.append(ids)
    isolates = [labels[i] for i in np.flatnonzero(isolated)]
    return ConcorResult(labels=list(labels), levels=levels, isolates=isolates, iterations=iterations, splits=splits, max_iter=max_iter)


def convergence_summary(nodes: pd.DataFrame, *, column: str = "concor_converged", group: Sequence[str] = ("query", "year")) -> str:
    """One line over many networks (the network stage's node table): how many had a CONCOR split that
    stopped at max_iter, and which.  Tables from before the column existed give an empty string."""
    if column not in nodes.columns or nodes.empty:
        return ""
    per_network = nodes.groupby(list(group), sort=True)[column].all()
    failed = [" ".join(str(v) for v in (key if isinstance(key, tuple) else (key,))) for key, ok in per_network.items() if not ok]
    if not failed:
        return f"CONCOR converged in every split of all {len(per_network)} networks."
    return (
        f"CONCOR did not converge within max_iter in {len(failed)} of {len(per_network)} networks ({', '.join(failed)}); "
        "the blocks of their unconverged splits are arbitrary sign splits."
    )
