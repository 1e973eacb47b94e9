"""Mann–Kendall and Sen's slope on planted rising, flat and falling series; new terms."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.analysis.trends import mann_kendall, new_terms, trend_tests, yearly_relative_frequency

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


def planted_terms() -> pd.DataFrame:
    rows = []
    for i, year in enumerate(YEARS):
        counts = {"상승": 10 + 20 * i, "하락": 120 - 20 * i, "정체": 50, "기타": 1000}
        rows += [("q", year, term, tf, tf) for term, tf in counts.items()]
    return pd.DataFrame(rows, columns=["query", "year", "term", "tf", "df"])


def test_trend_tests_find_the_planted_series():
    table = trend_tests(planted_terms(), YEARS, min_count=20).set_index("term")
    assert table.loc["상승", "trend"] == "rising" and table.loc["상승", "sen_slope"] > 0
    assert table.loc["하락", "trend"] == "falling" and table.loc["하락", "sen_slope"] < 0
    assert table.loc["정체", "trend"] != "rising"
    assert {"p_adj", "significant_adj", "per10k_2015", "per10k_2020"} <= set(table.columns)
    # relative frequency: 상승 in 2015 is 10 of 10 + 120 + 50 + 1000 = 1,180 tokens
    assert table.loc["상승", "per10k_2015"] == pytest.approx(10 / 1180 * 10_000)


def test_relative_frequency_sums_to_10000_per_year():
    wide = yearly_relative_frequency(planted_terms(), YEARS)
    assert wide.groupby(level="query").sum().to_numpy() == pytest.approx(10_000)


def test_new_terms_are_absent_in_every_earlier_year():
    terms = pd.DataFrame(
        [("q", 2018, "옛말", 5, 5), ("q", 2019, "옛말", 5, 5), ("q", 2019, "신조어", 4, 3), ("q", 2020, "신조어", 9, 9), ("q", 2020, "드문말", 2, 2), ("q", 2020, "늦은말", 7, 6)],
        columns=["query", "year", "term", "tf", "df"],
    )
    table = new_terms(terms, [2018, 2019, 2020], min_count=3)
    assert table[["year", "term"]].values.tolist() == [[2019, "신조어"], [2020, "늦은말"]]
