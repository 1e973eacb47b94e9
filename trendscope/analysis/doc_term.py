"""Token lists as sparse document × term count matrices: one query's documents with their lengths and years
(`doc_term_matrix`, for the trend test), or any list-of-strings column (`count_matrix`, also the LDA corpus).

Count models of term trends (analysis/trends.py) need the counts per document,
not only per year: the spread of a term's counts between documents of the same
year is what tells real change from clumping (one article repeating a word
five times).  The matrix is built from the token file's Arrow column: the
tokens are dictionary-encoded to integer codes in Arrow, so no Python string is
made per token (100k full-length articles hold 26.5 M tokens; read into pandas
as Python objects, compare needed 5.4 GB), and the CSR matrix takes the list
offsets as its row pointers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from trendscope.errors import InputError

TOKEN_COLUMNS = ("query", "year", "tokens")
TokenColumn = pa.Array | pa.ChunkedArray


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


def token_table(tokens: pd.DataFrame | pa.Table, columns: Sequence[str] = TOKEN_COLUMNS) -> pa.Table:
    """`columns` of a token table as Arrow (the token file read with pyarrow, or a DataFrame of lists of strings)."""
    missing = [c for c in columns if c not in _column_names(tokens)]
    if missing:
        raise InputError(f"token table: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}")
    if isinstance(tokens, pa.Table):
        return tokens.select(list(columns))
    frame = tokens[list(columns)]
    return pa.Table.from_pandas(frame, preserve_index=False, schema=None if "tokens" not in frame else _token_schema(frame))


def _column_names(tokens: pd.DataFrame | pa.Table) -> list[str]:
    return tokens.column_names if isinstance(tokens, pa.Table) else list(tokens.columns)


def _token_schema(frame: pd.DataFrame) -> pa.Schema:
    """The frame's schema with `tokens` as list<string>, also when every list is empty (Arrow would guess list<null>)."""
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    return schema.set(schema.get_field_index("tokens"), pa.field("tokens", pa.list_(pa.string())))


def count_matrix(column: TokenColumn) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Documents (one per list in `column`, empty ones included) × every term, and the terms in code-point order.

    The counts are int64; terms are sorted so the columns do not depend on document order
    (Arrow sorts UTF-8 bytewise, which is code-point order, as Python sorts str).
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    lengths = pc.fill_null(pc.list_value_length(column), 0).to_numpy().astype(np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(column))
    order = pc.array_sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(order.size, dtype=np.int32)
    rank[order] = np.arange(order.size, dtype=np.int32)
    indices = rank[encoded.indices.to_numpy()]
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    matrix = sparse.csr_matrix((np.ones(indices.size, dtype=np.int32), indices, indptr), shape=(lengths.size, order.size))
    matrix.sum_duplicates()
    matrix.data = matrix.data.astype(np.int64)
    terms = np.asarray(encoded.dictionary.take(order).to_pylist(), dtype=object)
    return matrix, terms


@dataclass(frozen=True)
class TokenCounts:
    """Every document of a token table (rows, in file order) × every term (code-point order), with each
    document's query, year and doc_id (when the table has one): the token strings reduced to integer counts
    once, so the table can be let go and each query's rows taken from here."""

    counts: sparse.csr_matrix
    terms: np.ndarray
    queries: np.ndarray
    years: np.ndarray
    doc_ids: np.ndarray | None = None

    def rows(self, query: str, years: Sequence[int] | None = None) -> np.ndarray:
        """Positions of the documents of `query` (in `years`, default all), in file order."""
        keep = self.queries == query
        if years is not None:
            keep &= np.isin(self.years, list(years))
        return np.flatnonzero(keep)


def token_counts(tokens: pd.DataFrame | pa.Table | TokenCounts) -> TokenCounts:
    """A token table (query, year, tokens, and doc_id if present; Arrow or pandas) as `TokenCounts`."""
    if isinstance(tokens, TokenCounts):
        return tokens
    with_ids = "doc_id" in _column_names(tokens)
    table = token_table(tokens, [*TOKEN_COLUMNS, *(["doc_id"] if with_ids else [])])
    counts, terms = count_matrix(table["tokens"])
    doc_ids = table["doc_id"].to_numpy() if with_ids else None
    return TokenCounts(counts, terms, table["query"].to_numpy(), table["year"].to_numpy(), doc_ids)


def doc_term_matrix(tokens: pd.DataFrame | pa.Table | TokenCounts, query: str, *, years: Sequence[int] | None = None, min_count: int = 20) -> DocTermMatrix:
    """The documents of `query` (in `years`, default all) × the terms with at least `min_count` occurrences in them.

    `tokens` is the token file's table (columns query, year, tokens: a list of
    strings per document), as Arrow or pandas, or its `TokenCounts`.  Terms are
    sorted (code-point order) so the columns do not depend on document order.
    """
    whole = token_counts(tokens)
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    rows = whole.rows(query, years)
    rows = rows[np.diff(whole.counts.indptr)[rows] > 0]  # documents without tokens carry no term
    part = whole.counts[rows]
    totals = np.asarray(part.sum(axis=0)).ravel()
    kept = np.flatnonzero(totals >= min_count)
    return DocTermMatrix(
        counts=part[:, kept].tocsr(),
        terms=whole.terms[kept],
        exposure=np.asarray(part.sum(axis=1)).ravel().astype(np.float64),
        years=whole.years[rows].astype(np.int64),
    )
