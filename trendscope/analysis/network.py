"""Keyword networks: graph building from an edge table, edge filters, a spanning-tree backbone, node measures, Louvain.

Graphs are built from sorted node and edge lists, so the same data always gives
the same graph (and, with the same seed, the same Louvain communities).
"""

from __future__ import annotations

from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from trendscope.analysis.cooccurrence import WEIGHTS, Weight
from trendscope.errors import ConfigError

MEASURES: tuple[str, ...] = (
    "degree", "weighted_degree", "degree_centrality", "strength_centrality", "betweenness", "closeness", "eigenvector", "pagerank",
)
Centrality = Literal["weighted", "unweighted"]
CENTRALITIES: tuple[str, ...] = ("weighted", "unweighted")


def filter_edges(edges: pd.DataFrame, *, weight: Weight, min_count: int = 1, top_k: int | None = None) -> pd.DataFrame:
    """Edges with count ≥ `min_count`; with `top_k`, only those among the `top_k` strongest of either endpoint.

    "Strongest" is by `weight` descending, ties by the other term, so the choice is deterministic.
    """
    if weight not in WEIGHTS:
        raise ConfigError(f"network.weight: expected one of {', '.join(WEIGHTS)}, got {weight!r}")
    kept = edges[edges["count"] >= min_count]
    if top_k is not None and len(kept):
        both = pd.concat(
            [
                kept.assign(node=kept["source"], other=kept["target"], edge=kept.index),
                kept.assign(node=kept["target"], other=kept["source"], edge=kept.index),
            ],
            ignore_index=True,
        )
        both = both.sort_values(["node", weight, "other"], ascending=[True, False, True], kind="stable")
        chosen = both[both.groupby("node", sort=False).cumcount() < top_k]["edge"].unique()
        kept = kept.loc[sorted(chosen)]
    return kept.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def build_graph(nodes: pd.DataFrame, edges: pd.DataFrame, *, weight: Weight) -> nx.Graph:
    """An undirected graph: one node per row of `nodes` (column `term`, other columns become attributes),
    one edge per row of `edges` (source, target, count, jaccard, npmi); the edge attribute `weight` is `edges[weight]`."""
    graph = nx.Graph()
    for row in nodes.sort_values("term", kind="stable").to_dict("records"):
        term = row.pop("term")
        graph.add_node(term, label=term, **row)
    for row in edges.sort_values(["source", "target"], kind="stable").to_dict("records"):
        source, target = row.pop("source"), row.pop("target")
        if source in graph and target in graph:
            graph.add_edge(source, target, weight=float(row[weight]), **row)
    return graph


def backbone(graph: nx.Graph) -> nx.Graph:
    """The maximum spanning tree (forest, if the graph is disconnected) by edge `weight`: the strongest skeleton for drawing."""
    tree = nx.maximum_spanning_tree(graph, weight="weight", algorithm="kruskal")
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in tree.edges(data=True)))
    return ordered


