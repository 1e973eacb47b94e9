"""Topic figures: the K curve, prevalence by year (stacked area and small multiples), term bars, cross-query heatmap."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from trendscope.report.figures.style import add_caption, figure_style, new_figure, print_pt, year_tick_labels
from trendscope.report.labels import Language, label


def topic_palette(k: int) -> list:
    """Distinct colours for up to 20 topics (tab20), cycling beyond."""
    cmap = colormaps["tab20" if k > 10 else "tab10"]
    return [cmap(i % cmap.N) for i in range(k)]


def plot_k_curve(curve: pd.DataFrame, *, labels: dict[str, str], colors: dict[str, str], caption: str, language: Language = "ko") -> Figure:
    """c_v, u_mass and perplexity against K, one line per query; the chosen K is a filled, ringed marker."""
    with figure_style():
        fig = new_figure(8.4, 3.2)  # 8.4 in, not 12: the tick labels print at 6 pt 16 cm wide
        axes = fig.subplots(1, 3)
        for ax, column, ylabel in zip(axes, ("c_v", "u_mass", "perplexity"), ("coherence_cv", "coherence_umass", "perplexity"), strict=False):
            for key, part in curve.groupby("query", sort=False):
                part = part.sort_values("k")
                sweep = part[part["in_sweep"]]
                ax.plot(sweep["k"], sweep[column], marker="o", markersize=4, color=colors[key], label=labels[key])
                chosen = part[part["chosen"]]
                ax.scatter(chosen["k"], chosen[column], s=110, facecolors="none", edgecolors=colors[key], linewidths=2, zorder=3)
            ax.set_xlabel(label("n_topics", language))
            ax.set_title(label(ylabel, language), fontsize=10)
            ax.tick_params(labelsize=print_pt(8.4, 8.5))
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.grid(alpha=0.3)
        handles, names = axes[0].get_legend_handles_labels()
        axes[0].legend(handles, names, loc="best", fontsize=print_pt(8.4, 8.5))
        fig.suptitle(label("k_curve_title", language) + f" — ○ {label('chosen_k', language)}", fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_prevalence_area(prevalence: pd.DataFrame, *, topic_labels: dict[int, str], title: str, caption: str, language: Language = "ko") -> Figure:
    """Stacked area: each year's mean topic shares (summing to 1)."""
    wide = prevalence.pivot(index="year", columns="topic", values="share").sort_index()
    colors = topic_palette(wide.shape[1])
    with figure_style():
        fig = new_figure(7.0, 4.2)  # with its legend beside it the saved image is about 9 in wide
        ax = fig.add_subplot()
        ax.stackplot(wide.index, wide.to_numpy().T, labels=[f"{t}. {topic_labels.get(t, '')}" for t in wide.columns], colors=colors, alpha=0.9)
        ax.set_xlim(wide.index.min(), wide.index.max())
        ax.set_ylim(0, 1)
        ax.set_xticks(list(wide.index), year_tick_labels(list(wide.index)))
        ax.set_xlabel(label("year", language))
        ax.set_ylabel(label("topic_share", language))
        ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, reverse=True)
        add_caption(fig, caption)
    return fig


YEAR_LABELS = 6  # at most this many year labels under a small panel (every year keeps its tick)


