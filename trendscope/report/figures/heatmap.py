"""A term × year heatmap (occurrences per 10,000 tokens, or TF-IDF: the study's `report.heatmap_value`).

The colour is scaled per row (each term against its own largest year): on one shared scale a single dominant word
(the query's own, or 공연 in a ballet study) saturated its row and left every other row pale, so the figure showed
one word instead of the timing of each.  The numbers written in the cells are the values themselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure, print_pt
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
        # at most 9 in wide (a cell narrows past 7 years), so the cell numbers print at 6 pt or more 16 cm wide
        width = min(max(5.0, 0.8 * matrix.shape[1] + 3), 9.0)
        small = print_pt(width, 7)
        fig = new_figure(width, max(3.0, 0.3 * matrix.shape[0] + 1.4))
        ax = fig.add_subplot()
        values = matrix.to_numpy(dtype=float)
        peaks = np.nanmax(np.where(values > 0, values, 0.0), axis=1, keepdims=True) if values.size else values
        scaled = np.divide(values, peaks, out=np.zeros_like(values), where=peaks > 0)
        image = ax.imshow(scaled, aspect="auto", cmap="YlOrRd", vmin=0.0, vmax=1.0)
        ax.set_xticks(np.arange(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=90 if matrix.shape[1] > 8 else 0, fontsize=print_pt(width, 9))
        ax.set_yticks(np.arange(matrix.shape[0]), list(matrix.index), fontsize=print_pt(width, 9))
        ax.set_xlabel(label("year", language))
        ax.set_ylabel(label("term", language))
        ax.set_title(title)
        ax.spines[:].set_visible(False)
        for (i, j), v in np.ndenumerate(values):
            if v > 0:
                text = f"{v:.0f}" if v >= 10 else f"{v:.1f}" if v >= 1 else f"{v:.2f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=small, color="white" if scaled[i, j] > 0.6 else "#333333")
        fig.colorbar(image, ax=ax, label=label("row_scale", language, value=colorbar_label), shrink=0.8)
        add_caption(fig, caption)
    return fig
