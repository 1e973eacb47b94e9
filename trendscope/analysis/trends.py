"""Emerging and fading terms: a quasi-Poisson trend test with the year as the unit; bursts and episodes; Mann–Kendall descriptives.

A trend is a claim about years, not documents.  News is bursty: one event makes a word frequent in one
year and every article of that year shares it.  The test (`year_trend_test`, used by `count_trend_table`)
therefore models each term's occurrences per year, C_t ~ E_t · exp(a + b · x_t) with the year's tokens as
exposure and variance φ·μ, φ estimated from the spread of the yearly counts around the curve on T − 2 df,
and tests b with Student's t on T − 2 df (Lijffijt et al. 2016, "Significance testing of word frequencies
in corpora", Digital Scholarship in the Humanities 31(2): a test that assumes independence below the level
at which samples are drawn overstates significance).  Only terms present in ≥ 3 years are tested; neither
that filter nor the minimum count depends on the order of the years, so permuting the years as whole
blocks keeps the tested family and the test keeps its level.  Measured with all 720 block orders of the
demo's 2015–2020 (486 and 357 tested terms): 4.6 % and 4.7 % of terms at p < 0.05, 4.7 % and 4.2 % of the
orders with any BH discovery; the document-level score test it replaced (`score_trend_test`, kept as the
negative control) gave 20 % / 85 % and 15 % / 77 % (tests/analysis/test_trends_calibration.py, README).
The fit runs on the years × terms table for all terms at once (`_poisson_trend_fit`): no per-term GLM.

Terms present in 1–2 years, or with ≥ 50 % of their occurrences in one year, are episodes
(`episode_shape`, `episode_table`): never called rising or falling.

Mann–Kendall (Mann 1945, Kendall 1975): S = Σ_{i<j} sign(x_j − x_i);
Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18 (t_g the sizes of tied groups);
Z = (S − sign(S)) / √Var(S) (continuity correction); two-sided p = 2(1 − Φ(|Z|)).
Kendall's τ = S / (n(n−1)/2).  Sen's slope (Sen 1968) is the median of
(x_j − x_i) / (t_j − t_i) over all pairs: the change per year, robust to outliers.
With few years the normal approximation is coarse (n = 6 gives p ≥ 0.0085), so
the p-value is a guide, not a verdict; it stays as a descriptive column.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse, special  # the normal tail as scipy.stats.norm computes it (log_ndtr, ndtr, ndtri), without importing scipy.stats (0.5 s at every start)

from trendscope.analysis.changepoint import step_change_points
from trendscope.analysis.doc_term import DocTermMatrix, TokenCounts, doc_term_matrix, token_counts
from trendscope.analysis.keyness import Correction, adjust_log_pvalues

PER = 10_000
MIN_YEARS = 3  # a term must occur in this many years to be tested: T − 2 ≥ 1 df, and no one-year burst reads as a slope


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
    p = float(2 * special.ndtr(-abs(z)))
    slope = float(np.median((x[j] - x[i]) / (t[j] - t[i])))
    return MannKendall(s, var_s, float(z), p, s / (n * (n - 1) / 2), slope)


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


@dataclass(frozen=True)
class ScoreTest:
    """Per term: score U (occurrences × years), Fisher information I, dispersion φ, z = U / √(φ·I), ln p (two-sided)."""

    u: np.ndarray
    information: np.ndarray
    dispersion: np.ndarray
    z: np.ndarray
    log_p: np.ndarray


def score_trend_test(counts: sparse.spmatrix, exposure: np.ndarray, years: np.ndarray, *, dispersion: bool = True) -> ScoreTest:
    """The document-level score test of b = 0 in y_ij ~ n_i · exp(a_j + b_j · year_i) for every term j at once.

    No longer the test behind `significant`: with documents as the unit it counts every article of a bursty
    year as evidence and fails the year-block calibration (20–33 % of terms at p < 0.05).  It is kept as the
    negative control of that calibration, and its φ scales the descriptive change-point gain.

    Derivation (Rao's score test; quasi-likelihood as in McCullagh & Nelder 1989,
    Generalized Linear Models, 2nd ed., ch. 9).  Under H0 the MLE of a_j gives
    μ_ij = n_i · r_j with r_j = Σ_i y_ij / Σ_i n_i.  The score for b_j is
    Σ_i year_i (y_ij − μ_ij); since Σ_i (y_ij − μ_ij) = 0 and Σ_i n_i (year_i − ȳ_w) = 0,

        U_j = Σ_i (year_i − ȳ_w) · y_ij,   ȳ_w = Σ n_i year_i / Σ n_i (token-weighted mean year),

    a sparse matrix-vector product.  The information for b_j with a_j profiled
    out is I_j = Σ μ_ij (year_i − ȳ_w)² = r_j · Σ_i n_i (year_i − ȳ_w)².  Under
    Var(y) = φ_j μ the score has variance φ_j I_j, with φ_j the Pearson estimate
    under H0 on N − 1 degrees of freedom:

        φ_j = Σ_i (y_ij − μ_ij)² / μ_ij / (N − 1) = (Σ_i y_ij² / (n_i r_j) − Σ_i y_ij) / (N − 1).

    z_j = U_j / √(φ_j I_j), two-sided ln p = ln 2 + ln Φ(−|z|) (norm.logsf: no
    underflow).  With equal document lengths φ_j I_j equals the permutation
    variance of U_j, which is why the test holds its level when years are shuffled.
    `dispersion=False` fixes φ = 1 (plain Poisson; shown to be anti-conservative).
    A term with no occurrences gets z = 0, p = 1.
    """
    y = sparse.csr_matrix(counts, dtype=np.float64)
    n = np.asarray(exposure, dtype=np.float64)
    x = np.asarray(years, dtype=np.float64)
    if y.shape[0] != n.size or n.size != x.size:
        raise ValueError(f"counts has {y.shape[0]} documents but exposure has {n.size} and years {x.size}")
    if np.any(n <= 0):
        raise ValueError("every document needs a positive token count (exposure)")
    centred = x - (n * x).sum() / n.sum()
    u = np.asarray(y.T @ centred).ravel()
    total = np.asarray(y.sum(axis=0)).ravel()
    rate = total / n.sum()
    information = rate * float((n * centred**2).sum())
    if dispersion and n.size > 1:
        with np.errstate(divide="ignore", invalid="ignore"):
            pearson = np.asarray(y.multiply(y).T @ (1.0 / n)).ravel() / rate - total
        phi = np.where(total > 0, pearson / (n.size - 1), 1.0)
    else:
        phi = np.ones_like(rate)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(information * phi > 0, u / np.sqrt(information * phi), 0.0)
    return ScoreTest(u, information, phi, z, np.log(2.0) + special.log_ndtr(-np.abs(z)))


def _year_indicator(years: np.ndarray) -> tuple[np.ndarray, sparse.csr_matrix]:
    """(years with documents ascending, the years × documents 0/1 matrix that sums document rows into year rows)."""
    present, index = np.unique(years, return_inverse=True)
    indicator = sparse.csr_matrix((np.ones(index.size), (index, np.arange(index.size))), shape=(present.size, index.size))
    return present, indicator


def _poisson_trend_fit(occurrences: np.ndarray, tokens: np.ndarray, x: np.ndarray, *, tol: float = 1e-10, max_iter: int = 100) -> tuple[np.ndarray, ...]:
    """The Poisson MLE of occurrences[t, j] ~ tokens[t] · exp(a_j + b_j · x[t]) for every column j at once.

    Newton–Raphson (for the canonical log link the same as IRLS), each term's
    2×2 system solved in closed form.  Starts at a = ln(total / Σ tokens), b = 0;
    a step that lowers a term's log-likelihood is halved, so it converges even
    from far away (nearly separated terms).  Stops when every step is below
    `tol`, or after `max_iter` steps (statsmodels' default).  Returns a, b and the information entries i_aa = Σ μ, i_ab = Σ x·μ,
    i_bb = Σ x²·μ at the estimate.
    """
    y = occurrences
    total = y.sum(axis=0)
    xy = x @ y
    a = np.log(total / tokens.sum())
    b = np.zeros_like(a)

    def log_likelihood(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        # up to the constant Σ y (ln tokens − ln y!)
        with np.errstate(over="ignore"):
            return a * total + b * xy - (tokens[:, None] * np.exp(a + np.outer(x, b))).sum(axis=0)

    for _ in range(max_iter):
        mu = tokens[:, None] * np.exp(a + np.outer(x, b))
        i_aa, i_ab, i_bb = mu.sum(axis=0), x @ mu, (x**2) @ mu
        g_a, g_b = total - i_aa, xy - i_ab
        det = i_aa * i_bb - i_ab**2
        da, db = (i_bb * g_a - i_ab * g_b) / det, (i_aa * g_b - i_ab * g_a) / det
        current = a * total + b * xy - i_aa
        for _halving in range(60):
            # a drop within rounding of the log-likelihood (near the optimum) is not a worse step
            worse = ~(log_likelihood(a + da, b + db) >= current - 1e-12 * (np.abs(current) + total))
            if not worse.any():
                break
            da, db = np.where(worse, da / 2, da), np.where(worse, db / 2, db)
        a, b = a + da, b + db
        if max(np.abs(da).max(initial=0.0), np.abs(db).max(initial=0.0)) < tol:
            break
    mu = tokens[:, None] * np.exp(a + np.outer(x, b))
    return a, b, mu.sum(axis=0), x @ mu, (x**2) @ mu


def yearly_counts(dtm: DocTermMatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(years with documents ascending, tokens per year, occurrences years × terms) summed from the document rows."""
    present, indicator = _year_indicator(dtm.years)
    return present, indicator @ dtm.exposure, np.asarray((indicator @ dtm.counts).todense())




@dataclass(frozen=True)
class YearTrendTest:
    """Per term (column): slope b̂ per year, its standard error, the year-level dispersion φ̂, t = b̂ / SE,
    ln p (two-sided, Student's t on `df` degrees of freedom) and the rate ratio exp(b̂) with its interval."""

    slope: np.ndarray
    se: np.ndarray
    dispersion: np.ndarray
    t: np.ndarray
    log_p: np.ndarray
    df: float  # T − 2, plus the prior's d0 when the dispersion is moderated
    rate_ratio: np.ndarray
    rate_ratio_low: np.ndarray
    rate_ratio_high: np.ndarray


def dispersion_prior(dispersion: np.ndarray, df: float) -> tuple[float, float]:
    """(d0, s0²): the scaled inverse-χ² prior of the terms' dispersions, estimated from the data (Smyth 2004, limma's fitFDist).

    Each φ̂_j ~ φ_j · χ²_df / df; the moments of ln φ̂ give the prior's degrees of freedom d0 (trigamma inverse of
    the excess variance) and location s0².  When the φ̂ vary no more than sampling alone explains, d0 is infinite
    (every term shares s0²).  Terms with φ̂ = 0 (counts exactly on the curve) are left out of the estimate.
    """
    values = np.asarray(dispersion, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    if values.size < 3:
        return 0.0, 1.0
    half = df / 2
    e = np.log(values) - special.digamma(half) + np.log(half)
    mean = float(e.mean())
    excess = float(e.var(ddof=1)) - float(special.polygamma(1, half))
    if excess <= 0:
        return np.inf, float(np.exp(mean))
    # trigamma inverse by Newton's method (Smyth 2004, appendix), from y = 0.5 + 1/x
    y = 0.5 + 1.0 / excess
    for _ in range(50):
        tri = float(special.polygamma(1, y))
        step = tri * (1 - tri / excess) / float(special.polygamma(2, y))
        y += step
        if -step / y < 1e-8:
            break
    d0 = 2 * y
    return float(d0), float(np.exp(mean + special.digamma(d0 / 2) - np.log(d0 / 2)))


def year_trend_test(occurrences: np.ndarray, tokens: np.ndarray, years: np.ndarray, *, level: float = 0.95,
                    moderate: bool = False) -> YearTrendTest:
    """The quasi-Poisson trend test on yearly counts, for every column (term) of `occurrences` (years × terms) at once.

    Model: C_tj ~ E_t · exp(a_j + b_j · x_t), x_t = year_t − mean year (unweighted), E_t the tokens of year t;
    Var(C_tj) = φ_j · μ_tj.  b̂ is the Poisson MLE (`_poisson_trend_fit`), φ̂_j = Σ_t (C_tj − μ̂_tj)² / μ̂_tj ÷ (T − 2)
    (Pearson, as statsmodels' `fit(scale="X2")`), SE = √(φ̂ · V_bb) with V the inverse Poisson information,
    t = b̂ / SE, p two-sided from Student's t with T − 2 df and the interval exp(b̂ ± t_{(1+level)/2, T−2} · SE).
    The unit is the year: φ̂ is the spread of the yearly counts around the fitted curve, so a year in which
    every article shares one event counts once, not once per article (Lijffijt et al. 2016, Digital Scholarship
    in the Humanities 31(2)).  Every column needs occurrences in at least two distinct years, otherwise the MLE
    is infinite; callers test only terms present in ≥ 3 years (`count_trend_table`).  A column with φ̂ = 0
    (counts exactly on the curve) gets t = ±inf, p = 0.

    `moderate`: each φ̂ is shrunk toward the vocabulary's (empirical Bayes, as limma/edgeR's quasi-likelihood
    tests): φ̃ = (d0·s0² + (T − 2)·φ̂) / (d0 + T − 2) with the prior (d0, s0²) from `dispersion_prior`, and t on
    T − 2 + d0 df.  With few years this borrows strength across terms: 4 df become many when the terms'
    dispersions are alike.  The columns are tested together, so pass the whole tested vocabulary.
    """
    y = np.asarray(occurrences, dtype=np.float64)
    e = np.asarray(tokens, dtype=np.float64)
    x_years = np.asarray(years, dtype=np.float64)
    if y.ndim != 2 or y.shape[0] != e.size or e.size != x_years.size:
        raise ValueError(f"occurrences must be years × terms matching {e.size} token totals and years, got shape {y.shape}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, got {level}")
    df = e.size - 2
    if df < 1:
        raise ValueError(f"a year-level trend test needs at least 3 years, got {e.size}")
    if np.any(e <= 0):
        raise ValueError("every year needs a positive token count (exposure)")
    if np.any((y > 0).sum(axis=0) < 2):
        raise ValueError("every term needs occurrences in at least two years (otherwise b̂ is infinite)")
    x = x_years - x_years.mean()
    a, b, i_aa, i_ab, i_bb = _poisson_trend_fit(y, e, x)
    mu = e[:, None] * np.exp(a + np.outer(x, b))
    phi = ((y - mu) ** 2 / mu).sum(axis=0) / df
    total_df: float = df
    if moderate:
        d0, s0 = dispersion_prior(phi, df)
        if np.isinf(d0):
            phi, total_df = np.full_like(phi, s0), 1e6  # the t with a million df is the normal
        elif d0 > 0:
            phi, total_df = (d0 * s0 + df * phi) / (d0 + df), df + d0
    v_bb = i_aa / (i_aa * i_bb - i_ab**2)
    se = np.sqrt(phi * v_bb)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, b / np.where(se > 0, se, 1.0), np.sign(b) * np.inf)
    with np.errstate(divide="ignore"):
        log_p = np.log(2.0) + np.log(special.stdtr(total_df, -np.abs(t)))
    q = special.stdtrit(total_df, (1 + level) / 2)
    return YearTrendTest(b, se, phi, t, np.minimum(log_p, 0.0), total_df, np.exp(b), np.exp(b - q * se), np.exp(b + q * se))


def detectable_rate_ratio(n_years: int, occurrences: float, dispersion: float, *, alpha: float = 0.05, power: float = 0.8) -> float:
    """About what rate ratio per year a pre-chosen term needs to reach p < `alpha` with probability `power`, in `n_years` years.

    For a term of C occurrences spread evenly over T equally spaced years, V_bb ≈ T / (C · Σ(x − x̄)²), so the
    year-level test's SE ≈ √(φ · T / (C · Σ(x − x̄)²)); a slope of (t_{1−α/2} + t_{power}) · SE (Student's t on
    T − 2 df) is found with about that power.  A study passes its tested terms' median C and φ: the answer is
    what "with T years a term needs a rate ratio of about X per year" means, an approximation to say what the
    data can support, not a test.  After Benjamini–Hochberg over a whole vocabulary the bar is higher still.
    """
    if n_years < 3 or not occurrences > 0 or not dispersion > 0:
        return float("inf")
    df = n_years - 2
    x = np.arange(n_years, dtype=float)
    sxx = float(((x - x.mean()) ** 2).sum())
    se = np.sqrt(dispersion * n_years / (occurrences * sxx))
    return float(np.exp((special.stdtrit(df, 1 - alpha / 2) + special.stdtrit(df, power)) * se))


@dataclass(frozen=True)
class EpisodeShape:
    """Per term: the number of years it occurs in, its peak year (most occurrences; earliest on ties),
    the peak year's share of its occurrences, and whether that makes it an episode."""

    years_present: np.ndarray
    peak_year: np.ndarray
    peak_share: np.ndarray
    episode: np.ndarray


def episode_shape(per_year: np.ndarray, years: np.ndarray, *, max_years: int = 2, peak_share: float = 0.5) -> EpisodeShape:
    """Which terms are bursts or episodes: present in at most `max_years` years, or ≥ `peak_share` of their occurrences in one year.

    News is bursty: one event makes a word frequent in one year.  Such a term says something about that year,
    not about a direction over the years, so it is listed apart and never called rising or falling.
    `per_year` is years × terms (occurrences), `years` ascending; with fewer than 3 years nothing is an episode.
    """
    counts = np.asarray(per_year, dtype=np.float64)
    present = (counts > 0).sum(axis=0)
    total = counts.sum(axis=0)
    peak = counts.argmax(axis=0) if counts.shape[0] else np.zeros(counts.shape[1], dtype=int)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, counts.max(axis=0, initial=0.0) / np.where(total > 0, total, 1.0), np.nan)
    # with fewer than 3 years every term lives in 1–2 years and one of them holds half: no term is told apart
    episode = (total > 0) & ((present <= max_years) | (share >= peak_share)) & (counts.shape[0] >= 3)
    peak_year = np.asarray(years)[peak] if counts.shape[0] else np.full(counts.shape[1], -1)
    return EpisodeShape(present.astype(np.int64), peak_year.astype(np.int64), share, episode)


