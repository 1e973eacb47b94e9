"""The compare stage: keyness (queries per year and overall, each query against the rest, periods within a query),
trend tests, new terms, convergence.

Reads terms.parquet (counts per query × year), the token file (the trend test
models counts per document) and query_terms.json (each query's own words, left
out of every list here unless `analysis.exclude_query_terms` is false); writes
keyness/trends/new_terms/convergence (with each year's permutation baseline, and the convergence
trend over the years) as Parquet beside them.  The report's sections only lay these out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

import numpy as np
import pandas as pd

from trendscope.analysis.convergence import convergence_baselines, convergence_by_year, convergence_trend, with_verdicts
from trendscope.analysis.doc_term import TokenCounts, token_counts
from trendscope.analysis.keyness import adjust_log_pvalues, keyness, period_keyness, with_document_level_p
from trendscope.analysis.query_terms import exclude_terms
from trendscope.analysis.trends import count_trend_tests, episode_table, example_titles, new_terms
from trendscope.config import CompareConfig, YearRange, parse_years
from trendscope.errors import ConfigError
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.query_terms import as_sets

KEYNESS_COLUMNS = ["comparison", "scope", "target", "reference"]


def study_periods(years: YearRange, periods: list[str] | None) -> list[YearRange]:
    """The periods compared within each query: `compare.periods`, or the study years split in two halves."""
    if periods is None:
        if len(years.years) < 2:
            return []
        half = (len(years.years) + 1) // 2
        return [YearRange(years.years[0], years.years[half - 1]), YearRange(years.years[half], years.years[-1])]
    parsed = [parse_years(p) for p in periods]
    for period in parsed:
        if period.start not in years or period.end not in years:
            raise ConfigError(f"compare.periods: {period} lies outside the study years {years}; expected periods within them")
    return parsed


@dataclass(frozen=True)
class CompareParams:
    compare: CompareConfig
    years: YearRange
    queries: tuple[str, ...]
    periods: tuple[YearRange, ...]
    exclude_query_terms: bool
    seed: int


def compare_params(values: Mapping[str, Any]) -> CompareParams:
    compare, years, queries = values["compare"], values["years"], tuple(q.key for q in values["queries"])
    unknown = sorted(set(compare.focus_terms) - set(queries))
    if unknown:
        raise ConfigError(f"compare.focus_terms: {', '.join(unknown)} is not a query key; expected one of {', '.join(queries)}")
    return CompareParams(compare, years, queries, tuple(study_periods(years, compare.periods)), values["analysis.exclude_query_terms"], values["seed"])


def _counts(terms: pd.DataFrame, query: str, years: list[int]) -> pd.Series:
    part = terms[(terms["query"] == query) & terms["year"].isin(years)]
    return part.groupby("term")["tf"].sum()


def _rest_counts(terms: pd.DataFrame, queries: tuple[str, ...], query: str, years: list[int]) -> pd.Series:
    """Every other query's counts summed: the reference when one query is compared with the rest."""
    part = terms[terms["query"].isin([q for q in queries if q != query]) & terms["year"].isin(years)]
    return part.groupby("term")["tf"].sum()


def keyness_all(terms: pd.DataFrame, params: CompareParams, *, across: pd.DataFrame | None = None, tokens: TokenCounts | None = None) -> pd.DataFrame:
    """Every keyness comparison of the study, stacked: `comparison` is queries, rest or periods, `scope` the year(s).

    `across` holds the counts used between queries (the query words of every query left out);
    `terms` those used within one query (its own words left out).  With three or more queries each
    query is also compared with the rest of them together (`comparison` = rest).  `unit` names what the p-value
    treats as independent: "year" between periods (`period_keyness`), "document" between queries when `tokens`
    is given (`with_document_level_p`), else "token" (G²).
    """
    across = terms if across is None else across
    settings = {"correction": params.compare.correction, "min_count": params.compare.min_count}
    years = params.years.years
    scopes = [(str(y), [y]) for y in years] + [(str(params.years), years)]
    frames = []
    for qa, qb in combinations(params.queries, 2):
        for scope, scope_years in scopes:
            table = keyness(_counts(across, qa, scope_years), _counts(across, qb, scope_years), **settings).assign(unit="token")
            if tokens is not None:
                table = with_document_level_p(table, tokens, [qa], [qb], scope_years, correction=params.compare.correction)
            frames.append(table.assign(comparison="queries", scope=scope, target=qa, reference=qb))
    if len(params.queries) >= 3:
        for query in params.queries:
            for scope, scope_years in scopes:
                table = keyness(_counts(across, query, scope_years), _rest_counts(across, params.queries, query, scope_years), **settings).assign(unit="token")
                if tokens is not None:
                    others = [q for q in params.queries if q != query]
                    table = with_document_level_p(table, tokens, [query], others, scope_years, correction=params.compare.correction)
                frames.append(table.assign(comparison="rest", scope=scope, target=query, reference="rest"))
    for query in params.queries:
        for earlier, later in pairwise(params.periods):
            table = period_keyness(terms[terms["query"] == query], earlier.years, later.years, **settings)
            frames.append(table.assign(comparison="periods", scope=query, target=str(later), reference=str(earlier)))
    if not frames:
        return pd.DataFrame(columns=[*KEYNESS_COLUMNS, "term"])
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[[*KEYNESS_COLUMNS, *[c for c in stacked.columns if c not in KEYNESS_COLUMNS]]]


