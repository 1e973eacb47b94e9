"""Emerging and fading terms: small multiples of yearly relative frequency with the Sen slope; bursts and episodes as bars."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure, print_pt

PANEL_COLUMNS = 3  # small multiples of terms wrap after three panels


def plot_trends(
    rising: pd.DataFrame, falling: pd.DataFrame, years: list[int], *, title: str, row_titles: tuple[str, str], ylabel: str, color: str, caption: str
) -> Figure:
    """Two rows of panels (rising, falling), one term each; `rising`/`falling` rows come from `trend_tests`."""
    with figure_style():
        # at most three panels a row (6.9 in: the labels print at 6 pt 16 cm wide); more terms wrap into more rows
        cols = min(PANEL_COLUMNS, max(len(rising), len(falling), 1))
        grid_rows = [max(1, -(-len(frame) // cols)) for frame in (rising, falling)]
        width = 2.1 * cols + 0.6
        fig = new_figure(width, 2.6 * sum(grid_rows))
        # each row is a subfigure with its own heading, so the row title and the y label never share (and overprint) one line
        rows = fig.subfigures(2, 1, hspace=0.04, height_ratios=grid_rows)
        for row, (subfig, frame, row_title) in enumerate(zip(rows, (rising, falling), row_titles, strict=True)):
            subfig.suptitle(row_title, x=0.01, ha="left", fontsize=print_pt(width, 10), fontweight="bold")
            axes = subfig.subplots(grid_rows[row], cols, squeeze=False, sharex=True).ravel()
            for col, ax in enumerate(axes):
                if col >= len(frame):
                    ax.set_visible(False)
                    continue
                record = frame.iloc[col]
                values = [record[f"per10k_{y}"] for y in years]
                ax.plot(years, values, marker="o", markersize=3, color=color, linewidth=1.6 if row == 0 else 1.2, linestyle="-" if row == 0 else "--")
                detail = record["panel_note"] if "panel_note" in record.index else f"Sen {record['sen_slope']:+.1f}/yr · p={record['p']:.3f}"
                _label_panel(ax, f"{record['term']}\n{detail}", years, ylabel if col % cols == 0 else None, print_pt(width, 8))
        fig.suptitle(title, fontweight="bold", fontsize=print_pt(width, 12))
        add_caption(fig, caption)
    return fig


def plot_episodes(rows: pd.DataFrame, years: list[int], *, title: str, ylabel: str, color: str, caption: str) -> Figure:
    """One panel per burst or episode term: its rate in every study year as bars, the peak year in `color`.

    Bars, not a line: an episode is about one year, not a direction.  `rows` come from `trend_tests`
    (per10k_<year>, peak_year) with a `panel_note` each (peak year and its share of the occurrences).
    """
    with figure_style():
        cols = min(PANEL_COLUMNS, max(len(rows), 1))
        grid_rows = max(1, -(-len(rows) // cols))
        width = 2.1 * cols + 0.6
        fig = new_figure(width, 2.7 * grid_rows + 0.4)
        axes = fig.subplots(grid_rows, cols, squeeze=False).ravel()
        for col, ax in enumerate(axes):
            if col >= len(rows):
                ax.set_visible(False)
                continue
            record = rows.iloc[col]
            values = [0.0 if pd.isna(record[f"per10k_{y}"]) else float(record[f"per10k_{y}"]) for y in years]
            ax.bar(years, values, color=[color if y == record["peak_year"] else "#c4c9cf" for y in years], width=0.8)
            _label_panel(ax, f"{record['term']}\n{record['panel_note']}", years, ylabel if col % cols == 0 else None, print_pt(width, 8))
        fig.suptitle(title, fontweight="bold", fontsize=print_pt(width, 12))
        add_caption(fig, caption)
    return fig


def _label_panel(ax: Axes, title: str, years: list[int], ylabel: str | None, size: float = 8) -> None:
    """A term's small panel: its title, a y axis from 0, the first and last study year on x, the y label on the first
    of each row; `size` the type (at least what prints at 6 pt 16 cm wide)."""
    ax.set_title(title, fontsize=size, fontweight="normal")
    ax.set_ylim(bottom=0)
    ax.tick_params(labelsize=size - 0.5)
    ax.set_xticks([years[0], years[-1]])
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=size)
