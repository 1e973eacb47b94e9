"""Compound-noun candidates for the user dictionary: frequent adjacent noun pairs scored by PMI.

    pmi(a, b) = ln( c(a b) · N / (c(a) · c(b)) )

with c(a b) the times noun b directly follows noun a within a sentence's token list,
c(a), c(b) unigram counts and N the number of tokens.  Pairs seen fewer than
`min_count` times are left out; rows sort by (pmi desc, count desc, candidate asc).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import pandas as pd


def compound_candidates(
    sentences: Iterable[Sequence[str]], *, min_count: int = 5, known: Iterable[str] = (), top: int = 50
) -> pd.DataFrame:
    """Columns: candidate (joined), first, second, count, first_count, second_count, pmi."""
    if min_count < 1 or top < 1:
        raise ValueError("min_count and top must be at least 1")
    unigrams: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        tokens = list(sentence)
        unigrams.update(tokens)
        pairs.update(pairwise(tokens))
    total = sum(unigrams.values())
    skip = {"".join(k.split()) for k in known}
    rows = []
    for (a, b), count in pairs.items():
        joined = a + b
        if count < min_count or a == b or joined in skip or " " in a or " " in b:
            continue
        rows.append((joined, a, b, count, unigrams[a], unigrams[b], math.log(count * total / (unigrams[a] * unigrams[b]))))
    frame = pd.DataFrame(rows, columns=["candidate", "first", "second", "count", "first_count", "second_count", "pmi"])
    frame = frame.sort_values(["pmi", "count", "candidate"], ascending=[False, False, True], kind="mergesort")
    frame["pmi"] = frame["pmi"].round(4)
    return frame.head(top).reset_index(drop=True)
