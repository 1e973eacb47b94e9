"""Top terms per year as small multiples of horizontal bars."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from trendscope.report.figures.style import add_caption, figure_style, grid_columns, new_figure, panel_years, print_pt
from trendscope.report.labels import Language, label


def plot_top_terms(
    ranked: pd.DataFrame, *, value: str, title: str, color: str, caption: str, language: Language = "ko", columns: int | None = None
) -> Figure:
    """One panel per year: the ranked terms of one query (`ranked` has year, term, rank and `value`).

    The panels wrap into a grid of at most six columns shaped like a page (`grid_columns`); past twelve years the
    figure draws the first, the last and evenly spaced years between (`panel_years`), and says so in its title."""
    with figure_style():
        every_year = sorted(ranked["year"].unique())
        years = panel_years(every_year)
        n = int(ranked["rank"].max()) if len(ranked) else 0
        # the type is what prints at 6 pt 16 cm wide for the grid's width, and a bar is as tall as its label needs
        columns = columns or grid_columns(len(years), panel_width=4.0, panel_height=max(2.5, 0.22 * n + 0.8))
        width = 4.0 * min(columns, len(years) or 1)
        small = print_pt(width, 8)
        panel_height = max(2.5, small / 72 * 1.35 * n + 1.0)
        rows = max(1, math.ceil(len(years) / columns))
        fig = new_figure(width, panel_height * rows)
        axes = fig.subplots(rows, min(columns, len(years) or 1), squeeze=False).ravel()
        # one x-scale for every year: a longer bar means a larger value, whichever panel it is in
        top = float(ranked[value].max()) * 1.05 if len(ranked) and ranked[value].max() > 0 else 1.0
        for ax, year in zip(axes, years, strict=False):
            part = ranked[ranked["year"] == year].sort_values("rank", ascending=False)
            ax.barh(part["term"], part[value], color=color)
            ax.set_title(str(year), fontsize=print_pt(width, 12))
            ax.set_xlim(0, top)
            ax.tick_params(axis="y", labelsize=small)
            ax.tick_params(axis="x", labelsize=print_pt(width, 9))
            ax.xaxis.set_major_locator(MaxNLocator(4))
            ax.set_xlabel(label(value, language) if value in ("tfidf", "per10k") else label("frequency", language), fontsize=print_pt(width, 10))
        for ax in axes[len(years):]:
            ax.set_visible(False)
        shown = "" if len(years) == len(every_year) else "\n" + label("years_shown", language, n=len(years), total=len(every_year))
        fig.suptitle(title + shown, fontweight="bold", fontsize=print_pt(width, 12))
        add_caption(fig, caption)
    return fig
