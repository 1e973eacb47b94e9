"""Convergence of two discourses: Jaccard of top-N vocabularies and cosine of TF-IDF profiles per year."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure


def plot_convergence(
    table: pd.DataFrame, *, title: str, measures: dict[str, str], xlabel: str, caption: str, color: str = "#444444", verdict: str = ""
) -> Figure:
    """One panel per measure (column → axis label), a line over the years with values marked; `verdict` (the trend
    test's reading, e.g. '수렴: 자카드 계수 증가, p = 0.01') is stated under the title so the figure carries its conclusion."""
    with figure_style():
        fig = new_figure(4.0 * len(measures), 3.4)
        axes = fig.subplots(1, len(measures), squeeze=False).ravel()
        part = table.sort_values("year")
        for ax, (column, name) in zip(axes, measures.items(), strict=False):
            ax.plot(part["year"], part[column], marker="o", color=color)
            for x, y in zip(part["year"], part[column], strict=True):
                ax.annotate(f"{y:.2f}", (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
            ax.set_xticks(part["year"].tolist(), [str(y) for y in part["year"]])
            ax.set_ylim(0, max(1.0, float(part[column].max()) * 1.15) if len(part) else 1.0)
            ax.set_title(name, fontweight="normal")
            ax.set_xlabel(xlabel)
        fig.suptitle(title + (f"\n{verdict}" if verdict else ""), fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_convergence_matrix(panels: list[tuple[str, pd.DataFrame]], *, title: str, caption: str, colorbar_label: str) -> Figure:
    """Three or more queries: one query × query matrix per panel (e.g. the TF-IDF cosine in the first and in the last year).

    Each panel is (panel title, square frame with query labels as index and columns); the diagonal is left blank.
    A fixed 0–1 colour scale, so the panels compare.
    """
    with figure_style():
        size = len(panels[0][1]) if panels else 1
        fig = new_figure(max(4.0, 0.9 * size + 2.4) * max(len(panels), 1), max(3.6, 0.8 * size + 2.0))
        axes = fig.subplots(1, max(len(panels), 1), squeeze=False).ravel()
        image = None
        for ax, (panel_title, matrix) in zip(axes, panels, strict=False):
            values = matrix.to_numpy(dtype=float).copy()
            np.fill_diagonal(values, np.nan)
            image = ax.imshow(values, cmap="Blues", vmin=0.0, vmax=1.0)
            ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=30, ha="right")
            ax.set_yticks(range(len(matrix.index)), list(matrix.index))
            ax.set_title(panel_title, fontweight="normal")
            ax.spines[:].set_visible(False)
            for (i, j), v in np.ndenumerate(values):
                if not np.isnan(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8, color="white" if v > 0.6 else "#333333")
        if image is not None:
            fig.colorbar(image, ax=list(axes), label=colorbar_label, shrink=0.8)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig
