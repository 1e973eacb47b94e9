"""Emerging and fading terms: a Mann–Kendall trend test with Sen's slope over yearly relative frequency.

Mann–Kendall (Mann 1945, Kendall 1975): S = Σ_{i<j} sign(x_j − x_i);
Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18 (t_g the sizes of tied groups);
Z = (S − sign(S)) / √Var(S) (continuity correction); two-sided p = 2(1 − Φ(|Z|)).
Kendall's τ = S / (n(n−1)/2).  Sen's slope (Sen 1968) is the median of
(x_j − x_i) / (t_j − t_i) over all pairs: the change per year, robust to outliers.
With few years the normal approximation is coarse (n = 6 gives p ≥ 0.0085), so
the p-value is a guide, not a verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from trendscope.analysis.keyness import Correction, adjust_pvalues

PER = 10_000


@dataclass(frozen=True)
class MannKendall:
    s: float
    var_s: float
    z: float
    p: float
    tau: float
    slope: float


def mann_kendall(values: Sequence[float], times: Sequence[float] | None = None) -> MannKendall:
    """The Mann–Kendall test and Sen's slope of one series (`times` default 0, 1, 2, …)."""
    x = np.asarray(values, dtype=float)
    n = x.size
    if n < 3:
        raise ValueError(f"a trend test needs at least 3 values, got {n}")
    t = np.arange(n, dtype=float) if times is None else np.asarray(times, dtype=float)
    i, j = np.triu_indices(n, k=1)
    s = float(np.sign(x[j] - x[i]).sum())
    _, ties = np.unique(x, return_counts=True)
    var_s = (n * (n - 1) * (2 * n + 5) - float((ties * (ties - 1) * (2 * ties + 5)).sum())) / 18.0
    z = 0.0 if s == 0 or var_s <= 0 else (s - np.sign(s)) / np.sqrt(var_s)
    p = float(2 * stats.norm.sf(abs(z)))
    slope = float(np.median((x[j] - x[i]) / (t[j] - t[i])))
    return MannKendall(s, var_s, float(z), p, s / (n * (n - 1) / 2), slope)


def yearly_relative_frequency(terms: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Per query × term, occurrences per 10,000 tokens in each year (columns = years, 0 where absent).

    `terms` has query, year, term, tf; a year's token total is the sum of tf over its terms.
    """
    totals = terms.groupby(["query", "year"])["tf"].sum()
    rel = terms.assign(rel=terms["tf"] / terms.set_index(["query", "year"]).index.map(totals).to_numpy(dtype=float) * PER)
    wide = rel.pivot_table(index=["query", "term"], columns="year", values="rel", aggfunc="sum", fill_value=0.0)
    return wide.reindex(columns=list(years), fill_value=0.0).sort_index()


def trend_tests(
    terms: pd.DataFrame, years: Sequence[int], *, min_count: int = 20, alpha: float = 0.05, correction: Correction = "bh"
) -> pd.DataFrame:
    """Mann–Kendall test per query × term over the yearly relative frequency (per 10,000 tokens).

    Only terms with at least `min_count` occurrences over the years are tested;
    p_adj is corrected within each query.  `trend` is rising/falling when p < alpha
    (uncorrected, stated in the table note) and `significant_adj` when p_adj < alpha.
    Sorted by query, Sen's slope descending, term.
    """
    years = list(years)
    if len(years) < 3:
        return pd.DataFrame(columns=["query", "term", "total", "s", "tau", "z", "p", "p_adj", "sen_slope", "trend", "significant_adj"])
    wide = yearly_relative_frequency(terms, years)
    counts = terms[terms["year"].isin(years)].groupby(["query", "term"])["tf"].sum()
    keep = counts[counts >= min_count].index
    wide = wide[wide.index.isin(keep)]
    rows = []
    for (query, term), series in zip(wide.index, wide.to_numpy(), strict=True):
        mk = mann_kendall(series, years)
        rows.append((query, term, int(counts[(query, term)]), mk.s, mk.tau, mk.z, mk.p, mk.slope))
    table = pd.DataFrame(rows, columns=["query", "term", "total", "s", "tau", "z", "p", "sen_slope"])
    table["p_adj"] = np.nan
    for _query, index in table.groupby("query").groups.items():
        table.loc[index, "p_adj"] = adjust_pvalues(table.loc[index, "p"].to_numpy(), correction)
    significant = table["p"] < alpha
    table["trend"] = np.select([significant & (table["s"] > 0), significant & (table["s"] < 0)], ["rising", "falling"], "no trend")
    table["significant_adj"] = table["p_adj"] < alpha
    for year, column in zip(years, wide.columns, strict=True):
        table[f"per10k_{year}"] = wide[column].to_numpy()
    table = table[["query", "term", "total", *[f"per10k_{y}" for y in years], "s", "tau", "z", "p", "p_adj", "sen_slope", "trend", "significant_adj"]]
    return table.sort_values(["query", "sen_slope", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def new_terms(terms: pd.DataFrame, years: Sequence[int], *, min_count: int = 3) -> pd.DataFrame:
    """Terms that appear in a year (tf ≥ `min_count`) and in no earlier study year of the same query.

    The first study year has no earlier year and is left out.  Sorted by query, year, tf descending, term.
    """
    years = sorted(years)
    part = terms[terms["year"].isin(years) & (terms["tf"] > 0)]
    first = part.groupby(["query", "term"])["year"].min().rename("first_year")
    rows = part.join(first, on=["query", "term"])
    rows = rows[(rows["year"] == rows["first_year"]) & (rows["year"] > years[0]) & (rows["tf"] >= min_count)]
    rows = rows[["query", "year", "term", "tf", "df"]]
    return rows.sort_values(["query", "year", "tf", "term"], ascending=[True, True, False, True], kind="stable").reset_index(drop=True)
