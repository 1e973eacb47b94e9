"""tables.csv/.md/.xlsx: the workbook is a finished document (contents, headers, formats, widths), Markdown cells are inert."""

import openpyxl
import pandas as pd
import pytest

from trendscope.errors import OutputError
from trendscope.report.tables import (
    EXCEL_SHEET_MAX,
    Table,
    display_width,
    mapped_sheet_name,
    sheet_names,
    to_markdown,
    write_tables,
)

# Every table name the demo study writes (reports/tables/*.csv of a default run) plus the HTML page's own two.
DEMO_TABLES = [
    "bigram_top30_by_year", "convergence_by_year", "convergence_trend", "documents_by_source", "emerging_terms", "fading_terms",
    "frequency_top30_by_year", "frequency_top30_wide_smartcity", "frequency_top30_wide_socialinnovation", "keyness_periods_smartcity",
    "keyness_periods_socialinnovation", "keyness_smartcity_vs_socialinnovation", "network_centrality_top20_by_year", "network_communities",
    "network_distinct_top20", "network_edges", "network_rank_change_smartcity", "network_rank_change_socialinnovation", "new_terms_by_year",
    "tfidf_top30_by_year", "tfidf_top30_wide_smartcity", "tfidf_top30_wide_socialinnovation", "topics_cross_query_similarity",
    "topics_k_selection", "topics_prevalence_by_year", "topics_terms_top10", "topics_top_documents", "trend_tests", "volume_by_year",
    "topics_alignment_by_year", "topics_terms_by_year", "corpus_by_query_year_source", "kwic_examples", "related_스마트_smartcity",
]


def _tables() -> list[Table]:
    trend = pd.DataFrame({
        "query": ["smartcity", "smartcity"], "term": ["4차 산업혁명", "스마트시티"], "total": [12345, 7],
        "tau": [0.51234, -0.2], "p": [0.000123, 0.5], "p_adj": [0.00042, 0.9], "jaccard_p": [0.01, 0.02], "year": [2019, 2020],
    })
    freq = pd.DataFrame({"term": ["스마트시티", "a|b"], "tf": [3, 1]})
    return [
        Table("trend_tests", trend, "Mann–Kendall per term", unit="per 10,000 tokens", formula="S = Σ sign(x_j − x_i)"),
        Table("frequency_top30_wide_socialinnovation", freq),
        Table("an_unmapped_table_with_a_very_long_name_indeed", freq, "no mapping entry"),
    ]


