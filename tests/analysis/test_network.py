"""Graph building, edge filters, backbone, centralities (checked against networkx) and seeded Louvain."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest

from trendscope.analysis.cooccurrence import cooccurrence, edge_table
from trendscope.analysis.network import backbone, build_graph, filter_edges, louvain, node_measures
from trendscope.analysis.network_compare import distinct_terms, rank_table
from trendscope.errors import ConfigError


def karate() -> tuple[pd.DataFrame, pd.DataFrame]:
    graph = nx.karate_club_graph()
    edges = pd.DataFrame(
        [(f"n{min(u, v):02d}", f"n{max(u, v):02d}", int(d["weight"])) for u, v, d in graph.edges(data=True)], columns=["source", "target", "count"]
    ).assign(jaccard=0.5, npmi=0.1)
    nodes = pd.DataFrame({"term": sorted({*edges["source"], *edges["target"]}), "tf": 1})
    return nodes, edges


def test_centralities_match_networkx():
    nodes, edges = karate()
    graph = build_graph(nodes, edges, weight="count")
    measures = node_measures(graph).set_index("term")
    reference = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"n{i:02d}")
    expected = {
        "degree_centrality": nx.degree_centrality(reference),
        "betweenness": nx.betweenness_centrality(reference),
        "closeness": nx.closeness_centrality(reference),
        "eigenvector": nx.eigenvector_centrality_numpy(reference, weight="weight"),
        "pagerank": nx.pagerank(reference, weight="weight"),
    }
    for name, values in expected.items():
        for term, value in values.items():
            assert measures.loc[term, name] == pytest.approx(value, rel=1e-6, abs=1e-9), (name, term)
    assert measures.loc["n33", "degree"] == reference.degree("n33")
    assert measures.loc["n33", "weighted_degree"] == reference.degree("n33", weight="weight")


def test_louvain_is_seeded_and_numbered_by_size():
    nodes, edges = karate()
    graph = build_graph(nodes, edges, weight="count")
    first, again = louvain(graph, seed=1), louvain(graph, seed=1)
    assert first == again
    sizes = pd.Series(first).value_counts().sort_index()
    assert list(sizes) == sorted(sizes, reverse=True) and sizes.index[0] == 1
    assert set(first) == set(graph.nodes)


def test_filters_and_backbone():
    docs = [["a", "b", "c"], ["a", "b"], ["a", "c"], ["a", "d"], ["b", "c"], ["a", "b", "d"]]
    edges = edge_table(cooccurrence(docs, list("abcd")))
    assert set(filter_edges(edges, weight="count", min_count=2)[["source", "target"]].itertuples(index=False, name=None)) == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")}
    top1 = filter_edges(edges, weight="count", top_k=1)
    # each node keeps its single strongest edge: a→b (3), b→a, c→{a,b} tie broken by term → a, d→a
    assert set(top1[["source", "target"]].itertuples(index=False, name=None)) == {("a", "b"), ("a", "c"), ("a", "d")}
    with pytest.raises(ConfigError, match="network.weight"):
        filter_edges(edges, weight="pmi")  # type: ignore[arg-type]
    graph = build_graph(pd.DataFrame({"term": list("abcd"), "tf": [5, 4, 3, 2]}), edges, weight="count")
    tree = backbone(graph)
    assert tree.number_of_edges() == 3 and nx.is_tree(tree)
    assert tree.size(weight="weight") == max(
        sum(graph.edges[e]["weight"] for e in combo) for combo in itertools.combinations(graph.edges, 3) if nx.is_tree(graph.edge_subgraph(combo)) and len(graph.edge_subgraph(combo)) == 4
    )
    assert graph.nodes["a"]["tf"] == 5 and graph.edges["a", "b"]["npmi"] == pytest.approx(edges.iloc[0]["npmi"])


def test_rank_table_and_distinct_terms():
    nodes = pd.DataFrame(
        {
            "query": ["q1"] * 6 + ["q2"] * 3,
            "year": [2019, 2019, 2019, 2020, 2020, 2020, 2019, 2019, 2019],
            "term": ["a", "b", "c", "a", "b", "d", "a", "x", "y"],
            "degree_centrality": [0.9, 0.5, 0.1, 0.2, 0.8, 0.5, 0.9, 0.8, 0.1],
        }
    )
    table = rank_table(nodes, query="q1", measure="degree_centrality", n=2)
    assert list(table["term"]) == ["b", "d", "a"]
    assert table.set_index("term").loc["a", "2019"] == 1 and table.set_index("term").loc["a", "change"] == -2
    assert pd.isna(table.set_index("term").loc["d", "2019"])
    distinct = distinct_terms(nodes, measure="degree_centrality", n=2)
    q1_2019 = distinct[(distinct["query"] == "q1") & (distinct["year"] == 2019)]
    assert list(q1_2019["term"]) == ["b"]  # a is also a node of q2 in 2019
    assert list(distinct[(distinct["query"] == "q2")]["term"]) == ["x"]
