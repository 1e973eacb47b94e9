"""The "network" stage: co-occurrence networks per query × year, from the token file to Parquet tables and graph files.

network_nodes.parquet: query, year, term, tf, df, unit_frequency, degree, weighted_degree, degree_centrality,
strength_centrality, betweenness, closeness, eigenvector, pagerank (weighted unless network.centrality is
unweighted), community (Louvain), concor_block, concor_block_1..depth, concor_converged.
network_edges.parquet: query, year, source, target, count, jaccard, npmi, weight, backbone.
network_ranks.parquet: per query, the rank (ties share the lowest rank; tied_<year> = how many) by network.rank_measure
in every year of the terms in any year's top, and whether the change exceeds the tie width.
network_distinct.parquet: per year, terms central to one query that are not nodes of another's network.
networks/<query>_<year>.graphml and .gexf: every graph with all its measures, for Gephi.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow.compute as pc

from trendscope.analysis.concor import concor
from trendscope.analysis.cooccurrence import Cooccurrence, Weight, cooccurrence, edge_table
from trendscope.analysis.network import backbone, build_graph, filter_edges, louvain, node_measures
from trendscope.analysis.network_compare import centrality_ranks, distinct_terms, rank_table
from trendscope.catalog import TOKEN_FILE_COLUMNS, Folder
from trendscope.config import ConcorConfig, YearRange
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.query_terms import as_sets

EDGE_COLUMNS = ["query", "year", "source", "target", "count", "jaccard", "npmi", "weight", "backbone"]
RANK_TOP = 20  # terms per year followed in the rank-change table (at most network.top_n)


# The network settings that change a network (the drawing settings, draw_nodes and backbone, are the report's).
NETWORK_FIELDS = ("unit", "window", "weight", "nodes_by", "top_n", "min_count", "top_k", "exclude_terms", "resolution", "seed", "concor",
                  "centrality", "rank_measure")


@dataclass(frozen=True)
class NetworkSettings:
    """The `network:` settings this stage reads (NETWORK_FIELDS), `seed` resolved to the study seed when unset."""

    unit: str
    window: int
    weight: Weight
    nodes_by: str
    top_n: int
    min_count: int
    top_k: int | None
    exclude_terms: tuple[str, ...]
    resolution: float
    seed: int
    concor: ConcorConfig
    centrality: str
    rank_measure: str


@dataclass(frozen=True)
class NetworkParams:
    network: NetworkSettings
    years: YearRange
    queries: tuple[str, ...]
    # Each query's own terms (and their tokens, query_terms.json) are no nodes of its own networks: in a
    # one-query study every article holds the query word, so it was adjacent to everything (a star).
    exclude_query_terms: bool = True

    @property
    def rank_top(self) -> int:
        return min(RANK_TOP, self.network.top_n)


def network_settings(values: Mapping[str, Any]) -> NetworkSettings:
    fields = {name: values[f"network.{name}"] for name in NETWORK_FIELDS}
    fields.update(exclude_terms=tuple(fields["exclude_terms"]), seed=values["seed"] if fields["seed"] is None else fields["seed"])
    return NetworkSettings(**fields)


def network_params(values: Mapping[str, Any]) -> NetworkParams:
    return NetworkParams(network_settings(values), values["years"], tuple(q.key for q in values["queries"]), values["analysis.exclude_query_terms"])


def select_nodes(terms: pd.DataFrame, *, top_n: int, by: str, exclude: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The `top_n` terms of one query × year by `by` (tf or tfidf; ties by term), minus `exclude`."""
    part = terms[~terms["term"].isin(exclude)]
    ordered = part.sort_values([by, "term"], ascending=[False, True], kind="stable").head(top_n)
    return ordered[["term", "tf", "df"]].reset_index(drop=True)


def group_network(
    tokens: pd.DataFrame, terms: pd.DataFrame, params: NetworkSettings, *, exclude: Iterable[str] = ()
) -> tuple[pd.DataFrame, pd.DataFrame, Cooccurrence]:
    """Nodes (with measures and communities) and filtered edges (with backbone flags) of one query × year.

    `exclude` (the query's own words) is left out as `network.exclude_terms` is: before the top N are taken."""
    nodes = select_nodes(terms, top_n=params.top_n, by=params.nodes_by, exclude=sorted({*params.exclude_terms, *exclude}))
    vocabulary = sorted(nodes["term"])
    cooc = cooccurrence(list(tokens["tokens"]), vocabulary, unit=params.unit, sentences=list(tokens["sentences"]), window=params.window)
    nodes = nodes.set_index("term").loc[vocabulary].reset_index().assign(unit_frequency=cooc.unit_frequency)
    edges = filter_edges(edge_table(cooc), weight=params.weight, min_count=params.min_count, top_k=params.top_k)
    graph = build_graph(nodes, edges, weight=params.weight)
    measures = node_measures(graph, centrality=params.centrality)
    communities = louvain(graph, seed=params.seed, resolution=params.resolution)
    counts = cooc.counts.toarray().astype(float)
    np.fill_diagonal(counts, 0.0)
    c = params.concor
    blocks = concor(counts, vocabulary, depth=c.depth, diagonal=c.diagonal, tolerance=c.tolerance, max_iter=c.max_iter, split_pairs=c.split_pairs, numbering=c.numbering).frame()
    blocks = blocks.rename(columns={col: f"concor_{col}" for col in blocks.columns if col != "term"})
    nodes = nodes.merge(measures, on="term").assign(community=[communities.get(t, 0) for t in vocabulary]).merge(blocks, on="term")
    tree = backbone(graph)
    in_tree = {(u, v) for u, v in tree.edges} | {(v, u) for u, v in tree.edges}
    edges = edges.assign(
        weight=edges[params.weight].astype(float),
        backbone=[(s, t) in in_tree for s, t in zip(edges["source"], edges["target"], strict=True)],
    )
    return nodes, edges, cooc


