"""Graph building, edge filters, backbone, centralities (checked against networkx) and seeded Louvain."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from trendscope.analysis.cooccurrence import cooccurrence, edge_table
from trendscope.analysis.network import backbone, build_graph, filter_edges, louvain, node_measures
from trendscope.analysis.network_compare import centrality_ranks, distinct_terms, rank_table
from trendscope.errors import ConfigError


def karate() -> tuple[pd.DataFrame, pd.DataFrame]:
    graph = nx.karate_club_graph()
    edges = pd.DataFrame(
        [(f"n{min(u, v):02d}", f"n{max(u, v):02d}", int(d["weight"])) for u, v, d in graph.edges(data=True)], columns=["source", "target", "count"]
    ).assign(jaccard=0.5, npmi=0.1)
    nodes = pd.DataFrame({"term": sorted({*edges["source"], *edges["target"]}), "tf": 1})
    return nodes, edges


def test_unweighted_centralities_match_networkx():
    nodes, edges = karate()
    graph = build_graph(nodes, edges, weight="count")
    measures = node_measures(graph, centrality="unweighted").set_index("term")
    reference = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"n{i:02d}")
    expected = {
        "degree_centrality": nx.degree_centrality(reference),
        "strength_centrality": nx.degree_centrality(reference),
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


def test_weighted_centralities_use_distance_one_over_weight():
    nodes, edges = karate()
    graph = build_graph(nodes, edges, weight="count")
    measures = node_measures(graph).set_index("term")  # weighted is the default
    reference = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"n{i:02d}")
    for _, _, data in reference.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    expected = {
        "betweenness": nx.betweenness_centrality(reference, weight="distance"),
        "closeness": nx.closeness_centrality(reference, distance="distance"),
        "degree_centrality": nx.degree_centrality(reference),
    }
    for name, values in expected.items():
        for term, value in values.items():
            assert measures.loc[term, name] == pytest.approx(value, rel=1e-6, abs=1e-9), (name, term)
    top = max(d["weight"] for _, _, d in reference.edges(data=True))
    strength = dict(reference.degree(weight="weight"))
    for term, value in strength.items():
        assert measures.loc[term, "strength_centrality"] == pytest.approx(value / (33 * top))
    # weights change the order: weighted betweenness differs from the hop-count one somewhere
    unweighted = node_measures(graph, centrality="unweighted").set_index("term")
    assert not np.allclose(measures["betweenness"], unweighted["betweenness"])
    with pytest.raises(ConfigError, match="network.centrality"):
        node_measures(graph, centrality="hops")  # type: ignore[arg-type]


def test_strong_tie_is_a_short_path_and_nonpositive_weights_are_not_paths():
    # a–b–c strongly tied (weight 10), a–c weakly (weight 1): with distance 1/weight the path via b
    # (0.2) beats the direct edge (1.0), so b lies on the a–c shortest path; on hop counts it does not.
    edges = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "d"], "count": [10, 1, 10, 1]}).assign(jaccard=0.1, npmi=[0.5, -0.2, 0.5, 0.0])
    nodes = pd.DataFrame({"term": list("abcd"), "tf": 1})
    weighted = node_measures(build_graph(nodes, edges, weight="count")).set_index("term")
    hops = node_measures(build_graph(nodes, edges, weight="count"), centrality="unweighted").set_index("term")
    assert weighted.loc["b", "betweenness"] > 0 and hops.loc["b", "betweenness"] == 0
    # npmi: a–c (−0.2) and c–d (0) have no length, so d is unreachable and a reaches c only through b
    npmi = node_measures(build_graph(nodes, edges, weight="npmi")).set_index("term")
    assert npmi.loc["d", "closeness"] == 0 and npmi.loc["b", "betweenness"] > 0
    assert np.isfinite(npmi.to_numpy(dtype=float)).all()


def test_equal_centralities_share_a_rank_and_show_the_tie_size():
    # smartcity 2015 shape: seven distinct leaders, then eight terms at 7/39 = 0.1795, then the rest
    values = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3] + [7 / 39] * 8 + [0.1, 0.05]
    terms = [f"t{i:02d}" for i in range(len(values))][::-1]  # names in reverse, so alphabetical order is not value order
    nodes = pd.DataFrame({"query": "smartcity", "year": 2015, "term": terms, "degree_centrality": values})
    ranks = centrality_ranks(nodes, measure="degree_centrality")
    tied = ranks[np.isclose(ranks["degree_centrality"], 7 / 39)]
    assert set(tied["rank"]) == {8} and set(tied["tied"]) == {8}
    assert list(tied["term"]) == sorted(tied["term"])  # listed alphabetically, but ranked together
    assert list(ranks["rank"]) == [1, 2, 3, 4, 5, 6, 7, *[8] * 8, 16, 17]
    assert set(ranks.loc[ranks["rank"] != 8, "tied"]) == {1}
    # float noise in the last bits is still a tie
    noisy = nodes.assign(degree_centrality=[v + (1e-15 if i % 2 else 0) for i, v in enumerate(values)])
    assert centrality_ranks(noisy, measure="degree_centrality")["rank"].tolist() == list(ranks["rank"])


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


def test_rank_change_counts_only_beyond_the_tie_width():
    nodes = pd.DataFrame(
        {
            "query": "q",
            "year": [2015] * 6 + [2020] * 6,
            "term": list("abcdef") * 2,
            # 2015: a first, b–e tied at rank 2 (×4), f last.  2020: e first, then f, d, c, b, a.
            "degree_centrality": [0.9, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1, 0.3, 0.4, 0.5, 0.9, 0.8],
        }
    )
    table = rank_table(nodes, query="q", measure="degree_centrality", n=6).set_index("term")
    assert table.loc["b", "2015"] == 2 and table.loc["b", "tied_2015"] == 4
    # b: rank 2 ×4 (2–5) → 5: a change of −3 that the tie order explains
    assert table.loc["b", "change"] == -3 and not table.loc["b", "change_beyond_ties"]
    # e: 2–5 → 1: beyond the ties; a: 1 → 6, beyond; f: 6 → 2, beyond
    assert table.loc["e", "change"] == 1 and table.loc["e", "change_beyond_ties"]
    assert table.loc["a", "change_beyond_ties"] and table.loc["f", "change_beyond_ties"]
    # c: 2–5 → 4 and d: 2–5 → 3, inside their tie interval
    assert not table.loc["c", "change_beyond_ties"] and not table.loc["d", "change_beyond_ties"]
    assert str(table["change_beyond_ties"].dtype) == "boolean"


def test_rank_table_keeps_every_term_tied_at_the_cut_and_marks_missing_years():
    nodes = pd.DataFrame({"query": "q", "year": [2019] * 4 + [2020] * 2, "term": ["a", "b", "c", "d", "a", "e"], "degree_centrality": [0.9, 0.5, 0.5, 0.5, 0.9, 0.1]})
    table = rank_table(nodes, query="q", measure="degree_centrality", n=2).set_index("term")
    assert sorted(table.index) == ["a", "b", "c", "d", "e"]  # b, c, d share rank 2 in 2019, so all three are in the top 2; e is 2nd in 2020
    assert pd.isna(table.loc["b", "change_beyond_ties"]) and pd.isna(table.loc["b", "2020"])
    assert table.loc["a", "change"] == 0 and not table.loc["a", "change_beyond_ties"]


def test_eigenvector_centrality_does_not_depend_on_earlier_calls():
    """Found by tests/test_crash.py: ARPACK's random start carried over between calls, so a resumed run differed at 1e-16."""
    import networkx as nx

    from trendscope.analysis.network import _eigenvector

    graph = nx.Graph()
    for i in range(30):
        for j in range(i + 1, 30):
            if (i * 7 + j * 3) % 5 < 2:
                graph.add_edge(f"t{i}", f"t{j}", weight=1 + (i * j) % 11 / 3)
    first = _eigenvector(graph)
    assert all(_eigenvector(graph) == first for _ in range(5))
    reference = nx.eigenvector_centrality(graph, weight="weight", max_iter=10000, tol=1e-14)
    assert max(abs(first[t] - reference[t]) for t in graph) < 1e-9
