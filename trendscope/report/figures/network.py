"""Keyword-network figures: one network, years as small multiples, the CONCOR tree, rank slopes, related words.

Each function takes data (node and edge tables) and returns a Figure; none computes measures.
"""

from __future__ import annotations

import math
import textwrap

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from trendscope.report.figures.style import add_caption, figure_style, new_figure
from trendscope.report.labels import Language, label

COMMUNITY_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


def community_color(community: int) -> str:
    return "#bbbbbb" if community <= 0 else COMMUNITY_PALETTE[(community - 1) % len(COMMUNITY_PALETTE)]


def drawing_edges(nodes: pd.DataFrame, edges: pd.DataFrame, *, n: int, backbone: bool, extra_per_node: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` most frequent nodes and the edges to draw among them: the maximum spanning tree of that subgraph
    plus each node's `extra_per_node` strongest other edges (with `backbone`), or every edge."""
    chosen = nodes.sort_values(["tf", "term"], ascending=[False, True], kind="stable").head(n)
    terms = set(chosen["term"])
    sub = edges[edges["source"].isin(terms) & edges["target"].isin(terms)]
    if not backbone or sub.empty:
        return chosen, sub
    graph = nx.Graph()
    graph.add_nodes_from(sorted(terms))
    graph.add_weighted_edges_from(sorted(zip(sub["source"], sub["target"], sub["weight"], strict=True)))
    tree = {tuple(sorted(e)) for e in nx.maximum_spanning_tree(graph, weight="weight").edges}
    both = pd.concat([sub.assign(node=sub["source"], other=sub["target"]), sub.assign(node=sub["target"], other=sub["source"])])
    both = both.sort_values(["node", "weight", "other"], ascending=[True, False, True], kind="stable")
    strongest = both[both.groupby("node", sort=False).cumcount() < extra_per_node]
    extra = {tuple(sorted(p)) for p in zip(strongest["source"], strongest["target"], strict=True)}
    keep = [tuple(sorted(p)) in tree | extra for p in zip(sub["source"], sub["target"], strict=True)]
    return chosen, sub[keep].assign(in_tree=[tuple(sorted(p)) in tree for p in zip(sub[keep]["source"], sub[keep]["target"], strict=True)])


def layout(terms: list[str], edges: pd.DataFrame, *, min_distance: float = 0.11) -> dict[str, np.ndarray]:
    """Kamada–Kawai positions in [0, 1]², then pushed apart so that no two nodes are closer than `min_distance`."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(terms))
    graph.add_edges_from(sorted(zip(edges["source"], edges["target"], strict=True)))
    if len(terms) == 1:
        return {terms[0]: np.array([0.5, 0.5])}
    raw = nx.kamada_kawai_layout(graph) if graph.number_of_nodes() else {}
    names = sorted(raw)
    xy = np.array([raw[t] for t in names], dtype=float)
    xy = (xy - xy.min(axis=0)) / np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-9)
    for _ in range(200):  # simple repulsion of overlapping nodes, deterministic
        diff = xy[:, None, :] - xy[None, :, :]
        diff[..., 1] *= 1.8  # labels are wider than tall: separate vertically more
        dist = np.sqrt((diff**2).sum(-1)) + np.eye(len(xy))
        push = np.clip(min_distance - dist, 0, None) / dist
        np.fill_diagonal(push, 0)
        if not push.any():
            break
        xy += 0.5 * (diff * push[..., None]).sum(axis=1) / len(xy) * 4
        xy = (xy - xy.min(axis=0)) / np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-9)
    return {t: xy[i] for i, t in enumerate(names)}


def draw_network(
    ax: Axes, nodes: pd.DataFrame, edges: pd.DataFrame, *, pos: dict[str, np.ndarray] | None = None, size_by: str = "tf", font_size: float = 9, max_node: float = 1400
) -> None:
    """Draw onto `ax`: node area ∝ `size_by`, colour = Louvain community, edge width ∝ weight, Korean labels.

    `pos` (from `layout`) can be passed so that several figures of one network share its layout."""
    terms = list(nodes["term"])
    pos = pos if pos is not None else layout(terms, edges)
    if len(edges):
        w = edges["weight"].to_numpy(dtype=float)
        span = w.max() - w.min()
        widths = 0.6 + 3.4 * ((w - w.min()) / span if span > 0 else np.ones_like(w))
        segments = [[pos[s], pos[t]] for s, t in zip(edges["source"], edges["target"], strict=True)]
        in_tree = edges["in_tree"].to_numpy() if "in_tree" in edges else np.ones(len(edges), dtype=bool)
        colors = ["#6b6b6b" if t else "#c4c4c4" for t in in_tree]
        ax.add_collection(LineCollection(segments, linewidths=widths, colors=colors, alpha=0.8, zorder=1))
    size = nodes[size_by].to_numpy(dtype=float)
    areas = 80 + max_node * (size / size.max() if size.max() > 0 else np.zeros_like(size))
    xy = np.array([pos[t] for t in terms]) if terms else np.zeros((0, 2))
    ax.scatter(xy[:, 0], xy[:, 1], s=areas, c=[community_color(int(c)) for c in nodes["community"]], alpha=0.85, edgecolors="white", linewidths=1.0, zorder=2)
    for (x, y), term in zip(xy, terms, strict=True):
        ax.text(x, y, term, ha="center", va="center", fontsize=font_size, zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6})
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.08, 1.08)
    ax.set_axis_off()


def community_legend(nodes: pd.DataFrame, language: Language) -> list[Line2D]:
    """One legend entry per community: its colour and its most frequent terms."""
    handles = []
    for community, part in nodes.groupby("community", sort=True):
        top = part.sort_values(["tf", "term"], ascending=[False, True], kind="stable")["term"].head(3)
        text = f"{label('community', language)} {community}: " + ", ".join(top)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=community_color(int(community)), markeredgecolor="white", label=text))
    return handles


def plot_network(
    nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str, caption: str, language: Language = "ko", size_by: str = "tf", pos: dict[str, np.ndarray] | None = None
) -> Figure:
    """One keyword network (already cut to the nodes and edges to draw)."""
    with figure_style():
        fig = new_figure(13, 9)
        ax = fig.subplots()
        draw_network(ax, nodes, edges, pos=pos, size_by=size_by)
        ax.set_title(title)
        handles = community_legend(nodes, language)
        handles.append(Line2D([], [], color="#6b6b6b", linewidth=3, label=label("edge_width", language)))
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="#dddddd", markeredgecolor="#999999", label=label("node_size", language, by=label(size_by, language))))
        fig.legend(handles=handles, loc="outside right upper", ncol=1, fontsize=9)
        add_caption(fig, caption)
    return fig


def plot_network_years(
    panels: list[tuple[str, pd.DataFrame, pd.DataFrame, dict[str, np.ndarray] | None]], *, title: str, caption: str, columns: int = 2
) -> Figure:
    """Small multiples: one network per panel (panel title, nodes, edges, layout or None)."""
    with figure_style():
        columns = max(1, min(columns, len(panels)))
        rows = max(1, math.ceil(len(panels) / columns))
        fig = new_figure(7.0 * columns, 6.5 * rows)
        axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
        for ax, (panel_title, nodes, edges, pos) in zip(axes, panels, strict=False):
            draw_network(ax, nodes, edges, pos=pos, font_size=8, max_node=900)
            ax.set_title(panel_title)
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_concor(blocks: pd.DataFrame, *, title: str, caption: str, language: Language = "ko", wrap: int = 30) -> Figure:
    """The CONCOR tree: each level's split as a column of boxes, the final blocks with their member terms."""
    levels = sorted(c for c in blocks.columns if c.startswith("concor_block_"))
    depth = len(levels)
    final = sorted(blocks["concor_block"].unique())
    with figure_style():
        fig = new_figure(1.5 * depth + 5.0, max(3.5, 1.0 * len(final) + 1.2))
        ax = fig.subplots()
        ax.set_axis_off()
        n_final = len(final)
        y_of = {(depth, b): float(n_final - i) for i, b in enumerate(final)}  # leaves top to bottom in block order
        for level in range(depth - 1, 0, -1):  # a parent sits at the mean height of its children
            for parent, part in blocks.groupby(levels[level - 1], sort=True):
                kids = sorted(part[levels[level]].unique())
                y_of[(level, parent)] = float(np.mean([y_of[(level + 1, k)] for k in kids]))
        y_of[(0, 0)] = float(np.mean([y_of[(1, b)] for b in blocks[levels[0]].unique()]))
        for level in range(1, depth + 1):
            for child, part in blocks.groupby(levels[level - 1], sort=True):
                parent = 0 if level == 1 else int(part[levels[level - 2]].iloc[0])
                (py, cy) = y_of[(level - 1, parent)], y_of[(level, child)]
                ax.plot([level - 1, level - 1, level], [py, cy, cy], color="#888888", linewidth=1.2)
        for (level, _), y in y_of.items():
            ax.plot([level], [y], marker="o" if level == 0 else "s", color="#444444", markersize=5)
        for b in final:
            members = blocks.loc[blocks["concor_block"] == b].sort_values(["tf", "term"], ascending=[False, True], kind="stable")["term"]
            text = f"{label('block', language)} {b} ({len(members)})\n" + "\n".join(textwrap.wrap(", ".join(members), wrap))
            color = community_color(int(b))
            ax.text(depth + 0.15, y_of[(depth, b)], text, ha="left", va="center", fontsize=8, bbox={"boxstyle": "round,pad=0.3", "fc": color + "22", "ec": color})
        ax.set_xlim(-0.1, depth + 2.6)
        ax.set_ylim(0.4, n_final + 0.6)
        ax.set_title(title)
        add_caption(fig, caption)
    return fig


def plot_rank_slopes(ranks: pd.DataFrame, *, title: str, caption: str, color: str, n: int, language: Language = "ko") -> Figure:
    """Slope chart: each term's centrality rank per year (rank 1 on top); terms outside the top `n` drop off the chart."""
    years = [c for c in ranks.columns if c.isdigit()]
    with figure_style():
        fig = new_figure(2.0 + 1.6 * len(years), max(4.0, 0.32 * n + 1.5))
        ax = fig.subplots()
        for _, row in ranks.iterrows():
            values = [row[y] if pd.notna(row[y]) and row[y] <= n else np.nan for y in years]
            xs = np.arange(len(years))
            ax.plot(xs, values, marker="o", color=color, alpha=0.55, linewidth=1.2, markersize=4)
            points = [(x, v) for x, v in zip(xs, values, strict=True) if not np.isnan(v)]
            if not points:
                continue
            (x0, y0), (x1, y1) = points[0], points[-1]
            final = x1 == len(years) - 1
            ax.text(x0 - 0.08, y0, row["term"], va="center", ha="right", fontsize=8 if x0 == 0 else 7, color="#222222" if x0 == 0 else "#777777")
            if final or len(points) > 1:
                ax.text(x1 + 0.08, y1, row["term"], va="center", fontsize=8 if final else 7, color="#222222" if final else "#777777")
        ax.set_xticks(range(len(years)), years)
        ax.set_yticks(range(1, n + 1))
        ax.set_ylim(n + 0.5, 0.5)
        ax.set_xlim(-0.7, len(years) - 0.3)
        ax.set_ylabel(label("rank", language))
        ax.set_title(title)
        add_caption(fig, caption)
    return fig


def plot_related(related: pd.DataFrame, *, focus: str, weight: str, title: str, caption: str, color: str = "#1f5fbf", columns: int = 3) -> Figure:
    """Related words of `focus` per year as small multiples of horizontal bars (value = `weight`)."""
    years = sorted(related["year"].unique())
    with figure_style():
        columns = max(1, min(columns, len(years) or 1))
        rows = max(1, math.ceil(len(years) / columns))
        n = int(related["rank"].max()) if len(related) else 1
        fig = new_figure(3.8 * columns, max(2.5, 0.24 * n + 1.0) * rows)
        axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
        for ax, year in zip(axes, years, strict=False):
            part = related[related["year"] == year].sort_values("rank", ascending=False)
            ax.barh(part["term"], part[weight], color=color)
            ax.set_title(str(year))
            ax.tick_params(axis="y", labelsize=8)
            ax.set_xlabel(weight)
        for ax in axes[len(years):]:
            ax.set_visible(False)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig
