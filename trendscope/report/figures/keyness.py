"""Keyness as diverging bars: the terms most characteristic of each side of a comparison."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from trendscope.report.figures.style import add_caption, figure_style, new_figure, print_pt


def top_key_terms(table: pd.DataFrame, n: int, *, value: str = "z") -> pd.DataFrame:
    """The `n` strongest terms on each side (by |value|, ties by term), target side positive."""
    pos = table[table[value] > 0].sort_values([value, "term"], ascending=[False, True], kind="stable").head(n)
    neg = table[table[value] < 0].sort_values([value, "term"], ascending=[True, True], kind="stable").head(n)
    return pd.concat([pos, neg.iloc[::-1]], ignore_index=True)


def plot_keyness(
    panels: list[tuple[str, pd.DataFrame]], *, title: str, colors: tuple[str, str], legend: tuple[str, str], xlabel: str, caption: str, n: int = 12, value: str = "z", columns: int = 3
) -> Figure:
    """One panel per (panel title, keyness table): bars right for the target, left for the reference."""
    with figure_style():
        # two columns up to four panels (8.4 in: labels print at 6 pt 16 cm wide); more panels in `columns` with larger type
        cols = min(columns if len(panels) > 4 else 2, max(len(panels), 1))
        rows = max(1, -(-len(panels) // cols))
        width = 4.2 * cols
        small = print_pt(width, 8)
        fig = new_figure(width, (small / 72 * 1.45 * 2 * n + 1.3) * rows)
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        for ax, (panel_title, table) in zip(axes, panels, strict=False):
            top = top_key_terms(table, n, value=value)
            ordered = top.iloc[::-1]
            ax.barh(ordered["term"], ordered[value], color=[colors[0] if v > 0 else colors[1] for v in ordered[value]])
            ax.axvline(0, color="#333333", linewidth=0.6)
            ax.set_title(panel_title, fontsize=print_pt(width, 12))
            ax.tick_params(axis="y", labelsize=small)
            ax.tick_params(axis="x", labelsize=print_pt(width, 9))
            ax.set_xlabel(xlabel, fontsize=print_pt(width, 10))
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        handles = [Patch(color=c, label=lab) for c, lab in zip(colors, legend, strict=True)]
        # bottom right of the first panel is empty: target bars point right, reference bars sit below and point left
        axes[0].legend(handles=handles, loc="lower right", fontsize=small)
        fig.suptitle(title, fontweight="bold", fontsize=print_pt(width, 12))
        add_caption(fig, caption)
    return fig
