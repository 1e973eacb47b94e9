"""The page's embedded font: a WOFF2 subset of NanumGothic that holds every character the page shows."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from trendscope.report.html import html_table, render_html
from trendscope.report.methods import Block
from trendscope.report.tables import Table
from trendscope.report.webfont import EMBEDDED_FAMILY, font_face_css, page_characters, subset_woff2

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)


def _cmap(woff2: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(woff2)).getBestCmap())


@settings(max_examples=15, deadline=None)
@given(st.text(HANGUL, min_size=1, max_size=40))
def test_subset_holds_every_syllable_of_the_text(text: str):
    woff2 = subset_woff2(page_characters(text))
    assert woff2[:4] == b"wOF2"
    cmap = _cmap(woff2)
    assert {ord(c) for c in text} <= cmap
    assert {ord(c) for c in "0123456789ABCxyz%()"} <= cmap  # ASCII is always kept


def test_subset_is_small_and_leaves_out_what_the_page_does_not_use():
    woff2 = subset_woff2(page_characters("스마트시티 사회혁신"))
    cmap = _cmap(woff2)
    assert ord("힣") not in cmap and ord("스") in cmap
    assert len(woff2) < 40_000  # the whole NanumGothic.ttf is 4.5 MB


def test_the_rule_is_deterministic_and_names_the_embedded_family():
    css = font_face_css("데이터 플랫폼")
    assert css == font_face_css("플랫폼 데이터")  # same characters, same bytes
    assert f'font-family: "{EMBEDDED_FAMILY}"' in css and "format(\"woff2\")" in css


def test_rendered_page_embeds_a_font_covering_its_hangul():
    frame = pd.DataFrame({"term": ["코로나19", "탄소중립", "뷁"], "tf": [3, 2, 1]})
    page = render_html(title="연구 제목", language="ko", synthetic=False, methods=[Block("paragraph", ["방법론 문단"])],
                       sections=[], examples=html_table(Table("kwic_examples", frame)), generated="생성")
    match = re.search(r'font-family: "TrendscopeNanumGothic".*?base64,([A-Za-z0-9+/=]+)"', page)
    assert match, "no embedded @font-face"
    cmap = _cmap(base64.b64decode(match.group(1)))
    hangul = {c for c in page if "\uac00" <= c <= "\ud7a3"}
    assert {"뷁", "탄", "코"} <= hangul and {ord(c) for c in hangul} <= cmap
    assert re.search(r'body \{ font-family: "TrendscopeNanumGothic", ', page)  # first in the stack
    assert "@font-face" not in render_html(title="t", language="ko", synthetic=False, methods=[],
                                           sections=[], examples=None, generated="", embed_font=False)
