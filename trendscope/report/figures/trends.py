"""Emerging and fading terms: small multiples of yearly relative frequency with the Sen slope; bursts and episodes as bars."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure


def plot_trends(
    rising: pd.DataFrame, falling: pd.DataFrame, years: list[int], *, title: str, row_titles: tuple[str, str], ylabel: str, color: str, caption: str
) -> Figure:
    """Two rows of panels (rising, falling), one term each; `rising`/`falling` rows come from `trend_tests`."""
    with figure_style():
        cols = max(len(rising), len(falling), 1)
        fig = new_figure(2.1 * cols + 0.6, 5.2)
        # each row is a subfigure with its own heading, so the row title and the y label never share (and overprint) one line
        rows = fig.subfigures(2, 1, hspace=0.04)
        for row, (subfig, frame, row_title) in enumerate(zip(rows, (rising, falling), row_titles, strict=True)):
            subfig.suptitle(row_title, x=0.01, ha="left", fontsize=10, fontweight="bold")
            axes = subfig.subplots(1, cols, squeeze=False, sharex=True)[0]
            for col in range(cols):
                ax = axes[col]
                if col >= len(frame):
                    ax.set_visible(False)
                    continue
                record = frame.iloc[col]
                values = [record[f"per10k_{y}"] for y in years]
                ax.plot(years, values, marker="o", markersize=3, color=color, linewidth=1.6 if row == 0 else 1.2, linestyle="-" if row == 0 else "--")
                detail = record["panel_note"] if "panel_note" in record.index else f"Sen {record['sen_slope']:+.1f}/yr · p={record['p']:.3f}"
                _label_panel(ax, f"{record['term']}\n{detail}", years, ylabel if col == 0 else None)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_episodes(rows: pd.DataFrame, years: list[int], *, title: str, ylabel: str, color: str, caption: str) -> Figure:
    """One panel per burst or episode term: its rate in every study year as bars, the peak year in `color`.

    Bars, not a line: an episode is about one year, not a direction.  `rows` come from `trend_tests`
    (per10k_<year>, peak_year) with a `panel_note` each (peak year and its share of the occurrences).
    """
    with figure_style():
        cols = max(len(rows), 1)
        fig = new_figure(2.1 * cols + 0.6, 3.0)
        axes = fig.subplots(1, cols, squeeze=False)[0]
        for col, ax in enumerate(axes):
            if col >= len(rows):
                ax.set_visible(False)
                continue
            record = rows.iloc[col]
            values = [0.0 if pd.isna(record[f"per10k_{y}"]) else float(record[f"per10k_{y}"]) for y in years]
            ax.bar(years, values, color=[color if y == record["peak_year"] else "#c4c9cf" for y in years], width=0.8)
            _label_panel(ax, f"{record['term']}\n{record['panel_note']}", years, ylabel if col == 0 else None)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig


def _label_panel(ax: Axes, title: str, years: list[int], ylabel: str | None) -> None:
    """A term's small panel: its title, a y axis from 0, the first and last study year on x, the y label on the first."""
    ax.set_title(title, fontsize=8, fontweight="normal")
    ax.set_ylim(bottom=0)
    ax.tick_params(labelsize=7)
    ax.set_xticks([years[0], years[-1]])
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=8)
