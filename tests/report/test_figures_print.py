"""Figure fixes of issue 13: pure helpers (community colours across years, label spreading, term wrapping) and print-size fonts."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.report.figures.convergence import plot_convergence
from trendscope.report.figures.network import align_community_colors, match_communities, plot_network_years, spread_labels, top_movers, wrap_terms
from trendscope.report.figures.style import smallest_print_font
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.topics import plot_similarity_heatmap


def test_communities_keep_their_colour_by_member_overlap():
    reference = {"시민": 1, "참여": 1, "리빙랩": 1, "데이터": 2, "플랫폼": 2}
    # next year Louvain numbers the same groups the other way round, and a new group appears
    current = {"시민": 2, "참여": 2, "데이터": 1, "플랫폼": 1, "인공지능": 1, "드론": 3, "규제": 3, "기타": 0}
    assert match_communities(reference, current) == {2: 1, 1: 2, 3: 3, 0: 0}


def test_colours_follow_groups_over_several_years():
    years = [{"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 2, "b": 2, "c": 1, "d": 1}, {"a": 5, "c": 4, "d": 4, "e": 6}]
    maps = align_community_colors(years)
    assert maps[0] == {1: 1, 2: 2}
    assert maps[1] == {2: 1, 1: 2}
    assert maps[2][5] == 1 and maps[2][4] == 2 and maps[2][6] not in (1, 2)


def test_wrap_terms_never_splits_a_term():
    terms = ["스마트시티", "4차 산업혁명", "데이터", "사회적 경제 조직", "리빙랩"]
    lines = wrap_terms(terms, 12)
    assert any(line.startswith("4차 산업혁명") or ", 4차 산업혁명" in line for line in lines)
    assert [t.strip() for line in lines for t in line.split(",") if t.strip()] == terms
    assert all(len(line) <= 13 or "," not in line.rstrip(",") for line in lines)


@given(st.lists(st.floats(min_value=0, max_value=20, allow_nan=False), max_size=25), st.floats(min_value=0.1, max_value=2))
def test_spread_labels_keeps_order_and_gap(ys, gap):
    placed = spread_labels(ys, min_gap=gap)
    order = sorted(range(len(ys)), key=lambda i: (ys[i], i))
    heights = [placed[i] for i in order]
    assert all(b - a >= gap - 1e-9 for a, b in zip(heights, heights[1:], strict=False))
    if ys:
        assert abs(np.mean(placed) - np.mean(ys)) < 1e-6


def test_top_movers():
    ranks = pd.DataFrame({"term": ["a", "b", "c", "d"], "2019": [1, 2, 3, 4], "2020": [4, 2, 1, np.nan], "2021": [4, 2, 1, 3]})
    assert top_movers(ranks, ["2019", "2020", "2021"], 10, 2) == ["a", "c"]


def _panels():
    rng = np.random.default_rng(0)
    terms = ["스마트시티", "4차 산업혁명", "데이터", "플랫폼", "시민", "참여", "교통", "안전", "에너지", "리빙랩"]
    panels = []
    for year in (2019, 2020, 2021):
        nodes = pd.DataFrame({"term": terms, "tf": rng.integers(5, 50, len(terms)), "community": [1 + (i + year) % 3 for i in range(len(terms))]})
        edges = pd.DataFrame([(terms[i], terms[i + 1], float(rng.random())) for i in range(len(terms) - 1)], columns=["source", "target", "weight"])
        panels.append((str(year), nodes, edges, None))
    return panels


def test_network_years_is_legible_at_print_width_and_has_a_legend():
    fig = plot_network_years(_panels(), title="스마트시티: 연도별 키워드 네트워크", caption="자료: 테스트")
    assert smallest_print_font(fig) >= 7.0
    assert fig.legends and len(fig.legends[0].get_texts()) >= 2
    axes = [ax for ax in fig.axes if ax.get_visible()]
    # one shared layout: a term sits at the same place in every year
    where = [{t.get_text(): t.get_position() for t in ax.texts} for ax in axes]
    common = set.intersection(*(set(w) for w in where))
    assert common and all(where[0][t] == w[t] for w in where[1:] for t in common)


def test_top_terms_share_one_x_scale():
    ranked = pd.DataFrame({"year": [2019, 2019, 2020, 2020], "term": ["가", "나", "다", "라"], "rank": [1, 2, 1, 2], "tf": [100, 50, 10, 5]})
    fig = plot_top_terms(ranked, value="tf", title="상위", color="#1f5fbf", caption="c")
    limits = {ax.get_xlim() for ax in fig.axes if ax.get_visible()}
    assert len(limits) == 1 and next(iter(limits))[1] >= 100


def test_similarity_scale_is_fixed_and_verdict_is_stated():
    fig = plot_similarity_heatmap(np.array([[0.2, 0.3], [0.25, 0.4]]), row_labels=["a", "b"], col_labels=["c", "d"], row_title="A", col_title="B", title="t", caption="c")
    assert fig.axes[0].images[0].get_clim() == (0.0, 1.0)
    table = pd.DataFrame({"year": [2019, 2020], "jaccard": [0.1, 0.2], "cosine_tfidf": [0.3, 0.4]})
    fig = plot_convergence(table, title="수렴", measures={"jaccard": "자카드", "cosine_tfidf": "코사인"}, xlabel="연도", caption="c", verdict="수렴: p = 0.04")
    assert "수렴: p = 0.04" in fig.get_suptitle()


def test_convergence_draws_the_permutation_baseline_as_a_band_and_the_matrix_centres_on_it(tmp_path):
    import warnings

    from trendscope.report.figures.convergence import plot_convergence_matrix
    from trendscope.report.i18n import section_text
    from trendscope.report.render import write_figure

    table = pd.DataFrame({"year": [2019, 2020], "jaccard": [0.2, 0.3], "cosine_tfidf": [0.5, 0.6],
                          **{f"{m}_baseline{s}": [b + d] * 2 for m, b in (("jaccard", 0.8), ("cosine_tfidf", 0.95)) for s, d in (("", 0), ("_low", -0.05), ("_high", 0.03))}})
    fig = plot_convergence(table, title="t", measures={"jaccard": "J", "cosine_tfidf": "C"}, xlabel="연도", caption="c", baseline_label="무작위 재배정 기준선")
    band = fig.axes[1].collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(0.90) and band.max() == pytest.approx(0.98)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["무작위 재배정 기준선"]
    matrix = pd.DataFrame([[1.0, 0.3], [0.3, 1.0]], index=["가", "나"], columns=["가", "나"])
    baseline = pd.DataFrame([[1.0, 0.9], [0.9, 1.0]], index=["가", "나"], columns=["가", "나"])
    fig = plot_convergence_matrix([("2019", matrix)], title="t", caption="c", colorbar_label=section_text("convergence", "ko")["excess"], baselines=[baseline],
                                  baseline_word="기준선")
    with warnings.catch_warnings():  # the excess scale's negative ticks and its label render in the shipped font (no U+2212)
        warnings.simplefilter("error")
        write_figure(fig, tmp_path / "matrix", 60)
    image = fig.axes[0].images[0]
    assert image.norm.vcenter == 0.0 and image.get_array()[0, 1] == pytest.approx(-0.6)  # colour = value − baseline
    assert "0.30\n(기준선 0.90)" in [t.get_text() for t in fig.axes[0].texts]