TREND_COLUMNS = [
    "term", "family", "total", "documents", "years_present", "tested", "untested_reason", "z", "p", "log10_p", "p_adj", "log10_p_adj",
    "significant", "direction", "trend", "rate_ratio", "rate_ratio_low", "rate_ratio_high", "dispersion", "detectable_ratio", "episode",
    "peak_year", "peak_share", "change_year", "change_ratio", "change_gain", "mk_tau", "mk_p", "sen_slope",
]  # fmt: skip


def count_trend_table(
    dtm: DocTermMatrix,
    study_years: Sequence[int],
    *,
    alpha: float = 0.05,
    correction: Correction = "bh",
    level: float = 0.95,
    min_years: int = MIN_YEARS,
    focus: Collection[str] = (),
    moderate: bool = False,
) -> pd.DataFrame:
    """The trend table of one query's document-term matrix: one row per term, columns as `TREND_COLUMNS` plus per10k_<year>.

    The test is `year_trend_test` on the terms present in at least `min_years` years (and
    in ≥ 3 years with documents at all); the others are listed with `tested` False and the
    reason.  Neither filter depends on the order of the years, so permuting the years leaves
    the tested family unchanged and the test keeps its level.  p_adj is corrected over the
    tested terms of this matrix; the `focus` terms (declared before looking, `family` "focus")
    are corrected as their own family, the others (`family` "vocabulary") without them: with
    few years a short pre-declared list is what can reach significance at all.  `moderate`: the
    dispersions are shrunk toward the vocabulary's (`year_trend_test`).  `z` is the t statistic (T − 2 df).  A significant term that
    is also an episode (`episode_shape`) keeps `significant` but its `trend` is "episode",
    never rising or falling.  Sorted by z descending (untested last), then term.
    """
    if not 0 < alpha < 1 or not 0 < level < 1:
        raise ValueError(f"alpha and level must lie between 0 and 1, got {alpha} and {level}")
    study_years = sorted(study_years)
    n_terms = dtm.terms.size
    present, tokens_per_year, per_year = yearly_counts(dtm)
    shape = episode_shape(per_year, present)
    tested = shape.years_present >= max(min_years, 3) if present.size >= 3 else np.zeros(n_terms, dtype=bool)
    if present.size < 3:
        reason = np.full(n_terms, "few_study_years", dtype=object)  # codes: the report words them (report/i18n.py VALUES)
    else:
        reason = np.where(tested, "", "few_years").astype(object)
    nan = np.full(n_terms, np.nan)
    z, log_p, phi, ratio, low, high = nan.copy(), nan.copy(), nan.copy(), nan.copy(), nan.copy(), nan.copy()
    log_p_adj = nan.copy()
    if tested.any():
        test = year_trend_test(per_year[:, tested], tokens_per_year, present, level=level, moderate=moderate)
        z[tested], log_p[tested], phi[tested] = test.t, test.log_p, test.dispersion
        ratio[tested], low[tested], high[tested] = test.rate_ratio, test.rate_ratio_low, test.rate_ratio_high
        in_focus = np.isin(dtm.terms.astype(str), list(focus))
        for members in (in_focus, ~in_focus):
            chosen = tested & members
            log_p_adj[chosen] = adjust_log_pvalues(log_p[chosen], correction)
    total = per_year.sum(axis=0)
    detectable = np.array([detectable_rate_ratio(present.size, c, f, alpha=alpha) if ok else np.nan
                           for ok, c, f in zip(tested, total, phi, strict=True)])
    rates = per_year / tokens_per_year[:, None] * PER
    per10k = {y: rates[present.tolist().index(y)] if y in present else np.full(n_terms, np.nan) for y in study_years}
    # the step change is descriptive; its gain is scaled by the document-level dispersion as before
    document_phi = score_trend_test(dtm.counts, dtm.exposure, dtm.years).dispersion
    change = step_change_points(per_year, tokens_per_year, present, document_phi)
    mk = [mann_kendall(rates[:, j], present) for j in range(n_terms)] if present.size >= 3 else []
    significant = tested & (log_p_adj < np.log(alpha))
    direction = np.select([~tested, z > 0, z < 0], ["untested", "rising", "falling"], "flat")
    trend = np.select([~tested, significant & shape.episode, significant], ["not tested", "episode", direction], "no trend")
    table = pd.DataFrame(
        {
            "term": dtm.terms.astype(str),
            "family": np.where(np.isin(dtm.terms.astype(str), list(focus)), "focus", "vocabulary"),
            "total": np.asarray(dtm.counts.sum(axis=0)).ravel().astype(np.int64),
            "documents": np.diff(dtm.counts.tocsc().indptr).astype(np.int64),
            **{f"per10k_{y}": values for y, values in per10k.items()},
            "years_present": shape.years_present,
            "tested": tested,
            "untested_reason": reason,
            "z": z,
            "p": np.exp(log_p),
            "log10_p": log_p / np.log(10),
            "p_adj": np.exp(log_p_adj),
            "log10_p_adj": log_p_adj / np.log(10),
            "significant": significant,
            "direction": direction,
            "trend": trend,
            "rate_ratio": ratio,
            "rate_ratio_low": low,
            "rate_ratio_high": high,
            "dispersion": phi,
            "detectable_ratio": detectable,
            "episode": shape.episode,
            "peak_year": shape.peak_year,
            "peak_share": shape.peak_share,
            "change_year": change.year.astype(np.int64),
            "change_ratio": change.ratio,
            "change_gain": change.gain,
            "mk_tau": [m.tau for m in mk] if mk else np.nan,
            "mk_p": [m.p for m in mk] if mk else np.nan,
            "sen_slope": [m.slope for m in mk] if mk else np.nan,
        }
    )
    table = table.sort_values(["z", "term"], ascending=[False, True], kind="stable", na_position="last")
    return table.sort_values("family", key=lambda f: f != "focus", kind="stable").reset_index(drop=True)


