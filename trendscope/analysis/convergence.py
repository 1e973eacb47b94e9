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


def verdict(row: pd.Series, alpha: float = 0.05) -> tuple[str, str]:
    """A one-line answer (ko, en) to "are the discourses converging?" from a `convergence_trend` row."""
    slope, p = row["cosine_tfidf_sen_slope"], row["cosine_tfidf_p"]
    if pd.isna(p):
        return "연도가 3개 미만이라 추세를 검정할 수 없음", "fewer than 3 years: no trend test"
    if p < alpha and slope > 0:
        ko, en = "수렴(연도별 유사도의 유의한 증가 추세)", "converging (significant upward trend of the yearly similarity)"
    elif p < alpha and slope < 0:
        ko, en = "분화(연도별 유사도의 유의한 감소 추세)", "diverging (significant downward trend of the yearly similarity)"
    else:
        n = int(row["last_year"]) - int(row["first_year"]) + 1
        ko, en = (f"뚜렷한 수렴·분화 추세 없음(연도별 값 {n}개로는 꾸준하고 큰 변화만 검출됨)",
                  f"no clear convergence or divergence (with {n} yearly values only a steady, large change is detectable)")
    detail = (
        f"TF-IDF cosine {row['cosine_tfidf_first']:.3f} → {row['cosine_tfidf_last']:.3f} (Sen {slope:+.4f}/yr, MK p = {p:.3g}); "
        f"Jaccard {row['jaccard_first']:.3f} → {row['jaccard_last']:.3f} (MK p = {row['jaccard_p']:.3g})"
    )
    return f"{ko}: {detail}", f"{en}: {detail}"
