"""Figures draw Korean with the shipped font (missing-glyph warnings are errors, see pyproject)."""

import warnings

import pandas as pd
from matplotlib import font_manager

from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.style import FONT_FAMILY, korean_font_files, query_colors, register_korean_font
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.render import write_figure


def test_font_ships_with_a_package_and_has_hangul():
    files = korean_font_files()
    assert files and all(f.is_file() for f in files)
    assert register_korean_font() == FONT_FAMILY
    found = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False)
    assert "NanumGothic" in found


def test_figures_render_korean_without_missing_glyphs(tmp_path):
    volume = pd.DataFrame({"query": ["a", "a", "b", "b"], "year": [2019, 2020] * 2, "kept": [3, 5, 2, 1]})
    ranked = pd.DataFrame({"year": [2019, 2019, 2020], "term": ["스마트시티", "자율주행", "코로나19"], "rank": [1, 2, 1], "tf": [5, 3, 4]})
    matrix = pd.DataFrame({2019: [1.5, 0.0], 2020: [0.0, 2.5]}, index=["디지털트윈", "리빙랩"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figs = [
            plot_volume(volume, {"a": "스마트시티", "b": "사회혁신"}, query_colors(["a", "b"]), caption="자료: 테스트 · n = 11"),
            plot_top_terms(ranked, value="tf", title="상위 키워드", color="#1f5fbf", caption="캡션 -1"),
            plot_term_year_heatmap(matrix, title="키워드 × 연도", caption="캡션", colorbar_label="TF-IDF"),
        ]
        for i, fig in enumerate(figs):
            png = write_figure(fig, tmp_path / f"fig{i}", 150, svg=True)
            assert sorted(p.suffix for p in tmp_path.glob(f"fig{i}.*")) == [".png", ".svg"]
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert png.stat().st_size > 10_000



def test_figures_drawn_in_parallel_equal_figures_drawn_in_series(demo_study, tmp_path):
    """Drawing the report's figures in worker processes changes nothing but the time it takes."""
    from trendscope.config import load_config
    from trendscope.pipeline import plan
    from trendscope.report.render import render_figures_cached
    from trendscope.report.sections import build_sections
    from trendscope.stages import report

    config = load_config(demo_study / "study.yaml")
    (item,) = [p for p in plan(config) if p.name == "report"]
    settings = item.params
    data = report.report_data(settings, item.load_inputs())
    sections = build_sections(data, settings)
    jobs = [job for s in sections if s.key in ("frequency", "keyness") for job in s.figures]
    serial = render_figures_cached(jobs, tmp_path / "jobs1", dpi=60, workers=1).files
    parallel = render_figures_cached(jobs, tmp_path / "jobs2", dpi=60, workers=2).files
    assert list(serial) == list(parallel) == [job.name for job in jobs]
    assert sorted(p.name for p in (tmp_path / "jobs2").iterdir()) == sorted(p.name for p in (tmp_path / "jobs1").iterdir())
    assert all(parallel[name].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for name in parallel)


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_concor_figure_marks_a_block_whose_split_did_not_converge():
    from trendscope.report.figures.network import plot_concor

    blocks = pd.DataFrame({"term": list("abcd"), "tf": [4, 3, 2, 1], "concor_block": [1, 1, 2, 2], "concor_block_1": [1, 1, 2, 2],
                           "concor_converged": [True, True, False, False]})
    marked = _texts(plot_concor(blocks, title="t", caption="c", language="en"))
    assert "2 †" in marked and "1 †" not in marked and "max_iter" in marked
    clean = _texts(plot_concor(blocks.assign(concor_converged=True), title="t", caption="c", language="en"))
    assert "†" not in clean


def test_network_small_multiples_survive_many_communities(tmp_path):
    """A tiny collection gives dozens of one-term communities: the figure grows for its legend instead of failing to lay out."""
    from trendscope.report.figures.network import LEGEND_COMMUNITIES, plot_network_years

    terms = [f"용어{i}" for i in range(40)]
    nodes = pd.DataFrame({"term": terms, "tf": range(40, 0, -1), "community": range(1, 41)})
    edges = pd.DataFrame({"source": terms[:2], "target": terms[1:3], "weight": [1.0, 2.0], "in_tree": [True, True]})
    fig = plot_network_years([("2015", nodes, edges, None)], title="t", caption="c", language="ko")
    fig.savefig(tmp_path / "small.png", dpi=50)
    assert len(fig.legends[0].get_texts()) == LEGEND_COMMUNITIES + 1  # + the edge-width entry


def test_topic_prevalence_panels_above_an_empty_cell_show_their_years():
    """Six topics in rows of four: the panels of topics 3 and 4 have nothing below them, so they carry the year labels."""
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from trendscope.report.figures.topics import plot_prevalence_lines

    prevalence = pd.DataFrame([{"year": y, "topic": t, "share": 1 / 6} for y in (2019, 2020, 2021) for t in range(1, 7)])
    fig = plot_prevalence_lines(prevalence, topic_labels={}, color="#1f77b4", title="t", caption="c", columns=4)  # the report draws 3 a row
    FigureCanvasAgg(fig).draw()
    panels = [ax for ax in fig.axes if ax.get_visible()]
    shows_years = [any(t.get_visible() and t.get_text() for t in ax.get_xticklabels()) for ax in panels]
    assert shows_years == [False, False, True, True, True, True]


def test_topic_prevalence_panels_label_at_most_six_years():
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from trendscope.report.figures.topics import plot_prevalence_lines

    years = list(range(2006, 2025))
    prevalence = pd.DataFrame([{"year": y, "topic": t, "share": 0.5} for y in years for t in (1, 2)])
    fig = plot_prevalence_lines(prevalence, topic_labels={}, color="#1f77b4", title="t", caption="c")
    FigureCanvasAgg(fig).draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(labels) == 19 and [x for x in labels if x] == ["'06", "'10", "'14", "'18", "'22"]



def test_rank_slopes_of_a_long_study_stay_page_wide():
    """0.75 in per year, up to 11 in: a 19-year chart was 32 in wide, then 16 in, its labels unreadable once the page
    scaled it down (3.1 pt printed 16 cm wide)."""
    import pandas as pd

    from trendscope.report.figures.network import RANK_SLOPES_MAX_IN, plot_rank_slopes

    def chart(years: list[str]):
        ranks = pd.DataFrame([{"term": term, **{y: (i + j) % 5 + 1 for j, y in enumerate(years)}} for i, term in enumerate("가나다라마")])
        return plot_rank_slopes(ranks, title="t", caption="c", color="#1f5fbf", n=5)

    assert chart([str(y) for y in range(2015, 2021)]).get_figwidth() == 3.0 + 0.75 * 6
    assert chart([str(y) for y in range(2006, 2025)]).get_figwidth() == RANK_SLOPES_MAX_IN


def test_episode_bars_mark_the_peak_year():
    from matplotlib.colors import to_hex

    from trendscope.report.figures.trends import plot_episodes

    rows = pd.DataFrame({"term": ["코로나19", "비대면"], "peak_year": [2020, 2021], "panel_note": ["2020 · 100%", "2021 · 62%"],
                         "per10k_2018": [0.0, 0.0], "per10k_2019": [0.0, float("nan")], "per10k_2020": [80.0, 4.0], "per10k_2021": [0.0, 9.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_episodes(rows, [2018, 2019, 2020, 2021], title="일시적 사건", ylabel="1만 토큰당", color="#1f5fbf", caption="캡션")
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title().split("\n")[0] for ax in axes] == ["코로나19", "비대면"]
    heights = [[bar.get_height() for bar in ax.patches] for ax in axes]
    assert heights == [[0.0, 0.0, 80.0, 0.0], [0.0, 0.0, 4.0, 9.0]]  # a missing year is drawn as 0
    peak = [[to_hex(bar.get_facecolor()) for bar in ax.patches].index("#1f5fbf") for ax in axes]
    assert peak == [2, 3]


def _blank_share(fig) -> tuple[float, float]:
    """The share of the figure's pixel columns and rows that hold nothing but white, as saved (tight bounding box)."""
    import io

    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    write_figure_to(fig, buffer)
    ink = np.asarray(Image.open(buffer).convert("L")) < 245
    return 1 - ink.any(axis=0).mean(), 1 - ink.any(axis=1).mean()


def write_figure_to(fig, buffer) -> None:
    from trendscope.report.figures.style import figure_style

    with figure_style():
        fig.savefig(buffer, format="png", dpi=72)


def test_concor_figure_fills_itself_whatever_its_blocks():
    """Issue 24: the CONCOR figure was ~45 % empty (a fixed size for any tree); sized from its content it is not."""
    import numpy as np

    from trendscope.report.figures.network import plot_concor
    from trendscope.report.figures.style import smallest_print_font

    rng = np.random.default_rng(3)
    for depth, n_terms in ((1, 6), (2, 40), (3, 80)):
        terms = [f"단어{i:02d}" for i in range(n_terms)]
        final = rng.integers(1, 2**depth + 1, size=n_terms)
        final[: 2**depth] = np.arange(1, 2**depth + 1)  # every block has a member
        levels = {f"concor_block_{level}": (final - 1) // 2 ** (depth - level) + 1 for level in range(1, depth + 1)}
        blocks = pd.DataFrame({"term": terms, "tf": rng.integers(1, 50, size=n_terms), "concor_block": final, **levels, "concor_converged": True})
        fig = plot_concor(blocks, title="스마트시티 2015: CONCOR 블록", caption="자료: bigkinds · 단어의 동시출현 수에 대한 CONCOR")
        columns, rows = _blank_share(fig)
        # a fixed 8 × 5.2 in left 34 % of the columns and 46 % of the rows blank at depth 1 (27 % and 23 % at depth 2)
        assert columns < 0.2 and rows < (0.32 if depth == 1 else 0.2), (depth, columns, rows)
        assert smallest_print_font(fig) >= 6


def test_a_years_network_prints_at_six_points_or_more_and_frames_its_nodes_in_a_shared_layout():
    """A year's drawing is 16 cm wide (at 13 × 9 in its labels printed at 4.4 pt); with a layout shared by every year
    the axes frame this year's nodes, not the whole union."""
    import numpy as np

    from trendscope.report.figures.network import plot_network
    from trendscope.report.figures.style import smallest_print_font

    terms = ["스마트시티", "4차 산업혁명", "데이터", "플랫폼", "시민", "참여", "교통", "안전"]
    nodes = pd.DataFrame({"term": terms, "tf": range(40, 40 - len(terms), -1), "community": [1, 1, 2, 2, 3, 3, 4, 4]})
    edges = pd.DataFrame([(terms[i], terms[i + 1], float(i + 1)) for i in range(len(terms) - 1)], columns=["source", "target", "weight"])
    caption = " · ".join(["자료: bigkinds", "문장 단위 동시출현", "가중치 count", "Louvain (seed 42)", "노드 30/40개", "최대 신장 트리 + 노드마다 가장 강한 연결"] * 2)
    fig = plot_network(nodes, edges, title="스마트시티 2021", caption=caption)
    width, height = fig.get_size_inches()
    assert smallest_print_font(fig) >= 6 and max(width / height, height / width) <= 3
    union = {term: np.array([i / 20, (i % 3) / 20]) for i, term in enumerate(terms)} | {"다른 해의 단어": np.array([1.0, 1.0])}
    ax = plot_network(nodes, edges, title="스마트시티 2021", caption="c", pos=union).axes[0]
    assert ax.get_xlim()[1] < 0.5 and ax.get_ylim()[1] < 0.2  # framed on this year's nodes, not on the far union term


def test_layout_of_a_graph_with_twin_leaves_is_finite_and_quiet():
    """Two leaves on one node sit on one point of the spectral layout; Kamada–Kawai from there divided by zero and a
    small two-year study's network drawing failed on NaN axis limits.  Each node now starts a little apart."""
    import networkx as nx
    import numpy as np

    from trendscope.report.figures.network import layout, spectral_start

    graph = nx.path_graph(8)
    graph.add_edges_from([(3, 8), (3, 9), (6, 10)])  # 8 and 9: twins
    graph = nx.relabel_nodes(graph, {n: f"단어{n:02d}" for n in graph})
    start = np.array(list(spectral_start(graph).values()))
    assert len({tuple(np.round(p, 9)) for p in start}) == len(start)  # no two nodes start on one point
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pos = layout(list(graph.nodes), pd.DataFrame(list(graph.edges), columns=["source", "target"]))
    xy = np.array(list(pos.values()))
    assert np.isfinite(xy).all() and len({tuple(np.round(p, 6)) for p in xy}) == len(xy)


def test_a_term_entering_the_top_in_the_last_year_is_labelled_once():
    """It was labelled on both sides of its one point (기반 기반 on the demo's rank-change chart)."""
    from trendscope.report.figures.network import plot_rank_slopes

    ranks = pd.DataFrame([{"term": "가", "2018": 1, "2019": 2, "2020": 1}, {"term": "나", "2018": None, "2019": None, "2020": 2},
                          {"term": "다", "2018": 2, "2019": 1, "2020": None}])
    fig = plot_rank_slopes(ranks, title="t", caption="c", color="#1f5fbf", n=3)
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["가", "가", "나", "다", "다"]