def count_trend_tests(
    tokens: pd.DataFrame | pa.Table | TokenCounts,
    years: Sequence[int],
    *,
    queries: Sequence[str] | None = None,
    min_count: int = 20,
    min_years: int = MIN_YEARS,
    alpha: float = 0.05,
    correction: Correction = "bh",
    level: float = 0.95,
    focus: Mapping[str, Collection[str]] | None = None,
    moderate: bool = False,
) -> pd.DataFrame:
    """Year-level quasi-Poisson trend tests per query × term from the token table (query, year, tokens per document; or its `TokenCounts`).

    Terms with at least `min_count` occurrences in the query's documents of
    `years` are listed; those present in at least `min_years` years are tested
    and p_adj is corrected within each query (`focus`: per query, a pre-declared family corrected
    on its own and listed first).  Sorted by query, then focus first, z descending (untested last), then term.  See `year_trend_test` for the model
    and `count_trend_table` for the columns.
    """
    years = sorted(years)
    tokens = token_counts(tokens)
    keys = sorted(set(tokens.queries.tolist())) if queries is None else list(queries)
    frames = []
    for query in keys:
        dtm = doc_term_matrix(tokens, query, years=years, min_count=min_count)
        if dtm.n_documents == 0 or dtm.terms.size == 0:
            continue
        table = count_trend_table(dtm, years, alpha=alpha, correction=correction, level=level, min_years=min_years,
                                  focus=(focus or {}).get(query, ()), moderate=moderate)
        frames.append(table.assign(query=query))
    if not frames:
        return pd.DataFrame(columns=["query", *TREND_COLUMNS[:4], *[f"per10k_{y}" for y in years], *TREND_COLUMNS[4:]])
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[["query", *[c for c in stacked.columns if c != "query"]]]


