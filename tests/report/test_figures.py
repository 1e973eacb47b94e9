"""Figures draw Korean with the shipped font (missing-glyph warnings are errors, see pyproject)."""

import warnings

import pandas as pd
from matplotlib import font_manager

from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.style import FONT_FAMILY, korean_font_files, query_colors, register_korean_font, save_figure
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume


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
            paths = save_figure(fig, tmp_path / f"fig{i}")
            assert [p.suffix for p in paths] == [".png", ".svg"]
            assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert paths[0].stat().st_size > 10_000



def test_sections_in_parallel_equal_sections_in_series(demo_study, tmp_path):
    """Drawing the report sections in worker processes changes nothing but the time it takes."""
    from trendscope.config import load_config
    from trendscope.pipeline import build_stages
    from trendscope.stages.sections import ReportContext, build_sections

    config = load_config(demo_study / "study.yaml")
    _stages, paths = build_stages(config)
    results = {}
    for jobs in (1, 2):
        context = ReportContext(config, paths, tmp_path / f"jobs{jobs}" / "figures", True, "analyzer")
        results[jobs] = build_sections(context, jobs=jobs)
    serial, parallel = results[1], results[2]
    assert [s.key for s in serial] == [s.key for s in parallel]
    for a, b in zip(serial, parallel, strict=True):
        assert [t.name for t in a.tables] == [t.name for t in b.tables]
        for ta, tb in zip(a.tables, b.tables, strict=True):
            pd.testing.assert_frame_equal(ta.frame, tb.frame)
        assert [p.name for p in a.figures] == [p.name for p in b.figures]
        assert a.text == b.text
    assert sorted(p.name for p in (tmp_path / "jobs2" / "figures").iterdir()) == sorted(p.name for p in (tmp_path / "jobs1" / "figures").iterdir())
