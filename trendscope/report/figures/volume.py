"""Documents per year, every query side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure, print_pt
from trendscope.report.labels import Language, label


def plot_volume(volume: pd.DataFrame, labels: dict[str, str], colors: dict[str, str], *, caption: str, language: Language = "ko") -> Figure:
    """Grouped bars of kept documents per query × year (`volume` from `volume_by_year`)."""
    with figure_style():
        years = sorted(volume["year"].unique())
        # at most 9 in wide (a 19-year study drew 19 in x 4 in, 4.5:1, its text ~5 px on the page; at 12 in the year labels
        # printed at 5 pt 16 cm wide): bars get narrower instead, and the type is what prints at 6 pt or more
        width = min(max(6.0, 0.45 * len(years) + 2), 9.0)
        small = print_pt(width, 8)
        fig = new_figure(width, 4.2)
        ax = fig.add_subplot()
        keys = list(labels)
        width = 0.8 / max(len(keys), 1)
        x = np.arange(len(years))
        for i, key in enumerate(keys):
            counts = volume[volume["query"] == key].set_index("year")["kept"].reindex(years, fill_value=0)
            bars = ax.bar(x + (i - (len(keys) - 1) / 2) * width, counts.to_numpy(), width, label=labels[key], color=colors[key])
            if len(years) * len(keys) <= 24:  # beyond that the labels overlap; the numbers are in the volume table
                ax.bar_label(bars, fontsize=small, padding=2)
        ax.set_xticks(x, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
        ax.tick_params(labelsize=max(small, 9))
        ax.set_xlabel(label("year", language))
        ax.set_ylabel(label("documents", language))
        ax.set_title(label("volume_title", language))
        ax.legend(loc="upper left", fontsize=max(small, 9))
        add_caption(fig, caption)
    return fig
