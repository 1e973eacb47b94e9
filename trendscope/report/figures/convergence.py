"""Convergence of two discourses: Jaccard of top-N vocabularies and cosine of TF-IDF profiles per year."""

from __future__ import annotations

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
