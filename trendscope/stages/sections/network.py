"""Co-occurrence networks per query × year: GraphML/GEXF for Gephi, centrality and community tables, drawings."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from trendscope.analysis.cooccurrence import FORMULAS
from trendscope.analysis.network import build_graph
from trendscope.analysis.network_compare import distinct_terms, rank_table
from trendscope.config import StudyConfig
from trendscope.report.figures.network import drawing_edges, layout, plot_concor, plot_network, plot_network_years, plot_rank_slopes
from trendscope.report.figures.style import query_colors, save_figure
from trendscope.report.labels import label
from trendscope.report.tables import Table
from trendscope.stages.count import read_frame
from trendscope.stages.sections import ReportContext, Section

RANK_MEASURE = "degree_centrality"
TABLE_TOP = 20
MEASURE_COLUMNS = ["degree_centrality", "betweenness", "closeness", "eigenvector", "pagerank", "degree", "weighted_degree"]


def _plain(value: object) -> object:
    """numpy scalars to the Python types GraphML and GEXF writers accept."""
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame, *, weight: str) -> nx.Graph:
    """The graph of one query × year with every node measure, community id and edge weight as attributes."""
    node_cols = [c for c in nodes.columns if c not in ("query", "year")]
    edge_cols = [c for c in edges.columns if c not in ("query", "year", "weight")]
    graph = build_graph(nodes[node_cols], edges[edge_cols], weight=weight)  # type: ignore[arg-type]
    for _, data in graph.nodes(data=True):
        data.update({k: _plain(v) for k, v in data.items()})
    for _, _, data in graph.edges(data=True):
        data.update({k: _plain(v) for k, v in data.items()})
    return graph


def write_network_files(graph: nx.Graph, base: Path) -> list[Path]:
    """<base>.graphml and <base>.gexf (UTF-8, Korean labels, every attribute)."""
    base.parent.mkdir(parents=True, exist_ok=True)
    graphml, gexf = base.with_suffix(".graphml"), base.with_suffix(".gexf")
    nx.write_graphml(graph, graphml, encoding="utf-8", prettyprint=True)
    nx.write_gexf(graph, gexf, encoding="utf-8", prettyprint=True)
    return [graphml, gexf]


def build_tables(config: StudyConfig, nodes: pd.DataFrame, edges: pd.DataFrame) -> list[Table]:
    labels = {q.key: q.label for q in config.queries}
    n = min(TABLE_TOP, config.network.top_n)
    ranked = nodes.sort_values(["query", "year", RANK_MEASURE, "term"], ascending=[True, True, False, True], kind="stable")
    ranked = ranked.assign(rank=ranked.groupby(["query", "year"]).cumcount() + 1)
    top = ranked[ranked["rank"] <= n][["query", "year", "rank", "term", "tf", *MEASURE_COLUMNS, "community", "concor_block"]]
    top = top.round({c: 4 for c in MEASURE_COLUMNS if c != "degree"})
    concor_cols = sorted(c for c in nodes.columns if c.startswith("concor_block"))
    members = nodes.sort_values(["query", "year", "community", "tf", "term"], ascending=[True, True, True, False, True], kind="stable")[["query", "year", "term", "tf", "community", *concor_cols]]
    edge_table = edges.sort_values(["query", "year", "weight", "source", "target"], ascending=[True, True, False, True, True], kind="stable").round({"jaccard": 4, "npmi": 4, "weight": 4})
    net = config.network
    tables = [
        Table(f"network_centrality_top{n}_by_year", top, f"Top {n} nodes per query × year by degree centrality; betweenness and closeness on the unweighted graph, eigenvector and PageRank weighted by {net.weight}."),
        Table("network_communities", members, f"Louvain community (seed {net.seed}, resolution {net.resolution}) and CONCOR blocks (depth {net.concor.depth}, diagonal {net.concor.diagonal}) of every node."),
        Table("network_edges", edge_table, f"Edges kept (count ≥ {net.min_count}, top {net.top_k} per node) over {net.unit}s; {FORMULAS['jaccard']}; {FORMULAS['npmi']}; backbone = maximum spanning tree by {net.weight}."),
        Table(f"network_distinct_top{n}", distinct_terms(nodes, measure=RANK_MEASURE, n=n), "Per year: terms in one query's top by degree centrality that are not nodes of the other query's network that year."),
    ]
    for key in config.query_keys:
        ranks = rank_table(nodes, query=key, measure=RANK_MEASURE, n=n)
        tables.append(Table(f"network_rank_change_{key}", ranks, f"{labels[key]}: degree-centrality rank per year of the terms in the top {n} of any year; change = first year − last year (positive = rose)."))
    return tables


def build(context: ReportContext) -> Section:
    config, paths = context.config, context.paths
    nodes, edges = read_frame(paths.network_nodes), read_frame(paths.network_edges)
    net, lang, dpi = config.network, config.report.language, config.report.dpi
    labels = {q.key: q.label for q in config.queries}
    colors = query_colors(config.query_keys)
    networks_dir = context.figures_dir.parent / "networks"
    source = label("source_demo", lang) if context.synthetic else ", ".join(config.sources.active())
    caption_base = f"{label('source', lang)}: {source} · {net.unit} · weight = {net.weight} · Louvain (seed {net.seed})"
    figures: list[Path] = []
    network_files: list[Path] = []
    for key in config.query_keys:
        panels = []
        for year in config.years:
            part_nodes = nodes[(nodes["query"] == key) & (nodes["year"] == year)]
            part_edges = edges[(edges["query"] == key) & (edges["year"] == year)]
            if part_nodes.empty:
                continue
            network_files += write_network_files(network_graph(part_nodes, part_edges, weight=net.weight), networks_dir / f"{key}_{year}")
            drawn_nodes, drawn_edges = drawing_edges(part_nodes, part_edges, n=net.draw_nodes, backbone=net.backbone)
            caption = f"{caption_base} · {len(drawn_nodes)}/{len(part_nodes)} nodes" + (" · maximum spanning tree + strongest edge per node" if net.backbone else "")
            pos = layout(list(drawn_nodes["term"]), drawn_edges)
            fig = plot_network(drawn_nodes, drawn_edges, title=label("network_title", lang, label=labels[key], year=year), caption=caption, language=lang, pos=pos)
            figures += save_figure(fig, context.figures_dir / f"network_{key}_{year}", dpi)
            panels.append((str(year), drawn_nodes, drawn_edges, pos))
            concor_caption = f"{label('source', lang)}: {source} · CONCOR on co-occurrence counts of {len(part_nodes)} terms · diagonal {net.concor.diagonal}"
            fig = plot_concor(part_nodes, title=label("concor_title", lang, label=labels[key], year=year, depth=net.concor.depth), caption=concor_caption, language=lang)
            figures += save_figure(fig, context.figures_dir / f"concor_{key}_{year}", dpi)
        if panels:
            fig = plot_network_years(panels, title=label("network_years_title", lang, label=labels[key]), caption=caption_base)
            figures += save_figure(fig, context.figures_dir / f"network_by_year_{key}", dpi)
            n = min(TABLE_TOP, net.top_n)
            fig = plot_rank_slopes(rank_table(nodes, query=key, measure=RANK_MEASURE, n=n), title=label("rank_slope_title", lang, label=labels[key], measure="degree centrality"), caption=f"{label('source', lang)}: {source}", color=colors[key], n=n, language=lang)
            figures += save_figure(fig, context.figures_dir / f"network_rank_change_{key}", dpi)
    text = (
        f"Co-occurrence within a {net.unit}" + (f" of {net.window} tokens" if net.unit == "window" else "")
        + f"; nodes: top {net.top_n} terms by {net.nodes_by}; weight: {FORMULAS[net.weight]}. "
        + f"GraphML and GEXF files for Gephi: {', '.join(f'`networks/{p.name}`' for p in network_files)}."
    )
    return Section(key="network", title="Co-occurrence networks", tables=build_tables(config, nodes, edges), figures=[p for p in figures if p.suffix == ".png"], text=text)
