"""The compare stage on the demo study: its files, the periods, and the planted demo trends."""

import pandas as pd
import pytest

from tests.conftest import write_study
from trendscope.config import YearRange, load_config
from trendscope.errors import ConfigError
from trendscope.stages.compare import study_periods


def test_compare_outputs_of_the_demo_study(demo_study):
    processed = demo_study / "data" / "processed"
    keyness = pd.read_parquet(processed / "keyness.parquet")
    scopes = set(keyness.loc[keyness["comparison"] == "queries", "scope"])
    assert scopes == {"2018", "2019", "2020", "2021", "2018-2021"}
    periods = keyness[keyness["comparison"] == "periods"]
    assert set(periods["scope"]) == {"smartcity", "socialinnovation"}
    assert set(zip(periods["target"], periods["reference"], strict=True)) == {("2020-2021", "2018-2019")}
    overall = keyness[(keyness["scope"] == "2018-2021")].set_index("term")
    # the query words themselves are left out (analysis.exclude_query_terms); the planted themes remain key
    assert "스마트시티" not in overall.index and "사회혁신" not in overall.index
    assert overall.loc["자율주행", "z"] > 0 > overall.loc["리빙랩", "z"]
    assert (overall["log10_p_adj"] >= overall["log10_p"] - 1e-12).all() and overall["log10_p"].notna().all()
    trends = pd.read_parquet(processed / "trends.parquet")
    assert {"z", "p", "p_adj", "log10_p_adj", "rate_ratio", "change_year", "trend", "sen_slope", "per10k_2018", "per10k_2021"} <= set(trends.columns)
    # the unit of each p: the year between periods, the document between queries
    assert set(periods["unit"]) == {"year"} and set(keyness.loc[keyness["comparison"] == "queries", "unit"]) == {"document"}
    # 코로나19 only occurs in 2020–2021: an untested episode, never a trend
    corona = trends.set_index(["query", "term"]).loc[("smartcity", "코로나19")]
    assert not corona["tested"] and corona["trend"] == "not tested" and corona["episode"]
    episodes = pd.read_parquet(processed / "episodes.parquet").set_index(["query", "term"])
    assert episodes.loc[("smartcity", "코로나19"), "year"] in (2020, 2021)
    convergence = pd.read_parquet(processed / "convergence.parquet")
    assert convergence["year"].tolist() == [2018, 2019, 2020, 2021]
    assert convergence["jaccard"].between(0, 1).all() and convergence["cosine_tfidf"].between(0, 1).all()


def test_periods_default_to_two_halves_and_are_checked(tmp_path):
    config = load_config(write_study(tmp_path / "a", years="2015-2020"))
    assert study_periods(config.years, config.compare.periods) == [YearRange(2015, 2017), YearRange(2018, 2020)]
    config = load_config(write_study(tmp_path / "b", years="2015-2020", extra="compare:\n  periods: [2015-2016, 2019-2020]\n"))
    assert study_periods(config.years, config.compare.periods) == [YearRange(2015, 2016), YearRange(2019, 2020)]
    config = load_config(write_study(tmp_path / "c", years="2018-2020", extra="compare:\n  periods: [2015-2016, 2019-2020]\n"))
    with pytest.raises(ConfigError, match="compare.periods: 2015-2016 lies outside"):
        study_periods(config.years, config.compare.periods)
    with pytest.raises(ConfigError, match="compare.periods"):
        load_config(write_study(tmp_path / "d", extra="compare:\n  periods: [2019-2020, 2018-2019]\n"))
    with pytest.raises(ConfigError, match="compare.correction"):
        load_config(write_study(tmp_path / "e", extra="compare:\n  correction: holm\n"))


def test_focus_terms_name_known_queries(tmp_path):
    from trendscope.pipeline import stage_params
    from trendscope.stages.compare import STAGE

    config = load_config(write_study(tmp_path / "a", extra="compare:\n  focus_terms: {smartcity: [자율주행]}\n"))
    assert stage_params(STAGE, config).compare.focus_terms == {"smartcity": ["자율주행"]}
    config = load_config(write_study(tmp_path / "b", extra="compare:\n  focus_terms: {smartcty: [자율주행]}\n"))
    with pytest.raises(ConfigError, match="compare.focus_terms: smartcty is not a query key"):
        stage_params(STAGE, config)
