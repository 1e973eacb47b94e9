"""Convergence of two discourses, year by year: shared vocabulary and similarity of TF-IDF profiles.

Per year and pair of queries:
- jaccard = |T_a ∩ T_b| / |T_a ∪ T_b| for the top-N terms by frequency of each query;
- cosine = the cosine similarity of the two queries' TF-IDF vectors over all terms
  (each query × year's TF-IDF as in analysis/tfidf.py);
- shared = the terms in both top-N lists, most central first (smallest sum of ranks, ties by term).
A rising jaccard/cosine (Mann–Kendall over the years) is reported as a rising similarity, with T and p.  The unit of that test is the
year (one similarity per year, T values), as for the term trends: it is never a test over documents, and with
few years it can only see a steady, large change, so "no clear trend" is worded as what T years cannot show,
not as "no change".

A similarity alone has no scale: two samples of the same discourse share a top-30 list only in part, so a cosine
of 0.3 may be all that identical groups reach.  `permutation_baseline` gives the reference at the level of the
claim (a comparison of two queries in one year treats the document as the unit): the year's documents of both
queries are pooled and reassigned at random, whole, to groups of the observed sizes, and each measure recomputed
exactly as for the observed groups (same top-N, same own-word exclusions, the TF-IDF's IDF within each group).
The baseline is the mean over the permutations, with its 2.5–97.5 % range, and `*_p_below` the share of
permutations at or below the observed value ((1 + count) / (1 + N)): a small p says the two queries are more
different than documents drawn from one pool.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse

from trendscope.analysis.counts import rank
from trendscope.analysis.doc_term import TokenCounts
from trendscope.analysis.trends import mann_kendall

BASELINE_COLUMNS = [f"{m}_{s}" for m in ("jaccard", "cosine_tfidf") for s in ("baseline", "baseline_low", "baseline_high", "p_below")]


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


def group_similarity(
    tf_a: np.ndarray, df_a: np.ndarray, n_a: np.ndarray, tf_b: np.ndarray, df_b: np.ndarray, n_b: np.ndarray, *, top_n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard of the top-`top_n` terms by tf and cosine of the TF-IDF profiles, for k pairs of groups at once.

    `tf_*`, `df_*` are (k, V) term counts and document frequencies over one vocabulary in code-point order (a
    term a group leaves out has 0); `n_*` the (k,) document counts.  As in `convergence_by_year`: ties in tf are
    broken by term (the column order), IDF = ln(n / df) within each group.
    """

    def top(tf: np.ndarray) -> np.ndarray:
        order = np.argsort(-tf, axis=1, kind="stable")[:, :top_n]
        chosen = np.zeros(tf.shape, dtype=bool)
        np.put_along_axis(chosen, order, True, axis=1)
        return chosen & (tf > 0)

    def weights(tf: np.ndarray, df: np.ndarray, n: np.ndarray) -> np.ndarray:
        ratio = np.divide(np.asarray(n, dtype=float)[:, None], df, out=np.ones(df.shape), where=df > 0)
        return tf * np.log(ratio)

    ta, tb = top(tf_a), top(tf_b)
    union = (ta | tb).sum(axis=1)
    jaccard = np.divide((ta & tb).sum(axis=1), union, out=np.zeros(len(union)), where=union > 0)
    wa, wb = weights(tf_a, df_a, n_a), weights(tf_b, df_b, n_b)
    norm = np.linalg.norm(wa, axis=1) * np.linalg.norm(wb, axis=1)
    cosine_ = np.divide((wa * wb).sum(axis=1), norm, out=np.zeros(len(norm)), where=norm > 0)
    return jaccard, cosine_


