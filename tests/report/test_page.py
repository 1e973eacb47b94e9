"""index.html shows each table once: a table whose numbers an earlier table already prints is named, not repeated."""

from __future__ import annotations

import re
from html import unescape
from itertools import permutations

import pandas as pd

from trendscope.report.page import page_sections
from trendscope.report.sections import Section
from trendscope.report.tables import Table

BY_SOURCE = pd.DataFrame({"query": ["a", "a", "b"], "year": [2019, 2020, 2019], "source": ["demo"] * 3, "read": [250, 280, 90],
                          "url_duplicates": [0, 0, 0], "near_duplicates": [16, 17, 3], "kept": [234, 263, 87]})
VOLUME = pd.DataFrame({"query": ["a", "a", "b"], "label": ["가", "가", "나"], "year": [2019, 2020, 2019], "documents": [250, 280, 90],
                       "duplicates": [16, 17, 3], "kept": [234, 263, 87]})


def sections(volume: pd.DataFrame) -> list[Section]:
    return [Section("collection", "수집", tables=[Table("documents_by_source", BY_SOURCE, "출처별.", caption="출처별.")]),
            Section("frequency", "빈도", tables=[Table("volume_by_year", volume, "연도별 문서 수.", caption="연도별 문서 수."),
                                                 Table("other", volume.assign(kept=volume["kept"] + 1), "다른 표.", caption="다른 표.")])]


def test_a_table_whose_numbers_an_earlier_table_prints_is_named_not_repeated():
    collection, frequency = page_sections(sections(VOLUME), {}, "ko")
    assert [t.name for t in collection.tables] == ["documents_by_source"] and collection.tables[0].number == 1
    assert [t.name for t in frequency.tables] == ["other"] and frequency.tables[0].number == 2  # numbering has no gap
    assert frequency.repeats == [("연도별 문서 수.", 1, "tables/volume_by_year.csv")]


def test_a_table_with_one_number_of_its_own_is_shown():
    # two sources in one year: the per-query count differs from every per-source row, so the table says something new
    volume = VOLUME.assign(documents=[250, 300, 90])
    _, frequency = page_sections(sections(volume), {}, "ko")
    assert [t.name for t in frequency.tables] == ["volume_by_year", "other"] and frequency.repeats == []


def page_tables(html: str) -> list[tuple[str, list[list[str]], list[bool]]]:
    """Every table of the page: its caption (the text before it), its cells and which columns are numeric."""
    out = []
    for match in re.finditer(r"<table.*?</table>", html, flags=re.S):
        table = match.group(0)
        header = re.findall(r"<th(?:\s[^>]*)?>", table.split("</thead>")[0])
        numeric = ['class="num"' in th for th in header]
        rows = [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S)]
        caption = re.findall(r"(?:표|Table) (\d+)\.", html[: match.start()])
        out.append((caption[-1] if caption else "?", rows, numeric))
    return out


def test_no_two_tables_on_the_demo_page_show_the_same_numbers(demo_study):
    """Read from the page itself: no table has the same rows as another, and none has every numeric column of its
    own printed, cell for cell, as a column of another (the page's corpus table was the collection table's counts)."""
    tables = [t for t in page_tables((demo_study / "reports" / "index.html").read_text(encoding="utf-8")) if t[1]]
    assert len(tables) >= 20
    for (name_a, rows_a, numeric_a), (name_b, rows_b, _) in permutations(tables, 2):
        assert rows_a != rows_b, (name_a, name_b)
        if len(rows_a) != len(rows_b) or not any(numeric_a):
            continue
        columns_b = {tuple(row[i] for row in rows_b) for i in range(len(rows_b[0]))}
        mine = [tuple(row[i] for row in rows_a) for i, numeric in enumerate(numeric_a) if numeric]
        assert not all(column in columns_b for column in mine), f"table {name_a} repeats the numbers of table {name_b}"


def test_the_page_names_a_repeated_table_with_the_table_that_holds_its_numbers():
    from trendscope.report.html import render_html

    collection, frequency = page_sections(sections(VOLUME), {}, "ko")
    page = render_html(title="연구", language="ko", synthetic=False, methods=[], sections=[collection, frequency], examples=None, generated="",
                       embed_font=False)
    assert '<p class="note">연도별 문서 수. 이 표의 수는 표 1에 모두 있어 다시 싣지 않았습니다. (<a href="tables/volume_by_year.csv">CSV</a>)</p>' in page
    assert page.count("<table") == 2 and 'id="table-volume_by_year"' not in page
