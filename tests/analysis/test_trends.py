"""Trend tests: Mann–Kendall and Sen's slope by hand; the year-level quasi-Poisson test against statsmodels, on
synthetic data and on the demo corpus; bursts and episodes.

The calibration of the test (year-block permutations, power, interval coverage) is in test_trends_calibration.py.
"""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given
from hypothesis import strategies as st
from scipy import special, stats

from trendscope.analysis.doc_term import doc_term_matrix
from trendscope.analysis.keyness import adjust_log_pvalues
from trendscope.analysis.trends import (
    count_trend_tests,
    detectable_rate_ratio,
    dispersion_prior,
    episode_shape,
    episode_table,
    example_titles,
    mann_kendall,
    new_terms,
    score_trend_test,
    year_trend_test,
)

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


# --- the year-level quasi-Poisson trend test ---------------------------------------------------

PLANTED = [("smartcity", "자율주행"), ("smartcity", "디지털트윈"), ("socialinnovation", "리빙랩"), ("socialinnovation", "주민참여")]


def synthetic_tokens(rate_ratio: float, *, seed: int = 7, docs_per_year: int = 200, base_rate: float = 0.004, shape: float = 2.0,
                     year_sd: float = 0.0) -> pd.DataFrame:
    """Documents of 100–300 tokens whose count of 목표 is overdispersed Poisson (gamma mixing, shape `shape`) with rate ∝
    rate_ratio^(year−2015), times a lognormal factor exp(N(0, year_sd²)) per year (events that lift a whole year)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, year in enumerate(YEARS):
        lengths = rng.integers(100, 301, docs_per_year)
        level = np.exp(rng.normal(0.0, year_sd)) if year_sd else 1.0
        mean = lengths * base_rate * level * rate_ratio**i * rng.gamma(shape, 1 / shape, docs_per_year)
        hits = np.minimum(rng.poisson(mean), lengths)
        for n, k in zip(lengths, hits, strict=True):
            rows.append(("q", year, ["목표"] * int(k) + [f"기타{j % 37}" for j in range(int(n - k))]))
    return pd.DataFrame(rows, columns=["query", "year", "tokens"])


def test_document_score_test_matches_statsmodels_score_test():
    # The document-level test is kept as the negative control of the calibration tests.
    tokens = synthetic_tokens(1.15)
    dtm = doc_term_matrix(tokens, "q", min_count=1)
    j = int(np.flatnonzero(dtm.terms == "목표")[0])
    y = dtm.counts[:, j].toarray().ravel()
    centred = dtm.years - dtm.years.mean()
    null = sm.GLM(y, np.ones((y.size, 1)), family=sm.families.Poisson(), offset=np.log(dtm.exposure))
    poisson = score_trend_test(dtm.counts, dtm.exposure, dtm.years, dispersion=False)
    statistic = null.fit().score_test(exog_extra=centred[:, None])[0]
    assert poisson.z[j] ** 2 == pytest.approx(float(np.ravel(statistic)[0]), rel=1e-6)
    quasi = score_trend_test(dtm.counts, dtm.exposure, dtm.years)
    scale = null.fit(scale="X2").scale
    assert quasi.dispersion[j] == pytest.approx(scale, rel=1e-9)
    assert quasi.z[j] ** 2 == pytest.approx(poisson.z[j] ** 2 / scale, rel=1e-9)


def random_yearly_counts(seed: int = 11, n_years: int = 9, n_terms: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Years × terms counts with year-level noise, random trends, rare terms and one nearly separated term (all in ≥ 2 years)."""
    rng = np.random.default_rng(seed)
    years = np.arange(2011, 2011 + n_years)
    tokens = rng.integers(20_000, 200_000, n_years).astype(np.float64)
    x = years - years.mean()
    a = rng.uniform(-9, -5, n_terms)
    b = rng.normal(0, 0.2, n_terms)
    noise = np.exp(rng.normal(0, 0.3, (n_years, n_terms)))
    counts = rng.poisson(tokens[:, None] * np.exp(a + np.outer(x, b)) * noise).astype(np.float64)
    counts[:, -1] = 0
    counts[-1, -1], counts[-2, -1] = 300, 1  # nearly separated: b̂ large but finite
    counts[:, -2] = 0
    counts[[1, 3, 4], -2] = [1, 2, 1]  # rare
    counts[0, (counts > 0).sum(axis=0) < 2] += 1
    counts[-1, (counts > 0).sum(axis=0) < 2] += 1
    return years, tokens, counts


