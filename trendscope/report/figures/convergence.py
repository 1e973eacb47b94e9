"""Convergence of two discourses: Jaccard of top-N vocabularies and cosine of TF-IDF profiles per year, against the
similarity expected when the documents are reassigned at random between the queries (the compare stage's baseline)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, new_figure, year_tick_labels


def plot_convergence(
    table: pd.DataFrame, *, title: str, measures: dict[str, str], xlabel: str, caption: str, color: str = "#444444", verdict: str = "",
    baseline_label: str = "",
) -> Figure:
    """One panel per measure (column → axis label), a line over the years with values marked; `verdict` (the trend
    test's reading, e.g. '유사도 증가 추세 (6개 연도, p = 0.01)') is stated under the title so the figure carries its
    conclusion.  Where the table holds `<measure>_baseline` (and `_low`/`_high`), the similarity expected when the
    year's documents are reassigned at random is drawn as a dashed line in a grey band, named `baseline_label`:
    a line below the band is two discourses more different than chance, a line inside it is one discourse."""
    with figure_style():
        fig = new_figure(3.6 * len(measures), 3.4)
        axes = fig.subplots(1, len(measures), squeeze=False).ravel()
        part = table.sort_values("year")
        for ax, (column, name) in zip(axes, measures.items(), strict=False):
            if f"{column}_baseline" in part and part[f"{column}_baseline"].notna().any():
                ax.fill_between(part["year"], part[f"{column}_baseline_low"], part[f"{column}_baseline_high"], color="#bbbbbb", alpha=0.45, linewidth=0,
                                label=baseline_label or None)
                ax.plot(part["year"], part[f"{column}_baseline"], linestyle="--", color="#777777", linewidth=1.2)
            ax.plot(part["year"], part[column], marker="o", color=color)
            marked = part if len(part) <= 8 else part.iloc[[0, -1]]  # past eight years only the first and last value
            for x, y in zip(marked["year"], marked[column], strict=True):
                ax.annotate(f"{y:.2f}", (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
            ax.set_xticks(part["year"].tolist(), year_tick_labels(part["year"].tolist(), limit=6))
            ax.set_ylim(0, max(1.0, float(part[column].max()) * 1.15) if len(part) else 1.0)
            ax.set_title(name, fontweight="normal")
            ax.set_xlabel(xlabel)
        if baseline_label and axes[0].get_legend_handles_labels()[0]:
            axes[0].legend(loc="best", fontsize=8)
        fig.suptitle(title + (f"\n{verdict}" if verdict else ""), fontweight="bold")
        add_caption(fig, caption)
    return fig


def plot_convergence_matrix(
    panels: list[tuple[str, pd.DataFrame]], *, title: str, caption: str, colorbar_label: str, baselines: list[pd.DataFrame] | None = None, baseline_word: str = "",
) -> Figure:
    """Three or more queries: one query × query matrix per panel (e.g. the TF-IDF cosine in the first and in the last year).

    Each panel is (panel title, square frame with query labels as index and columns); the diagonal is left blank.
    Without `baselines` a fixed 0–1 colour scale, so the panels compare.  With `baselines` (one frame per panel, the
    permutation baseline of each pair) the colour is the similarity minus its baseline on a scale centred on 0 (blue:
    closer than documents reassigned at random, red: further apart), and each cell reads 'value / baseline_word baseline'.
    """
    with figure_style():
        size = len(panels[0][1]) if panels else 1
        fig = new_figure(max(4.0, 0.9 * size + 2.4) * max(len(panels), 1), max(3.6, 0.8 * size + 2.0))
        axes = fig.subplots(1, max(len(panels), 1), squeeze=False).ravel()
        image = None
        centred = baselines is not None
        excesses = [p[1].to_numpy(dtype=float) - b.to_numpy(dtype=float) for p, b in zip(panels, baselines, strict=True)] if centred else []
        limit = max([0.05, *(float(np.nanmax(np.abs(e))) for e in excesses if np.isfinite(e).any())])
        for i, (ax, (panel_title, matrix)) in enumerate(zip(axes, panels, strict=False)):
            values = matrix.to_numpy(dtype=float).copy()
            np.fill_diagonal(values, np.nan)
            if centred:
                shown = excesses[i].copy()
                np.fill_diagonal(shown, np.nan)
                image = ax.imshow(shown, cmap="RdBu", norm=TwoSlopeNorm(0.0, -limit, limit))
            else:
                shown = values
                image = ax.imshow(values, cmap="Blues", vmin=0.0, vmax=1.0)
            ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=30, ha="right")
            ax.set_yticks(range(len(matrix.index)), list(matrix.index))
            ax.set_title(panel_title, fontweight="normal")
            ax.spines[:].set_visible(False)
            for (r, c), v in np.ndenumerate(values):
                if np.isnan(v):
                    continue
                dark = abs(shown[r, c]) > 0.6 * limit if centred else v > 0.6
                text = f"{v:.2f}" + (f"\n({baseline_word} {baselines[i].iat[r, c]:.2f})" if centred else "")
                ax.text(c, r, text, ha="center", va="center", fontsize=8, color="white" if dark else "#333333")
        if image is not None:
            fig.colorbar(image, ax=list(axes), label=colorbar_label, shrink=0.8)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig
