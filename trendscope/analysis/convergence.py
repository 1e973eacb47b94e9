"""Convergence of two discourses, year by year: shared vocabulary and similarity of TF-IDF profiles.

Per year and pair of queries:
- jaccard = |T_a ∩ T_b| / |T_a ∪ T_b| for the top-N terms by frequency of each query;
- cosine = the cosine similarity of the two queries' TF-IDF vectors over all terms
  (each query × year's TF-IDF as in analysis/tfidf.py);
- shared = the terms in both top-N lists, most central first (smallest sum of ranks, ties by term).
A rising jaccard/cosine (Mann–Kendall over the years) is read as convergence.  The unit of that test is the
year (one similarity per year, T values), as for the term trends: it is never a test over documents, and with
few years it can only see a steady, large change, so "no clear trend" is worded as what T years cannot show,
not as "no change".
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from trendscope.analysis.counts import rank
from trendscope.analysis.trends import mann_kendall


def cosine(u: pd.Series, v: pd.Series) -> float:
    """Cosine similarity of two term → weight Series (missing terms count as 0)."""
    joined = pd.concat([u, v], axis=1).fillna(0.0).to_numpy(dtype=float)
    norm = np.linalg.norm(joined[:, 0]) * np.linalg.norm(joined[:, 1])
    return float(joined[:, 0] @ joined[:, 1] / norm) if norm else 0.0


def convergence_by_year(terms: pd.DataFrame, queries: Sequence[str], years: Sequence[int], *, top_n: int = 30, shown: int = 10) -> pd.DataFrame:
    """One row per pair of queries × year: jaccard of top-N vocabularies, TF-IDF cosine, shared central terms."""
    ranked = rank(terms, by="tf", n=top_n)
    rows = []
    for qa, qb in combinations(queries, 2):
        for year in years:
            ra = ranked[(ranked["query"] == qa) & (ranked["year"] == year)].set_index("term")["rank"]
            rb = ranked[(ranked["query"] == qb) & (ranked["year"] == year)].set_index("term")["rank"]
            union = set(ra.index) | set(rb.index)
            shared = sorted(set(ra.index) & set(rb.index), key=lambda t: (ra[t] + rb[t], t))
            ta = terms[(terms["query"] == qa) & (terms["year"] == year)].set_index("term")["tfidf"]
            tb = terms[(terms["query"] == qb) & (terms["year"] == year)].set_index("term")["tfidf"]
            rows.append(
                {
                    "query_a": qa,
                    "query_b": qb,
                    "year": int(year),
                    "top_n": top_n,
                    "n_shared": len(shared),
                    "jaccard": len(shared) / len(union) if union else 0.0,
                    "cosine_tfidf": cosine(ta, tb),
                    "shared_terms": ", ".join(shared[:shown]),
                }
            )
    return pd.DataFrame(rows, columns=["query_a", "query_b", "year", "top_n", "n_shared", "jaccard", "cosine_tfidf", "shared_terms"])


def convergence_trend(table: pd.DataFrame) -> pd.DataFrame:
    """Per pair of queries: first/last jaccard and cosine, and the Mann–Kendall test of each over the years."""
    rows = []
    for (qa, qb), part in table.groupby(["query_a", "query_b"], sort=False):
        part = part.sort_values("year")
        row = {"query_a": qa, "query_b": qb, "first_year": int(part["year"].iloc[0]), "last_year": int(part["year"].iloc[-1])}
        for measure in ("jaccard", "cosine_tfidf"):
            values = part[measure].to_numpy()
            row[f"{measure}_first"], row[f"{measure}_last"] = float(values[0]), float(values[-1])
            if len(values) >= 3:
                mk = mann_kendall(values, part["year"].to_numpy())
                row[f"{measure}_sen_slope"], row[f"{measure}_p"] = mk.slope, mk.p
            else:
                row[f"{measure}_sen_slope"], row[f"{measure}_p"] = np.nan, np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def verdict(row: pd.Series, alpha: float = 0.05) -> str:
    """The reading of a `convergence_trend` row: "converging" or "diverging" (the yearly TF-IDF cosine has a
    Mann–Kendall trend at `alpha`; the year is the unit, so T years give T values), "no_trend", or "untested"
    (fewer than 3 years).  The report words it; with few years only a steady, large change is detectable."""
    slope, p = row["cosine_tfidf_sen_slope"], row["cosine_tfidf_p"]
    if pd.isna(p):
        return "untested"
    if p < alpha:
        return "converging" if slope > 0 else "diverging" if slope < 0 else "no_trend"
    return "no_trend"


def with_verdicts(trend: pd.DataFrame, *, alpha: float) -> pd.DataFrame:
    """`trend` (convergence_trend's table) with each pair's `verdict`."""
    return trend.assign(verdict=[verdict(row, alpha) for _, row in trend.iterrows()] if len(trend) else pd.Series(dtype=object))