def test_year_trend_test_matches_statsmodels_glm_on_yearly_counts():
    years, tokens, counts = random_yearly_counts()
    test = year_trend_test(counts, tokens, years, level=0.9)
    design = np.column_stack([np.ones(years.size), years - years.mean()])
    df = years.size - 2
    assert test.df == df
    for j in range(counts.shape[1]):
        fit = sm.GLM(counts[:, j], design, family=sm.families.Poisson(), offset=np.log(tokens)).fit(scale="X2")
        assert test.slope[j] == pytest.approx(fit.params[1], rel=1e-7, abs=1e-10), j
        assert test.dispersion[j] == pytest.approx(fit.scale, rel=1e-6), j
        assert test.se[j] == pytest.approx(fit.bse[1], rel=1e-6), j
        t = fit.params[1] / fit.bse[1]
        assert test.t[j] == pytest.approx(t, rel=1e-6), j
        assert np.exp(test.log_p[j]) == pytest.approx(2 * stats.t.sf(abs(t), df), rel=1e-6), j
        q = stats.t.ppf(0.95, df)
        assert test.rate_ratio_low[j] == pytest.approx(np.exp(fit.params[1] - q * fit.bse[1]), rel=1e-6), j
        assert test.rate_ratio_high[j] == pytest.approx(np.exp(fit.params[1] + q * fit.bse[1]), rel=1e-6), j
    assert test.rate_ratio[-1] > 20


def test_year_trend_test_rejects_what_it_cannot_fit():
    years, tokens, counts = random_yearly_counts(n_years=5, n_terms=4)
    with pytest.raises(ValueError, match="at least 3 years"):
        year_trend_test(counts[:2], tokens[:2], years[:2])
    with pytest.raises(ValueError, match="two years"):
        one_year = counts.copy()
        one_year[:, 0] = 0
        one_year[2, 0] = 5
        year_trend_test(one_year, tokens, years)
    with pytest.raises(ValueError, match="positive token count"):
        year_trend_test(counts, np.where(np.arange(5) == 1, 0.0, tokens), years)


def test_planted_rate_ratio_is_inside_its_interval():
    table = count_trend_tests(synthetic_tokens(1.25), YEARS, min_count=20).set_index("term")
    row = table.loc["목표"]
    assert row["rate_ratio_low"] < 1.25 < row["rate_ratio_high"]
    assert row["rate_ratio"] == pytest.approx(1.25, rel=0.08)
    assert row["significant"] and row["trend"] == "rising" and row["direction"] == "rising" and row["tested"]
    assert row["log10_p"] == pytest.approx(np.log10(row["p"]))
    flat = count_trend_tests(synthetic_tokens(1.0), YEARS, min_count=20).set_index("term").loc["목표"]
    assert flat["rate_ratio_low"] < 1.0 < flat["rate_ratio_high"] and not flat["significant"]


def test_year_level_noise_widens_the_interval():
    # The same documents, with every year lifted or lowered as a block: the year-level φ sees it.
    quiet = count_trend_tests(synthetic_tokens(1.0, seed=3), YEARS).set_index("term").loc["목표"]
    noisy = count_trend_tests(synthetic_tokens(1.0, seed=3, year_sd=0.4), YEARS).set_index("term").loc["목표"]
    assert noisy["dispersion"] > 4 * quiet["dispersion"]
    width = {name: np.log(row["rate_ratio_high"] / row["rate_ratio_low"]) for name, row in (("quiet", quiet), ("noisy", noisy))}
    assert width["noisy"] > 2 * width["quiet"]


def one_year_tokens(year_of_term: int) -> pd.DataFrame:
    rows = [("q", year, ["배경"] * 20 + [f"기타{d}"] * 30) for year in YEARS for d in range(30)]
    rows += [("q", year_of_term, ["신조어"] * 2 + ["배경"] * 48) for _ in range(25)]
    return pd.DataFrame(rows, columns=["query", "year", "tokens"])


