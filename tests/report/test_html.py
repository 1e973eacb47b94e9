"""index.html: self-contained, every section present, corpus text escaped."""

import re
import shutil

import pandas as pd

from trendscope.config import load_config
from trendscope.pipeline import study_paths
from trendscope.report.html import HtmlTable, render_html
from trendscope.report.page import page_html
from trendscope.stages import report

SCRIPT = "<script>alert('x')</script>"


def test_render_escapes_corpus_text():
    table = HtmlTable("kwic_examples", "note <b>", ["title", "left"], [[f"{SCRIPT} 제목", "a & b"]], total=1)
    page = render_html(title=f"연구 {SCRIPT}", language="ko", synthetic=True, corpus=table, methods={"ko": "방법", "en": "methods"},
                       sections=[], examples=table, generated="now")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 제목" in page
    assert "a &amp; b" in page and "note &lt;b&gt;" in page


def test_demo_report_page_has_every_section_and_is_self_contained(demo_study):
    page = (demo_study / "reports" / "index.html").read_text(encoding="utf-8")
    for anchor in ("corpus", "methods", "frequency", "wordclouds", "keyness", "trends", "convergence", "examples"):
        assert f'<section id="{anchor}"' in page, anchor
    # one embedded image per PNG figure, nothing loaded from elsewhere, no scripts
    pngs = sorted((demo_study / "reports" / "figures").glob("*.png"))
    assert page.count('src="data:image/png;base64,') == len(pngs) >= 10
    assert not re.search(r'(src|href)="(https?:|//|[^"#d])', page)
    assert "<script" not in page and "<link" not in page
    # the methods paragraph in both languages, and figure captions that name source and n
    assert "형태소 분석은" in page and "We analysed" in page and "Monroe et al., 2008" in page
    assert "데모 코퍼스(합성 데이터, 실제 기사 아님)" in page and "n = " in page
    # the tables are a click away
    assert '<details id="table-keyness_smartcity_vs_socialinnovation">' in page
    assert '<details id="table-convergence_by_year">' in page
    # the convergence verdict line per pair
    assert re.search(r"스마트시티 · 사회혁신: (수렴|분화|뚜렷한)", page)


def test_document_titles_are_escaped_in_the_page(demo_study, tmp_path):
    study = tmp_path / "study"
    shutil.copytree(demo_study, study)
    config = load_config(study / "study.yaml")
    paths = study_paths(config)
    documents = pd.read_parquet(paths.documents)
    documents["title"] = SCRIPT + " " + documents["title"]
    documents.to_parquet(paths.documents)
    settings = report.report_params(config)
    data = report.load_report_data(settings, report.STAGE.files(paths, settings))
    page = page_html(settings, data, [], {}, generated="now")
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 4  # KWIC examples carry titles
