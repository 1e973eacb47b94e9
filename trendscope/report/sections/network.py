"""Co-occurrence networks per query × year: centrality and community tables, drawings, and the Gephi files' names."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.network import drawing_edges, plot_concor, plot_network, plot_network_years, plot_rank_slopes, union_layout
from trendscope.report.figures.style import panel_years, query_colors
from trendscope.report.i18n import column_label, label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

TABLE_TOP = 20
MEASURE_COLUMNS = ["degree_centrality", "strength_centrality", "betweenness", "closeness", "eigenvector", "pagerank", "degree", "weighted_degree"]


def build_tables(settings: ReportSettings, nodes: pd.DataFrame, edges: pd.DataFrame, ranks: pd.DataFrame, distinct: pd.DataFrame) -> list[Table]:
    t = settings.text("network")
    labels = settings.labels
    net = settings.network
    n = min(TABLE_TOP, net.top_n)
    measure = column_label(net.rank_measure, settings.language)
    ranked = nodes.rename(columns={"centrality_rank": "rank", "centrality_tied": "tied"}).sort_values(["query", "year", "rank", "term"], kind="stable")
    top = ranked[ranked["rank"] <= n][["query", "year", "rank", "tied", "term", "tf", *MEASURE_COLUMNS, "community", "concor_block", "concor_converged"]]
    top = top.round({c: 4 for c in MEASURE_COLUMNS if c != "degree"})
    concor_cols = sorted(c for c in nodes.columns if c.startswith("concor_block"))
    members = nodes.sort_values(["query", "year", "community", "tf", "term"], ascending=[True, True, True, False, True], kind="stable")[["query", "year", "term", "tf", "community", *concor_cols]]
    edge_table = edges.sort_values(["query", "year", "weight", "source", "target"], ascending=[True, True, False, True, True], kind="stable").round({"jaccard": 4, "npmi": 4, "weight": 4})
    paths = t["paths_weighted"] if net.centrality == "weighted" else t["paths_hops"]
    weight_formula = t[f"{net.weight}_formula"]
    def table(name: str, frame: pd.DataFrame, note: str, *, unit: str = "", formula: str = "") -> Table:
        return Table(name, frame, note, unit=unit or t["unit"], formula=formula, caption=note.split("(")[0].split(";")[0].rstrip(" :") + ".")

    tables = [
        table(f"network_centrality_top{n}_by_year", top, t["centrality_table"].format(n=n, measure=measure, paths=paths, weight=settings.setting("network.weight")), unit=t["unit"],
              formula=settings.formula("centrality")),
        table("network_communities", members, t["communities_table"].format(seed=net.seed, resolution=net.resolution, depth=net.concor.depth, diagonal=settings.setting("network.concor.diagonal")),
              formula=settings.formula("communities")),
        table("network_edges", edge_table, t["edges_table"].format(min_count=net.min_count, top_k=net.top_k, unit=t[net.unit], jaccard=t["jaccard_formula"], npmi=t["npmi_formula"], weight=settings.setting("network.weight")),
              unit=t["count_formula"], formula=weight_formula),
        table(f"network_distinct_top{n}", distinct, t["distinct_table"].format(n=n, measure=measure)),
    ]
    for key in settings.query_keys:
        tables.append(table(f"network_rank_change_{key}", query_ranks(ranks, key), t["rank_table"].format(label=labels[key], n=n, measure=measure), unit=column_label("rank", settings.language)))
    return tables


def concor_line(nodes: pd.DataFrame, t: dict[str, str]) -> str:
    """How many networks had a CONCOR split that stopped at max_iter, worded in the report language."""
    if "concor_converged" not in nodes.columns or nodes.empty:
        return ""
    per_network = nodes.groupby(["query", "year"], sort=True)["concor_converged"].all()
    failed = [f"{q} {y}" for (q, y), ok in per_network.items() if not ok]
    if not failed:
        return t["concor_ok"].format(n=len(per_network))
    return t["concor_failed"].format(n=len(failed), total=len(per_network), which=", ".join(failed))


def query_ranks(ranks: pd.DataFrame, key: str) -> pd.DataFrame:
    """One query's rank-change table, as the network stage saved it (year columns that query has)."""
    part = ranks[ranks["query"] == key].drop(columns="query").reset_index(drop=True)
    empty_years = [c for c in part.columns if c.removeprefix("tied_").isdigit() and part[c].isna().all()]
    return part.drop(columns=empty_years)


def build(data: ReportData, settings: ReportSettings) -> Section:
    nodes, edges = data.network_nodes, data.network_edges
    net, lang = settings.network, settings.language
    t = settings.text("network")
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    measure = column_label(net.rank_measure, lang)
    caption_base = f"{label('source', lang)}: {settings.source} · " + t["net_caption"].format(unit=t[net.unit], weight=settings.setting("network.weight"), seed=net.seed)
    figures: list[FigureJob] = []
    for key in settings.query_keys:
        n_docs = int(data.volume.loc[data.volume["query"] == key, "kept"].sum())
        drawn: dict[int, tuple[pd.DataFrame, pd.DataFrame, int]] = {}  # year -> nodes and edges to draw, nodes in the network
        for year in settings.years:
            part_nodes = nodes[(nodes["query"] == key) & (nodes["year"] == year)]
            if not part_nodes.empty:
                part_edges = edges[(edges["query"] == key) & (edges["year"] == year)]
                drawn[year] = (*drawing_edges(part_nodes, part_edges, n=net.draw_nodes, backbone=net.backbone), len(part_nodes))
        # One layout for the query, on the union of every year's drawing: computed once here, shared by the small
        # multiples and each year's drawing (a term keeps its place from one figure to the next).
        pos = union_layout([(n, e) for n, e, _ in drawn.values()]) if drawn else {}
        # Past twelve years the small multiples show first, last and evenly spaced years (`panel_years`), and only those
        # years get a drawing of their own unless `trendscope figures --all` asked for every year's.
        shown = panel_years(list(drawn))
        panels = [(str(year), drawn[year][0], drawn[year][1], None) for year in shown]
        per_year = []
        for year in (list(drawn) if settings.all_figures else shown):
            drawn_nodes, drawn_edges, total = drawn[year]
            part_nodes = nodes[(nodes["query"] == key) & (nodes["year"] == year)]
            caption = f"{caption_base} · {t['nodes_drawn'].format(drawn=len(drawn_nodes), total=total)}" + (f" · {t['backbone']}" if net.backbone else "")
            title = label("network_title", lang, label=labels[key], year=year)
            per_year.append(FigureJob(f"network_{key}_{year}", plot_network,
                                      {"nodes": drawn_nodes, "edges": drawn_edges, "title": title, "caption": caption, "language": lang,
                                       "pos": {term: pos[term] for term in drawn_nodes["term"]}},
                                      title, embed=False, link_text=t["network_link"].format(label=labels[key], year=year)))
            concor_caption = f"{label('source', lang)}: {settings.source} · " + t["concor_caption"].format(n=total, diagonal=settings.setting("network.concor.diagonal"))
            title = label("concor_title", lang, label=labels[key], year=year, depth=net.concor.depth)
            per_year.append(FigureJob(f"concor_{key}_{year}", plot_concor, {"blocks": part_nodes, "title": title, "caption": concor_caption, "language": lang},
                                      title, embed=False, link_text=t["concor_link"].format(label=labels[key], year=year)))
        left_out = [year for year in drawn if year not in shown]
        subset = (t["years_subset_all"] if settings.all_figures else t["years_subset"]).format(
            shown=len(shown), total=len(drawn), years=", ".join(str(y) for y in left_out)) if left_out else ""
        if panels:
            title = label("network_years_title", lang, label=labels[key])
            figures.append(FigureJob(f"network_by_year_{key}", plot_network_years,
                                     {"panels": panels, "title": title, "caption": caption_base, "language": lang,
                                      "pos": {term: pos[term] for _, n, _, _ in panels for term in n["term"]}},
                                     settings.figure_caption(t["years_caption"].format(label=labels[key], n=net.draw_nodes) + subset, n=n_docs)))
            n = min(TABLE_TOP, net.top_n)
            title = label("rank_slope_title", lang, label=labels[key], measure=measure)
            caption = f"{label('source', lang)}: {settings.source} · " + t["slope_figure_caption"]
            ranks = query_ranks(data.network_ranks, key)
            moved = ranks[ranks["change_beyond_ties"].fillna(False).astype(bool)] if "change_beyond_ties" in ranks else ranks
            kwargs = {"ranks": moved, "title": title, "caption": caption, "color": colors[key], "n": n, "language": lang}
            figures.append(FigureJob(f"network_rank_change_{key}", plot_rank_slopes, kwargs,
                                     settings.figure_caption(t["slope_caption"].format(label=labels[key], measure=measure), n=n_docs)))
        figures += per_year
    text = (
        concor_line(nodes, t) + " "
        + t["text"].format(unit=t[net.unit], window=t["window_size"].format(n=net.window) if net.unit == "window" else "", nodes_by=column_label(net.nodes_by, lang),
                           top_n=net.top_n, formula=t[f"{net.weight}_formula"], count=len(data.network_files))
    )
    return Section(key="network", title=t["title"], tables=build_tables(settings, nodes, edges, data.network_ranks, data.network_distinct), figures=figures, text=text)
