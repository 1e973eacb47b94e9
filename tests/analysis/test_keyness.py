"""Keyness on hand-made counts against values worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from trendscope.analysis.keyness import (
    adjust_log_pvalues,
    adjust_pvalues,
    chi2_1_logsf,
    keyness,
    log_likelihood,
    log_odds_dirichlet,
    log_ratio,
    period_keyness,
    with_document_level_p,
    year_level_period_test,
)
from trendscope.report.numbers import format_p

# Target corpus: 100 tokens, reference: 200 tokens; the term occurs 10 and 5 times.
# Expected counts: E = 100·15/300 = 5 and 200·15/300 = 10 (other terms: 95, 190), so
# G² = 2 [10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190)] = 7.32978
TARGET = pd.Series({"term": 10, "other": 90})
REFERENCE = pd.Series({"term": 5, "other": 195})


def test_log_likelihood_by_hand():
    g2 = log_likelihood(np.array([10]), np.array([5]), 100, 200)[0]
    assert g2 == pytest.approx(2 * (10 * math.log(2) + 5 * math.log(0.5) + 90 * math.log(90 / 95) + 195 * math.log(195 / 190)))
    assert g2 == pytest.approx(7.32978, abs=1e-4)
    # the same statistic as scipy's G-test on the 2 × 2 table
    expected = stats.chi2_contingency([[10, 90], [5, 195]], correction=False, lambda_="log-likelihood")[0]
    assert g2 == pytest.approx(expected)


def test_log_ratio_and_log_odds_by_hand():
    assert log_ratio(np.array([10]), np.array([5]), 100, 200)[0] == pytest.approx(2.0)  # log2(0.1 / 0.025)
    assert log_ratio(np.array([0]), np.array([4]), 100, 100)[0] == pytest.approx(-3.0)  # zero counted as 0.5
    # α0 = 300, α = 300·15/300 = 15; δ = ln(25/375) − ln(20/480) = ln 1.6; σ² = 1/25 + 1/20 = 0.09
    delta, z = log_odds_dirichlet(np.array([10]), np.array([5]), 100, 200)
    assert delta[0] == pytest.approx(math.log(1.6))
    assert z[0] == pytest.approx(math.log(1.6) / 0.3)


def test_keyness_table():
    table = keyness(TARGET, REFERENCE, correction="bonferroni").set_index("term")
    row = table.loc["term"]
    assert row["a"] == 10 and row["b"] == 5
    assert row["per10k_a"] == pytest.approx(1000.0) and row["per10k_b"] == pytest.approx(250.0)
    assert row["g2"] == pytest.approx(7.32978, abs=1e-4)
    assert row["p"] == pytest.approx(stats.chi2.sf(7.32978, 1), rel=1e-4)
    assert row["p_adj"] == pytest.approx(min(1.0, 2 * row["p"]))  # two terms tested
    assert row["direction"] == "target"
    assert table.loc["other", "direction"] == "reference"
    # the 2 × 2 table is symmetric in the two rows: both terms get the same G²
    assert table.loc["other", "g2"] == pytest.approx(row["g2"])


def test_keyness_orders_by_g2_then_term_and_filters_rare_terms():
    target = pd.Series({"가": 50, "나": 5, "다": 5, "라": 1, "마": 39})
    reference = pd.Series({"가": 10, "나": 5, "다": 5, "라": 0, "마": 80})
    table = keyness(target, reference, min_count=2)
    assert "라" not in set(table["term"])
    assert table["term"].iloc[0] == "가"
    ties = table[table["term"].isin(["나", "다"])]["term"].tolist()
    assert ties == ["나", "다"]


def test_adjust_pvalues_by_hand():
    p = [0.01, 0.04, 0.03, 0.2]
    assert adjust_pvalues(p, "bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.8])
    # BH: sorted 0.01, 0.03, 0.04, 0.2 → ×4/rank = 0.04, 0.06, 0.0533, 0.2 → running min from the top
    assert adjust_pvalues(p, "bh") == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])
    with pytest.raises(ValueError):
        adjust_pvalues(p, "holm")  # type: ignore[arg-type]


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=40))
def test_adjusted_pvalues_are_valid(p):
    bh, bonf = adjust_pvalues(p, "bh"), adjust_pvalues(p, "bonferroni")
    assert np.all(bh >= np.asarray(p) - 1e-12) and np.all(bh <= 1)
    assert np.all(bonf >= bh - 1e-12)
    # monotone: a smaller p never gets a larger adjusted value
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(bh[order]) >= -1e-12)


@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 5000), st.integers(1, 5000))
def test_g2_is_symmetric_and_non_negative(a, b, extra_a, extra_b):
    g_ab = log_likelihood(np.array([a]), np.array([b]), a + extra_a, b + extra_b)[0]
    g_ba = log_likelihood(np.array([b]), np.array([a]), b + extra_b, a + extra_a)[0]
    assert g_ab >= 0 and g_ab == pytest.approx(g_ba, abs=1e-9)


def erfc_log10_asymptotic(g2: float) -> float:
    """log10 of the χ²(1) tail: p = erfc(z), z = √(G²/2); erfc(z) = e^(−z²)/(z√π) · (1 − 1/(2z²) + 3/(4z⁴) − …) (A&S 7.1.23)."""
    z = math.sqrt(g2 / 2)
    return (-z * z - math.log(z * math.sqrt(math.pi)) + math.log(1 - 1 / (2 * z * z) + 3 / (4 * z**4))) / math.log(10)


def test_huge_keyness_row_keeps_its_p_in_log_space():
    # 3,000 of 20,000 target tokens against 2 of 20,000 reference tokens: G² ≈ 4,000, p ≈ 1e-880, far below the smallest double
    target = pd.Series({"폭증": 3000, "other": 17000, "드문": 3})
    reference = pd.Series({"폭증": 2, "other": 19998, "드문": 4})
    table = keyness(target, reference).set_index("term")
    row = table.loc["폭증"]
    assert row["g2"] > 3000
    assert row["p"] == 0.0  # the float underflows ...
    assert row["log10_p"] == pytest.approx(erfc_log10_asymptotic(row["g2"]), rel=1e-6)  # ... its logarithm does not
    assert row["log10_p"] < -650
    # BH over 3 terms: the smallest p is multiplied by 3, so log10 p_adj = log10 p + log10 3
    assert row["log10_p_adj"] == pytest.approx(row["log10_p"] + math.log10(3))
    assert np.isfinite(table["log10_p_adj"]).all()
    assert format_p(row["p"], row["log10_p"]) == "< 1e-300"
    assert format_p(row["p_adj"], row["log10_p_adj"]) == "< 1e-300"
    # a moderate row: p and 10^log10_p agree
    other = table.loc["드문"]
    assert 10 ** other["log10_p"] == pytest.approx(other["p"], rel=1e-9)


def test_log10_p_matches_chi2_where_p_is_representable():
    table = keyness(TARGET, REFERENCE).set_index("term")
    assert table.loc["term", "log10_p"] == pytest.approx(math.log10(stats.chi2.sf(7.32978, 1)), rel=1e-5)
    moderate = np.array([0.0, 0.1, 7.3, 100.0, 1000.0])
    assert chi2_1_logsf(moderate) == pytest.approx(stats.chi2.logsf(moderate, 1), rel=1e-9, abs=1e-12)


def test_format_p():
    assert format_p(0.5, math.log10(0.5)) == "0.500"
    assert format_p(0.0123, math.log10(0.0123)) == "0.012"
    assert format_p(3.2e-12, math.log10(3.2e-12)) == "3.20e-12"
    assert format_p(1e-310, -310.0) == "< 1e-300"  # subnormal: shown as underflow, not as a 2-digit number
    assert format_p(0.0, -900.0) == "< 1e-300"
    assert format_p(float("nan"), float("nan")) == ""


def test_adjust_log_pvalues_by_hand():
    log_p = np.log([0.01, 0.04, 0.03, 0.2])
    assert np.exp(adjust_log_pvalues(log_p, "bh")) == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert np.exp(adjust_log_pvalues(log_p, "bonferroni")) == pytest.approx([0.04, 0.16, 0.12, 0.8])
    # far below any double: the ranks still apply
    tiny = adjust_log_pvalues(np.array([-5000.0, -3000.0]), "bh")
    assert tiny == pytest.approx([-5000.0 + math.log(2), -3000.0])
    with pytest.raises(ValueError):
        adjust_log_pvalues(log_p, "holm")  # type: ignore[arg-type]


@given(st.lists(st.floats(min_value=1e-300, max_value=1), min_size=1, max_size=40), st.sampled_from(["bh", "bonferroni"]))
def test_log_space_correction_agrees_with_the_plain_one(p, method):
    assert np.exp(adjust_log_pvalues(np.log(p), method)) == pytest.approx(adjust_pvalues(p, method), rel=1e-9)


# --- period keyness at the level of years ---------------------------------------------------------


def test_year_level_period_test_matches_statsmodels():
    import statsmodels.api as sm

    rng = np.random.default_rng(2)
    exposure = rng.integers(30_000, 90_000, 8).astype(float)
    later = np.array([False] * 4 + [True] * 4)
    counts = rng.poisson(exposure[:, None] * 1e-3 * np.exp(rng.normal(0, 0.3, (8, 5))) * np.where(later[:, None], 1.4, 1.0)).astype(float)
    t, log_p, df = year_level_period_test(counts, exposure, later)
    assert df == 6
    design = np.column_stack([np.ones(8), later.astype(float)])
    for j in range(counts.shape[1]):
        full = sm.GLM(counts[:, j], design, family=sm.families.Poisson(), offset=np.log(exposure)).fit(scale="X2")
        null = sm.GLM(counts[:, j], design[:, :1], family=sm.families.Poisson(), offset=np.log(exposure)).fit()
        score = float(np.ravel(null.score_test(exog_extra=later[:, None].astype(float))[0])[0])
        assert t[j] ** 2 == pytest.approx(score / full.scale, rel=1e-6)
        assert np.exp(log_p[j]) == pytest.approx(2 * stats.t.sf(abs(t[j]), df), rel=1e-6)


def test_a_burst_year_is_no_change_between_periods_but_a_steady_newcomer_is():
    years = list(range(2013, 2021))
    rows = [(y, f"w{k}", 400) for y in years for k in range(30)]
    rows += [(2015, "burst", 300)] + [(y, "burst", 2) for y in years if y != 2015]  # one event year in the earlier half
    rows += [(y, "newcomer", 60 + (y % 3)) for y in years[4:]]  # absent before, steady after
    yearly = pd.DataFrame(rows, columns=["year", "term", "tf"])
    table = period_keyness(yearly, years[:4], years[4:]).set_index("term")
    assert (table["unit"] == "year").all()
    burst, newcomer = table.loc["burst"], table.loc["newcomer"]
    assert burst["g2"] > 100 and burst["p_adj"] > 0.05  # G² alone would call it a change
    assert newcomer["p_adj"] < 0.01 and np.isfinite(newcomer["log10_p"])
    two_years = period_keyness(yearly[yearly["year"].isin([2013, 2020])], [2013], [2020])
    assert two_years["p"].isna().all() and two_years["g2"].notna().all()  # no df left: effect sizes only


# --- query-vs-query keyness with the document as the unit ---------------------------------------


def two_query_tokens(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for query, rate in (("a", 0.02), ("b", 0.01)):
        for d in range(150):
            n = int(rng.integers(40, 160))
            words = [f"기타{k}" for k in rng.integers(0, 60, n)]
            words += ["차이"] * int(rng.poisson(n * rate * rng.gamma(2.0, 0.5)))
            if query == "a" and d < 3:
                words += ["반복"] * 40  # three articles repeat a word forty times
            rows.append((query, 2020, words))
    return pd.DataFrame(rows, columns=["query", "year", "tokens"])


def test_document_level_test_matches_statsmodels():
    import statsmodels.api as sm

    from trendscope.analysis.doc_term import token_counts

    counts = token_counts(two_query_tokens())
    table = keyness(pd.Series(np.asarray(counts.counts[counts.rows("a")].sum(axis=0)).ravel(), index=counts.terms),
                    pd.Series(np.asarray(counts.counts[counts.rows("b")].sum(axis=0)).ravel(), index=counts.terms))
    result = with_document_level_p(table, counts, ["a"], ["b"], [2020]).set_index("term")
    assert (result["unit"] == "document").all()
    dense = counts.counts.toarray().astype(float)
    lengths = dense.sum(axis=1)
    group = (counts.queries == "a").astype(float)
    design = np.column_stack([np.ones(group.size), group])
    for term in ["차이", "반복", "기타7"]:
        y = dense[:, list(counts.terms).index(term)]
        full = sm.GLM(y, design, family=sm.families.Poisson(), offset=np.log(lengths)).fit(scale="X2")
        null = sm.GLM(y, design[:, :1], family=sm.families.Poisson(), offset=np.log(lengths)).fit()
        score = float(np.ravel(null.score_test(exog_extra=group[:, None])[0])[0])
        t2 = score / full.scale
        assert 10 ** result.loc[term, "log10_p"] == pytest.approx(2 * stats.t.sf(np.sqrt(t2), group.size - 2), rel=1e-5), term
    # G² counts the 120 repeats as 120 pieces of evidence; the document test sees three articles
    assert table.set_index("term").loc["반복", "p_adj"] < 1e-10 and result.loc["반복", "p_adj"] > 0.05
    assert result.loc["차이", "p_adj"] < 0.01
