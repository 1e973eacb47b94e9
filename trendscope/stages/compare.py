"""The compare stage: keyness (queries per year and overall, periods within a query), trend tests, convergence.

Reads data/processed/terms.parquet, writes keyness/trends/new_terms/convergence
(and the convergence trend over the years) as Parquet beside it; the report's
sections read those.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

import pandas as pd

from trendscope.analysis.convergence import convergence_by_year, convergence_trend
from trendscope.analysis.keyness import keyness
from trendscope.analysis.trends import new_terms, trend_tests
from trendscope.config import CompareConfig, StudyConfig, YearRange, parse_years
from trendscope.errors import ConfigError
from trendscope.stages.contract import Files, Runtime, Stage
from trendscope.stages.io import read_frame, write_frame

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


@dataclass(frozen=True)
class CompareParams:
    compare: CompareConfig
    years: YearRange
    queries: tuple[str, ...]
    periods: tuple[YearRange, ...]


def compare_params(config: StudyConfig) -> CompareParams:
    return CompareParams(config.compare, config.years, tuple(config.query_keys), tuple(study_periods(config)))


def _counts(terms: pd.DataFrame, query: str, years: list[int]) -> pd.Series:
    part = terms[(terms["query"] == query) & terms["year"].isin(years)]
    return part.groupby("term")["tf"].sum()


def keyness_all(terms: pd.DataFrame, params: CompareParams) -> pd.DataFrame:
    """Every keyness comparison of the study, stacked: `comparison` is queries or periods, `scope` the year(s)."""
    settings = {"correction": params.compare.correction, "min_count": params.compare.min_count}
    years = params.years.years
    frames = []
    for qa, qb in combinations(params.queries, 2):
        for scope, scope_years in [(str(y), [y]) for y in years] + [(str(params.years), years)]:
            table = keyness(_counts(terms, qa, scope_years), _counts(terms, qb, scope_years), **settings)
            frames.append(table.assign(comparison="queries", scope=scope, target=qa, reference=qb))
    for query in params.queries:
        for earlier, later in pairwise(params.periods):
            table = keyness(_counts(terms, query, later.years), _counts(terms, query, earlier.years), **settings)
            frames.append(table.assign(comparison="periods", scope=query, target=str(later), reference=str(earlier)))
    if not frames:
        return pd.DataFrame(columns=[*KEYNESS_COLUMNS, "term"])
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[[*KEYNESS_COLUMNS, *[c for c in stacked.columns if c not in KEYNESS_COLUMNS]]]


def compare(params: CompareParams, files: Files, runtime: Runtime) -> dict[str, Any]:
    terms = read_frame(files.input("terms"))
    years = params.years.years
    c = params.compare
    key = keyness_all(terms, params)
    trends = trend_tests(terms, years, min_count=c.trend_min_count, alpha=c.alpha, correction=c.correction)
    fresh = new_terms(terms, years, min_count=c.new_term_min_count)
    conv = convergence_by_year(terms, list(params.queries), years, top_n=c.top_n)
    write_frame(key, files.outputs["keyness"])
    write_frame(trends, files.outputs["trends"])
    write_frame(fresh, files.outputs["new_terms"])
    write_frame(conv, files.outputs["convergence"])
    write_frame(convergence_trend(conv) if len(conv) else conv.head(0), files.outputs["convergence_trend"])
    return {
        "periods": [str(p) for p in params.periods],
        "keyness_rows": len(key),
        "trend_tests": len(trends),
        "rising": int((trends["trend"] == "rising").sum()) if len(trends) else 0,
        "falling": int((trends["trend"] == "falling").sum()) if len(trends) else 0,
    }


STAGE = Stage(
    name="compare",
    params=compare_params,
    inputs=lambda paths, p: {"terms": paths.terms},
    outputs=lambda paths, p: {
        "keyness": paths.keyness, "trends": paths.trends, "new_terms": paths.new_terms,
        "convergence": paths.convergence, "convergence_trend": paths.convergence_trend,
    },
    body=compare,
)
