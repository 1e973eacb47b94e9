"""Keyword-network figures: one network, years as small multiples, the CONCOR tree, rank slopes, related words.

Each function takes data (node and edge tables) and returns a Figure; none computes measures.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from trendscope.report.figures.style import MAX_COLUMNS, MAX_PANELS, add_caption, figure_style, new_figure, panel_years, print_pt, year_tick_labels
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


def spectral_start(graph: nx.Graph) -> dict[str, np.ndarray] | None:
    """The spectral layout as Kamada–Kawai's start (None, its circle, for a disconnected graph: the spectral layout puts
    its components on top of each other).  Nodes with the same neighbours (two leaves on one node) share a point of the
    spectral layout, and from one point the solver divides by zero (a two-year study's drawing failed on NaN axis
    limits): every node is moved by a small, fixed offset of its own, on a spiral, so that no two coincide."""
    if graph.number_of_nodes() <= 2 or not nx.is_connected(graph):
        return None
    start = nx.spectral_layout(graph)
    names = list(start)
    xy = np.array([start[t] for t in names], dtype=float)
    if not np.isfinite(xy).all():
        return None
    i = np.arange(len(xy))
    angle = i * np.pi * (3 - np.sqrt(5))  # the golden angle: offsets spread evenly, none repeated
    xy += 0.02 * max(float(np.ptp(xy)), 1e-3) * np.sqrt((i + 1) / len(xy))[:, None] * np.c_[np.cos(angle), np.sin(angle)]
    return {t: xy[k] for k, t in enumerate(names)}


def layout(terms: list[str], edges: pd.DataFrame, *, min_distance: float = 0.11) -> dict[str, np.ndarray]:
    """Kamada–Kawai positions in [0, 1]², then pushed apart so that no two nodes are closer than `min_distance`.

    Kamada–Kawai starts from the spectral layout rather than from a circle: on the 58-term union graph of a 19-year
    study the solver took 0.96 CPU-s from a circle and 0.38 s from the spectral start (`spectral_start`)."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(terms))
    graph.add_edges_from(sorted(zip(edges["source"], edges["target"], strict=True)))
    if len(terms) == 1:
        return {terms[0]: np.array([0.5, 0.5])}
    raw = nx.kamada_kawai_layout(graph, pos=spectral_start(graph)) if graph.number_of_nodes() else {}
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
    ax: Axes, nodes: pd.DataFrame, edges: pd.DataFrame, *, pos: dict[str, np.ndarray] | None = None, size_by: str = "tf", font_size: float = 9, max_node: float = 1400,
    colors: dict[int, int] | None = None, label_terms: set[str] | None = None, fit: bool = False,
) -> None:
    """Draw onto `ax`: node area ∝ `size_by`, colour = Louvain community, edge width ∝ weight, Korean labels.

    Three kinds of artist whatever the size of the network: one LineCollection for the edges, one scatter for the
    nodes, and a text per labelled node.  `pos` (from `layout`) can be passed so that several figures of one network
    share its layout; with `fit` the axes frame the drawn nodes only (one year's nodes in a layout of every year's);
    `colors` maps a community to the colour slot it takes (see `align_community_colors`); only `label_terms` are
    labelled when given."""
    terms = list(nodes["term"])
    pos = pos if pos is not None else layout(terms, edges)
    if len(edges):
        w = edges["weight"].to_numpy(dtype=float)
        span = w.max() - w.min()
        widths = 0.6 + 3.4 * ((w - w.min()) / span if span > 0 else np.ones_like(w))
        segments = [[pos[s], pos[t]] for s, t in zip(edges["source"], edges["target"], strict=True)]
        in_tree = edges["in_tree"].to_numpy() if "in_tree" in edges else np.ones(len(edges), dtype=bool)
        edge_colors = ["#6b6b6b" if t else "#c4c4c4" for t in in_tree]
        ax.add_collection(LineCollection(segments, linewidths=widths, colors=edge_colors, alpha=0.8, zorder=1))
    size = nodes[size_by].to_numpy(dtype=float)
    areas = 80 + max_node * (size / size.max() if size.max() > 0 else np.zeros_like(size))
    xy = np.array([pos[t] for t in terms]) if terms else np.zeros((0, 2))
    slot = colors or {}
    ax.scatter(xy[:, 0], xy[:, 1], s=areas, c=[community_color(slot.get(int(c), int(c))) for c in nodes["community"]], alpha=0.85, edgecolors="white", linewidths=1.0, zorder=2)
    for (x, y), term in zip(xy, terms, strict=True):
        if label_terms is not None and term not in label_terms:
            continue
        ax.text(x, y, term, ha="center", va="center", fontsize=font_size, zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6})
    low, high = (xy.min(axis=0), xy.max(axis=0)) if fit and len(xy) else (np.zeros(2), np.ones(2))
    margin = 0.08 * np.maximum(high - low, 0.2)
    ax.set_xlim(low[0] - margin[0], high[0] + margin[0])
    ax.set_ylim(low[1] - margin[1], high[1] + margin[1])
    ax.set_axis_off()


