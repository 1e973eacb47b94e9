"""Co-occurrence networks per query × year: centrality and community tables, drawings, and the Gephi files' names."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.concor import convergence_summary
from trendscope.analysis.cooccurrence import FORMULAS
from trendscope.analysis.network_compare import centrality_ranks
from trendscope.report.figures.network import drawing_edges, plot_concor, plot_network, plot_network_years, plot_rank_slopes
from trendscope.report.figures.style import query_colors
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

TABLE_TOP = 20
MEASURE_COLUMNS = ["degree_centrality", "strength_centrality", "betweenness", "closeness", "eigenvector", "pagerank", "degree", "weighted_degree"]


def build_tables(settings: ReportSettings, nodes: pd.DataFrame, edges: pd.DataFrame, ranks: pd.DataFrame, distinct: pd.DataFrame) -> list[Table]:
    labels = settings.labels
    net = settings.network
    n = min(TABLE_TOP, net.top_n)
    measure = net.rank_measure
    node_ranks = centrality_ranks(nodes, measure=measure)[["query", "year", "term", "rank", "tied"]]
    ranked = nodes.merge(node_ranks, on=["query", "year", "term"]).sort_values(["query", "year", "rank", "term"], kind="stable")
    top = ranked[ranked["rank"] <= n][["query", "year", "rank", "tied", "term", "tf", *MEASURE_COLUMNS, "community", "concor_block", "concor_converged"]]
    top = top.round({c: 4 for c in MEASURE_COLUMNS if c != "degree"})
    concor_cols = sorted(c for c in nodes.columns if c.startswith("concor_block"))
    members = nodes.sort_values(["query", "year", "community", "tf", "term"], ascending=[True, True, True, False, True], kind="stable")[["query", "year", "term", "tf", "community", *concor_cols]]
    edge_table = edges.sort_values(["query", "year", "weight", "source", "target"], ascending=[True, True, False, True, True], kind="stable").round({"jaccard": 4, "npmi": 4, "weight": 4})
    paths = "betweenness and closeness on distances 1/weight" if net.centrality == "weighted" else "betweenness and closeness on hop counts"
    tables = [
        Table(f"network_centrality_top{n}_by_year", top,
              f"Top {n} nodes per query × year by {measure} (rank: tied values share the lowest rank; tied = how many share it); "
              f"{paths}; strength centrality = weighted degree / ((n−1) · largest weight); eigenvector and PageRank weighted by {net.weight}; "
              "concor_converged = false where the CONCOR split of the node's block stopped at max_iter (its sign split is arbitrary)."),
        Table("network_communities", members, f"Louvain community (seed {net.seed}, resolution {net.resolution}) and CONCOR blocks (depth {net.concor.depth}, diagonal {net.concor.diagonal}) of every node."),
        Table("network_edges", edge_table, f"Edges kept (count ≥ {net.min_count}, top {net.top_k} per node) over {net.unit}s; {FORMULAS['jaccard']}; {FORMULAS['npmi']}; backbone = maximum spanning tree by {net.weight}."),
        Table(f"network_distinct_top{n}", distinct, f"Per year: terms in one query's top {n} by {measure} that are not nodes of any other query's network that year."),
    ]
    for key in settings.query_keys:
        tables.append(Table(f"network_rank_change_{key}", query_ranks(ranks, key),
                            f"{labels[key]}: rank by {measure} per year of the terms in the top {n} of any year (tied_<year> = terms sharing that rank); "
                            "change = first year − last year (positive = rose); change_beyond_ties = the change is larger than the tie width."))
    return tables


def query_ranks(ranks: pd.DataFrame, key: str) -> pd.DataFrame:
    """One query's rank-change table, as the network stage saved it (year columns that query has)."""
    part = ranks[ranks["query"] == key].drop(columns="query").reset_index(drop=True)
    empty_years = [c for c in part.columns if c.removeprefix("tied_").isdigit() and part[c].isna().all()]
    return part.drop(columns=empty_years)


def build(data: ReportData, settings: ReportSettings) -> Section:
    nodes, edges = data.network_nodes, data.network_edges
    net, lang = settings.network, settings.language
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    caption_base = f"{label('source', lang)}: {settings.source} · {net.unit} · weight = {net.weight} · Louvain (seed {net.seed})"
    figures: list[FigureJob] = []
    for key in settings.query_keys:
        panels = []
        for year in settings.years:
            part_nodes = nodes[(nodes["query"] == key) & (nodes["year"] == year)]
            part_edges = edges[(edges["query"] == key) & (edges["year"] == year)]
            if part_nodes.empty:
                continue
            drawn_nodes, drawn_edges = drawing_edges(part_nodes, part_edges, n=net.draw_nodes, backbone=net.backbone)
            caption = f"{caption_base} · {len(drawn_nodes)}/{len(part_nodes)} nodes" + (" · maximum spanning tree + strongest edge per node" if net.backbone else "")
            title = label("network_title", lang, label=labels[key], year=year)
            figures.append(FigureJob(f"network_{key}_{year}", plot_network, {"nodes": drawn_nodes, "edges": drawn_edges, "title": title, "caption": caption, "language": lang},
                                     f"{title} — {caption}"))
            panels.append((str(year), drawn_nodes, drawn_edges, None))
            concor_caption = f"{label('source', lang)}: {settings.source} · CONCOR on co-occurrence counts of {len(part_nodes)} terms · diagonal {net.concor.diagonal}"
            title = label("concor_title", lang, label=labels[key], year=year, depth=net.concor.depth)
            figures.append(FigureJob(f"concor_{key}_{year}", plot_concor, {"blocks": part_nodes, "title": title, "caption": concor_caption, "language": lang},
                                     f"{title} — {concor_caption}"))
        if panels:
            title = label("network_years_title", lang, label=labels[key])
            figures.append(FigureJob(f"network_by_year_{key}", plot_network_years, {"panels": panels, "title": title, "caption": caption_base}, f"{title} — {caption_base}"))
            n = min(TABLE_TOP, net.top_n)
            title = label("rank_slope_title", lang, label=labels[key], measure=net.rank_measure)
            caption = f"{label('source', lang)}: {settings.source} · " + ("순위 변화가 동순위 폭보다 큰 단어만" if lang == "ko" else "only terms whose change exceeds the tie width")
            ranks = query_ranks(data.network_ranks, key)
            moved = ranks[ranks["change_beyond_ties"].fillna(False).astype(bool)] if "change_beyond_ties" in ranks else ranks
            kwargs = {"ranks": moved, "title": title, "caption": caption, "color": colors[key], "n": n, "language": lang}
            figures.append(FigureJob(f"network_rank_change_{key}", plot_rank_slopes, kwargs, f"{title} — {caption}"))
    text = (
        convergence_summary(nodes) + " "
        + f"Co-occurrence within a {net.unit}" + (f" of {net.window} tokens" if net.unit == "window" else "")
        + f"; nodes: top {net.top_n} terms by {net.nodes_by}; weight: {FORMULAS[net.weight]}. "
        + f"GraphML and GEXF files for Gephi: {', '.join(f'`networks/{name}`' for name in data.network_files)}."
    )
    return Section(key="network", title="Co-occurrence networks", tables=build_tables(settings, nodes, edges, data.network_ranks, data.network_distinct), figures=figures, text=text)