def test_csv_has_bom_and_ascii_headers(tmp_path):
    write_tables(_tables(), tmp_path / "tables", tmp_path / "t.xlsx")
    raw = (tmp_path / "tables" / "trend_tests.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "query,term,total,tau,p,p_adj,jaccard_p,year"
    assert "4차 산업혁명" in raw.decode("utf-8-sig")


def test_workbook_is_formatted(tmp_path):
    tables = _tables()
    write_tables(tables, tmp_path / "tables", tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames[0] == "목차"
    assert book.sheetnames[1:3] == ["추세 검정", "빈도 연도별 socialinnovation"]
    unmapped = book.sheetnames[3]
    assert len(unmapped) <= EXCEL_SHEET_MAX and "~" in unmapped and unmapped != tables[2].name[:31]

    contents = book["목차"]
    assert [c.value for c in contents[1]] == ["시트", "표", "설명", "단위", "공식", "행 수"]
    assert [c.value for c in contents[2]] == ["추세 검정", "trend_tests", "Mann–Kendall per term", "per 10,000 tokens", "S = Σ sign(x_j − x_i)", 2]
    assert contents["A2"].hyperlink.location == "'추세 검정'!A1"
    assert contents["B4"].value == tables[2].name  # the full name is listed beside the short sheet name

    sheet = book["추세 검정"]
    headers = [c.value for c in sheet[1]]
    assert headers == ["질의", "키워드", "총빈도", "켄달 τ", "p", "보정 p", "자카드 계수 p", "연도"]
    for sh in book.worksheets:
        assert sh.freeze_panes == "A2", sh.title
        assert sh.auto_filter.ref and sh.auto_filter.ref.startswith("A1:"), sh.title
        assert all(c.font.b for c in sh[1]), sh.title
    assert sheet.auto_filter.ref == "A1:H3"
    formats = {h: sheet.cell(row=2, column=i + 1).number_format for i, h in enumerate(headers)}
    assert formats["총빈도"] == "#,##0"
    assert formats["켄달 τ"] == "0.000"
    assert formats["p"] == formats["보정 p"] == formats["자카드 계수 p"] == "0.00E+00"
    assert formats["연도"] == "0"  # a year is not 2,015
    assert sheet["C2"].value == 12345 and sheet["E2"].value == pytest.approx(0.000123)
    # Hangul counts double: "4차 산업혁명" (6 wide + 2 narrow = 14) needs a wider column than its 7 characters
    assert sheet.column_dimensions["B"].width >= display_width("4차 산업혁명") + 1 > len("4차 산업혁명") + 1
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width


def test_workbook_in_english(tmp_path):
    write_tables(_tables(), tmp_path / "tables", tmp_path / "t.xlsx", language="en")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames[0] == "Contents"
    assert [c.value for c in book["trend_tests"][1]][:6] == ["Query", "Term", "Total", "Kendall τ", "p", "Adjusted p"]


def test_every_demo_table_has_a_mapped_sheet_name():
    for name in DEMO_TABLES:
        short = mapped_sheet_name(name)
        assert short is not None and 0 < len(short) <= EXCEL_SHEET_MAX, name
    names = sheet_names(DEMO_TABLES, reserved=("목차",))
    assert len({v.lower() for v in names.values()}) == len(DEMO_TABLES)
    assert names["keyness_smartcity_vs_socialinnovation"] == "key_smartcity_socialinnovation"
    korean = sheet_names(DEMO_TABLES, reserved=("목차",), language="ko")
    assert len({v.lower() for v in korean.values()}) == len(DEMO_TABLES) and all(len(v) <= EXCEL_SHEET_MAX for v in korean.values())
    assert korean["trend_tests"] == "추세 검정" and korean["keyness_smartcity_vs_socialinnovation"] == "특징어 smartcity socialinnovation"


def test_sheet_names_are_unique_short_and_deterministic():
    long = ["x" * 40 + str(i) for i in range(3)] + ["volume_by_year", "keyness_" + "q" * 20 + "_vs_" + "r" * 20]
    first, again = sheet_names(long), sheet_names(list(long))
    assert first == again
    assert len(set(first.values())) == len(set(long))
    assert all(len(v) <= EXCEL_SHEET_MAX and not any(ch in v for ch in "[]:*?/\\") for v in first.values())
    assert first["volume_by_year"] == "volume"
    assert first[long[-1]] != long[-1][:31]  # too long for its template: hashed, not cut


def test_duplicate_table_names_are_an_error():
    with pytest.raises(OutputError, match="volume_by_year"):
        sheet_names(["volume_by_year", "trend_tests", "volume_by_year"])


def test_markdown_escapes_html_and_pipes(tmp_path):
    frame = pd.DataFrame({"title": ["<script>alert(1)</script> 제목", "a|b\nc"], "tf": [1, 2]})
    write_tables([Table("topics_top_documents", frame, "note <b>")], tmp_path / "tables", tmp_path / "t.xlsx")
    md = (tmp_path / "tables" / "topics_top_documents.md").read_text(encoding="utf-8")
    assert "<script" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 제목" in md
    lines = md.splitlines()
    row = next(line for line in lines if line.startswith("| a"))
    assert row == "| a\\|b c | 2 |"  # one row, the pipe escaped, the newline folded
    assert len([line for line in lines if line.startswith("|")]) == 4


def test_markdown_shape():
    text = to_markdown(pd.DataFrame({"a": [1.23456, 2.0], "b": ["x", None]}))
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1.235 | x |", "| 2 |  |"]


def test_demo_workbook_is_finished(demo_study):
    """The demo study's tables.xlsx read back: contents sheet, header style, frozen panes, filters, widths, number formats, mapped names."""
    import openpyxl

    from trendscope.report.tables import FORMAT_INTEGER, FORMAT_P, FORMAT_SCORE, mapped_sheet_name

    book = openpyxl.load_workbook(demo_study / "reports" / "tables.xlsx")
    assert book.sheetnames[0] == "목차"
    contents = book["목차"]
    assert [c.value for c in contents[1]] == ["시트", "표", "설명", "단위", "공식", "행 수"]
    rows = list(contents.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(book.sheetnames) - 1
    for sheet, table, description, unit, _formula, n in rows:
        assert sheet == mapped_sheet_name(table, "ko") and len(sheet) <= 31, (sheet, table)
        assert description and unit, table  # every sheet says what it holds and in which unit
        assert n == book[sheet].max_row - 1
    assert all(formula for _, table, _, _, formula, _ in rows if table.startswith(("tfidf", "keyness", "trend", "topics_cross")))
    formats = set()
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, name
        assert all(cell.font.bold for cell in sheet[1]), name
        assert all(sheet.column_dimensions[cell.column_letter].width >= 6 for cell in sheet[1]), name
        if sheet.max_row > 1:
            formats |= {cell.number_format for cell in sheet[2]}
    assert {FORMAT_INTEGER, FORMAT_SCORE, FORMAT_P} <= formats
    wide = book["빈도 연도별 smartcity"]
    headers = [c.value for c in wide[1]]
    assert headers[:3] == ["순위", "2018", "2018 빈도"]
    assert isinstance(wide["C2"].value, int) and wide["C2"].number_format == FORMAT_INTEGER  # numbers, not "term (149)"


def test_workbook_stores_text_cells_as_strings_never_formulas(tmp_path):
    from openpyxl import load_workbook

    from trendscope.report.tables import Table, write_workbook

    titles = ["=HYPERLINK(\"http://x\",\"y\")", "=1+1", "+cmd", "@SUM(A1)", "평범한 제목"]
    frame = pd.DataFrame({"title": titles, "weight": [0.5, 0.4, 0.3, 0.2, 0.1]})
    path = tmp_path / "t.xlsx"
    write_workbook([Table("topics_top_documents", frame, "= 주의: 공식처럼 시작하는 설명", formula="= tf × idf")], path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
    data = book.worksheets[1]
    assert [c.value for c in data["A"][1:]] == titles  # stored as the text itself (Excel shows it, never runs it)
    assert all(c.data_type == "n" for c in data["B"][1:])


def _claimed_ranges(unit: str) -> dict[str, tuple[float, float]]:
    """Column labels a unit sentence states as 0–1: clauses 'label·label: 0–1' separated by ';'."""
    import re

    claims: dict[str, tuple[float, float] | None] = {}
    for clause in unit.split(";"):
        if ":" not in clause:
            continue
        names, _, statement = clause.partition(":")
        bounded = re.match(r"\s*0–1\b", statement) is not None
        for name in names.split("·"):
            claims[name.strip()] = (0.0, 1.0) if bounded else None
    return claims


def test_units_in_the_contents_match_the_data(demo_study):
    """Every numeric column of the demo workbook that its table's unit states as 0–1 lies in 0–1 (the longest
    stated name that starts the column label decides: 자카드 계수 센 기울기 is not 자카드 계수); ko labels are unique per sheet."""
    book = openpyxl.load_workbook(demo_study / "reports" / "tables.xlsx", read_only=True)
    contents = list(book["목차"].iter_rows(values_only=True))
    checked = 0
    for sheet_name, _table, _note, unit, _formula, _rows in contents[1:]:
        rows = list(book[sheet_name].iter_rows(values_only=True))
        header, data = rows[0], rows[1:]
        assert len(set(header)) == len(header), (sheet_name, header)
        claims = _claimed_ranges(unit or "")
        for i, label in enumerate(header):
            values = [r[i] for r in data if isinstance(r[i], int | float) and not isinstance(r[i], bool)]
            matching = [name for name in claims if label == name or str(label).startswith(name + " ")]
            if not values or not matching:
                continue
            bounds = claims[max(matching, key=len)]
            if bounds is None:
                continue
            assert bounds[0] <= min(values) and max(values) <= bounds[1], (sheet_name, label, unit, min(values), max(values))
            checked += 1
    assert checked >= 8  # centralities, shares, similarities: the claims are there to be checked


def test_no_number_is_stored_as_text_in_the_demo_workbook(demo_study):
    """p, p_adj and every other number are numeric cells (text sorts '1.2e-05' after '0.04'); p columns use a scientific format."""
    import re

    number = re.compile(r"[<>]?\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?inf")
    book = openpyxl.load_workbook(demo_study / "reports" / "tables.xlsx")
    p_columns = 0
    for sheet in book.worksheets[1:]:
        header = [c.value for c in sheet[1]]
        for i, label in enumerate(header):
            # a column whose every text cell reads as a number is a numeric column stored as text; a label column
            # mixing "2015-2020" and "2015" (a scope) or a term that happens to read "-1" is text by nature
            texts = [r[i].value.strip() for r in sheet.iter_rows(min_row=2) if isinstance(r[i].value, str) and r[i].value.strip()]
            if texts and label not in DATA_COLUMNS:
                assert not all(number.fullmatch(t) for t in texts), (sheet.title, label, texts[:5])
            assert not any(re.fullmatch(r"[<>]\s*[\d.eE+-]+|[+-]?inf", t) for t in texts), (sheet.title, label)
        for i, label in enumerate(header):
            if label in ("p", "보정 p"):
                p_columns += 1
                cells = [r[i] for r in sheet.iter_rows(min_row=2) if r[i].value is not None]
                if not cells:  # an empty table (no emerging term in the 4-year demo) has no p to check
                    continue
                assert all(isinstance(c.value, float | int) and c.number_format == "0.00E+00" for c in cells), (sheet.title, label)
    assert p_columns >= 2


# Columns whose values are the study's own data (query keys, terms, titles, ids; a wide table's year columns hold
# terms), and method names allowed in both languages.
DATA_COLUMNS = {"질의", "질의 A", "질의 B", "키워드", "대상 키워드", "제목", "문서 ID", "이름", "언론사", "출처", "공통 키워드", "단어 A", "단어 B", "출발", "도착"}
METHOD_NAMES = {"LDA", "TF-IDF", "G²", "BH", "K", "p", "Komoran", "URL", "CONCOR", "Louvain", "JS", "PageRank"}


def test_no_english_categorical_value_in_the_ko_workbook(demo_study):
    """Every categorical value a reader sees in the ko workbook is Korean: trends, booleans, rule names, rankings, sheet names."""
    import re

    book = openpyxl.load_workbook(demo_study / "reports" / "tables.xlsx", read_only=True)
    leaks = set()
    for sheet in book.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        for row in rows[1:]:
            for label, value in zip(header, row, strict=True):
                if isinstance(value, bool):
                    leaks.add((sheet.title, label, str(value)))
                elif isinstance(value, str) and label not in DATA_COLUMNS and not str(label).isdigit() and value not in METHOD_NAMES and re.search(r"[A-Za-z]{2,}", value) and not re.search(r"[가-힣]", value):
                    leaks.add((sheet.title, label, value))
    assert sorted(leaks) == []
    for name in book.sheetnames:
        assert re.search(r"[가-힣]", name) or name.split()[0] in METHOD_NAMES, name


def test_display_values_translate_codes_and_booleans_only():
    from trendscope.report.i18n import display_values

    frame = pd.DataFrame({"trend": ["rising", "no trend", "falling"], "term": ["rising", "데이터", "AI"], "significant": [True, False, True],
                          "rule": ["bylines", "urls", "unknown_rule"], "z": [1.0, 0.0, -1.0]})
    ko = display_values(frame, "ko")
    assert ko["trend"].tolist() == ["증가", "추세 없음", "감소"]
    assert ko["term"].tolist() == ["rising", "데이터", "AI"]  # a term is data, never translated
    assert ko["significant"].tolist() == ["예", "아니오", "예"]
    assert ko["rule"].tolist() == ["기자 서명", "URL", "unknown_rule"]
    assert ko["z"].tolist() == [1.0, 0.0, -1.0] and frame["trend"].tolist() == ["rising", "no trend", "falling"]
    assert display_values(frame, "en")["significant"].tolist() == ["yes", "no", "yes"]
