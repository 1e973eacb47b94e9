"""Trend tests: Mann–Kendall and Sen's slope by hand; the quasi-Poisson count test on synthetic data and on the demo corpus.

The demo tests check DESIGN.md's "calibrated statistics": the planted trends are
found after Benjamini–Hochberg, and shuffling the years of the documents keeps
the share of false positives at its nominal level (while plain Poisson does not).
"""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given
from hypothesis import strategies as st
from scipy import sparse

from trendscope.analysis.doc_term import DocTermMatrix, doc_term_matrix
from trendscope.analysis.trends import count_trend_table, count_trend_tests, mann_kendall, new_terms, score_trend_test

YEARS = [2015, 2016, 2017, 2018, 2019, 2020]


def test_mann_kendall_rising_by_hand():
    mk = mann_kendall([1, 2, 3, 4, 5, 6], YEARS)
    # S = 15 pairs all increasing; Var(S) = 6·5·17/18 = 28.33; Z = (15 − 1)/√28.33 = 2.630
    assert mk.s == 15 and mk.tau == 1.0
    assert mk.var_s == pytest.approx(6 * 5 * 17 / 18)
    assert mk.z == pytest.approx(14 / (6 * 5 * 17 / 18) ** 0.5)
    assert mk.p == pytest.approx(0.00853, abs=1e-4)
    assert mk.slope == pytest.approx(1.0)


def test_mann_kendall_falling_flat_and_ties():
    falling = mann_kendall([12, 10, 8, 7, 3, 1], YEARS)
    assert falling.s == -15 and falling.p < 0.01 and falling.slope < 0
    flat = mann_kendall([5, 5, 5, 5, 5, 5], YEARS)
    assert flat.s == 0 and flat.p == 1.0 and flat.slope == 0
    noisy = mann_kendall([3, 1, 4, 1, 5, 2], YEARS)
    assert noisy.p > 0.3
    # ties reduce the variance: one tied pair (t = 2) removes 2·1·9/18 = 1
    assert noisy.var_s == pytest.approx(6 * 5 * 17 / 18 - 1)
    with pytest.raises(ValueError):
        mann_kendall([1, 2])


def test_sen_slope_uses_the_years_and_resists_an_outlier():
    assert mann_kendall([0, 2, 4, 6], [2010, 2012, 2014, 2016]).slope == pytest.approx(1.0)
    assert mann_kendall([1, 2, 3, 100, 5, 6], YEARS).slope == pytest.approx(1.0)


@given(st.lists(st.integers(-50, 50), min_size=3, max_size=12))
def test_reversing_a_series_negates_s(values):
    forward, backward = mann_kendall(values), mann_kendall(values[::-1])
    assert forward.s == -backward.s
    assert forward.p == pytest.approx(backward.p)
    assert 0 <= forward.p <= 1


def test_new_terms_are_absent_in_every_earlier_year():
    terms = pd.DataFrame(
        [("q", 2018, "옛말", 5, 5), ("q", 2019, "옛말", 5, 5), ("q", 2019, "신조어", 4, 3), ("q", 2020, "신조어", 9, 9), ("q", 2020, "드문말", 2, 2), ("q", 2020, "늦은말", 7, 6)],
        columns=["query", "year", "term", "tf", "df"],
    )
    table = new_terms(terms, [2018, 2019, 2020], min_count=3)
    assert table[["year", "term"]].values.tolist() == [[2019, "신조어"], [2020, "늦은말"]]


# --- the quasi-Poisson count trend test -------------------------------------------------------

PLANTED = [("smartcity", "코로나19"), ("socialinnovation", "코로나19"), ("smartcity", "자율주행"), ("smartcity", "디지털트윈"),
           ("socialinnovation", "리빙랩"), ("socialinnovation", "주민참여")]  # fmt: skip


