"""Comparing analyzers on the same documents, for a methods section: speed, tokens, top-term overlap.

Jaccard overlap of two backends' top-N terms in a year: |A ∩ B| / |A ∪ B|, where A and
B are the N most frequent terms (ties by term) of that year's documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

import pandas as pd


def top_terms(docs: Sequence[Sequence[str]], n: int) -> list[str]:
    """The n most frequent terms, ties broken by term."""
    counts = Counter(t for doc in docs for t in doc)
    return [term for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def speed_table(tokens: Mapping[str, Sequence[Sequence[str]]], seconds: Mapping[str, float], chars: int) -> pd.DataFrame:
    """Per backend: documents, chars/s, tokens per document, distinct terms."""
    rows = []
    for backend in sorted(tokens):
        docs = tokens[backend]
        rows.append({
            "backend": backend,
            "documents": len(docs),
            "chars_per_s": round(chars / seconds[backend]) if seconds[backend] > 0 else None,
            "tokens_per_doc": round(sum(len(d) for d in docs) / max(1, len(docs)), 2),
            "distinct_terms": len({t for d in docs for t in d}),
        })
    return pd.DataFrame(rows)


def overlap_by_year(tokens: Mapping[str, Sequence[Sequence[str]]], years: Sequence[int], *, n: int = 30) -> pd.DataFrame:
    """Jaccard overlap of top-n terms for every backend pair and year."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rows = []
    for year in sorted(set(years)):
        index = [i for i, y in enumerate(years) if y == year]
        tops = {b: set(top_terms([tokens[b][i] for i in index], n)) for b in tokens}
        for a, b in combinations(sorted(tokens), 2):
            union = tops[a] | tops[b]
            rows.append({"year": year, "backend_a": a, "backend_b": b, "jaccard": round(len(tops[a] & tops[b]) / len(union), 4) if union else 1.0})
    return pd.DataFrame(rows, columns=["year", "backend_a", "backend_b", "jaccard"])


def differing_terms(tokens: Mapping[str, Sequence[Sequence[str]]], *, n: int = 30) -> pd.DataFrame:
    """Terms in one backend's overall top-n but not in another's: backend, term, count, missing_in."""
    tops = {b: top_terms(tokens[b], n) for b in tokens}
    counts = {b: Counter(t for d in tokens[b] for t in d) for b in tokens}
    rows = []
    for b in sorted(tokens):
        for term in tops[b]:
            missing = sorted(o for o in tokens if o != b and term not in tops[o])
            if missing:
                rows.append({"backend": b, "term": term, "count": counts[b][term], "missing_in": ", ".join(missing)})
    return pd.DataFrame(rows, columns=["backend", "term", "count", "missing_in"])