def community_legend(nodes: pd.DataFrame, language: Language) -> list[Line2D]:
    """One legend entry per community: its colour and its most frequent terms."""
    handles = []
    for community, part in nodes.groupby("community", sort=True):
        top = part.sort_values(["tf", "term"], ascending=[False, True], kind="stable")["term"].head(3)
        text = f"{label('community', language)} {community}: " + ", ".join(top)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=community_color(int(community)), markeredgecolor="white", label=text))
    return handles


NETWORK_WIDTH_IN = 16 / 2.54  # drawn at its printed width: the labels' 7 pt are the size they print at


def plot_network(
    nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str, caption: str, language: Language = "ko", size_by: str = "tf", pos: dict[str, np.ndarray] | None = None
) -> Figure:
    """One keyword network (already cut to the nodes and edges to draw), 16 cm wide, the legend under it.

    With `pos` (a layout shared by every year, see `union_layout`) the axes frame this network's nodes; without,
    its own layout is computed.  (At 13 × 9 in with the legend beside it, a year's drawing printed its labels at
    4.4 pt on a 16 cm column and took 0.6 CPU-s, most of it in its own Kamada–Kawai layout.)"""
    with figure_style():
        handles = community_legend(nodes, language)
        handles.append(Line2D([], [], color="#6b6b6b", linewidth=2, label=label("edge_width", language)))
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="#dddddd", markeredgecolor="#999999", label=label("node_size", language, by=label(size_by, language))))
        # legend and caption each in a strip of their own under the drawing (as in `plot_network_years`)
        caption = caption_lines(caption, NETWORK_WIDTH_IN - 0.1, 7)
        caption_in, legend_in = 0.1 + 0.13 * (caption.count("\n") + 1), 0.12 + 0.16 * math.ceil(len(handles) / 2)
        fig = new_figure(NETWORK_WIDTH_IN, NETWORK_WIDTH_IN * 0.78 + legend_in + caption_in)
        height = fig.get_figheight()
        ax = fig.subplots()
        draw_network(ax, nodes, edges, pos=pos, size_by=size_by, font_size=7, max_node=520, fit=pos is not None)
        ax.set_title(title, fontsize=10)
        below = (caption_in + legend_in) / height
        fig.get_layout_engine().set(rect=(0, below, 1, 1 - below))
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, caption_in / height), ncol=2, fontsize=7, frameon=False)
        fig.text(0.0, 0.0, caption, ha="left", va="bottom", fontsize=7, color="#555555", transform=fig.transFigure)
    return fig