def synthetic_tokens(rate_ratio: float, *, seed: int = 7, docs_per_year: int = 200, base_rate: float = 0.004, shape: float = 2.0) -> pd.DataFrame:
    """Documents of 100–300 tokens whose count of 목표 is overdispersed Poisson (gamma mixing, shape `shape`) with rate ∝ rate_ratio^(year−2015)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, year in enumerate(YEARS):
        lengths = rng.integers(100, 301, docs_per_year)
        mean = lengths * base_rate * rate_ratio**i * rng.gamma(shape, 1 / shape, docs_per_year)
        hits = np.minimum(rng.poisson(mean), lengths)
        for n, k in zip(lengths, hits, strict=True):
            rows.append(("q", year, ["목표"] * int(k) + [f"기타{j % 37}" for j in range(int(n - k))]))
    return pd.DataFrame(rows, columns=["query", "year", "tokens"])


def test_score_test_matches_statsmodels_score_test():
    tokens = synthetic_tokens(1.15)
    dtm = doc_term_matrix(tokens, "q", min_count=1)
    j = int(np.flatnonzero(dtm.terms == "목표")[0])
    y = dtm.counts[:, j].toarray().ravel()
    centred = dtm.years - dtm.years.mean()
    null = sm.GLM(y, np.ones((y.size, 1)), family=sm.families.Poisson(), offset=np.log(dtm.exposure))
    # plain Poisson: z² is the score statistic of adding the year to the intercept-only model
    poisson = score_trend_test(dtm.counts, dtm.exposure, dtm.years, dispersion=False)
    statistic = null.fit().score_test(exog_extra=centred[:, None])[0]
    assert poisson.z[j] ** 2 == pytest.approx(float(np.ravel(statistic)[0]), rel=1e-6)
    # quasi-Poisson: the same divided by the Pearson dispersion of the null fit (df = N − 1)
    quasi = score_trend_test(dtm.counts, dtm.exposure, dtm.years)
    scale = null.fit(scale="X2").scale
    assert quasi.dispersion[j] == pytest.approx(scale, rel=1e-9)
    assert quasi.z[j] ** 2 == pytest.approx(poisson.z[j] ** 2 / scale, rel=1e-9)


def test_planted_rate_ratio_is_inside_its_interval():
    table = count_trend_tests(synthetic_tokens(1.25), YEARS, min_count=20).set_index("term")
    row = table.loc["목표"]
    assert row["rate_ratio_low"] < 1.25 < row["rate_ratio_high"]
    assert row["rate_ratio"] == pytest.approx(1.25, rel=0.08)
    assert row["significant"] and row["trend"] == "rising" and row["direction"] == "rising"
    assert row["dispersion"] > 1.1  # the gamma mixing is seen
    assert row["log10_p"] == pytest.approx(np.log10(row["p"]))
    flat = count_trend_tests(synthetic_tokens(1.0), YEARS, min_count=20).set_index("term").loc["목표"]
    assert flat["rate_ratio_low"] < 1.0 < flat["rate_ratio_high"] and not flat["significant"]


def random_doc_term_matrix(seed: int = 11, n_documents: int = 400) -> DocTermMatrix:
    """Documents of 20–2,000 tokens over 2016–2022 (unequal years), with terms chosen to be hard for the fit.

    Columns: 12 overdispersed terms with random trends; one only in the last two
    years, all but one in the last (nearly separated, b̂ ≈ 5); one, two and three occurrences in middle
    years; one occurrence in the first year and one in the last (b̂ = ∓∞); and a
    column without occurrences.
    """
    rng = np.random.default_rng(seed)
    years = rng.choice(np.arange(2016, 2023), n_documents, p=[0.05, 0.1, 0.1, 0.15, 0.2, 0.2, 0.2])
    exposure = rng.integers(20, 2001, n_documents).astype(np.float64)
    x = years - years.mean()
    columns = []
    for _ in range(12):
        rate = np.exp(rng.uniform(-8, -4) + rng.normal(0, 0.3) * x) * rng.gamma(1.5, 1 / 1.5, n_documents)
        columns.append(rng.poisson(exposure * rate))
    late = np.where(years == 2022, rng.poisson(exposure * 0.002), 0)
    late[np.flatnonzero(years == 2021)[0]] = 1  # one occurrence a year earlier keeps b̂ finite
    columns.append(late)
    for occurrences, year in [(1, 2019), (2, 2018), (3, 2021), (1, 2016), (1, 2022)]:
        rare = np.zeros(n_documents, dtype=np.int64)
        rare[rng.choice(np.flatnonzero(years == year), occurrences, replace=False)] = 1
        columns.append(rare)
    columns.append(np.zeros(n_documents, dtype=np.int64))
    terms = np.array([f"t{j:02d}" for j in range(len(columns))], dtype=object)
    return DocTermMatrix(counts=sparse.csr_matrix(np.column_stack(columns)), terms=terms, exposure=exposure, years=years)


def test_rate_ratios_match_statsmodels_glm():
    dtm = random_doc_term_matrix()
    table = count_trend_table(dtm, range(2016, 2023), level=0.9).set_index("term")
    design = np.column_stack([np.ones(dtm.n_documents), dtm.years - dtm.years.mean()])
    counts = dtm.counts.toarray()
    for j, term in enumerate(dtm.terms[:-3]):
        fit = sm.GLM(counts[:, j], design, family=sm.families.Poisson(), offset=np.log(dtm.exposure)).fit(scale="X2")
        low, high = fit.conf_int(alpha=0.1)[1]
        expected = np.exp([fit.params[1], low, high])
        actual = table.loc[term, ["rate_ratio", "rate_ratio_low", "rate_ratio_high"]].to_numpy(dtype=float)
        assert actual == pytest.approx(expected, rel=1e-7), term
    assert table.loc["t12", "rate_ratio"] > 20  # the nearly separated term
    first, last, empty = (table.loc[t, ["rate_ratio", "rate_ratio_low", "rate_ratio_high"]].to_numpy(dtype=float) for t in dtm.terms[-3:])
    assert first[0] == 0 and first[1] == 0 and np.isnan(first[2])
    assert last[0] == np.inf and np.isnan(last[1]) and last[2] == np.inf
    assert np.isnan(empty).all()


def test_zero_counts_give_no_evidence():
    counts = sparse.csr_matrix(np.array([[0, 1], [0, 0], [0, 3], [0, 1]]))
    test = score_trend_test(counts, np.array([10, 10, 10, 10]), np.array([2018, 2019, 2020, 2021]))
    assert test.z[0] == 0 and test.log_p[0] == pytest.approx(0.0)
    with pytest.raises(ValueError):
        score_trend_test(counts, np.array([10, 0, 10, 10]), np.array([2018, 2019, 2020, 2021]))
    with pytest.raises(ValueError):
        score_trend_test(counts, np.array([10, 10, 10]), np.array([2018, 2019, 2020]))


def one_year_tokens(year_of_term: int) -> pd.DataFrame:
    rows = [("q", year, ["배경"] * 20 + [f"기타{d}"] * 30) for year in YEARS for d in range(30)]
    rows += [("q", year_of_term, ["신조어"] * 2 + ["배경"] * 48) for _ in range(25)]
    return pd.DataFrame(rows, columns=["query", "year", "tokens"])


def test_a_term_in_the_last_year_only():
    row = count_trend_tests(one_year_tokens(2020), YEARS).set_index("term").loc["신조어"]
    assert row["direction"] == "rising" and row["significant"] and np.isfinite(row["z"])
    assert row["rate_ratio"] == np.inf and row["rate_ratio_high"] == np.inf and np.isnan(row["rate_ratio_low"])
    assert row["change_year"] == 2020 and row["change_ratio"] == np.inf and row["change_gain"] > 0
    assert row["per10k_2019"] == 0 and row["per10k_2020"] > 0
    first = count_trend_tests(one_year_tokens(2015), YEARS).set_index("term").loc["신조어"]
    assert first["direction"] == "falling" and first["rate_ratio"] == 0 and first["change_year"] == 2016


def test_a_term_in_a_middle_year_only():
    row = count_trend_tests(one_year_tokens(2017), YEARS).set_index("term").loc["신조어"]
    assert np.isfinite(row["rate_ratio"]) and row["rate_ratio_low"] <= row["rate_ratio"] <= row["rate_ratio_high"]
    assert row["change_year"] in (2017, 2018)
    assert row["dispersion"] > 1  # concentrated in one year: the spread between documents is large


def test_count_trend_tests_are_deterministic_and_sorted():
    tokens = pd.concat([synthetic_tokens(1.2, seed=1), synthetic_tokens(0.9, seed=2).assign(query="r")], ignore_index=True)
    first = count_trend_tests(tokens, YEARS, min_count=20)
    again = count_trend_tests(tokens.sample(frac=1.0, random_state=3), YEARS, min_count=20)
    pd.testing.assert_frame_equal(first, again)
    for _query, part in first.groupby("query"):
        keys = list(zip(-part["z"], part["term"], strict=True))
        assert keys == sorted(keys)
    assert first["query"].tolist() == sorted(first["query"])
    assert {"per10k_2015", "per10k_2020", "mk_tau", "mk_p", "sen_slope", "change_year"} <= set(first.columns)


def test_count_trend_tests_on_an_empty_query():
    tokens = synthetic_tokens(1.0)
    empty = count_trend_tests(tokens, [2030, 2031, 2032])
    assert empty.empty and {"query", "term", "z", "p_adj", "per10k_2030"} <= set(empty.columns)


def test_planted_demo_trends_are_significant_after_correction(demo_tokens_2015_2020):
    table = count_trend_tests(demo_tokens_2015_2020, YEARS).set_index(["query", "term"])
    for key in PLANTED:
        row = table.loc[key]
        assert row["significant"] and row["trend"] == "rising" and row["p_adj"] < 0.05, (key, row["z"], row["p_adj"])
    for query in ("smartcity", "socialinnovation"):
        corona = table.loc[(query, "코로나19")]
        # 코로나19 never occurs before 2020: the change point says so, with the jump's size
        assert corona["change_year"] == 2020 and corona["per10k_2019"] == 0 and corona["per10k_2020"] > 50
        assert corona["z"] > 10
    # the planted 2017 onset of 자율주행 and 디지털트윈 (p = 0.03 → 0.10; 0.01 → 0.05): a change point in 2017–2018
    assert table.loc[("smartcity", "자율주행"), "change_year"] in (2017, 2018)
    assert table.loc[("smartcity", "디지털트윈"), "rate_ratio_low"] > 1.3


def shuffled_within_query(tokens: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = tokens["year"].to_numpy().copy()
    for _query, index in sorted(tokens.groupby("query").indices.items()):
        years[index] = rng.permutation(years[index])
    return tokens.assign(year=years)


def shuffled_error_rates(tokens: pd.DataFrame, *, dispersion: bool) -> tuple[float, float]:
    """Mean share of terms with p < 0.05 and with p_adj < 0.05 over 10 within-query shuffles of the document years."""
    raw, adjusted = [], []
    for seed in range(10):
        table = count_trend_tests(shuffled_within_query(tokens, seed), YEARS, dispersion=dispersion, rate_ratios=False)
        raw.append(float((table["p"] < 0.05).mean()))
        adjusted.append(float((table["p_adj"] < 0.05).mean()))
    return float(np.mean(raw)), float(np.mean(adjusted))


def test_shuffled_demo_years_keep_the_error_rate(demo_tokens_2015_2020):
    raw, adjusted = shuffled_error_rates(demo_tokens_2015_2020, dispersion=True)
    assert raw <= 0.06 and adjusted <= 0.01
    assert raw >= 0.03  # calibrated, not merely conservative


def test_plain_poisson_fails_the_same_calibration(demo_tokens_2015_2020):
    # Without the dispersion term, articles that repeat a word look like evidence: too many terms fall below 0.05.
    raw, _ = shuffled_error_rates(demo_tokens_2015_2020, dispersion=False)
    assert raw > 0.06
