"""One visual style for every figure: a Korean font shipped by a pip package, one palette for the queries.

The font comes from the `koreanize-matplotlib` wheel (NanumGothic).  It is
registered with matplotlib explicitly, without importing that package (whose
import reconfigures matplotlib globally).  A missing font is an error, never a
silent fallback to a font without Hangul.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

from trendscope.errors import TrendscopeError

FONT_FAMILY = "NanumGothic"
FONT_PACKAGE = "koreanize_matplotlib"
# Colour-blind-safe pair first (blue/orange), then six more distinct hues: up to eight queries get their own colour.
QUERY_PALETTE = ("#1f5fbf", "#e07b00", "#2a9d5c", "#9b3fb5", "#c23b3b", "#5f6b7a", "#a6761d", "#17becf")


@lru_cache(maxsize=1)
def korean_font_files() -> tuple[Path, ...]:
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise TrendscopeError(f"the Korean font package {FONT_PACKAGE!r} is not installed; run `make install`")
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    files = tuple(sorted(folder.glob("NanumGothic*.ttf")))
    if not files:
        raise TrendscopeError(f"no NanumGothic font in {folder}; reinstall koreanize-matplotlib")
    return files


@lru_cache(maxsize=1)
def register_korean_font() -> str:
    """Make the shipped Korean font known to matplotlib (once per process) and return its family name."""
    for path in korean_font_files():
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


def query_colors(keys: Sequence[str]) -> dict[str, str]:
    """The colour of each query, by its position in the study (the same in every figure)."""
    return {key: QUERY_PALETTE[i % len(QUERY_PALETTE)] for i, key in enumerate(keys)}


@contextlib.contextmanager
def figure_style(dpi: int = 150) -> Iterator[None]:
    family = register_korean_font()
    rc = {
        "font.family": [family],
        "axes.unicode_minus": False,  # NanumGothic has no U+2212 minus sign
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.frameon": False,
        "savefig.dpi": dpi,
        "savefig.bbox": "tight",
        "svg.fonttype": "path",
        "figure.facecolor": "white",
    }
    with mpl.rc_context(rc):
        yield


# No figure is a strip: beyond 3:1 a page or a printed column shrinks the long side until the text is unreadable
# (a 19-year study drew the volume bars 4.5:1 and the networks 1:5).  New figures are kept inside 2.8:1, leaving room
# for the tight bounding box and the caption added below the axes.
MAX_ASPECT = 3.0
_DRAW_ASPECT = 2.8
MAX_COLUMNS = 6  # small multiples wrap into at most six columns
MAX_PANELS = 12  # past twelve years a per-year figure shows a chosen subset (`panel_years`); the tables hold every year


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to pyplot's global state or any GUI backend, widened or heightened to stay within 2.8:1."""
    width, height = float(width), float(height)
    if width > _DRAW_ASPECT * height:
        height = width / _DRAW_ASPECT
    elif height > _DRAW_ASPECT * width:
        width = height / _DRAW_ASPECT
    return Figure(figsize=(width, height), layout="constrained")


def panel_years(years: Sequence[int], *, limit: int = MAX_PANELS, keep: Sequence[int] = ()) -> list[int]:
    """The years a per-year figure draws: all of them up to `limit`; past it the first, the last, the `keep` years (change
    years, say) and evenly spaced years between, `limit` in all, in order."""
    years = sorted(years)
    if len(years) <= limit:
        return years
    chosen = {years[0], years[-1], *(y for y in keep if y in years)}
    chosen = set(sorted(chosen, key=lambda y: (y not in (years[0], years[-1]), years.index(y)))[:limit])
    spare = limit - len(chosen)
    if spare > 0:
        rest = [y for y in years if y not in chosen]
        picks = [rest[round(i * (len(rest) - 1) / max(spare - 1, 1))] for i in range(spare)] if spare > 1 else [rest[len(rest) // 2]]
        chosen |= set(picks)
        for y in rest:  # rounding can pick one year twice; fill up in order
            if len(chosen) >= limit:
                break
            chosen.add(y)
    return sorted(chosen)


def grid_columns(n: int, *, panel_width: float, panel_height: float, max_columns: int = MAX_COLUMNS) -> int:
    """Columns for `n` panels of the given size: the count whose grid is closest to a 4:3 landscape page, at most
    `max_columns`, each empty cell counting against it (six years in 3 × 2, not in 5 + 1)."""
    if n <= 1:
        return 1
    best, best_score = 1, float("inf")
    for columns in range(1, min(n, max_columns) + 1):
        rows = -(-n // columns)
        aspect = (columns * panel_width) / (rows * panel_height)
        score = abs(np.log(aspect / (4 / 3))) + 0.15 * (rows * columns - n)
        if score < best_score - 1e-9:
            best, best_score = columns, score
    return best


# Printed 16 cm wide (a page column), no text may fall below 6 pt: a figure W inches wide prints at 6.3 / W of its size.
PRINT_WIDTH_IN = 16 / 2.54
MIN_PRINT_PT = 6.0
_SAVED_MARGIN_IN = 0.6  # what the tight bounding box adds to the figure's width (pad, labels reaching past the edge)


def print_pt(width: float, size: float = 8.0) -> float:
    """`size`, raised if needed so that text in a figure `width` inches wide still prints at 6 pt 16 cm wide."""
    return max(size, round(MIN_PRINT_PT * (width + _SAVED_MARGIN_IN) / PRINT_WIDTH_IN + 0.05, 1))


def year_tick_labels(years: Sequence[int], *, limit: int = 8) -> list[str]:
    """Labels for a tick per year: every year up to `limit`, past it every k-th year from the first, so the labels never
    run together on a panel a page wide (every year keeps its tick)."""
    years = list(years)
    step = max(1, -(-len(years) // limit))
    return [str(y) if i % step == 0 else "" for i, y in enumerate(years)]


def add_caption(fig: Figure, text: str, fontsize: float = 8) -> None:
    """The source line under the figure, at a size that prints at 6 pt or more 16 cm wide."""
    fig.text(0.0, -0.01, text, ha="left", va="top", fontsize=print_pt(fig.get_figwidth(), fontsize), color="#555555", transform=fig.transFigure)


def smallest_print_font(fig: Figure, width_cm: float = 16.0) -> float:
    """The smallest font size (pt) of any visible text in `fig` once the figure is printed `width_cm` wide."""
    scale = (width_cm / 2.54) / fig.get_figwidth()
    sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")) if t.get_visible() and t.get_text()]
    return min(sizes, default=0.0) * scale