def _plain(value: object) -> object:
    """numpy scalars to the Python types GraphML and GEXF writers accept."""
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame, *, weight: Weight) -> nx.Graph:
    """The graph of one query × year with every node measure, community id and edge weight as attributes."""
    node_cols = [c for c in nodes.columns if c not in ("query", "year")]
    edge_cols = [c for c in edges.columns if c not in ("query", "year", "weight")]
    graph = build_graph(nodes[node_cols], edges[edge_cols], weight=weight)
    for _, data in graph.nodes(data=True):
        data.update({k: _plain(v) for k, v in data.items()})
    for _, _, data in graph.edges(data=True):
        data.update({k: _plain(v) for k, v in data.items()})
    return graph


def graph_files(graph: nx.Graph, name: str) -> dict[str, bytes]:
    """<name>.graphml and <name>.gexf (UTF-8, Korean labels, every attribute), as the bytes networkx writes."""
    files = {}
    for suffix, write in (("graphml", nx.write_graphml), ("gexf", nx.write_gexf)):
        buffer = io.BytesIO()
        write(graph, buffer, encoding="utf-8", prettyprint=True)
        files[f"{name}.{suffix}"] = buffer.getvalue()
    return files


def with_centrality_ranks(nodes: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """Nodes with `centrality_rank` and `centrality_tied`: their rank by `measure` within the query × year (ties share
    the lowest rank; tied = how many share it), as the report's centrality tables list them."""
    if nodes.empty:
        return nodes.assign(centrality_rank=pd.Series(dtype=int), centrality_tied=pd.Series(dtype=int))
    ranks = centrality_ranks(nodes, measure=measure)[["query", "year", "term", "rank", "tied"]]
    ranks = ranks.rename(columns={"rank": "centrality_rank", "tied": "centrality_tied"})
    return nodes.merge(ranks, on=["query", "year", "term"], how="left", validate="one_to_one")


def rank_tables(nodes: pd.DataFrame, params: NetworkParams) -> pd.DataFrame:
    """Every query's rank-change table (see analysis.network_compare.rank_table), stacked with a `query` column."""
    frames = [rank_table(nodes, query=key, measure=params.network.rank_measure, n=params.rank_top).assign(query=key) for key in params.queries]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["query", "term"])


def build_networks(params: NetworkParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    # The token file stays Arrow; each query × year becomes Python lists only while its network is built
    # (the whole file as lists held ~2 GB at 100k full-length articles, one year of it a fifteenth).
    tokens = inputs["tokens"].arrow(TOKEN_FILE_COLUMNS)
    terms = inputs["terms"].frame()
    own_words = as_sets(inputs["query_terms"]) if params.exclude_query_terms else {}
    node_frames, edge_frames = [], []
    for key in params.queries:
        for year in params.years:
            group = tokens.filter(pc.and_(pc.equal(tokens["query"], key), pc.equal(tokens["year"], year)))
            group_tokens = group.to_pandas().sort_values("doc_id", kind="stable")
            group_terms = terms[(terms["query"] == key) & (terms["year"] == year)]
            if group_tokens.empty or group_terms.empty:
                continue
            nodes, edges, _ = group_network(group_tokens, group_terms, params.network, exclude=own_words.get(key, ()))
            node_frames.append(nodes.assign(query=key, year=year))
            edge_frames.append(edges.assign(query=key, year=year))
    nodes = pd.concat(node_frames, ignore_index=True) if node_frames else pd.DataFrame(columns=["query", "year", "term"])
    edges = pd.concat(edge_frames, ignore_index=True) if edge_frames else pd.DataFrame(columns=EDGE_COLUMNS)
    nodes = nodes[["query", "year", *[c for c in nodes.columns if c not in ("query", "year")]]]
    nodes = with_centrality_ranks(nodes, measure=params.network.rank_measure)
    edges = edges[EDGE_COLUMNS]
    graphs = Folder()
    for (key, year), part_nodes in nodes.groupby(["query", "year"], sort=True):
        part_edges = edges[(edges["query"] == key) & (edges["year"] == year)]
        graphs.update(graph_files(network_graph(part_nodes, part_edges, weight=params.network.weight), f"{key}_{year}"))
    outputs = {
        "network_nodes": nodes, "network_edges": edges, "network_ranks": rank_tables(nodes, params),
        "network_distinct": distinct_terms(nodes, measure=params.network.rank_measure, n=params.rank_top), "networks": graphs,
    }
    return Produced(outputs, {"networks": len(node_frames), "nodes": len(nodes), "edges": len(edges)})


STAGE = Stage(
    name="network",
    reads=(*(f"network.{name}" for name in NETWORK_FIELDS), "seed", "years", "queries", "analysis.exclude_query_terms"),
    params=network_params,
    inputs=lambda p: ("tokens", "terms", *(("query_terms",) if p.exclude_query_terms else ())),
    outputs=("network_nodes", "network_edges", "network_ranks", "network_distinct", "networks"),
    body=build_networks,
)
