"""The compare stage: keyness (queries per year and overall, periods within a query), trend tests, convergence.

Reads data/processed/terms.parquet, writes keyness/trends/new_terms/convergence
Parquet files beside it; the comparison report section reads those.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from trendscope.analysis.convergence import convergence_by_year
from trendscope.analysis.keyness import keyness
from trendscope.analysis.trends import new_terms, trend_tests
from trendscope.config import StudyConfig, YearRange, parse_years
from trendscope.errors import ConfigError
from trendscope.stages.count import read_frame, write_frame

KEYNESS_COLUMNS = ["comparison", "scope", "target", "reference"]


def study_periods(config: StudyConfig) -> list[YearRange]:
    """The periods compared within each query: `compare.periods`, or the study years split in two halves."""
    years = config.years.years
    if config.compare.periods is None:
        if len(years) < 2:
            return []
        half = (len(years) + 1) // 2
        return [YearRange(years[0], years[half - 1]), YearRange(years[half], years[-1])]
    periods = [parse_years(p) for p in config.compare.periods]
    for period in periods:
        if period.start not in config.years or period.end not in config.years:
            raise ConfigError(f"compare.periods: {period} lies outside the study years {config.years}; expected periods within them")
    return periods


def _counts(terms: pd.DataFrame, query: str, years: list[int]) -> pd.Series:
    part = terms[(terms["query"] == query) & terms["year"].isin(years)]
    return part.groupby("term")["tf"].sum()


def keyness_all(terms: pd.DataFrame, config: StudyConfig, periods: list[YearRange]) -> pd.DataFrame:
    """Every keyness comparison of the study, stacked: `comparison` is queries or periods, `scope` the year(s)."""
    params = {"correction": config.compare.correction, "min_count": config.compare.min_count}
    years = config.years.years
    frames = []
    for qa, qb in combinations(config.query_keys, 2):
        for scope, scope_years in [(str(y), [y]) for y in years] + [(str(config.years), years)]:
            table = keyness(_counts(terms, qa, scope_years), _counts(terms, qb, scope_years), **params)
            frames.append(table.assign(comparison="queries", scope=scope, target=qa, reference=qb))
    for query in config.query_keys:
        for earlier, later in zip(periods, periods[1:], strict=True):
            table = keyness(_counts(terms, query, later.years), _counts(terms, query, earlier.years), **params)
            frames.append(table.assign(comparison="periods", scope=query, target=str(later), reference=str(earlier)))
    if not frames:
        return pd.DataFrame(columns=[*KEYNESS_COLUMNS, "term"])
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[[*KEYNESS_COLUMNS, *[c for c in stacked.columns if c not in KEYNESS_COLUMNS]]]


def compare(config: StudyConfig, terms_file: Path, outputs: dict[str, Path]) -> dict[str, Any]:
    terms = read_frame(terms_file)
    years = config.years.years
    periods = study_periods(config)
    c = config.compare
    key = keyness_all(terms, config, periods)
    trends = trend_tests(terms, years, min_count=c.trend_min_count, alpha=c.alpha, correction=c.correction)
    fresh = new_terms(terms, years, min_count=c.new_term_min_count)
    conv = convergence_by_year(terms, config.query_keys, years, top_n=c.top_n)
    write_frame(key, outputs["keyness"])
    write_frame(trends, outputs["trends"])
    write_frame(fresh, outputs["new_terms"])
    write_frame(conv, outputs["convergence"])
    return {
        "periods": [str(p) for p in periods],
        "keyness_rows": len(key),
        "trend_tests": len(trends),
        "rising": int((trends["trend"] == "rising").sum()) if len(trends) else 0,
        "falling": int((trends["trend"] == "falling").sum()) if len(trends) else 0,
    }
