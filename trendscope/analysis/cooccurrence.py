"""Keyword co-occurrence from a sparse unit–term matrix: counts, Jaccard and NPMI.

A *unit* is the span within which two terms count as co-occurring: a document,
a sentence, or a sliding window of N consecutive tokens of a document.  Every
unit becomes one row of a binary units × terms matrix X; the co-occurrence
counts are X.T @ X (its diagonal holds each term's unit frequency).  Nothing
here loops over pairs of terms in Python.

Weights, for terms i ≠ j over n units, with c_ij units containing both and
c_i, c_j units containing each (p = c / n):

    count(i, j)   = c_ij
    jaccard(i, j) = c_ij / (c_i + c_j − c_ij)
    npmi(i, j)    = ln(p_ij / (p_i · p_j)) / −ln(p_ij)     (1 when p_ij = 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from trendscope.errors import ConfigError

Unit = Literal["document", "sentence", "window"]
Weight = Literal["count", "jaccard", "npmi"]
UNITS: tuple[str, ...] = ("document", "sentence", "window")
WEIGHTS: tuple[str, ...] = ("count", "jaccard", "npmi")

FORMULAS = {
    "count": "count(i, j) = c_ij, the units containing both terms",
    "jaccard": "jaccard(i, j) = c_ij / (c_i + c_j − c_ij)",
    "npmi": "npmi(i, j) = ln(p_ij / (p_i · p_j)) / −ln(p_ij), p = units / all units",
}


@dataclass(frozen=True)
class Cooccurrence:
    """Co-occurrence counts among `terms` over `n_units` units.

    `counts` is a symmetric sparse terms × terms matrix whose diagonal is each
    term's unit frequency (the number of units containing it).
    """

    terms: list[str]
    counts: sparse.csr_matrix
    n_units: int

    @property
    def unit_frequency(self) -> np.ndarray:
        return np.asarray(self.counts.diagonal(), dtype=np.int64)


def _check_choice(name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")


def _term_ids(token_lists: Sequence[Sequence[str]], position: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """All tokens as term ids (−1 outside the vocabulary) and each list's start offset."""
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    offsets = np.zeros(len(token_lists) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ids = np.fromiter((position.get(t, -1) for tokens in token_lists for t in tokens), dtype=np.int64, count=int(offsets[-1]))
    return ids, offsets


def _binary(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> sparse.csr_matrix:
    keep = cols >= 0
    data = np.ones(int(keep.sum()), dtype=np.int32)
    matrix = sparse.csr_matrix((data, (rows[keep], cols[keep])), shape=(n_rows, n_cols))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def unit_term_matrix(
    token_lists: Sequence[Sequence[str]], vocabulary: Sequence[str], *, window: int | None = None
) -> sparse.csr_matrix:
    """A binary units × terms matrix: one unit per token list, or, with `window`, one per N-token window.

    Windows slide one token at a time within each list and never cross lists; a
    list shorter than the window is one unit.  Tokens outside `vocabulary` still
    occupy their positions (the window is over the text, not the vocabulary).
    """
    position = {term: i for i, term in enumerate(vocabulary)}
    ids, offsets = _term_ids(token_lists, position)
    lengths = np.diff(offsets)
    if window is None:
        rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
        return _binary(rows, ids, len(token_lists), len(vocabulary))
    if window < 2:
        raise ConfigError(f"network.window: expected at least 2 tokens, got {window}")
    n_windows = np.maximum(lengths - window + 1, 1) * (lengths > 0)
    window_offsets = np.zeros(len(token_lists) + 1, dtype=np.int64)
    np.cumsum(n_windows, out=window_offsets[1:])
    doc = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
    local = np.arange(len(ids), dtype=np.int64) - offsets[doc]
    all_rows, all_cols = [], []
    # Token at local position p belongs to the windows starting at p-k, k = 0..window-1, that exist.
    for k in range(window):
        start = local - k
        valid = (start >= 0) & (start < n_windows[doc])
        all_rows.append(window_offsets[doc[valid]] + start[valid])
        all_cols.append(ids[valid])
    rows = np.concatenate(all_rows) if all_rows else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(all_cols) if all_cols else np.zeros(0, dtype=np.int64)
    return _binary(rows, cols, int(window_offsets[-1]), len(vocabulary))


def units_of(
    tokens: Sequence[Sequence[str]], sentences: Sequence[Sequence[Sequence[str]]] | None, *, unit: Unit
) -> list[Sequence[str]]:
    """The token lists whose rows make up the matrix: documents, or every sentence of every document."""
    _check_choice("network.unit", unit, UNITS)
    if unit == "sentence":
        if sentences is None:
            raise ConfigError("network.unit: 'sentence' needs the token file's `sentences` column")
        return [s for doc in sentences for s in doc]
    return list(tokens)


def cooccurrence(
    tokens: Sequence[Sequence[str]],
    vocabulary: Sequence[str],
    *,
    unit: Unit = "document",
    sentences: Sequence[Sequence[Sequence[str]]] | None = None,
    window: int = 5,
    chunk_entries: int = 2_000_000,
) -> Cooccurrence:
    """Co-occurrence counts among `vocabulary` terms over documents, sentences or N-token windows.

    The unit matrix is built for about `chunk_entries` (token, unit) entries at a time and X.T @ X summed
    over the chunks, so memory stays bounded by one chunk's matrix plus the terms × terms result.
    """
    lists = units_of(tokens, sentences, unit=unit)
    size = len(vocabulary)
    per_token = window if unit == "window" else 1
    ends = np.cumsum(np.fromiter((len(t) for t in lists), dtype=np.int64, count=len(lists))) * per_token
    counts = sparse.csr_matrix((size, size), dtype=np.int32)  # int32: a count never exceeds the number of units
    n_units, start = 0, 0
    while start < len(lists):
        reached = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, reached + max(1, chunk_entries), side="right")))
        x = unit_term_matrix(lists[start:stop], vocabulary, window=window if unit == "window" else None)
        counts = counts + x.T @ x
        n_units += x.shape[0]
        start = stop
    counts = sparse.csr_matrix(counts)
    counts.sum_duplicates()
    counts.sort_indices()
    return Cooccurrence(terms=list(vocabulary), counts=counts, n_units=n_units)


