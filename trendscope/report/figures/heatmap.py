"""A term × year heatmap (e.g. of TF-IDF)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure
from trendscope.report.labels import Language, label


def term_year_matrix(terms: pd.DataFrame, *, query: str, years: list[int], value: str = "tfidf", n: int = 25) -> pd.DataFrame:
    """The heatmap's layout: terms × years of `value` for one query, the `n` terms with the highest total, ordered by it
    (ties by term). It arranges values the count stage computed; it computes none."""
    part = terms[terms["query"] == query]
    totals = part.groupby("term")[value].sum().reset_index()
    chosen = totals.sort_values([value, "term"], ascending=[False, True], kind="stable").head(n)["term"].tolist()
    matrix = part[part["term"].isin(chosen)].pivot_table(index="term", columns="year", values=value, aggfunc="sum", fill_value=0.0)
    return matrix.reindex(index=chosen, columns=years, fill_value=0.0)


def plot_term_year_heatmap(matrix: pd.DataFrame, *, title: str, caption: str, colorbar_label: str, language: Language = "ko") -> Figure:
    """`matrix`: terms as rows (in display order), years as columns."""
    with figure_style():
        fig = new_figure(max(5.0, 0.8 * matrix.shape[1] + 3), max(3.0, 0.28 * matrix.shape[0] + 1.2))
        ax = fig.add_subplot()
        values = matrix.to_numpy(dtype=float)
        image = ax.imshow(values, aspect="auto", cmap="YlOrRd")
        ax.set_xticks(np.arange(matrix.shape[1]), [str(c) for c in matrix.columns])
        ax.set_yticks(np.arange(matrix.shape[0]), list(matrix.index))
        ax.set_xlabel(label("year", language))
        ax.set_ylabel(label("term", language))
        ax.set_title(title)
        ax.spines[:].set_visible(False)
        threshold = np.nanmax(values) * 0.6 if values.size else 0
        for (i, j), v in np.ndenumerate(values):
            if v > 0:
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=6, color="white" if v > threshold else "#333333")
        fig.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
        add_caption(fig, caption)
    return fig
