"""BigKinds-style related words: the terms most associated with one focus term, per year."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.cooccurrence import Unit, Weight, focus_associations, unit_term_matrix, units_of


def related_words(
    tokens: pd.DataFrame, focus: str, *, unit: Unit, window: int, weight: Weight, n: int, min_count: int, min_df: int = 2
) -> pd.DataFrame:
    """BigKinds-style related words of `focus` per year (columns year, rank, term, count, jaccard, npmi).

    The vocabulary of each year is every term in at least `min_df` documents; only the focus term's
    column of the co-occurrence matrix is computed, so this stays cheap on large vocabularies.
    """
    frames = []
    for year, part in tokens.groupby("year", sort=True):
        docs = list(part["tokens"])
        df = pd.Series([t for doc in docs for t in set(doc)], dtype=object).value_counts()
        vocabulary = sorted(set(df[df >= min_df].index) | ({focus} if focus in df.index else set()))
        if focus not in vocabulary:
            continue
        lists = units_of(docs, list(part["sentences"]), unit=unit)
        matrix = unit_term_matrix(lists, vocabulary, window=window if unit == "window" else None)
        top = focus_associations(matrix, vocabulary, focus, weight=weight, min_count=min_count).head(n)
        frames.append(top.assign(year=int(year)))
    if not frames:
        return pd.DataFrame({"year": pd.Series(dtype=int), "rank": pd.Series(dtype=int), "term": pd.Series(dtype=object), "count": pd.Series(dtype=int), "jaccard": pd.Series(dtype=float), "npmi": pd.Series(dtype=float)})
    return pd.concat(frames, ignore_index=True)[["year", "rank", "term", "count", "jaccard", "npmi"]]