@pytest.mark.parametrize("year", [2015, 2017, 2020])
def test_a_term_in_one_year_is_an_untested_episode(year):
    table = count_trend_tests(one_year_tokens(year), YEARS)
    row = table.set_index("term").loc["신조어"]
    assert not row["tested"] and row["untested_reason"] == "few_years" and row["years_present"] == 1
    assert row["trend"] == "not tested" and not row["significant"] and np.isnan(row["p_adj"]) and np.isnan(row["z"])
    assert row["episode"] and row["peak_year"] == year and row["peak_share"] == 1.0 and row["years_present"] == 1
    assert row[f"per10k_{year}"] > 0  # the descriptive columns stay
    assert table["term"].iloc[-1] == "신조어" or not table.set_index("term").loc[table["term"].iloc[-1], "tested"]  # untested last
    episodes = episode_table(table.assign(query="q"), YEARS)
    assert episodes[["term", "year", "share", "occurrences", "years_present"]].values.tolist() == [["신조어", year, 1.0, 50, 1]]
    assert episodes["others_median_per10k"].iloc[0] == 0 and episodes["ratio_to_others"].iloc[0] == np.inf


def test_episode_shape_by_hand():
    per_year = np.array([[0, 10, 5, 1], [0, 10, 5, 1], [9, 10, 0, 1], [1, 10, 5, 7]])
    shape = episode_shape(per_year, np.array([2017, 2018, 2019, 2020]))
    assert shape.years_present.tolist() == [2, 4, 3, 4]
    assert shape.peak_year.tolist() == [2019, 2017, 2017, 2020]
    assert shape.peak_share == pytest.approx([0.9, 0.25, 1 / 3, 0.7])
    assert shape.episode.tolist() == [True, False, False, True]


def test_a_significant_episode_is_marked_in_both_tables():
    # 목표 rises, and its last year holds more than half of its occurrences: significant, but an episode, not "rising".
    tokens = synthetic_tokens(2.2, seed=5)
    table = count_trend_tests(tokens, YEARS).assign().set_index("term")
    row = table.loc["목표"]
    assert row["tested"] and row["significant"] and row["episode"] and row["trend"] == "episode"
    episodes = episode_table(table.reset_index(), YEARS)
    assert episodes.set_index("term").loc["목표", "significant"] and episodes.set_index("term").loc["목표", "year"] == 2020


def test_count_trend_tests_are_deterministic_and_sorted():
    tokens = pd.concat([synthetic_tokens(1.2, seed=1), synthetic_tokens(0.9, seed=2).assign(query="r")], ignore_index=True)
    first = count_trend_tests(tokens, YEARS, min_count=20)
    again = count_trend_tests(tokens.sample(frac=1.0, random_state=3), YEARS, min_count=20)
    pd.testing.assert_frame_equal(first, again)
    for _query, part in first.groupby("query"):
        tested = part[part["tested"]]
        keys = list(zip(-tested["z"], tested["term"], strict=True))
        assert keys == sorted(keys)
        assert part["tested"].tolist() == sorted(part["tested"], reverse=True)
    assert first["query"].tolist() == sorted(first["query"])
    assert {"per10k_2015", "per10k_2020", "mk_tau", "mk_p", "sen_slope", "change_year", "tested", "untested_reason",
            "detectable_ratio", "episode"} <= set(first.columns)


def test_count_trend_tests_on_an_empty_query():
    tokens = synthetic_tokens(1.0)
    empty = count_trend_tests(tokens, [2030, 2031, 2032])
    assert empty.empty and {"query", "term", "z", "p_adj", "tested", "per10k_2030"} <= set(empty.columns)


def test_two_study_years_test_nothing_and_say_why():
    tokens = synthetic_tokens(1.3)
    table = count_trend_tests(tokens[tokens["year"] <= 2016], [2015, 2016])
    assert len(table) and not table["tested"].any() and (table["trend"] == "not tested").all()
    assert (table["untested_reason"] == "few_study_years").all()


