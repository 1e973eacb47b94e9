"""Other senses of a query word: the topics of a query's model that lie away from what the query is mostly about.

A search term brings in every sense it has: 발레 finds ballet, but also Vale, the Brazilian
iron-ore miner (철광석, 가격), and valet parking (발레파킹).  On a real 발레 study such articles
filled a whole topic and made 가격 the 3rd "fading" term.  A researcher can drop them with the
query's `exclude` list once they see them; this module finds where to look.

The *core vocabulary* of a query is its `core_terms` most frequent terms over all its documents
(the LDA dictionary's term frequencies; ties by term).  A topic's *core share* is the probability
mass φ puts on those terms: a topic about the query's main subject spends much of its mass there,
a second sense (with its own words) little.  The topic with the lowest core share is flagged, and
so is every topic whose share is below half the median of the query's topics (a query can have two
other senses).  For each flagged topic the module gives the terms most over-represented in its
documents (those whose dominant topic it is) against the query's other documents, by the weighted
log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22): the
prior is the query's own term distribution scaled to `PRIOR_MASS` pseudo-counts, and terms are
ranked by the z-score, so a word that occurs twice is not ranked above one that fills the topic.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

PRIOR_MASS = 100.0  # pseudo-counts of the log-odds prior, spread over the vocabulary as the query's term distribution
SENSE_COLUMNS = ["topic", "core_share", "share_rank", "flagged", "documents", "doc_share", "distinctive_terms", "example_titles"]


def core_share(phi: np.ndarray, term_frequency: np.ndarray, vocab: Sequence[str], *, core_terms: int) -> np.ndarray:
    """Per topic, the mass of φ (K × V, rows sum to 1) on the `core_terms` most frequent terms of the corpus."""
    if core_terms < 1:
        raise ValueError(f"core_terms must be at least 1, got {core_terms}")
    order = sorted(range(len(vocab)), key=lambda i: (-float(term_frequency[i]), vocab[i]))
    core = np.asarray(order[:core_terms], dtype=np.int64)
    return phi[:, core].sum(axis=1) / phi.sum(axis=1)


def flagged_topics(shares: np.ndarray) -> list[int]:
    """0-based topics with the lowest core share, plus any whose share is under half the median share."""
    lowest = int(np.lexsort((np.arange(len(shares)), shares))[0])
    half_median = float(np.median(shares)) / 2
    return sorted({lowest, *(int(t) for t in np.flatnonzero(shares < half_median))})


def over_represented(counts: sparse.csr_matrix, inside: np.ndarray, vocab: Sequence[str], *, n: int) -> list[str]:
    """The `n` terms most over-represented in the documents `inside` (boolean mask) against the others: positive z
    of the weighted log-odds ratio with the informative Dirichlet prior (see the module docstring); ties by term."""
    y_in = np.asarray(counts[inside].sum(axis=0)).ravel().astype(float)
    y_out = np.asarray(counts[~inside].sum(axis=0)).ravel().astype(float)
    total = y_in + y_out
    if total.sum() == 0 or y_in.sum() == 0:
        return []
    alpha = PRIOR_MASS * total / total.sum()
    a0 = alpha.sum()
    n_in, n_out = y_in.sum(), y_out.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_in + alpha) / (n_in + a0 - y_in - alpha)) - np.log((y_out + alpha) / (n_out + a0 - y_out - alpha))
        z = delta / np.sqrt(1 / (y_in + alpha) + 1 / (y_out + alpha))
    z = np.where((y_in > 0) & np.isfinite(z), z, 0.0)
    ranked = sorted((i for i in range(len(vocab)) if z[i] > 0), key=lambda i: (-float(z[i]), vocab[i]))
    return [vocab[i] for i in ranked[:n]]


def example_titles(theta_topic: np.ndarray, titles: Sequence[str], *, n: int) -> list[str]:
    """Up to `n` distinct titles of the documents with the highest share of the topic (ties by position)."""
    shown: list[str] = []
    for i in np.lexsort((np.arange(len(theta_topic)), -theta_topic)):
        title = " ".join(str(titles[i]).split())
        if title and title not in shown:
            shown.append(title)
        if len(shown) == n:
            break
    return shown


def query_senses(
    phi: np.ndarray,
    theta: np.ndarray,
    counts: sparse.csr_matrix,
    vocab: Sequence[str],
    titles: Sequence[str],
    *,
    core_terms: int = 30,
    n_terms: int = 10,
    n_titles: int = 3,
) -> pd.DataFrame:
    """One row per topic (1-based) of one query's model: its core share, its rank (1 = lowest share), whether it is
    flagged as a possible other sense, its documents (dominant topic) and, for flagged topics, the over-represented
    terms (comma-joined) and example titles (joined by " | ").

    `phi` is K × V over `vocab`, `theta` documents × K, `counts` documents × V, `titles` one per document.
    """
    k, v = phi.shape
    if theta.shape[1] != k or counts.shape != (theta.shape[0], v) or len(vocab) != v or len(titles) != theta.shape[0]:
        raise ValueError(
            f"query_senses: shapes disagree (φ {phi.shape}, θ {theta.shape}, counts {counts.shape}, {len(vocab)} terms, {len(titles)} titles)"
        )
    term_frequency = np.asarray(counts.sum(axis=0)).ravel()
    shares = core_share(phi, term_frequency, vocab, core_terms=core_terms)
    rank = np.empty(k, dtype=np.int64)
    rank[np.lexsort((np.arange(k), shares))] = np.arange(1, k + 1)
    dominant = theta.argmax(axis=1) if theta.shape[0] else np.zeros(0, dtype=np.int64)
    flagged = set(flagged_topics(shares))
    rows = []
    for t in range(k):
        inside = dominant == t
        terms = over_represented(counts, inside, vocab, n=n_terms) if t in flagged else []
        shown = example_titles(theta[:, t], titles, n=n_titles) if t in flagged else []
        rows.append(
            {
                "topic": t + 1,
                "core_share": float(shares[t]),
                "share_rank": int(rank[t]),
                "flagged": t in flagged,
                "documents": int(inside.sum()),
                "doc_share": float(inside.mean()) if len(inside) else 0.0,
                "distinctive_terms": ", ".join(terms),
                "example_titles": " | ".join(shown),
            }
        )
    return pd.DataFrame(rows, columns=SENSE_COLUMNS)
