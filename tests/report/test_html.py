"""index.html: self-contained, every section present, corpus text escaped."""

import base64
import io
import re
import shutil

import pandas as pd
from PIL import Image

from trendscope.config import load_config
from trendscope.pipeline import plan
from trendscope.report.html import HtmlTable, html_section, html_table, render_html
from trendscope.report.images import PAGE_WIDTH_PX
from trendscope.report.methods import Block
from trendscope.report.page import page_html
from trendscope.report.tables import Table
from trendscope.stages import report

SCRIPT = "<script>alert('x')</script>"


def test_render_escapes_corpus_text():
    table = HtmlTable("kwic_examples", "note <b>", ["title", "left"], [[f"{SCRIPT} 제목", "a & b"]], total=1)
    page = render_html(title=f"연구 {SCRIPT}", language="ko", synthetic=True, methods=[Block("paragraph", ["방법"])],
                       sections=[], examples=table, generated="now")
    assert page.count("<script") == 1  # the page's own sorting script, nothing from the corpus
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 제목" in page
    assert "a &amp; b" in page and "note &lt;b&gt;" in page


def test_html_table_marks_numbers_and_links_large_tables():
    small = html_table(Table("frequency_top30_by_year", pd.DataFrame({"term": ["스마트시티"], "tf": [3], "p_adj": [0.01], "flag": [True]})), language="en")
    assert small.columns == ["Term", "Frequency", "Adjusted p", "flag"]
    assert small.numeric == [False, True, True, False]
    assert small.link == "" and small.truncated == "" and len(small.rows) == 1
    big = html_table(Table("network_edges", pd.DataFrame({"weight": range(201)})), language="ko")
    assert big.link == "tables/network_edges.csv" and len(big.rows) == 20 and big.total == 201 and "201" in big.truncated


def test_figures_are_thumbnails_linking_to_the_full_file(tmp_path):
    figure = tmp_path / "volume_by_year.png"
    Image.new("RGBA", (2400, 1200), (255, 255, 255, 255)).save(figure)
    section = html_section("frequency", "빈도", "", [figure], {"volume_by_year.png": "캡션"}, [], "ko")
    (shown,) = section.figures
    assert shown.full == "figures/volume_by_year.png" and shown.caption == "캡션"
    assert shown.src.startswith("data:image/webp;base64,")
    with Image.open(io.BytesIO(base64.b64decode(shown.src.split(",", 1)[1]))) as thumb:
        assert thumb.width == PAGE_WIDTH_PX and thumb.height == PAGE_WIDTH_PX // 2


def test_demo_report_page_has_every_section_and_is_self_contained(demo_study):
    page = (demo_study / "reports" / "index.html").read_text(encoding="utf-8")
    for anchor in ("methods", "collection", "frequency", "keyness", "trends", "convergence", "examples"):
        assert f'<section id="{anchor}"' in page, anchor
    assert '<section id="wordclouds"' not in page  # off unless report.wordclouds is set
    # one embedded thumbnail per PNG figure except the per-year network and CONCOR drawings (linked, the small multiples show them),
    # nothing loaded from elsewhere, one inline script
    pngs = [p for p in sorted((demo_study / "reports" / "figures").glob("*.png")) if not re.fullmatch(r"(network|concor)_.+_\d{4}", p.stem)]
    assert page.count('src="data:image/webp;base64,') == len(pngs) >= 10
    assert not re.search(r'(src|href)="(https?:|//)', page)
    for target in re.findall(r'(?:src|href)="([^"#d][^"]*)"', page):
        assert target.startswith(("figures/", "tables/", "topics/ldavis_", "tables.xlsx", "networks/")) and (demo_study / "reports" / target).exists(), target
    assert page.count("<script") == 1 and "<script src" not in page and "<link" not in page
    # the methods in the report language only, citing their sources; the same text in methods.md and README.md
    assert "형태소 분석은" in page and "We analysed" not in page and "Monroe, Colaresi, &amp; Quinn, 2008" in page
    assert "<em>Computational Linguistics, 19</em>" in page and "<h3>참고문헌</h3>" in page
    methods = (demo_study / "reports" / "methods.md").read_text(encoding="utf-8")
    assert methods.startswith("### 자료") and "### 참고문헌" in methods and "Dunning, T. (1993)" in methods
    assert methods.strip() in (demo_study / "reports" / "README.md").read_text(encoding="utf-8")
    assert "데모 코퍼스(합성 데이터, 실제 기사 아님)" in page and "n = " in page
    # the tables are a click away
    assert '<details id="table-keyness_smartcity_vs_socialinnovation">' in page
    assert '<details id="table-convergence_by_year">' in page
    # the convergence verdict line per pair: the slope's direction, the years and p (never "수렴" on four points), and the baseline
    assert re.search(r"스마트시티 · 사회혁신: (유사도 (증가|감소) 추세|유의한 유사도 추세 없음) \(4개 연도, p = [\d.]+", page)
    assert "스마트시티 · 사회혁신: 무작위 재배정 기준선" in page and "4개 연도 중 4개에서 기준선보다 낮음" in page


def test_document_titles_are_escaped_in_the_page(demo_study, tmp_path):
    study = tmp_path / "study"
    shutil.copytree(demo_study, study)
    config = load_config(study / "study.yaml")
    (item,) = [p for p in plan(config) if p.name == "report"]
    examples = pd.read_parquet(item.catalog.path("examples"))
    examples["title"] = SCRIPT + " " + examples["title"]
    examples.to_parquet(item.catalog.path("examples"))
    settings = item.params
    data = report.report_data(settings, item.load_inputs())
    page = page_html(settings, data, [], {}, generated="now")
    assert page.count("<script") == 1
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 4  # KWIC examples carry titles


def test_a_large_by_year_table_shows_every_year_on_the_page():
    from trendscope.report.html import YEAR_PREVIEW_ROWS, html_table
    from trendscope.report.tables import Table

    years = list(range(2007, 2026))
    frame = pd.DataFrame([{"query": q, "year": y, "rank": r, "term": f"단어{r}", "tf": 100 - r} for q in ("a", "b") for y in years for r in range(1, 31)])
    shown = html_table(Table("frequency_top30_by_year", frame), language="ko")
    seen = {(row[0], row[1]) for row in shown.rows}
    assert seen == {(q, str(y)) for q in ("a", "b") for y in years}  # every query × year, not only the first
    assert len(shown.rows) == 2 * len(years) * YEAR_PREVIEW_ROWS and shown.link == "tables/frequency_top30_by_year.csv"
    assert "연도마다" in shown.truncated
    other = html_table(Table("network_edges", frame.drop(columns="year")), language="ko")
    assert len(other.rows) == 20  # a table without years keeps the first rows
