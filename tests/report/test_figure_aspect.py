"""No figure is a strip (beyond 3:1), at six years or at nineteen; per-year figures past twelve years draw a chosen subset."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.network import plot_network_years, plot_rank_slopes
from trendscope.report.figures.style import MAX_ASPECT, grid_columns, panel_years
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.render import write_figure

YEARS = list(range(2007, 2026))  # the 19-year study of the issue


def _aspect(path) -> float:
    with Image.open(path) as image:
        width, height = image.size
    return max(width / height, height / width)


def test_every_demo_figure_is_within_3_to_1(demo_study):
    figures = sorted((demo_study / "reports" / "figures").glob("*.png"))
    assert len(figures) >= 15
    strips = {p.name: round(_aspect(p), 2) for p in figures if _aspect(p) > MAX_ASPECT}
    assert strips == {}


def test_panel_years_keeps_first_last_and_change_years():
    assert panel_years([2015, 2016, 2017]) == [2015, 2016, 2017]
    chosen = panel_years(YEARS, keep=[2013, 2014])
    assert len(chosen) == 12 and chosen == sorted(set(chosen))
    assert {2007, 2025, 2013, 2014} <= set(chosen)
    gaps = np.diff(chosen)
    assert gaps.max() <= 3  # evenly spread, no long hole


@pytest.mark.parametrize("n", [1, 2, 6, 12, 19])
def test_grid_has_at_most_six_columns_and_is_page_shaped(n):
    columns = grid_columns(n, panel_width=4.0, panel_height=7.4)
    rows = -(-n // columns)
    assert 1 <= columns <= 6
    assert max(columns * 4.0 / (rows * 7.4), rows * 7.4 / (columns * 4.0)) <= 3.0 or columns == n


def _nineteen_year_figures():
    rng = np.random.default_rng(3)
    volume = pd.DataFrame({"query": ["ballet"] * len(YEARS), "year": YEARS, "kept": rng.integers(100, 900, len(YEARS))})
    ranked = pd.DataFrame([{"year": y, "term": f"단어{r}", "rank": r, "tf": 100 - r} for y in YEARS for r in range(1, 31)])
    matrix = pd.DataFrame(rng.random((25, len(YEARS))) * 50, index=[f"단어{i}" for i in range(25)], columns=YEARS)
    terms = [f"단어{i}" for i in range(30)]
    ranks = pd.DataFrame({"term": terms, **{str(y): rng.permutation(30) + 1 for y in YEARS}})
    panels = []
    for y in YEARS:
        nodes = pd.DataFrame({"term": terms[:15], "tf": rng.integers(5, 50, 15), "community": rng.integers(1, 4, 15)})
        edges = pd.DataFrame({"source": terms[:14], "target": terms[1:15], "weight": rng.random(14) + 0.1})
        panels.append((str(y), nodes, edges, None))
    return {
        "volume": plot_volume(volume, {"ballet": "발레"}, {"ballet": "#1f5fbf"}, caption="자료: 테스트"),
        "top_terms": plot_top_terms(ranked, value="tf", title="상위 키워드", color="#1f5fbf", caption="캡션"),
        "heatmap": plot_term_year_heatmap(matrix, title="키워드 × 연도", caption="캡션", colorbar_label="1만 토큰당 빈도"),
        "rank_slopes": plot_rank_slopes(ranks, title="순위 변화", caption="캡션", color="#1f5fbf", n=20),
        "network_years": plot_network_years(panels, title="연도별 네트워크", caption="캡션"),
    }


def test_nineteen_year_figures_are_not_strips(tmp_path):
    for name, fig in _nineteen_year_figures().items():
        png = write_figure(fig, tmp_path / name, 60, svg=False)
        assert _aspect(png) <= MAX_ASPECT, (name, Image.open(png).size)


def test_top_terms_past_twelve_years_draws_twelve_panels_and_says_so():
    ranked = pd.DataFrame([{"year": y, "term": f"단어{r}", "rank": r, "tf": 10 - r} for y in YEARS for r in range(1, 6)])
    fig = plot_top_terms(ranked, value="tf", title="상위 키워드", color="#1f5fbf", caption="캡션")
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == 12 and titles[0] == "2007" and titles[-1] == "2025"
    assert "19개 연도 중 12개" in fig._suptitle.get_text()


def test_rank_slopes_give_each_mover_its_own_colour_and_keep_lines_whole():
    years = ["2018", "2019", "2020", "2021"]
    ranks = pd.DataFrame({"term": ["가", "나", "다", "라", "마", "바"], "2018": [1, 2, 3, 4, 5, 25], "2019": [2, 1, 30, 3, 6, 4],
                          "2020": [6, 5, 4, 3, 2, 1], "2021": [5, 4, 1, 2, 3, 6]})
    fig = plot_rank_slopes(ranks, title="t", caption="c", color="#1f5fbf", n=5, highlight=3)
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) == len(years)]
    assert all(not np.isnan(np.asarray(line.get_ydata(), dtype=float)).any() for line in lines)  # no gaps: outside the top 5 is the band
    colours = {line.get_color() for line in lines if line.get_linewidth() > 2}
    assert len(colours) == 3  # three movers, three colours
    assert "> 5" in [t.get_text() for t in ax.get_yticklabels()]


def test_heatmap_colour_is_per_row():
    matrix = pd.DataFrame({2019: [1000.0, 1.0], 2020: [500.0, 2.0]}, index=["공연", "발레단"])
    fig = plot_term_year_heatmap(matrix, title="t", caption="c", colorbar_label="v")
    scaled = fig.axes[0].images[0].get_array()
    assert np.allclose(scaled, [[1.0, 0.5], [0.5, 1.0]])  # the small row is not washed out by the large one


def test_six_years_of_top_terms_fill_a_three_by_two_grid():
    assert grid_columns(6, panel_width=4.0, panel_height=7.4) == 3
    assert grid_columns(12, panel_width=4.0, panel_height=7.4) in (4, 6)