def match_communities(reference: dict[str, int], current: dict[str, int]) -> dict[int, int]:
    """Colour slot of each community in `current` (term → community): the slot of the `reference` (term → slot) group
    it shares most members with, greedily by overlap (ties by community, then slot); unmatched communities take the
    smallest free slots, largest community first.  Community 0 and below (unassigned) keep slot 0 (grey)."""
    members: dict[int, set[str]] = {}
    for term, community in current.items():
        members.setdefault(int(community), set()).add(term)
    slots: dict[int, set[str]] = {}
    for term, slot in reference.items():
        slots.setdefault(int(slot), set()).add(term)
    result = {c: 0 for c in members if c <= 0}
    pairs = sorted(
        ((len(m & slots[k]), c, k) for c, m in members.items() if c > 0 for k in slots if k > 0 and m & slots[k]),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    taken: set[int] = set()
    for _, c, k in pairs:
        if c not in result and k not in taken:
            result[c], taken = k, taken | {k}
    used = taken | {k for k in slots if k > 0}
    free = (k for k in range(1, len(used) + len(members) + 2) if k not in used)
    for c in sorted((c for c in members if c not in result), key=lambda c: (-len(members[c]), c)):
        result[c] = next(free)
    return result


def align_community_colors(years: list[dict[str, int]]) -> list[dict[int, int]]:
    """Per year (term → community), the community → colour-slot map that keeps a group's colour from one year to
    the next: each year is matched against the latest slot of every term seen before."""
    seen: dict[str, int] = {}
    result = []
    for current in years:
        mapping = match_communities(seen, current) if seen else {c: c for c in set(current.values())}
        seen.update({term: mapping[int(c)] for term, c in current.items() if int(c) > 0})
        result.append(mapping)
    return result


def union_layout(panels: list[tuple[pd.DataFrame, pd.DataFrame]], *, min_distance: float = 0.07) -> dict[str, np.ndarray]:
    """One layout for several years: positions computed once on the union of their nodes and edges (weights summed)."""
    terms = sorted(set().union(*(set(nodes["term"]) for nodes, _ in panels))) if panels else []
    edges = pd.concat([e[["source", "target", "weight"]] for _, e in panels if len(e)], ignore_index=True) if any(len(e) for _, e in panels) else pd.DataFrame(columns=["source", "target", "weight"])
    if len(edges):
        pairs = pd.DataFrame(np.sort(edges[["source", "target"]].to_numpy(dtype=str), axis=1), columns=["source", "target"]).assign(weight=edges["weight"].to_numpy())
        edges = pairs.groupby(["source", "target"], as_index=False, sort=True)["weight"].sum()
    return layout(terms, edges, min_distance=min_distance)


LEGEND_COMMUNITIES = 10  # communities named in the small multiples' legend


def plot_network_years(
    panels: list[tuple[str, pd.DataFrame, pd.DataFrame, dict[str, np.ndarray] | None]], *, title: str, caption: str, columns: int = 2,
    shared_layout: bool = True, language: Language = "ko", label_top: int = 12, width_cm: float = 16.0, pos: dict[str, np.ndarray] | None = None,
) -> Figure:
    """Small multiples: one network per panel (panel title, nodes, edges, layout or None), drawn at print size.

    With `shared_layout` every year uses one layout computed on the union graph, so a term stays in place and
    a change reads as a change; community colours follow groups across years by member overlap.  The figure is
    `width_cm` wide so its fonts (≥ 7 pt) are their printed size; the `label_top` most frequent terms of each year
    are labelled.  `pos`: the shared layout, computed by the caller once for this figure and the per-year drawings
    (`union_layout`); without it the figure computes it from its panels."""
    if len(panels) > MAX_PANELS:  # past twelve years: first, last and evenly spaced years between (every year stays in the tables)
        panels = [panels[i] for i in panel_years(range(len(panels)))]
    with figure_style():
        width = width_cm / 2.54
        # as few columns as keep the page within 2.5:1 (a 19-year study in two columns was 968 x 4,922 px)
        columns = max(1, min(columns, len(panels)))
        while columns < min(MAX_COLUMNS, len(panels)) and (width / columns * 0.95 * math.ceil(len(panels) / columns) + 2.0) > 2.5 * width:
            columns += 1
        rows = max(1, math.ceil(len(panels) / columns))
        slots = align_community_colors([dict(zip(n["term"], n["community"].astype(int), strict=True)) for _, n, _, _ in panels])
        legend_terms: dict[int, dict[str, float]] = {}
        for (_, nodes, _, _), colors in zip(panels, slots, strict=False):
            for term, community, tf in zip(nodes["term"], nodes["community"].astype(int), nodes["tf"], strict=True):
                slot = colors.get(community, community)
                if slot > 0:
                    legend_terms.setdefault(slot, {}).setdefault(term, 0.0)
                    legend_terms[slot][term] += float(tf)
        handles = []
        # the largest communities (by their terms' total frequency) are named; a scatter of one-term communities is not
        named = sorted(sorted(legend_terms), key=lambda slot: -sum(legend_terms[slot].values()))[:LEGEND_COMMUNITIES]
        for slot in sorted(named):
            top_terms = sorted(legend_terms[slot].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=community_color(slot), markeredgecolor="white",
                                  label=", ".join(t for t, _ in top_terms)))
        handles.append(Line2D([], [], color="#6b6b6b", linewidth=2, label=label("edge_width", language)))
        # Legend and caption each get a strip of their own under the panels (an "outside" legend and a caption
        # below the figure ended up on the same line once saved tightly); the figure grows by their height, so
        # many communities never squeeze the panels out.
        caption_in, legend_in = 0.22, 0.2 + 0.16 * (math.ceil(len(handles) / 2) + 1)
        fig = new_figure(width, width / columns * 0.95 * rows + 1.2 + caption_in + legend_in)
        height = fig.get_figheight()
        caption_strip, legend_strip = caption_in / height, legend_in / height
        axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
        shared = (pos if pos is not None else union_layout([(n, e) for _, n, e, _ in panels])) if shared_layout else None
        for ax, (panel_title, nodes, edges, pos), colors in zip(axes, panels, slots, strict=False):
            top = set(nodes.sort_values(["tf", "term"], ascending=[False, True], kind="stable")["term"].head(label_top))
            draw_network(ax, nodes, edges, pos=shared if shared is not None else pos, font_size=7, max_node=260, colors=colors, label_terms=top)
            ax.set_title(panel_title, fontsize=9)
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        fig.get_layout_engine().set(rect=(0, caption_strip + legend_strip, 1, 1 - caption_strip - legend_strip))
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, caption_strip), ncol=2, fontsize=7, title=label("community", language),
                   title_fontsize=7, frameon=False)
        fig.suptitle(title + "\n" + label("network_years_note", language), fontsize=10, fontweight="bold")
        fig.text(0.0, 0.0, caption, ha="left", va="bottom", fontsize=7, color="#555555", transform=fig.transFigure)
    return fig