def node_measures(graph: nx.Graph, *, centrality: Centrality = "weighted") -> pd.DataFrame:
    """Per node: degree, weighted degree (strength) and centralities.

    On a co-occurrence network most nodes reach most others in one or two steps, so unweighted
    degree, betweenness and closeness tie often (in smartcity 2015, eight of 40 nodes share degree
    centrality 0.1795) and the order among tied nodes is only alphabetical.  With
    `centrality="weighted"` (the default) the edge `weight` enters every measure that can use it:

    - `degree_centrality` stays the unweighted degree / (n − 1), as Korean keyword-network papers report it;
    - `strength_centrality` = strength / ((n − 1) · largest edge weight): the weighted generalisation,
      within [0, 1] and equal to degree centrality when every edge has the same weight;
    - `betweenness` and `closeness` run on shortest paths whose edge length is the *distance*
      1 / weight (a strong tie is a short step; Opsahl, Agneessens & Skvoretz 2010, α = 1, and
      Newman 2001);
    - `eigenvector` and `pagerank` use the weight as the tie strength.

    Edges of weight ≤ 0 (possible with npmi) are left out of paths, eigenvector and PageRank
    (they still count in `degree`, `weighted_degree` and `degree_centrality`).

    `centrality="unweighted"` gives the previous table: betweenness and closeness on hop counts and
    `strength_centrality` equal to `degree_centrality`.  Normalisation follows networkx: betweenness /
    ((n−1)(n−2)/2), closeness with the Wasserman–Faust correction for disconnected graphs.
    """
    if centrality not in CENTRALITIES:
        raise ConfigError(f"network.centrality: expected one of {', '.join(CENTRALITIES)}, got {centrality!r}")
    terms = sorted(graph.nodes)
    if not terms:
        return pd.DataFrame({"term": [], **{m: [] for m in MEASURES}})
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    frame = pd.DataFrame(
        {
            "term": terms,
            "degree": [int(degree[t]) for t in terms],
            "weighted_degree": [float(weighted[t]) for t in terms],
        }
    )
    positive = _positive(graph)
    paths = positive if centrality == "weighted" else graph
    distance = "distance" if centrality == "weighted" else None
    centralities = {
        "degree_centrality": nx.degree_centrality(graph) if len(terms) > 1 else {t: 0.0 for t in terms},
        "strength_centrality": _strength_centrality(graph) if centrality == "weighted" else (nx.degree_centrality(graph) if len(terms) > 1 else {t: 0.0 for t in terms}),
        "betweenness": nx.betweenness_centrality(paths, normalized=True, weight=distance),
        "closeness": nx.closeness_centrality(paths, wf_improved=True, distance=distance),
        "eigenvector": _eigenvector(positive),
        "pagerank": nx.pagerank(positive, weight="weight") if positive.number_of_edges() else {t: 1.0 / len(terms) for t in terms},
    }
    for name, values in centralities.items():
        frame[name] = [float(values[t]) for t in terms]
    return frame[["term", *MEASURES]]


def _positive(graph: nx.Graph) -> nx.Graph:
    """The edges of positive weight, with `weight` and `distance` = 1 / weight.

    A weight ≤ 0 (npmi of terms that avoid each other, or independent ones) is no tie strength:
    it has no path length, and PageRank's power iteration does not converge with it.
    """
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes))
    out.add_edges_from(sorted((u, v, {"weight": d["weight"], "distance": 1.0 / d["weight"]}) for u, v, d in graph.edges(data=True) if d["weight"] > 0))
    return out


def _strength_centrality(graph: nx.Graph) -> dict[str, float]:
    """Strength / ((n − 1) · largest edge weight); 0 for every node of an edgeless or one-node graph."""
    n = graph.number_of_nodes()
    top = max((d["weight"] for _, _, d in graph.edges(data=True)), default=0.0)
    if n < 2 or top <= 0:
        return {t: 0.0 for t in graph}
    return {t: float(s) / ((n - 1) * top) for t, s in graph.degree(weight="weight")}


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality; isolated nodes get 0 and an edgeless graph all 0."""
    if graph.number_of_edges() == 0:
        return {t: 0.0 for t in graph}
    try:
        # Dense symmetric eigensolver, not nx.eigenvector_centrality_numpy: that one calls ARPACK with a
        # random start vector whose state carries over between calls in a process, so the last digits
        # changed with what ran before (found by tests/test_crash.py: a resumed run's GraphML differed
        # from an uninterrupted run's at 1e-16).  The graphs are top-N term networks, small enough for eigh.
        nodes = list(graph)
        vectors = np.linalg.eigh(nx.to_numpy_array(graph, nodelist=nodes, weight="weight"))[1]
        largest = vectors[:, -1]
        largest = largest / (np.sign(largest.sum()) * np.linalg.norm(largest))  # networkx's sign and norm
        values = dict(zip(nodes, largest.tolist(), strict=True))
    except (nx.NetworkXException, ArithmeticError, np.linalg.LinAlgError):
        values = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000)
    return {t: abs(float(v)) if graph.degree(t) else 0.0 for t, v in values.items()}


def louvain(graph: nx.Graph, *, seed: int, resolution: float = 1.0) -> dict[str, int]:
    """Louvain communities (networkx, seeded), numbered 1.. by size descending, ties by their first term."""
    if graph.number_of_nodes() == 0:
        return {}
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    return {term: number for number, members in enumerate(ordered, start=1) for term in members}