def plot_prevalence_lines(prevalence: pd.DataFrame, *, topic_labels: dict[int, str], color: str, title: str, caption: str, language: Language = "ko", columns: int = 3) -> Figure:
    """Small multiples: one panel per topic with its share per year, on a shared y axis (three a row: 8.1 in, so the
    labels print at 6 pt 16 cm wide)."""
    topics = sorted(prevalence["topic"].unique())
    rows = max(1, math.ceil(len(topics) / columns))
    with figure_style():
        width = 2.7 * min(columns, len(topics))
        small = print_pt(width, 8.5)
        fig = new_figure(width, 2.3 * rows)
        axes = fig.subplots(rows, min(columns, len(topics)), squeeze=False, sharey=True, sharex=True).ravel()
        top = float(prevalence["share"].max()) * 1.1
        for ax, topic in zip(axes, topics, strict=False):
            part = prevalence[prevalence["topic"] == topic].sort_values("year")
            ax.plot(part["year"], part["share"], marker="o", markersize=3, color=color)
            ax.fill_between(part["year"], part["share"], color=color, alpha=0.15)
            ax.set_title(f"{topic}. {topic_labels.get(topic, '')}", fontsize=max(9, small))
            ax.tick_params(labelsize=small)
            ax.set_ylim(0, top)
            years = list(part["year"])
            step = math.ceil(len(years) / YEAR_LABELS)  # a 19-year study labelled every year ran the labels together ('06'07'08…)
            ax.set_xticks(years, [f"'{str(y)[2:]}" if i % step == 0 else "" for i, y in enumerate(years)])
            ax.grid(alpha=0.3)
        for ax in axes[len(topics):]:
            ax.set_visible(False)
        width = min(columns, len(topics))
        for index in range(max(0, len(topics) - width), len(topics)):  # the lowest panel of each column shows its years
            axes[index].xaxis.set_tick_params(labelbottom=True)
        fig.supylabel(label("topic_share", language), fontsize=10)
        fig.supxlabel(label("year", language), fontsize=10)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_topic_terms(terms: pd.DataFrame, *, topic_labels: dict[int, str], color: str, title: str, caption: str, language: Language = "ko", columns: int = 3) -> Figure:
    """One panel per topic: its top terms (chosen by relevance) with bar length = term probability φ, longest on top.

    The bars are ordered by the value they show (φ), so the order a reader sees agrees with the lengths;
    which terms are shown is the relevance ranking's choice (the title states λ)."""
    topics = sorted(terms["topic"].unique())
    rows = max(1, math.ceil(len(topics) / columns))
    n = int(terms["rank"].max())
    with figure_style():
        width = 2.8 * min(columns, len(topics))  # three a row, 8.4 in: the terms print at 6 pt 16 cm wide
        small = print_pt(width, 8.5)
        fig = new_figure(width, (small / 72 * 1.5 * n + 0.9) * rows)
        axes = fig.subplots(rows, min(columns, len(topics)), squeeze=False).ravel()
        for ax, topic in zip(axes, topics, strict=False):
            part = terms[terms["topic"] == topic].sort_values(["probability", "term"], ascending=[True, False], kind="stable")
            ax.barh(part["term"], part["probability"], color=color)
            ax.set_title(f"{topic}. {topic_labels.get(topic, '')}", fontsize=max(9, small))
            ax.tick_params(axis="y", labelsize=small)
            ax.tick_params(axis="x", labelsize=small)
            ax.xaxis.set_major_locator(MaxNLocator(3))
        for ax in axes[len(topics):]:
            ax.set_visible(False)
        fig.supxlabel(label("word_probability", language), fontsize=10)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_similarity_heatmap(
    matrix: np.ndarray, *, row_labels: list[str], col_labels: list[str], row_title: str, col_title: str, title: str, caption: str, language: Language = "ko",
    baseline: Mapping[str, float] | None = None,
) -> Figure:
    """Topics of one query (rows) against topics of another (columns), cells annotated with the similarity.

    Without `baseline` a fixed 0–1 scale.  With it (the topics stage's permutation baseline of the pair: `cell`, the
    mean similarity of two topics when both models are fitted on the two queries' documents reassigned at random,
    and `match_low`, the 2.5 % point of a topic's best match then) the colour scale is centred on `cell` (orange above,
    purple below), and a cell at or above `match_low` (as close as the same topic refitted on a random half) is framed.
    """
    with figure_style():
        width = min(max(6.0, 0.75 * matrix.shape[1] + 4), 8.0)
        small = print_pt(width + 1.0, 8)  # the rotated column labels reach past the figure's edge
        fig = new_figure(width, max(4.0, 0.45 * matrix.shape[0] + 2.5))
        ax = fig.add_subplot()
        if baseline is None:
            # a fixed 0-1 scale: the same colour means the same similarity in every study and every pair of queries
            image = ax.imshow(matrix, aspect="auto", cmap="Purples", vmin=0.0, vmax=1.0)
            dark = matrix > 0.6
            scale_label = label("similarity_scale", language)
        else:
            centre = float(baseline["cell"])
            image = ax.imshow(matrix, aspect="auto", cmap="PuOr_r", norm=TwoSlopeNorm(centre, 0.0, 1.0))
            dark = np.abs(image.norm(matrix) - 0.5) > 0.3
            scale_label = label("similarity_scale_baseline", language, cell=centre)
            for (i, j), v in np.ndenumerate(matrix):
                if v >= baseline["match_low"]:
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="#111111", linewidth=1.8))
        ax.set_xticks(np.arange(matrix.shape[1]), col_labels, rotation=45, ha="right", fontsize=small)
        ax.set_yticks(np.arange(matrix.shape[0]), row_labels, fontsize=small)
        ax.set_xlabel(col_title)
        ax.set_ylabel(row_title)
        ax.set_title(title)
        ax.spines[:].set_visible(False)
        for (i, j), v in np.ndenumerate(matrix):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=small, color="white" if dark[i, j] else "#333333")
        bar = fig.colorbar(image, ax=ax, label=scale_label, shrink=0.8)
        if baseline is not None:
            bar.ax.axhline(baseline["match_low"], color="#111111", linewidth=1.5)
        add_caption(fig, caption)
    return fig
