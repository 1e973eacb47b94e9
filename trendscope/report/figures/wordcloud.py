"""Word clouds per query × year, drawn with the same NanumGothic file as every other figure.

A word cloud sits beside the ranked tables, never instead of them: size shows
frequency only roughly.
"""

from __future__ import annotations

import colorsys
import math

import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.figure import Figure

from trendscope.report.figures.style import add_caption, figure_style, korean_font_files, new_figure


def _font_path() -> str:
    files = korean_font_files()
    regular = [f for f in files if f.stem == "NanumGothic"]
    return str((regular or list(files))[0])


def cloud_image(frequencies: dict[str, float], *, color: str, seed: int, width: int = 480, height: int = 320, margin: int = 8) -> np.ndarray:
    """An RGB array of a word cloud in shades of `color` (deterministic for a seed).

    `margin` pixels around each word (wordcloud's default is 2): Korean words set close together read as one
    compound (스마트 도시 → 스마트도시), so they get a visible gap."""
    from wordcloud import WordCloud

    hue, base_lightness, saturation = colorsys.rgb_to_hls(*mcolors.to_rgb(color))

    def shade(word: str, font_size: int, position: tuple[int, int], orientation: int | None, random_state=None, **_: object) -> str:
        lightness = min(0.75, base_lightness + (1 - min(font_size, 60) / 60) * 0.35)
        r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
        return mcolors.to_hex((r, g, b))

    cloud = WordCloud(
        font_path=_font_path(), width=width, height=height, background_color="white", max_words=80, prefer_horizontal=1.0,
        random_state=seed, color_func=shade, margin=margin, collocations=False, normalize_plurals=False, include_numbers=True,
    )
    return cloud.generate_from_frequencies(frequencies).to_array()


def plot_wordclouds(terms: pd.DataFrame, years: list[int], *, title: str, color: str, caption: str, seed: int, columns: int = 3) -> Figure:
    """One word cloud per year of one query (`terms`: year, term, tf)."""
    with figure_style():
        rows = max(1, math.ceil(len(years) / columns))
        cols = min(columns, max(len(years), 1))
        fig = new_figure(3.6 * cols, 2.7 * rows + 0.5)
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        for ax, year in zip(axes, years, strict=False):
            part = terms[terms["year"] == year]
            ax.set_axis_off()
            ax.set_title(str(year))
            if part.empty:
                continue
            top = part.sort_values(["tf", "term"], ascending=[False, True], kind="stable").head(80)
            ax.imshow(cloud_image(dict(zip(top["term"], top["tf"].astype(float), strict=True)), color=color, seed=seed), interpolation="bilinear")
        for ax in axes[len(years):]:
            ax.set_visible(False)
        fig.suptitle(title, fontweight="bold")
        add_caption(fig, caption)
    return fig
