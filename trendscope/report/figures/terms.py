"""Top terms per year as small multiples of horizontal bars."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure
from trendscope.report.labels import Language, label


def plot_top_terms(
    ranked: pd.DataFrame, *, value: str, title: str, color: str, caption: str, language: Language = "ko", columns: int = 3
) -> Figure:
    """One panel per year: the ranked terms of one query (`ranked` has year, term, rank and `value`)."""
    with figure_style():
        years = sorted(ranked["year"].unique())
        rows = max(1, math.ceil(len(years) / columns))
        n = int(ranked["rank"].max()) if len(ranked) else 0
        fig = new_figure(4.0 * min(columns, len(years) or 1), max(2.5, 0.22 * n + 0.8) * rows)
        axes = fig.subplots(rows, min(columns, len(years) or 1), squeeze=False).ravel()
        # one x-scale for every year: a longer bar means a larger value, whichever panel it is in
        top = float(ranked[value].max()) * 1.05 if len(ranked) and ranked[value].max() > 0 else 1.0
        for ax, year in zip(axes, years, strict=False):
            part = ranked[ranked["year"] == year].sort_values("rank", ascending=False)
            ax.barh(part["term"], part[value], color=color)
            ax.set_title(str(year))
            ax.set_xlim(0, top)
            ax.tick_params(axis="y", labelsize=8)
            ax.set_xlabel(label(value, language) if value in ("tfidf", "per10k") else label("frequency", language))
        for ax in axes[len(years):]:
            ax.set_visible(False)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig
