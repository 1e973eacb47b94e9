"""One query's LDA corpus: the documents × dictionary-terms count matrix and the gensim dictionary it is over.

Its own module because both engines (analysis/vb_lda.py, analysis/gibbs_lda.py) and
analysis/topics.py take it: when it lived in topics.py, the tomotopy engine had to
import topics.py, which imports the engines.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from gensim.corpora import Dictionary

Bow = list[tuple[int, int]]

BOW_BLOCK = 2000  # documents turned into bags of words at a time when a corpus is read through


class BowCorpus(Sequence[Bow]):
    """A documents × terms count matrix read as gensim's bags of words: each document's sorted
    (term id, count) pairs, made when they are read (tomotopy's corpus and gensim's CoherenceModel
    take these; the gensim fits read the matrix itself, analysis/vb_lda.py)."""

    def __init__(self, counts: sparse.csr_matrix) -> None:
        self.counts = counts

    def __len__(self) -> int:
        return int(self.counts.shape[0])

    @overload
    def __getitem__(self, index: int) -> Bow: ...
    @overload
    def __getitem__(self, index: slice) -> BowCorpus: ...
    def __getitem__(self, index: int | slice) -> Bow | BowCorpus:
        if isinstance(index, slice):
            return BowCorpus(self.counts[index])
        row = range(len(self))[index]
        start, end = self.counts.indptr[row], self.counts.indptr[row + 1]
        return list(zip(self.counts.indices[start:end].tolist(), self.counts.data[start:end].tolist(), strict=True))

    def __iter__(self) -> Iterator[Bow]:
        # A block of rows made Python lists at once (numpy slicing per document cost more than the lists).
        indptr = self.counts.indptr
        for first in range(0, len(self), BOW_BLOCK):
            last = min(first + BOW_BLOCK, len(self))
            start = indptr[first]
            ids = self.counts.indices[start : indptr[last]].tolist()
            counts = self.counts.data[start : indptr[last]].tolist()
            bounds = (indptr[first : last + 1] - start).tolist()
            for begin, end in itertools.pairwise(bounds):
                yield list(zip(ids[begin:end], counts[begin:end], strict=True))


@dataclass
class TopicCorpus:
    """One query's documents over a filtered dictionary: `counts` is documents × dictionary terms (CSR, int64)."""

    dictionary: Dictionary
    counts: sparse.csr_matrix

    @property
    def bow(self) -> BowCorpus:
        return BowCorpus(self.counts)

    @property
    def vocab(self) -> list[str]:
        return [self.dictionary[i] for i in range(len(self.dictionary))]

    def presence(self) -> sparse.csc_matrix:
        """Documents × terms, 1 where the term occurs in the document (all documents, empty ones included)."""
        return sparse.csr_matrix((np.ones(self.counts.nnz), self.counts.indices, self.counts.indptr), shape=self.counts.shape).tocsc()

    def term_frequency(self) -> np.ndarray:
        """Occurrences of each dictionary term in the corpus (after filtering), indexed by term id."""
        return np.asarray(self.counts.sum(axis=0), dtype=np.int64).ravel()

    def subset(self, rows: np.ndarray) -> TopicCorpus:
        """The documents selected by `rows` (a boolean mask or positions), over the same dictionary."""
        return TopicCorpus(self.dictionary, self.counts[rows])