def wrap_terms(terms: list[str], width: int, separator: str = ", ") -> list[str]:
    """Lines of at most `width` characters made of whole terms: a multi-word term ("4차 산업혁명") is never split;
    a term longer than `width` gets a line of its own."""
    lines: list[str] = []
    for term in terms:
        if lines and len(lines[-1]) + len(separator) + len(term) <= width:
            lines[-1] += separator + term
        else:
            if lines:
                lines[-1] += separator.rstrip()
            lines.append(term)
    return lines


def spread_labels(ys: list[float], *, min_gap: float) -> list[float]:
    """Label heights moved apart as little as possible so that neighbours are at least `min_gap` apart (order kept).

    Pushes down from the top, then pulls the block back up so it stays centred on the original points."""
    if not ys:
        return []
    order = sorted(range(len(ys)), key=lambda i: (ys[i], i))
    placed = [float(ys[order[0]])]
    for i in order[1:]:
        placed.append(max(float(ys[i]), placed[-1] + min_gap))
    shift = (sum(placed) - sum(float(ys[i]) for i in order)) / len(placed)
    result = [0.0] * len(ys)
    for rank, i in enumerate(order):
        result[i] = placed[rank] - shift
    return result


def text_width_in(text: str, fontsize: float) -> float:
    """The width of one line of `text` in inches, estimated from NanumGothic's advances (Hangul and CJK about 0.92 em,
    Latin letters, digits and punctuation about 0.56 em): enough to size a figure to its text without drawing it."""
    ems = sum(0.92 if ord(ch) >= 0x1100 else 0.56 for ch in text)
    return ems * fontsize / 72


def caption_lines(caption: str, width_in: float, fontsize: float, separator: str = " · ") -> str:
    """`caption` broken at its `separator`s into lines that fit `width_in` at `fontsize` (a part longer than the width
    keeps a line of its own): a caption wider than its figure widened the saved PNG and shrank every font in print."""
    lines: list[str] = []
    for part in caption.split(separator):
        if lines and text_width_in(lines[-1] + separator + part, fontsize) <= width_in:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return "\n".join(lines)


CONCOR_FONT = 8.0
CONCOR_LEVEL_IN = 0.45  # the tree's width per level


