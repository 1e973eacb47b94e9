"""Keyness: which terms are characteristic of one corpus against another.

For a term with counts a (target) and b (reference) in corpora of A and B tokens:

- log-likelihood G² (Dunning 1993) over the 2 × 2 table [[a, A − a], [b, B − b]]:
  G² = 2 Σ O · ln(O / E), E the counts expected if both corpora used the term at
  the same rate; p from χ² with 1 degree of freedom; corrected for the number of
  terms tested (Benjamini–Hochberg or Bonferroni).
- log ratio (Hardie 2014): log2((a / A) / (b / B)), a zero count replaced by 0.5;
  +1 means twice as frequent in the target.
- log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
  2008, eq. 16–22): with prior counts α_w = α0 · (a + b) / (A + B) from the two
  corpora together (α0 = A + B unless given),
  δ = ln((a + α_w) / (A + α0 − a − α_w)) − ln((b + α_w) / (B + α0 − b − α_w)),
  σ² ≈ 1 / (a + α_w) + 1 / (b + α_w), z = δ / σ.
- frequencies per 10,000 tokens in each corpus.

p-values live in log space: a G² of a few thousand (a term of a thousand
occurrences in one corpus and none in the other) has p below the smallest
double, so `chi2.sf` returns 0.0 and Benjamini–Hochberg on zeros gives zeros.
`chi2.logsf` is no cure: it is ln(sf) and returns −inf past G² ≈ 1,420 (scipy
1.17).  With one degree of freedom the tail is P(χ² > G²) = 2 Φ(−√G²), and
`norm.logsf` (scipy's log_ndtr, exact in the far tail) keeps ln p exact; the
correction is done on ln p, and the table
carries log10_p / log10_p_adj beside p / p_adj; the report (report/numbers.py) prints "< 1e-300"
instead of a false 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse, special  # norm.logsf(x) is log_ndtr(-x); scipy.stats costs 0.5 s to import

from trendscope.analysis.doc_term import TokenCounts

Correction = Literal["bh", "bonferroni"]
PER = 10_000
FORMULAS = {
    "g2": "G² = 2 Σ O·ln(O/E) over the 2×2 table (term / other terms × target / reference), p from χ²(1)",
    "log_ratio": "log ratio = log2((a/A) / (b/B)), zero counts as 0.5",
    "log_odds_z": "z = δ/σ, log-odds ratio with informative Dirichlet prior α_w = α0·(a+b)/(A+B) (Monroe et al. 2008)",
}


def adjust_pvalues(p: Sequence[float] | np.ndarray, method: Correction = "bh") -> np.ndarray:
    """p-values corrected for multiple testing: Benjamini–Hochberg (false discovery rate) or Bonferroni."""
    p = np.asarray(p, dtype=float)
    if method not in ("bh", "bonferroni"):
        raise ValueError(f"method must be 'bh' or 'bonferroni', got {method!r}")
    m = p.size
    if m == 0:
        return p.copy()
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    return result


def chi2_1_logsf(statistic: np.ndarray) -> np.ndarray:
    """ln P(χ²₁ > statistic), finite however large the statistic: ln 2 + ln Φ(−√statistic)."""
    return np.log(2.0) + special.log_ndtr(-np.sqrt(np.maximum(np.asarray(statistic, dtype=float), 0.0)))


def adjust_log_pvalues(log_p: Sequence[float] | np.ndarray, method: Correction = "bh") -> np.ndarray:
    """`adjust_pvalues` on natural-log p-values, returning ln p_adj: exact where p itself underflows to 0.

    BH: ln p_adj(i) = min over j ≥ i of (ln p(j) + ln m − ln j) in ascending order of p, capped at 0;
    Bonferroni: min(ln p + ln m, 0).
    """
    log_p = np.asarray(log_p, dtype=float)
    if method not in ("bh", "bonferroni"):
        raise ValueError(f"method must be 'bh' or 'bonferroni', got {method!r}")
    m = log_p.size
    if m == 0:
        return log_p.copy()
    if method == "bonferroni":
        return np.minimum(log_p + np.log(m), 0.0)
    order = np.argsort(log_p, kind="stable")
    scaled = log_p[order] + np.log(m) - np.log(np.arange(1, m + 1))
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 0.0)
    return result


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)


def log_likelihood(a: np.ndarray, b: np.ndarray, total_a: float, total_b: float) -> np.ndarray:
    """G² for each term (vectorised over arrays of counts)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = total_a + total_b
    k = a + b
    e11, e21 = total_a * k / n, total_b * k / n
    e12, e22 = total_a - e11, total_b - e21
    g2 = 2.0 * (_xlogx_over(a, e11) + _xlogx_over(b, e21) + _xlogx_over(total_a - a, e12) + _xlogx_over(total_b - b, e22))
    return np.maximum(g2, 0.0)