def test_detectable_rate_ratio_shrinks_with_years_and_occurrences():
    six, nineteen = detectable_rate_ratio(6, 200, 2.0), detectable_rate_ratio(19, 200, 2.0)
    assert six > nineteen > 1
    assert detectable_rate_ratio(6, 2000, 2.0) < six and detectable_rate_ratio(6, 200, 8.0) > six
    assert detectable_rate_ratio(2, 200, 2.0) == np.inf


def test_detectable_rate_ratio_is_about_right():
    # At the ratio it names, a pre-chosen term is found at p < 0.05 in about 80 % of replicates.
    rng = np.random.default_rng(4)
    years = np.arange(2015, 2021)
    tokens = np.full(6, 1e6)
    per_year, phi = 60.0, 3.0
    ratio = detectable_rate_ratio(6, per_year * 6, phi)
    x = years - years.mean()
    mean = per_year * ratio**x / np.mean(ratio**x)
    # quasi-Poisson counts with variance φ·μ: negative binomial with size μ / (φ − 1)
    draws = rng.negative_binomial(mean[:, None] / (phi - 1), 1 / phi, (6, 400)).astype(float)
    draws = draws[:, (draws > 0).sum(axis=0) >= 2]
    found = float((year_trend_test(draws, tokens, years).log_p < np.log(0.05)).mean())
    assert 0.65 < found < 0.92


def test_planted_demo_trends_at_the_level_of_years(demo_tokens_2015_2020):
    table = count_trend_tests(demo_tokens_2015_2020, YEARS)
    indexed = table.set_index(["query", "term"])
    planted = indexed.loc[PLANTED]
    # six years leave 4 df: every planted rise points up, most reach p < 0.05 for the pre-chosen term
    # (주민참여, 0.15 → 0.21 of articles over 2015–2020, has p ≈ 0.052), none need survive BH over the vocabulary
    assert planted["tested"].all() and (planted["direction"] == "rising").all() and (planted["z"] > 2.5).all(), planted[["z", "p"]]
    assert (planted["p"] < 0.05).sum() >= 3 and (planted["rate_ratio"] > 1).all()
    for query in ("smartcity", "socialinnovation"):
        corona = indexed.loc[(query, "코로나19")]
        # 코로나19 never occurs before 2020: in 2015–2020 it is a 2020 episode, not a trend
        assert not corona["tested"] and corona["trend"] == "not tested" and corona["episode"] and corona["peak_year"] == 2020
        assert corona["change_year"] == 2020 and corona["per10k_2019"] == 0 and corona["per10k_2020"] > 50
    episodes = episode_table(table, YEARS).set_index(["query", "term"])
    assert episodes.loc[("smartcity", "코로나19"), "year"] == 2020 and episodes.loc[("smartcity", "코로나19"), "share"] == 1.0
    assert not table.loc[table["episode"], "trend"].isin(["rising", "falling"]).any()


def test_focus_terms_are_their_own_family_and_come_first():
    rng = np.random.default_rng(6)
    rows = []
    for i, year in enumerate(YEARS):
        for _ in range(60):
            words = [f"기타{k}" for k in rng.integers(0, 400, 120)]
            words += ["목표"] * int(rng.poisson(0.3 * 1.25**i)) + ["배경"] * int(rng.poisson(0.5))
            rows.append(("q", year, words))
    tokens = pd.DataFrame(rows, columns=["query", "year", "tokens"])
    plain = count_trend_tests(tokens, YEARS).set_index("term")
    focused = count_trend_tests(tokens, YEARS, focus={"q": ["목표", "배경"]})
    assert focused["term"].iloc[:2].tolist() == ["목표", "배경"] and (focused["family"].iloc[:2] == "focus").all()
    indexed = focused.set_index("term")
    assert (indexed.loc[["목표", "배경"], "p"] == plain.loc[["목표", "배경"], "p"]).all()  # the test is the same
    # within a family of two, the correction is small; over the vocabulary it is not
    assert indexed.loc["목표", "p_adj"] <= 2 * indexed.loc["목표", "p"] < plain.loc["목표", "p_adj"]
    rest = indexed[indexed["family"] == "vocabulary"]
    expected = adjust_log_pvalues(rest.loc[rest["tested"], "log10_p"].to_numpy() * np.log(10))
    assert rest.loc[rest["tested"], "log10_p_adj"].to_numpy() == pytest.approx(expected / np.log(10))