def permutation_baseline(
    counts: sparse.csr_matrix, n_a: int, *, top_n: int, permutations: int, rng: np.random.Generator,
    keep_a: np.ndarray | None = None, keep_b: np.ndarray | None = None, batch: int = 50,
) -> dict[str, float]:
    """The similarity of two groups of documents when their `n_a` + rest documents are reassigned at random.

    `counts` holds the pooled documents (rows; group a's first, though the order does not matter) × terms in
    code-point order; `keep_a` / `keep_b` mark the terms each group counts (its own query words left out).  Whole
    documents are moved, group sizes kept; `permutations` draws from `rng`, `batch` at a time (memory is
    batch × terms).  Returns, per measure (jaccard, cosine_tfidf): the observed value (the first `n_a` rows as
    group a), the baseline (mean), its 2.5 and 97.5 percentiles and the share of draws at or below the observed.
    """
    m, v = counts.shape
    if not 0 < n_a < m:
        raise ValueError(f"each group needs at least one document, got {n_a} of {m}")
    if permutations < 1:
        raise ValueError(f"permutations must be at least 1, got {permutations}")
    counts = sparse.csr_matrix(counts, dtype=float)
    present = counts.copy()
    present.data = np.ones_like(present.data)
    keep_a = np.ones(v, dtype=bool) if keep_a is None else np.asarray(keep_a, dtype=bool)
    keep_b = np.ones(v, dtype=bool) if keep_b is None else np.asarray(keep_b, dtype=bool)
    tf_all, df_all = np.asarray(counts.sum(axis=0)).ravel(), np.asarray(present.sum(axis=0)).ravel()

    def measure(members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """members: (k, m) 0/1 rows, 1 for group a."""
        w = sparse.csr_matrix(members)
        tf_a, df_a = (w @ counts).toarray(), (w @ present).toarray()
        tf_b, df_b = tf_all - tf_a, df_all - df_a
        n = np.full(len(members), n_a)
        return group_similarity(tf_a * keep_a, df_a * keep_a, n, tf_b * keep_b, df_b * keep_b, m - n, top_n=top_n)

    observed = np.zeros((1, m))
    observed[0, :n_a] = 1.0
    obs_j, obs_c = measure(observed)
    draws_j, draws_c = [], []
    for start in range(0, permutations, batch):
        size = min(batch, permutations - start)
        members = np.zeros((size, m))
        for i in range(size):
            members[i, rng.permutation(m)[:n_a]] = 1.0
        j, c = measure(members)
        draws_j.append(j)
        draws_c.append(c)
    result: dict[str, float] = {}
    for name, obs, draws in (("jaccard", obs_j[0], np.concatenate(draws_j)), ("cosine_tfidf", obs_c[0], np.concatenate(draws_c))):
        low, high = np.percentile(draws, [2.5, 97.5])
        result |= {name: float(obs), f"{name}_baseline": float(draws.mean()), f"{name}_baseline_low": float(low), f"{name}_baseline_high": float(high),
                   f"{name}_p_below": float((1 + np.sum(draws <= obs + 1e-12)) / (1 + len(draws)))}
    return result


def convergence_baselines(
    tokens: TokenCounts, queries: Sequence[str], years: Sequence[int], *, top_n: int, permutations: int, seed: int,
    excluded: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """One row per pair of queries × year (as `convergence_by_year`): `permutation_baseline` of its documents,
    seeded by (seed, pair, year) so a row does not depend on which other years or pairs the study holds.

    `excluded` maps a query to the words left out of its counts (its own query words), as in the observed table.
    A year in which a query has no document gets no baseline (NaN).
    """
    excluded = excluded or {}
    terms = np.asarray(tokens.terms)
    rows = []
    for pair, (qa, qb) in enumerate(combinations(queries, 2)):
        keep_a = ~np.isin(terms, sorted(excluded.get(qa, ())))
        keep_b = ~np.isin(terms, sorted(excluded.get(qb, ())))
        for year in years:
            ra, rb = tokens.rows(qa, [year]), tokens.rows(qb, [year])
            row: dict[str, object] = {"query_a": qa, "query_b": qb, "year": int(year), "permutations": permutations}
            if len(ra) and len(rb):
                pooled = tokens.counts[np.concatenate([ra, rb])]
                used = np.flatnonzero(np.asarray(pooled.sum(axis=0)).ravel() > 0)  # the year's vocabulary only
                rng = np.random.default_rng([seed, pair, int(year)])
                found = permutation_baseline(pooled[:, used], len(ra), top_n=top_n, permutations=permutations, rng=rng,
                                             keep_a=keep_a[used], keep_b=keep_b[used])
                row |= {k: found[k] for k in BASELINE_COLUMNS}
            else:
                row |= dict.fromkeys(BASELINE_COLUMNS, np.nan)
            rows.append(row)
    return pd.DataFrame(rows, columns=["query_a", "query_b", "year", "permutations", *BASELINE_COLUMNS])


def convergence_trend(table: pd.DataFrame, *, alpha: float = 0.05) -> pd.DataFrame:
    """Per pair of queries: first/last jaccard and cosine, and the Mann–Kendall test of each over the years; where the
    table holds the permutation baseline, `<measure>_years_below`: the years whose value lies below it (p_below < alpha)."""
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
            if f"{measure}_p_below" in part:
                row[f"{measure}_years_below"] = int((part[f"{measure}_p_below"] < alpha).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def verdict(row: pd.Series, alpha: float = 0.05) -> str:
    """The reading of a `convergence_trend` row: "rising" or "falling" (the yearly TF-IDF cosine has a Mann–Kendall
    trend at `alpha`; the year is the unit, so T years give T values), "no_trend", or "untested" (fewer than 3
    years).  A rising similarity over six yearly values is a direction and a p, not yet "convergence": the report
    words it as the test shows it (the slope's direction, T and p); with few years only a steady, large change is
    detectable."""
    slope, p = row["cosine_tfidf_sen_slope"], row["cosine_tfidf_p"]
    if pd.isna(p):
        return "untested"
    if p < alpha:
        return "rising" if slope > 0 else "falling" if slope < 0 else "no_trend"
    return "no_trend"


def with_verdicts(trend: pd.DataFrame, *, alpha: float) -> pd.DataFrame:
    """`trend` (convergence_trend's table) with each pair's `verdict`."""
    return trend.assign(verdict=[verdict(row, alpha) for _, row in trend.iterrows()] if len(trend) else pd.Series(dtype=object))
