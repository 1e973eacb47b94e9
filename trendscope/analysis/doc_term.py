"""One query's documents as a sparse document × term count matrix, with each document's length and year.

Count models of term trends (analysis/trends.py) need the counts per document,
not only per year: the spread of a term's counts between documents of the same
year is what tells real change from clumping (one article repeating a word
five times).  The matrix is built with pandas explode + factorize and one
scipy COO → CSR conversion, no Python loop over tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from trendscope.errors import InputError

TOKEN_COLUMNS = ("query", "year", "tokens")


@dataclass(frozen=True)
class DocTermMatrix:
    """Counts of `terms` (columns) in documents (rows), with each document's token count and year.

    `exposure` counts every token of the document, also those of terms dropped by
    the minimum-count filter, so it is the document's length.  Documents without
    tokens are left out (they cannot carry any term).
    """

    counts: sparse.csr_matrix
    terms: np.ndarray
    exposure: np.ndarray
    years: np.ndarray

    @property
    def n_documents(self) -> int:
        return int(self.counts.shape[0])


def doc_term_matrix(tokens: pd.DataFrame, query: str, *, years: Sequence[int] | None = None, min_count: int = 20) -> DocTermMatrix:
    """The documents of `query` (in `years`, default all) × the terms with at least `min_count` occurrences in them.

    `tokens` is the token file's table (columns query, year, tokens: a list of
    strings per document).  Terms are sorted (code-point order) so the columns
    do not depend on document order.
    """
    missing = [c for c in TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise InputError(f"token table: missing column(s) {', '.join(missing)}; expected query, year, tokens")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    part = tokens.loc[tokens["query"] == query, ["year", "tokens"]]
    if years is not None:
        part = part[part["year"].isin(list(years))]
    lengths = part["tokens"].map(len).to_numpy(dtype=np.int64)
    part = part[lengths > 0]
    lengths = lengths[lengths > 0]
    doc_years = part["year"].to_numpy(dtype=np.int64)
    flat = part["tokens"].explode()
    rows = np.repeat(np.arange(len(part)), lengths)
    codes, vocabulary = pd.factorize(flat.to_numpy(dtype=object), sort=True)
    matrix = sparse.csr_matrix((np.ones(codes.size, dtype=np.int64), (rows, codes)), shape=(len(part), len(vocabulary)))
    matrix.sum_duplicates()
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    keep = np.flatnonzero(totals >= min_count)
    return DocTermMatrix(
        counts=matrix[:, keep].tocsr(),
        terms=np.asarray(vocabulary, dtype=object)[keep],
        exposure=lengths.astype(np.float64),
        years=doc_years,
    )