def log_ratio(a: np.ndarray, b: np.ndarray, total_a: float, total_b: float) -> np.ndarray:
    a = np.where(np.asarray(a, dtype=float) == 0, 0.5, a)
    b = np.where(np.asarray(b, dtype=float) == 0, 0.5, b)
    return np.log2((a / total_a) / (b / total_b))


def log_odds_dirichlet(a: np.ndarray, b: np.ndarray, total_a: float, total_b: float, prior_total: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(δ, z) of the log-odds ratio with an informative Dirichlet prior built from both corpora."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    alpha0 = float(total_a + total_b) if prior_total is None else float(prior_total)
    alpha = alpha0 * (a + b) / (total_a + total_b)
    delta = np.log((a + alpha) / (total_a + alpha0 - a - alpha)) - np.log((b + alpha) / (total_b + alpha0 - b - alpha))
    z = delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))
    return delta, z


def keyness(
    target: pd.Series,
    reference: pd.Series,
    *,
    correction: Correction = "bh",
    prior_total: float | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of every term in target vs reference (Series term → count), most key first.

    Totals are the sums of each Series (all tokens of each corpus).  p and p_adj
    underflow to 0.0 for very large G²; log10_p and log10_p_adj stay exact.  Terms whose
    combined count is below `min_count` are left out of the table and of the
    multiple-testing correction.  Sorted by G² descending, ties by term.
    """
    if correction not in ("bh", "bonferroni"):
        raise ValueError(f"correction must be 'bh' or 'bonferroni', got {correction!r}")
    counts = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0)
    total_a, total_b = float(counts["a"].sum()), float(counts["b"].sum())
    columns = ["term", "a", "b", "per10k_a", "per10k_b", "g2", "p", "log10_p", "p_adj", "log10_p_adj", "log_ratio", "log_odds", "z", "direction"]
    if total_a == 0 or total_b == 0:
        return pd.DataFrame({c: [] for c in columns})
    counts = counts[(counts["a"] + counts["b"]) >= min_count]
    a, b = counts["a"].to_numpy(dtype=float), counts["b"].to_numpy(dtype=float)
    g2 = log_likelihood(a, b, total_a, total_b)
    log_p = chi2_1_logsf(g2)
    log_p_adj = adjust_log_pvalues(log_p, correction)
    delta, z = log_odds_dirichlet(a, b, total_a, total_b, prior_total)
    table = pd.DataFrame(
        {
            "term": counts.index.astype(str),
            "a": a.astype(int),
            "b": b.astype(int),
            "per10k_a": a / total_a * PER,
            "per10k_b": b / total_b * PER,
            "g2": g2,
            "p": np.exp(log_p),
            "log10_p": log_p / np.log(10),
            "p_adj": np.exp(log_p_adj),
            "log10_p_adj": log_p_adj / np.log(10),
            "log_ratio": log_ratio(a, b, total_a, total_b),
            "log_odds": delta,
            "z": z,
            "direction": np.where(a / total_a >= b / total_b, "target", "reference"),
        }
    )
    return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def year_level_period_test(counts: np.ndarray, exposure: np.ndarray, later: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(t, ln p, df) of a two-group quasi-Poisson test on yearly counts: is the term's rate in the `later` years another
    than in the earlier years?  The year is the unit, as in the trend test.

    Model: C_tj ~ E_t · exp(a_j + d_j · later_t), Var = φ_j μ.  The fit is closed-form (each group's rate is its
    counts over its tokens); φ̂_j = Σ_t (C_tj − μ̂_tj)² / μ̂_tj ÷ (T − 2) from that fit (a year with μ̂ = 0 adds 0).  The
    statistic is the score for d with a profiled out, U = C_later − E_later · r (r the pooled rate), over
    √(φ̂ · r · E_later · E_earlier / E): unlike the Wald form it stays finite when a term is absent in one period.
    p from Student's t on T − 2 df.  A term in one burst year gets a large φ̂ from that year, so a one-year
    event no longer reads as a change between periods.  `counts` is years × terms, `exposure` the tokens per
    year (> 0), `later` a boolean per year with years on both sides.  With T < 3 there is no test: NaN.
    """
    c = np.asarray(counts, dtype=np.float64)
    e = np.asarray(exposure, dtype=np.float64)
    group = np.asarray(later, dtype=bool)
    if c.ndim != 2 or c.shape[0] != e.size or e.size != group.size:
        raise ValueError(f"counts must be years × terms matching {e.size} token totals and period flags, got shape {c.shape}")
    if np.any(e <= 0) or group.all() or not group.any():
        raise ValueError("every year needs tokens, and both periods need at least one year")
    df = e.size - 2
    if df < 1:
        return np.full(c.shape[1], np.nan), np.full(c.shape[1], np.nan), df
    e_later, e_earlier = e[group].sum(), e[~group].sum()
    c_later, c_earlier = c[group].sum(axis=0), c[~group].sum(axis=0)
    rate = np.where(group[:, None], c_later / e_later, c_earlier / e_earlier)
    mu = e[:, None] * rate
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = np.where(mu > 0, (c - mu) ** 2 / np.where(mu > 0, mu, 1.0), 0.0).sum(axis=0)
        phi = pearson / df
        pooled = (c_later + c_earlier) / (e_later + e_earlier)
        u = c_later - e_later * pooled
        variance = phi * pooled * e_later * e_earlier / (e_later + e_earlier)
        t = np.where(variance > 0, u / np.sqrt(np.where(variance > 0, variance, 1.0)), np.where(u == 0, 0.0, np.sign(u) * np.inf))
        log_p = np.minimum(np.log(2.0) + np.log(special.stdtr(df, -np.abs(t))), 0.0)
    return t, log_p, df


def period_keyness(yearly: pd.DataFrame, earlier: Sequence[int], later: Sequence[int], *, correction: Correction = "bh",
                   min_count: int = 1) -> pd.DataFrame:
    """Keyness of the `later` years against the `earlier` years of one query, with p from the year-level test.

    `yearly` has year, term, tf (one query's counts).  G², log ratio and log-odds are the effect sizes of
    `keyness` on the two periods' summed counts; `p`, `log10_p`, `p_adj` and `log10_p_adj` come from
    `year_level_period_test` (corrected over the same terms), since a difference between periods is a claim
    about years: the G² p treats every token as an independent draw and flagged a quarter of the vocabulary
    between two random halves of the years.  `unit` says "year".  Years without tokens are left out.
    """
    earlier, later = sorted(earlier), sorted(later)
    part = yearly[yearly["year"].isin([*earlier, *later])]
    table = keyness(part[part["year"].isin(later)].groupby("term")["tf"].sum(), part[part["year"].isin(earlier)].groupby("term")["tf"].sum(),
                    correction=correction, min_count=min_count)
    table["unit"] = "year"
    if table.empty:
        return table
    wide = part.pivot_table(index="year", columns="term", values="tf", aggfunc="sum", fill_value=0)
    exposure = wide.sum(axis=1)
    wide = wide[exposure > 0]
    flags = wide.index.isin(later)
    if flags.all() or not flags.any():
        log_p = np.full(len(table), np.nan)
    else:
        counts = wide.reindex(columns=table["term"], fill_value=0).to_numpy(dtype=np.float64)
        _t, log_p, _df = year_level_period_test(counts, exposure[exposure > 0].to_numpy(dtype=np.float64), flags)
    log_p_adj = np.full(len(table), np.nan)
    valid = ~np.isnan(log_p)
    log_p_adj[valid] = adjust_log_pvalues(log_p[valid], correction)
    return table.assign(p=np.exp(log_p), log10_p=log_p / np.log(10), p_adj=np.exp(log_p_adj), log10_p_adj=log_p_adj / np.log(10))


@dataclass(frozen=True)
class DocumentGroup:
    """Sums over one group of documents, per term of a `TokenCounts` vocabulary: occurrences C, Σ y²/n (n the
    document's length), and the group's tokens E and number of documents N."""

    occurrences: np.ndarray
    squares: np.ndarray
    tokens: float
    documents: int


def document_group(counts: TokenCounts, queries: Sequence[str], years: Sequence[int]) -> DocumentGroup:
    """The documents of `queries` in `years` as one group (documents without tokens left out)."""
    rows = np.unique(np.concatenate([counts.rows(q, years) for q in queries])) if queries else np.array([], dtype=np.int64)
    part = sparse.csr_matrix(counts.counts[rows], dtype=np.float64)
    lengths = np.asarray(part.sum(axis=1)).ravel()
    part = part[lengths > 0]
    lengths = lengths[lengths > 0]
    occurrences = np.asarray(part.sum(axis=0)).ravel()
    squares = np.asarray(part.multiply(part).T @ (1.0 / lengths)).ravel()
    return DocumentGroup(occurrences, squares, float(lengths.sum()), int(lengths.size))


def document_level_test(target: DocumentGroup, reference: DocumentGroup, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(t, ln p) of a two-group quasi-Poisson test with the document as the unit, for the vocabulary `columns` (−1: absent).

    Model: y_i ~ n_i · exp(a + d · target_i), Var = φ μ; each group's rate r_g = C_g / E_g, Pearson
    φ̂ = (Σ_g S_g / r_g − Σ_g C_g) / (N − 2) with S_g = Σ_{i∈g} y_i² / n_i (a group without the term adds 0);
    score statistic (C_target − E_target · r) / √(φ̂ · r · E_target · E_reference / E), r the pooled rate; p from
    Student's t on N − 2 df.  Between two queries in the same years the documents are the samples, so the
    document is the unit (Lijffijt et al. 2016): an article repeating a word counts once in φ̂, not once per token.
    """
    def pick(values: np.ndarray) -> np.ndarray:
        return np.where(columns >= 0, values[np.maximum(columns, 0)], 0.0) if values.size else np.zeros(columns.size)

    c_a, c_b = pick(target.occurrences), pick(reference.occurrences)
    s_a, s_b = pick(target.squares), pick(reference.squares)
    e_a, e_b = target.tokens, reference.tokens
    df = target.documents + reference.documents - 2
    if df < 1 or e_a <= 0 or e_b <= 0:
        return np.full(columns.size, np.nan), np.full(columns.size, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        r_a, r_b = c_a / e_a, c_b / e_b
        pearson = np.where(r_a > 0, s_a / np.where(r_a > 0, r_a, 1.0), 0.0) + np.where(r_b > 0, s_b / np.where(r_b > 0, r_b, 1.0), 0.0) - c_a - c_b
        phi = np.maximum(pearson, 0.0) / df
        pooled = (c_a + c_b) / (e_a + e_b)
        u = c_a - e_a * pooled
        variance = phi * pooled * e_a * e_b / (e_a + e_b)
        t = np.where(variance > 0, u / np.sqrt(np.where(variance > 0, variance, 1.0)), np.where(u == 0, 0.0, np.sign(u) * np.inf))
        log_p = np.minimum(np.log(2.0) + np.log(special.stdtr(df, -np.abs(t))), 0.0)
    return t, log_p


def with_document_level_p(table: pd.DataFrame, counts: TokenCounts, target: Sequence[str], reference: Sequence[str],
                          years: Sequence[int], *, correction: Correction = "bh") -> pd.DataFrame:
    """`table` (a `keyness` result between queries) with p, p_adj and their log10 from `document_level_test`; `unit` = document."""
    if table.empty:
        return table.assign(unit="document")
    columns = pd.Index(counts.terms.astype(str)).get_indexer(table["term"].astype(str))
    _t, log_p = document_level_test(document_group(counts, target, years), document_group(counts, reference, years), columns)
    log_p_adj = np.full(log_p.size, np.nan)
    valid = ~np.isnan(log_p)
    log_p_adj[valid] = adjust_log_pvalues(log_p[valid], correction)
    return table.assign(p=np.exp(log_p), log10_p=log_p / np.log(10), p_adj=np.exp(log_p_adj), log10_p_adj=log_p_adj / np.log(10), unit="document")