def readjust(trends: pd.DataFrame, params: CompareParams) -> pd.DataFrame:
    """Multiple-testing correction (and the significance it decides) again over the tested terms left in each query and family."""
    c = params.compare
    frames = []
    for _key, part in trends.groupby(["query", "family"], sort=False):
        tested = part["tested"].to_numpy(dtype=bool)
        log_p_adj = np.full(len(part), np.nan)
        log_p_adj[tested] = adjust_log_pvalues(part["log10_p"].to_numpy()[tested] * np.log(10), c.correction)
        significant = tested & (log_p_adj < np.log(c.alpha))
        episode = part["episode"].to_numpy(dtype=bool)
        trend = np.select([~tested, significant & episode, significant], ["not tested", "episode", part["direction"]], "no trend")
        frames.append(part.assign(p_adj=np.exp(log_p_adj), log10_p_adj=log_p_adj / np.log(10), significant=significant, trend=trend))
    return pd.concat(frames, ignore_index=True) if frames else trends


def with_example_titles(episodes: pd.DataFrame, documents: Any) -> pd.DataFrame:
    """The episodes with two example titles each (the event behind the burst), from the documents (one story once)."""
    if episodes.empty:
        return episodes.assign(example_titles=pd.Series(dtype=object))
    docs = documents.frame(["query", "year", "date", "title", "dup_of"])
    return episodes.assign(example_titles=example_titles(episodes, docs[docs["dup_of"].isna()]))


def compare(params: CompareParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    terms = inputs["terms"].frame()
    tokens = token_counts(inputs["tokens"].arrow(["query", "year", "tokens"]))  # the strings let go at once
    excluded = as_sets(inputs["query_terms"]) if params.exclude_query_terms else {}
    own = exclude_terms(terms, excluded) if excluded else terms
    across = exclude_terms(terms, excluded, query_col=None) if excluded else terms
    years = params.years.years
    c = params.compare
    key = keyness_all(own, params, across=across, tokens=tokens)
    trends = count_trend_tests(tokens, years, queries=list(params.queries), min_count=c.trend_min_count, min_years=c.trend_min_years, alpha=c.alpha,
                               correction=c.correction, focus=c.focus_terms, moderate=c.moderate_dispersion)
    if excluded:
        trends = readjust(exclude_terms(trends, excluded), params)
    fresh = new_terms(own, years, min_count=c.new_term_min_count)
    conv = convergence_by_year(own, list(params.queries), years, top_n=c.top_n)
    if len(conv):  # the similarity expected when the year's documents are reassigned at random between the two queries
        baselines = convergence_baselines(tokens, list(params.queries), years, top_n=c.top_n, permutations=c.permutations, seed=params.seed, excluded=excluded)
        conv = conv.merge(baselines, on=["query_a", "query_b", "year"], how="left", validate="one_to_one")
    outputs = {"keyness": key, "trends": trends, "episodes": with_example_titles(episode_table(trends, years), inputs["documents"]), "new_terms": fresh, "convergence": conv,
               "convergence_trend": with_verdicts(convergence_trend(conv, alpha=c.alpha), alpha=c.alpha) if len(conv) else conv.head(0)}
    return Produced(outputs, {
        "periods": [str(p) for p in params.periods],
        "keyness_rows": len(key),
        "trend_tests": len(trends),
        "rising": int((trends["trend"] == "rising").sum()) if len(trends) else 0,
        "falling": int((trends["trend"] == "falling").sum()) if len(trends) else 0,
    })


STAGE = Stage(
    name="compare",
    reads=("compare", "years", "queries", "analysis.exclude_query_terms", "seed"),
    params=compare_params,
    inputs=("terms", "tokens", "query_terms", "documents"),
    outputs=("keyness", "trends", "episodes", "new_terms", "convergence", "convergence_trend"),
    body=compare,
)