def test_example_titles_name_the_event_behind_an_episode():
    episodes = pd.DataFrame({"query": ["q", "q", "r"], "term": ["코로나19", "없는말", "코로나19"], "year": [2020, 2020, 2020]})
    documents = pd.DataFrame({
        "query": ["q", "q", "q", "q", "r"], "year": [2020, 2020, 2020, 2019, 2020],
        "date": pd.to_datetime(["2020-03-02", "2020-01-05", "2020-02-01", "2019-05-05", "2020-01-01"]),
        "title": ["코로나19 확산에 스마트시티 대응", "코로나19로 행사 취소", "예산 확정", "코로나19 이전 기사", "다른 검색어"],
    })
    assert example_titles(episodes, documents) == ["코로나19로 행사 취소 / 코로나19 확산에 스마트시티 대응", "", ""]
    assert example_titles(episodes, documents, n=1)[0] == "코로나19로 행사 취소"
    assert example_titles(episodes.head(0), documents) == []


def test_two_years_make_no_episodes():
    shape = episode_shape(np.array([[5, 0], [1, 3]]), np.array([2019, 2020]))
    assert not shape.episode.any() and shape.years_present.tolist() == [2, 1]


def test_dispersion_prior_recovers_a_planted_prior():
    rng = np.random.default_rng(9)
    d0, s0, df = 6.0, 2.5, 4
    true = s0 * d0 / rng.chisquare(d0, 20_000)  # scaled inverse χ²
    observed = true * rng.chisquare(df, true.size) / df
    d0_hat, s0_hat = dispersion_prior(observed, df)
    assert d0_hat == pytest.approx(d0, rel=0.15) and s0_hat == pytest.approx(s0, rel=0.1)
    # no excess spread: a very large (or infinite) prior df, every term near s0²
    d0_big, s0_big = dispersion_prior(2.0 * rng.chisquare(df, 20_000) / df, df)
    assert d0_big > 50 and s0_big == pytest.approx(2.0, rel=0.05)
    assert dispersion_prior(np.full(10, 3.0), df) == (np.inf, pytest.approx(3.0 * np.exp(-special.digamma(2) + np.log(2))))


def test_moderated_test_uses_more_degrees_of_freedom():
    years, tokens, counts = random_yearly_counts(n_years=6, n_terms=200, seed=4)
    plain = year_trend_test(counts, tokens, years)
    moderated = year_trend_test(counts, tokens, years, moderate=True)
    assert plain.df == 4 and moderated.df > 4
    assert np.allclose(moderated.slope, plain.slope)
    d0, s0 = dispersion_prior(plain.dispersion, 4)
    assert moderated.dispersion == pytest.approx((d0 * s0 + 4 * plain.dispersion) / (d0 + 4))


EDGE_TOKENS = {
    "constant": [("q", y, ["가"] * 5 + ["나"] * 5) for y in (2019, 2020, 2021) for _ in range(3)],
    "one document a year": [("q", y, ["가", "나"]) for y in (2019, 2020, 2021)],
    "zeros in other years": [("q", y, ["가"] if y == 2020 else ["나"]) for y in (2019, 2020, 2021) for _ in range(2)],
    "one document": [("q", 2020, ["가", "나"])],
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("name", sorted(EDGE_TOKENS))
@pytest.mark.parametrize("years", [[2019, 2020, 2021], [2020, 2021]], ids=["3 years", "2 years"])
def test_edge_data_raise_no_numpy_warning(name, years):
    # a RuntimeWarning from the change-point columns (0/0 on a constant series) reached the terminal
    tokens = pd.DataFrame(EDGE_TOKENS[name], columns=["query", "year", "tokens"])
    table = count_trend_tests(tokens, years, min_count=1)
    assert not table["change_gain"].isna().any() and (table["change_gain"] >= 0).all()
