"""Comparing keyword networks: centrality ranks across years, and terms central to one query only.

Ranks are competition ranks ("min"): nodes with the same centrality share the best rank of their
group, and `tied` says how many share it.  In a 40-node co-occurrence network many nodes have the
same degree, so a rank without its tie size overstates the order: eight terms at 0.1795 are "rank 8
×8", not ranks 8–15 in alphabetical order.  A rank change between two years counts as a change only
when the two rank intervals [rank, rank + tied − 1] do not overlap (`change_beyond_ties`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

GROUP = ["query", "year"]
# Centralities computed along different paths can differ in the last bits; equal to this many decimals is a tie.
TIE_DECIMALS = 10


def tied_ranks(frame: pd.DataFrame, *, by: str, group: Sequence[str] = GROUP, label: str = "term") -> pd.DataFrame:
    """`frame` sorted by (group, `by` desc, `label` asc) with `rank` (1 = highest; ties share the lowest rank)
    and `tied` (how many rows of the group share that value)."""
    group = list(group)
    ordered = frame.assign(_key=frame[by].astype(float).round(TIE_DECIMALS))
    ordered = ordered.sort_values([*group, "_key", label], ascending=[True] * len(group) + [False, True], kind="stable")
    ranks = ordered.groupby(group, sort=False, observed=True)["_key"].rank(method="min", ascending=False)
    tied = ordered.groupby([*group, "_key"], sort=False, observed=True)["_key"].transform("size")
    return ordered.assign(rank=ranks.astype(np.int64), tied=tied.astype(np.int64)).drop(columns="_key").reset_index(drop=True)


def centrality_ranks(nodes: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """Rank of every node by `measure` within its query × year: query, year, term, measure, rank, tied.

    Sorted by (query, year, measure desc, term asc); nodes with equal values share a rank.
    """
    return tied_ranks(nodes, by=measure)[["query", "year", "term", measure, "rank", "tied"]]


def change_beyond_ties(rank_a: pd.Series, tied_a: pd.Series, rank_b: pd.Series, tied_b: pd.Series) -> pd.Series:
    """True where the rank intervals [rank, rank + tied − 1] of two years do not overlap (a change no tie
    order explains); NA where the term has no rank in one of the years."""
    a_end, b_end = rank_a + tied_a - 1, rank_b + tied_b - 1
    apart = (a_end < rank_b) | (b_end < rank_a)
    known = rank_a.notna() & rank_b.notna()
    return pd.Series(pd.array(np.where(known, apart.fillna(False).astype(bool), False), dtype="boolean"), index=rank_a.index).mask(~known)


def rank_table(nodes: pd.DataFrame, *, query: str, measure: str, n: int) -> pd.DataFrame:
    """For one query: the terms ranked `n` or better by `measure` in any year, with their rank in every year.

    Columns: term; per year `<year>` (rank, empty where the term is not a node that year) and
    `tied_<year>` (how many terms share that rank); best_rank; change (rank in the first year minus
    rank in the last year; positive = rose); change_beyond_ties (the change is larger than the tie
    width: the first- and last-year rank intervals do not overlap; NA when either rank is missing).
    Sorted by the rank in the last year, then best rank, then term.  With ties at rank `n`, every
    tied term is kept, so the table can hold more than `n` terms.
    """
    ranks = centrality_ranks(nodes[nodes["query"] == query], measure=measure)
    years = sorted(ranks["year"].unique())
    chosen = sorted(ranks.loc[ranks["rank"] <= n, "term"].unique())
    part = ranks[ranks["term"].isin(chosen)]
    wide = part.pivot(index="term", columns="year", values="rank").reindex(index=chosen, columns=years)
    tied = part.pivot(index="term", columns="year", values="tied").reindex(index=chosen, columns=years)
    year_cols = [str(y) for y in years]
    wide.columns, tied.columns = year_cols, [f"tied_{y}" for y in years]
    table = pd.DataFrame({"term": chosen})
    for y in year_cols:
        table[y] = wide[y].to_numpy()
        table[f"tied_{y}"] = tied[f"tied_{y}"].to_numpy()
    int_cols = [c for c in table.columns if c != "term"] + ["best_rank", "change"]
    if not years:
        return table.assign(best_rank=pd.Series(dtype="Int64"), change=pd.Series(dtype="Int64"), change_beyond_ties=pd.Series(dtype="boolean"))
    first, last = year_cols[0], year_cols[-1]
    table["best_rank"] = wide.min(axis=1).to_numpy()
    table["change"] = (wide[first] - wide[last]).to_numpy()
    table = table.astype({c: "Int64" for c in int_cols})
    table["change_beyond_ties"] = change_beyond_ties(table[first], table[f"tied_{first}"], table[last], table[f"tied_{last}"])
    return table.sort_values([last, "best_rank", "term"], na_position="last", kind="stable").reset_index(drop=True)


def distinct_terms(nodes: pd.DataFrame, *, measure: str, n: int) -> pd.DataFrame:
    """Per year and query: terms ranked `n` or better by `measure` that are not nodes of any other query's network that year."""
    ranks = centrality_ranks(nodes, measure=measure)
    rows = []
    for (query, year), part in ranks.groupby(["query", "year"], sort=True):
        others = set(ranks.loc[(ranks["year"] == year) & (ranks["query"] != query), "term"])
        top = part[(part["rank"] <= n) & ~part["term"].isin(others)]
        rows.append(top)
    if not rows:
        return pd.DataFrame(columns=["query", "year", "rank", "tied", "term", measure])
    return pd.concat(rows, ignore_index=True)[["query", "year", "rank", "tied", "term", measure]]
