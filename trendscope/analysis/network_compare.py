"""Comparing keyword networks: centrality ranks across years, and terms central to one query only."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.counts import rank


def centrality_ranks(nodes: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """Rank of every node by `measure` within its query × year (1 = most central; ties by term)."""
    ranked = rank(nodes, by=measure)
    return ranked[["query", "year", "term", measure, "rank"]]


def rank_table(nodes: pd.DataFrame, *, query: str, measure: str, n: int) -> pd.DataFrame:
    """For one query: the terms in the top `n` by `measure` in any year, with their rank in every year.

    Columns: term, one column per year (rank, empty where the term is not a node that year), best_rank,
    change (rank in the first year minus rank in the last year; positive = rose).  Sorted by the rank in
    the last year, then best rank, then term.
    """
    ranks = centrality_ranks(nodes[nodes["query"] == query], measure=measure)
    years = sorted(ranks["year"].unique())
    chosen = sorted(ranks.loc[ranks["rank"] <= n, "term"].unique())
    wide = ranks[ranks["term"].isin(chosen)].pivot(index="term", columns="year", values="rank").reindex(index=chosen, columns=years)
    wide.columns = [str(y) for y in wide.columns]
    table = wide.reset_index()
    if not years:
        return table.assign(best_rank=pd.Series(dtype="Int64"), change=pd.Series(dtype="Int64"))
    first, last = str(years[0]), str(years[-1])
    table["best_rank"] = wide.min(axis=1).to_numpy()
    table["change"] = (wide[first] - wide[last]).to_numpy()
    table = table.sort_values([last, "best_rank", "term"], na_position="last", kind="stable").reset_index(drop=True)
    return table.astype({c: "Int64" for c in [*wide.columns, "best_rank", "change"]})


def distinct_terms(nodes: pd.DataFrame, *, measure: str, n: int) -> pd.DataFrame:
    """Per year and query: terms in that query's top `n` by `measure` that are not nodes of any other query's network that year."""
    ranks = centrality_ranks(nodes, measure=measure)
    rows = []
    for (query, year), part in ranks.groupby(["query", "year"], sort=True):
        others = set(ranks.loc[(ranks["year"] == year) & (ranks["query"] != query), "term"])
        top = part[(part["rank"] <= n) & ~part["term"].isin(others)]
        rows.append(top)
    if not rows:
        return pd.DataFrame(columns=["query", "year", "rank", "term", measure])
    return pd.concat(rows, ignore_index=True)[["query", "year", "rank", "term", measure]]
