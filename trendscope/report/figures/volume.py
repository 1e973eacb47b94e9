"""Documents per year, every query side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure
from trendscope.report.labels import Language, label


def plot_volume(volume: pd.DataFrame, labels: dict[str, str], colors: dict[str, str], *, caption: str, language: Language = "ko") -> Figure:
    """Grouped bars of kept documents per query × year (`volume` from `volume_by_year`)."""
    with figure_style():
        years = sorted(volume["year"].unique())
        fig = new_figure(max(6.0, 0.9 * len(years) + 2), 4.0)
        ax = fig.add_subplot()
        keys = list(labels)
        width = 0.8 / max(len(keys), 1)
        x = np.arange(len(years))
        for i, key in enumerate(keys):
            counts = volume[volume["query"] == key].set_index("year")["kept"].reindex(years, fill_value=0)
            bars = ax.bar(x + (i - (len(keys) - 1) / 2) * width, counts.to_numpy(), width, label=labels[key], color=colors[key])
            ax.bar_label(bars, fontsize=7, padding=2)
        ax.set_xticks(x, [str(y) for y in years])
        ax.set_xlabel(label("year", language))
        ax.set_ylabel(label("documents", language))
        ax.set_title(label("volume_title", language))
        ax.legend(loc="upper left")
        add_caption(fig, caption)
    return fig