EPISODE_COLUMNS = ["query", "term", "year", "share", "occurrences", "total", "years_present", "per10k", "others_median_per10k",
                   "ratio_to_others", "significant", "trend"]  # fmt: skip


def example_titles(episodes: pd.DataFrame, documents: pd.DataFrame, *, n: int = 2) -> list[str]:
    """Per row of `episodes` (query, term, year), up to `n` titles of that query's documents of that year holding the term.

    The titles say what the episode was (the event behind a burst); matched as a substring of the title, so
    an inflected form counts.  Earliest date first, then title; joined with " / "; "" where none matches.
    """
    if episodes.empty or documents.empty or "title" not in documents:
        return [""] * len(episodes)
    ordered = documents.sort_values([c for c in ("date", "title") if c in documents], kind="stable")
    groups = {key: part["title"].astype(str).drop_duplicates() for key, part in ordered.groupby(["query", "year"], sort=False)}
    titles = []
    for query, term, year in zip(episodes["query"], episodes["term"], episodes["year"], strict=True):
        pool = groups.get((query, int(year)))
        found = [] if pool is None else pool[pool.str.contains(str(term), regex=False)].head(n).tolist()
        titles.append(" / ".join(found))
    return titles


def episode_table(trends: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """The bursts and episodes of a trend table (`episode` true): one row per query × term with its peak year.

    share = the peak year's share of the term's occurrences; per10k = its rate that year;
    others_median_per10k = the median rate over the other study years with documents (0 counts included);
    ratio_to_others = per10k / that median (inf where the median is 0).  `significant`/`trend` repeat the
    trend table's, so a term both significant and episodic is marked in both.  Descriptive: it changes no
    p-value.  Sorted by query, share descending, term.
    """
    if trends.empty or "episode" not in trends:
        return pd.DataFrame(columns=EPISODE_COLUMNS)
    part = trends[trends["episode"].astype(bool)]
    if part.empty:
        return pd.DataFrame(columns=EPISODE_COLUMNS)
    columns = [f"per10k_{y}" for y in sorted(years) if f"per10k_{y}" in part]
    rates = part[columns].to_numpy(dtype=float)
    year_of = np.array([int(c.removeprefix("per10k_")) for c in columns])
    peak = part["peak_year"].to_numpy()
    at_peak = year_of[None, :] == peak[:, None]
    peak_rate = np.where(at_peak, rates, np.nan)
    others = np.where(at_peak, np.nan, rates)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a row without any other year: NaN median, said so by NaN
        peak_rate = np.nanmax(peak_rate, axis=1) if peak_rate.size else np.full(len(part), np.nan)
        median = np.nanmedian(others, axis=1) if others.shape[1] else np.full(len(part), np.nan)
        ratio = np.where(median > 0, peak_rate / np.where(median > 0, median, 1.0), np.inf)
    table = pd.DataFrame(
        {
            "query": part["query"].to_numpy(),
            "term": part["term"].to_numpy(),
            "year": peak.astype(np.int64),
            "share": part["peak_share"].to_numpy(dtype=float),
            "occurrences": np.rint(part["peak_share"].to_numpy(dtype=float) * part["total"].to_numpy()).astype(np.int64),
            "total": part["total"].to_numpy(dtype=np.int64),
            "years_present": part["years_present"].to_numpy(dtype=np.int64),
            "per10k": peak_rate,
            "others_median_per10k": median,
            "ratio_to_others": ratio,
            "significant": part["significant"].to_numpy(dtype=bool),
            "trend": part["trend"].to_numpy(),
        }
    )
    return table.sort_values(["query", "share", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