def plot_concor(blocks: pd.DataFrame, *, title: str, caption: str, language: Language = "ko", wrap: int = 30) -> Figure:
    """The CONCOR tree: each level's split as a column of boxes, the final blocks with their member terms.

    The figure is sized from its content: each block's box is as tall as its lines and the tree as wide as its
    levels, so the drawing fills the figure (a fixed 8 × 5.2 in left about 45 % of it empty on a 19-year study)."""
    levels = sorted(c for c in blocks.columns if c.startswith("concor_block_"))
    depth = len(levels)
    final = sorted(blocks["concor_block"].unique())
    unconverged = set(blocks.loc[~blocks["concor_converged"].astype(bool), "concor_block"]) if "concor_converged" in blocks else set()
    if unconverged:
        caption += " · † " + ("분할 반복이 max_iter 안에 수렴하지 않은 블록(부호에 따른 임의 분할)" if language == "ko" else "a block whose split stopped at max_iter without converging (an arbitrary sign split)")
    texts = {}
    for b in final:
        members = blocks.loc[blocks["concor_block"] == b].sort_values(["tf", "term"], ascending=[False, True], kind="stable")["term"]
        mark = " †" if b in unconverged else ""  # its split stopped at max_iter: an arbitrary sign split
        texts[b] = [f"{label('block', language)} {b}{mark} ({len(members)})", *wrap_terms(list(members), wrap)]
    line_in, pad_in, gap_in = CONCOR_FONT * 1.2 / 72, 0.1, 0.08
    heights = {b: len(lines) * line_in + 2 * pad_in for b, lines in texts.items()}
    tree_in = CONCOR_LEVEL_IN * depth
    box_x = tree_in + 0.12
    text_in = max(text_width_in(line, CONCOR_FONT) for lines in texts.values() for line in lines) + 2 * pad_in
    body_h = sum(heights.values()) + gap_in * (len(final) - 1)
    # as wide as its content, never so wide that its 8 pt print below 6 pt in a 16 cm column; the caption wraps to it
    # (a long title breaks after its colon rather than widening the figure past its boxes)
    widest = CONCOR_FONT / 6 * 16 / 2.54
    base = max(box_x + text_in, 3.0)
    if text_width_in(title, 12) * 1.05 > base and ": " in title:
        title = title.replace(": ", ":\n", 1)
    width = min(max(base, *(text_width_in(line, 12) * 1.05 for line in title.split("\n"))) + 0.2, widest)
    caption = caption_lines(caption, width - 0.1, CONCOR_FONT)
    title_in = 0.32 + 0.2 * title.count("\n")
    with figure_style():
        fig = new_figure(width, body_h + title_in + 0.1)
        fig.set_layout_engine("none")  # the axes are placed in inches below, so a data unit is an inch
        fig_w, fig_h = fig.get_figwidth(), fig.get_figheight()
        ax = fig.add_axes((0.1 / fig_w, 0.05 / fig_h, (fig_w - 0.2) / fig_w, body_h / fig_h))
        ax.set_axis_off()
        ax.set_xlim(0, fig_w - 0.2)
        ax.set_ylim(0, body_h)
        y_of: dict[tuple[int, int], float] = {}
        top = body_h
        for b in final:  # leaves top to bottom in block order, each as tall as its box
            y_of[(depth, b)] = top - heights[b] / 2
            top -= heights[b] + gap_in
        for level in range(depth - 1, 0, -1):  # a parent sits at the mean height of its children
            for parent, part in blocks.groupby(levels[level - 1], sort=True):
                kids = sorted(part[levels[level]].unique())
                y_of[(level, parent)] = float(np.mean([y_of[(level + 1, k)] for k in kids]))
        y_of[(0, 0)] = float(np.mean([y_of[(1, b)] for b in blocks[levels[0]].unique()]))
        x_of = [0.08 + CONCOR_LEVEL_IN * level for level in range(depth + 1)]
        segments = []
        for level in range(1, depth + 1):
            for child, part in blocks.groupby(levels[level - 1], sort=True):
                parent = 0 if level == 1 else int(part[levels[level - 2]].iloc[0])
                (py, cy) = y_of[(level - 1, parent)], y_of[(level, child)]
                segments.append([(x_of[level - 1], py), (x_of[level - 1], cy), (x_of[level], cy)])
        ax.add_collection(LineCollection(segments, colors="#888888", linewidths=1.2))
        points = np.array([(x_of[level], y) for (level, _), y in y_of.items()])
        roots = np.array([level == 0 for level, _ in y_of])
        ax.scatter(points[roots, 0], points[roots, 1], marker="o", s=25, color="#444444", zorder=3)
        ax.scatter(points[~roots, 0], points[~roots, 1], marker="s", s=25, color="#444444", zorder=3)
        for b in final:
            color = community_color(int(b))
            ax.text(box_x + pad_in * 0.6, y_of[(depth, b)], "\n".join(texts[b]), ha="left", va="center", fontsize=CONCOR_FONT, linespacing=1.2,
                    bbox={"boxstyle": "round,pad=0.3", "fc": color + "22", "ec": color})
        fig.suptitle(title, fontsize=12, fontweight="bold", y=1 - 0.04 / fig_h, va="top")
        add_caption(fig, caption, fontsize=CONCOR_FONT)
    return fig


def top_movers(ranks: pd.DataFrame, years: list[str], n: int, k: int) -> list[str]:
    """The `k` terms whose rank changed most between their first and last year in the chart's top `n` (ties by term)."""
    moves = []
    for _, row in ranks.iterrows():
        shown = [row[y] for y in years if pd.notna(row[y]) and row[y] <= n]
        if len(shown) >= 2:
            moves.append((-abs(float(shown[0]) - float(shown[-1])), str(row["term"])))
    return [term for move, term in sorted(moves) if move < 0][:k]