def pair_weights(c_ij: np.ndarray, c_i: np.ndarray, c_j: np.ndarray, n_units: int) -> dict[str, np.ndarray]:
    """Count, Jaccard and NPMI for pairs given their joint and single unit frequencies (c_ij > 0)."""
    c_ij = np.asarray(c_ij, dtype=np.float64)
    c_i = np.asarray(c_i, dtype=np.float64)
    c_j = np.asarray(c_j, dtype=np.float64)
    jaccard = c_ij / (c_i + c_j - c_ij)
    p_ij, p_i, p_j = c_ij / n_units, c_i / n_units, c_j / n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)
    npmi = np.where(p_ij >= 1.0, 1.0, npmi)
    return {"count": c_ij.astype(np.int64), "jaccard": jaccard, "npmi": npmi}


def edge_table(cooc: Cooccurrence, *, min_count: int = 1) -> pd.DataFrame:
    """Every pair with c_ij ≥ `min_count` once (source < target in vocabulary order), with all three weights."""
    upper = sparse.triu(cooc.counts, k=1).tocoo()
    keep = upper.data >= max(1, min_count)
    rows, cols, c_ij = upper.row[keep], upper.col[keep], upper.data[keep]
    freq = cooc.unit_frequency
    weights = pair_weights(c_ij, freq[rows], freq[cols], cooc.n_units)
    terms = np.asarray(cooc.terms, dtype=object)
    frame = pd.DataFrame({"source": terms[rows], "target": terms[cols], **weights})
    return frame.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def associations(cooc: Cooccurrence, focus: str, *, weight: Weight = "npmi", min_count: int = 1) -> pd.DataFrame:
    """The terms co-occurring with `focus`, with all three weights, ranked by `weight` (ties by term)."""
    if focus not in cooc.terms:
        raise ConfigError(f"term {focus!r} does not occur in these documents")
    i = cooc.terms.index(focus)
    column = np.asarray(cooc.counts.getcol(i).toarray()).ravel()
    return _rank_associations(column, cooc.unit_frequency, cooc.terms, i, cooc.n_units, weight=weight, min_count=min_count)


def focus_associations(matrix: sparse.spmatrix, terms: Sequence[str], focus: str, *, weight: Weight = "npmi", min_count: int = 1) -> pd.DataFrame:
    """Like `associations`, from a binary units × terms matrix, computing only the focus term's column (X.T @ x_focus)."""
    if focus not in terms:
        raise ConfigError(f"term {focus!r} does not occur in these documents")
    x = sparse.csc_matrix(matrix, dtype=np.int64)
    i = list(terms).index(focus)
    column = np.asarray((x.T @ x[:, i]).toarray()).ravel()
    freq = np.asarray(x.sum(axis=0)).ravel()
    return _rank_associations(column, freq, list(terms), i, x.shape[0], weight=weight, min_count=min_count)


def _rank_associations(column: np.ndarray, freq: np.ndarray, terms: list[str], i: int, n_units: int, *, weight: Weight, min_count: int) -> pd.DataFrame:
    _check_choice("weight", weight, WEIGHTS)
    others = np.flatnonzero((column >= max(1, min_count)) & (np.arange(len(column)) != i))
    c_ij = column[others]
    weights = pair_weights(c_ij, np.full(len(others), freq[i]), freq[others], n_units)
    frame = pd.DataFrame({"term": np.asarray(terms, dtype=object)[others], **weights})
    frame = frame.sort_values([weight, "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return frame.assign(rank=np.arange(1, len(frame) + 1))
