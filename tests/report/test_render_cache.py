"""The per-figure cache: unchanged figures are copied, changed ones redrawn; SVG only when asked."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.style import figure_style, new_figure
from trendscope.report.render import figure_key, render_figures_cached
from trendscope.report.sections import FigureJob


def bars(table: pd.DataFrame, title: str):
    with figure_style():
        fig = new_figure(4, 3)
        ax = fig.add_subplot()
        ax.bar(table["term"], table["tf"])
        ax.set_title(title)
    return fig


def _jobs(tf_b: int = 3, title: str = "빈도") -> list[FigureJob]:
    a = pd.DataFrame({"term": ["도시", "데이터"], "tf": [5, 2]})
    b = pd.DataFrame({"term": ["혁신", "시민"], "tf": [tf_b, 1]})
    return [FigureJob("a", bars, {"table": a, "title": title}), FigureJob("sub/b", bars, {"table": b, "title": "b"})]


def test_unchanged_figures_are_copied_and_changed_ones_redrawn(tmp_path):
    cache = tmp_path / "cache"
    first = render_figures_cached(_jobs(), tmp_path / "one", dpi=72, cache=cache)
    assert sorted(first.drawn) == ["a", "sub/b"] and first.reused == []
    again = render_figures_cached(_jobs(), tmp_path / "two", dpi=72, cache=cache)
    assert again.drawn == [] and sorted(again.reused) == ["a", "sub/b"]
    for name in ("a", "sub/b"):
        assert again.files[name].read_bytes() == first.files[name].read_bytes()
        assert again.files[name] == tmp_path / "two" / f"{name}.png"
    changed = render_figures_cached(_jobs(tf_b=4), tmp_path / "three", dpi=72, cache=cache)
    assert changed.drawn == ["sub/b"] and changed.reused == ["a"]
    redpi = render_figures_cached(_jobs(), tmp_path / "four", dpi=80, cache=cache)
    assert sorted(redpi.drawn) == ["a", "sub/b"]


def test_svg_is_opt_in_and_part_of_the_key(tmp_path):
    cache = tmp_path / "cache"
    png_only = render_figures_cached(_jobs(), tmp_path / "png", dpi=72, cache=cache)
    assert not list((tmp_path / "png").rglob("*.svg")) and png_only.files["a"].is_file()
    with_svg = render_figures_cached(_jobs(), tmp_path / "svg", dpi=72, cache=cache, svg=True)
    assert sorted(with_svg.drawn) == ["a", "sub/b"]  # a cached PNG alone cannot serve an SVG request
    assert (tmp_path / "svg" / "a.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    reused = render_figures_cached(_jobs(), tmp_path / "svg2", dpi=72, cache=cache, svg=True)
    assert reused.drawn == [] and (tmp_path / "svg2" / "sub" / "b.svg").is_file()


def test_without_a_cache_everything_is_drawn(tmp_path):
    outcome = render_figures_cached(_jobs(), tmp_path / "out", dpi=72)
    assert sorted(outcome.drawn) == ["a", "sub/b"] and not (tmp_path / "cache").exists()


def test_the_key_follows_content_not_identity():
    one, two = _jobs(), _jobs()
    assert figure_key(one[0], dpi=72) == figure_key(two[0], dpi=72)
    assert figure_key(one[0], dpi=72) != figure_key(_jobs(title="빈도 ")[0], dpi=72)
    assert figure_key(one[0], dpi=72) != figure_key(one[0], dpi=72, svg=True)
    lists = pd.DataFrame({"terms": [["a", "b"], ["c"]]})  # unhashable cells are hashed by their text
    assert figure_key(FigureJob("x", bars, {"table": lists}), dpi=72) == figure_key(FigureJob("y", bars, {"table": lists.copy()}), dpi=72)
    other = pd.DataFrame({"terms": [["a", "b"], ["d"]]})
    assert figure_key(FigureJob("x", bars, {"table": lists}), dpi=72) != figure_key(FigureJob("x", bars, {"table": other}), dpi=72)


def test_embedded_figures_come_with_their_page_thumbnail_drawn_once(tmp_path):
    import io

    from PIL import Image

    from trendscope.report.images import page_image

    jobs = [FigureJob("shown", bars, {"table": pd.DataFrame({"term": ["도시"], "tf": [2]}), "title": "쪽"}), FigureJob("linked", bars, {"table": pd.DataFrame({"term": ["시민"], "tf": [1]}), "title": "b"}, embed=False)]
    cache = tmp_path / "cache"
    first = render_figures_cached(jobs, tmp_path / "one", dpi=72, cache=cache, workers=2)
    assert set(first.page_images) == {"shown"}  # a linked-only figure needs no thumbnail
    assert first.page_images["shown"] == page_image(first.files["shown"])  # what the page would have made itself
    assert Image.open(io.BytesIO(first.page_images["shown"])).format == "WEBP"
    again = render_figures_cached(jobs, tmp_path / "two", dpi=72, cache=cache)
    assert again.drawn == [] and again.page_images == first.page_images  # from the cache
    (next(cache.glob("*.page.webp"))).unlink()
    redrawn = render_figures_cached(jobs, tmp_path / "three", dpi=72, cache=cache)
    assert redrawn.drawn == ["shown"] and redrawn.page_images == first.page_images  # a missing thumbnail redraws its figure