# 0.75 in per year up to 11 in: at 1.6 in per year (16 in at most) a 19-year chart's labels printed at 3.1 pt 16 cm wide.
RANK_SLOPES_IN_PER_YEAR, RANK_SLOPES_MAX_IN = 0.75, 11.0
RANK_LABEL_IN = 1.1  # room for the term labels at each side


MOVER_COLORS = ("#1f5fbf", "#e07b00", "#2a9d5c", "#c23b3b", "#9b3fb5", "#a6761d", "#17becf", "#e377c2")


def plot_rank_slopes(ranks: pd.DataFrame, *, title: str, caption: str, color: str, n: int, language: Language = "ko", highlight: int = 5) -> Figure:
    """Bump chart: each term's centrality rank per year (rank 1 on top).

    A term outside the top `n` in a year sits in a shaded "> n" band below the chart instead of leaving it, so its line
    stays continuous.  The `highlight` largest movers each get their own colour (the first is `color`) and bold labels,
    the rest are grey; labels at each side are spread vertically so that none overlaps another."""
    years = [c for c in ranks.columns if c.isdigit()]
    movers = top_movers(ranks, years, n, highlight)
    palette = [color, *(c for c in MOVER_COLORS if c.lower() != color.lower())]
    mover_color = {term: palette[i % len(palette)] for i, term in enumerate(movers)}
    band = n + 1.5
    width = min(3.0 + RANK_SLOPES_IN_PER_YEAR * len(years), RANK_SLOPES_MAX_IN)
    small, text = print_pt(width, 8), print_pt(width, 9)
    # the term labels stand beside the first and last years: RANK_LABEL_IN inches of x range on each side
    side = max(0.9, RANK_LABEL_IN * max(len(years) - 1, 1) / max(width - 1.2 - 2 * RANK_LABEL_IN, 1.0))
    with figure_style():
        fig = new_figure(width, max(4.0, 0.32 * n + 2.0))
        ax = fig.subplots()
        xs = np.arange(len(years))
        ax.axhspan(n + 0.75, n + 2.25, color="#eeeeee", zorder=0)
        labels: dict[tuple[float, str], list[tuple[float, str, str | None]]] = {}  # (x, side) -> [(y, term, colour if highlighted)]
        for _, row in ranks.sort_values("term", kind="stable").iterrows():
            values = [float(row[y]) if pd.notna(row[y]) and row[y] <= n else band for y in years]
            hot = mover_color.get(str(row["term"]))
            ax.plot(xs, values, marker="o", color=hot or "#c2c2c2", alpha=1.0 if hot else 0.7, linewidth=2.2 if hot else 1.0,
                    markersize=4.5 if hot else 3, zorder=3 if hot else 2)
            points = [(x, v) for x, v in zip(xs, values, strict=True) if v <= n]
            if not points:
                continue
            (x0, y0), (x1, y1) = points[0], points[-1]
            if x0 < len(years) - 1:  # a term that enters the top n in the last year is labelled on the right only
                labels.setdefault((float(x0), "left"), []).append((float(y0), str(row["term"]), hot))
            if x1 == len(years) - 1 or len(points) > 1:
                labels.setdefault((float(x1), "right"), []).append((float(y1), str(row["term"]), hot))
        for (x, where), items in labels.items():
            ys = spread_labels([y for y, _, _ in items], min_gap=0.95)
            for (y, term, hot), y_label in zip(items, ys, strict=True):
                dx = -0.08 if where == "left" else 0.08
                ax.annotate(term, xy=(x, y), xytext=(x + dx, y_label), textcoords="data", va="center", ha="right" if where == "left" else "left",
                            fontsize=small, color=hot or "#555555", fontweight="bold" if hot else "normal",
                            arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.5} if abs(y_label - y) > 0.05 else None)
        ax.set_xticks(range(len(years)), year_tick_labels([int(y) for y in years], limit=10))
        ax.set_yticks([*range(1, n + 1), band], [*(str(r) for r in range(1, n + 1)), f"> {n}"])
        ax.tick_params(labelsize=small)
        ax.set_ylim(n + 2.4, 0.2)
        ax.set_xlim(-side, len(years) - 1 + side)
        ax.set_ylabel(label("rank", language), fontsize=text)
        ax.set_title(title + "\n" + label("rank_movers", language, n=len(movers)), fontsize=print_pt(width, 11))
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
