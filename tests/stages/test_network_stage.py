"""The network stage and report section on the demo study: Parquet contents, Gephi files, tables, figures, `related`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from trendscope.artifacts import read_tokens
from trendscope.cli import app
from trendscope.config import load_config
from trendscope.pipeline import stage_params
from trendscope.report.figures.network import drawing_edges, plot_network
from trendscope.report.render import write_figure
from trendscope.stages.network import STAGE, group_network

runner = CliRunner()


def processed(demo_study: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(demo_study / "data" / "processed" / name)


def test_stage_writes_one_network_per_query_and_year(demo_study):
    nodes, edges = processed(demo_study, "network_nodes.parquet"), processed(demo_study, "network_edges.parquet")
    config = load_config(demo_study / "study.yaml")
    assert nodes.groupby(["query", "year"]).size().eq(config.network.top_n).all()
    assert set(nodes["year"]) == {2018, 2019, 2020, 2021} and set(nodes["query"]) == {"smartcity", "socialinnovation"}
    for column in ["tf", "degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank", "community", "concor_block", "concor_block_1", "concor_block_2"]:
        assert column in nodes, column
    assert (edges["count"] >= config.network.min_count).all()
    assert (edges["source"] < edges["target"]).all()
    # the backbone is a spanning forest of each network
    for (_q, _y), part in edges.groupby(["query", "year"]):
        tree = nx.Graph(list(zip(part.loc[part["backbone"], "source"], part.loc[part["backbone"], "target"], strict=True)))
        assert nx.is_forest(tree)
    # planted trend: 코로나19 appears in the networks only from 2020
    covid = nodes[nodes["term"] == "코로나19"]
    assert not covid.empty and covid["year"].min() >= 2020


def test_group_network_is_deterministic(demo_study):
    config = load_config(demo_study / "study.yaml")
    tokens = read_tokens(next((demo_study / "data" / "processed").glob("tokens-*.parquet")))
    terms = processed(demo_study, "terms.parquet")
    part_tokens = tokens[(tokens["query"] == "smartcity") & (tokens["year"] == 2020)]
    part_terms = terms[(terms["query"] == "smartcity") & (terms["year"] == 2020)]
    first = group_network(part_tokens, part_terms, stage_params(STAGE, config).network)
    again = group_network(part_tokens.sample(frac=1, random_state=3), part_terms, stage_params(STAGE, config).network)
    pd.testing.assert_frame_equal(first[0], again[0])
    pd.testing.assert_frame_equal(first[1], again[1])


def test_graphml_and_gexf_keep_every_attribute(demo_study):
    networks = demo_study / "reports" / "networks"
    nodes = processed(demo_study, "network_nodes.parquet")
    expected = nodes[(nodes["query"] == "socialinnovation") & (nodes["year"] == 2019)].set_index("term")
    graph = nx.read_graphml(networks / "socialinnovation_2019.graphml")
    assert set(graph.nodes) == set(expected.index) and "사회혁신" not in graph  # the query word is no node of its own network
    for term, data in graph.nodes(data=True):
        assert data["label"] == term
        for column in ["tf", "degree", "community", "concor_block", "concor_block_1"]:
            assert data[column] == expected.loc[term, column], (term, column)
        for column in ["betweenness", "closeness", "eigenvector", "pagerank", "weighted_degree"]:
            assert data[column] == pytest.approx(expected.loc[term, column]), (term, column)
    edge = next(iter(graph.edges(data=True)))[2]
    assert {"weight", "count", "jaccard", "npmi", "backbone"} <= set(edge)
    gexf = nx.read_gexf(networks / "socialinnovation_2019.gexf")
    assert gexf.number_of_nodes() == graph.number_of_nodes() and gexf.number_of_edges() == graph.number_of_edges()
    assert {d.get("label") for _, d in gexf.nodes(data=True)} == set(expected.index)  # Korean labels kept


def test_report_tables_and_figures(demo_study):
    reports = demo_study / "reports"
    top = pd.read_csv(reports / "tables" / "network_centrality_top20_by_year.csv", encoding="utf-8-sig")
    assert top.groupby(["query", "year"]).size().ge(20).all()  # ties at rank 20 are all kept
    for (_q, _y), part in top.groupby(["query", "year"]):
        assert part["strength_centrality"].is_monotonic_decreasing and part["rank"].is_monotonic_increasing
        # tied values share the lowest rank, and `tied` says how many share it
        assert (part.groupby("rank")["tied"].first() == part.groupby("rank").size()).all()
    ranks = pd.read_csv(reports / "tables" / "network_rank_change_smartcity.csv", encoding="utf-8-sig")
    assert {"term", "2018", "2021", "best_rank", "change"} <= set(ranks.columns)
    communities = pd.read_csv(reports / "tables" / "network_communities.csv", encoding="utf-8-sig")
    assert (communities["community"] >= 1).all()
    for name in ["network_smartcity_2021", "network_by_year_socialinnovation", "concor_smartcity_2018", "network_rank_change_smartcity"]:
        png = reports / "figures" / f"{name}.png"
        assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 30_000, name
    assert "networks/" in (reports / "README.md").read_text(encoding="utf-8") and (reports / "networks" / "smartcity_2018.graphml").is_file()


def test_network_figure_draws_korean_labels_without_missing_glyphs(demo_study, tmp_path):
    # pytest turns a "missing glyph" warning into an error (pyproject filterwarnings)
    nodes, edges = processed(demo_study, "network_nodes.parquet"), processed(demo_study, "network_edges.parquet")
    part_nodes = nodes[(nodes["query"] == "smartcity") & (nodes["year"] == 2021)]
    part_edges = edges[(edges["query"] == "smartcity") & (edges["year"] == 2021)]
    drawn_nodes, drawn_edges = drawing_edges(part_nodes, part_edges, n=25, backbone=True)
    assert len(drawn_nodes) == 25 and len(drawn_edges) < 2 * 25  # a readable drawing, not a hairball
    fig = plot_network(drawn_nodes, drawn_edges, title="스마트시티 2021", caption="테스트")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert set(drawn_nodes["term"]) <= texts
    png = write_figure(fig, tmp_path / "net", 80)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_related_command(demo_study, tmp_path):
    out = tmp_path / "related"
    result = runner.invoke(app, ["related", "리빙랩", "--config", str(demo_study / "study.yaml"), "--query", "socialinnovation", "--n", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "related_리빙랩_socialinnovation.csv", encoding="utf-8-sig")
    assert table.groupby("year").size().eq(5).all()
    assert (table["count"] >= 3).all() and "리빙랩" not in set(table["term"])
    for _year, part in table.groupby("year"):
        assert part["npmi"].is_monotonic_decreasing
    assert (out / "related_리빙랩_socialinnovation.png").stat().st_size > 20_000
    result = runner.invoke(app, ["related", "없는낱말", "--config", str(demo_study / "study.yaml"), "--out", str(out)])
    assert result.exit_code == 1 and "does not occur" in result.output and "Traceback" not in result.output
