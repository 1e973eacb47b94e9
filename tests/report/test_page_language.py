"""The demo report in one language: no English prose in a Korean report (the methods section has its own test,
tests/report/test_methods.py, since it cites works by their Latin titles),
no Hangul in an English one (outside data values), captions that are sentences numbered across the page, and a light page.

The Korean report is the `demo_study` fixture's; the English one re-runs only the report stage on a copy with
report.language: en (notebooks off, so it stays quick)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from trendscope.cli import app

MAX_PAGE_BYTES = 4 * 1024 * 1024
# Proper names, statistic names and symbols a Korean report may write in Latin letters.
ALLOWED_LATIN = {
    "TF-IDF", "IDF", "LDA", "LDAvis", "Jaccard", "CONCOR", "G²", "z", "p", "log", "ln", "exp", "tf", "df", "CSV", "KWIC", "NPMI", "PageRank", "Louvain",
    "MinHash", "gensim", "CoherenceModel", "Benjamini", "Hochberg", "FDR", "Bonferroni", "Mann", "Kendall", "Sen", "Jensen", "Shannon", "JS", "Pearson",
    "Monroe", "et", "al", "Sievert", "Shirley", "GraphML", "GEXF", "Gephi", "c_v", "u_mass", "seed", "max_iter", "bound", "UTC", "URL", "ID", "CI",
    "Komoran", "komoran", "konlpy", "KoNLPy", "trendscope", "kwic", "topics", "labels_file", "networks", "K", "N", "n", "a", "b", "A", "B", "c_ij",
    "c_i", "c_j", "p_i", "p_j", "p_ij", "p_w", "w", "α", "tsv", "topic_labels",
    # column names the notes explain (the CSV keeps them), cited literally
    "rate_ratio", "change_year", "per10k_", "stability", "stable", "tokens",
    # study-file keys the text tells the researcher to edit
    "queries", "exclude",
}


class VisibleText(HTMLParser):
    """The page's prose: headings, text, captions, notes and column headers; table cells, scripts, styles and the methods paragraphs left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.captions: list[str] = []
        self._skip: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("td", "script", "style") or (tag == "section" and a.get("id") == "methods") or tag == "a" and (a.get("href") or "").endswith((".csv", ".png", ".xlsx", ".html", "/")):
            self._skip.append(tag)
        if tag == "figcaption":
            self._in_caption = True
            self.captions.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.captions[-1] += data
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


def latin_words(text: str, data_values: set[str]) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_\-]+", text) if w not in ALLOWED_LATIN and w not in data_values}


def hangul_words(text: str, data_values: set[str]) -> set[str]:
    for value in sorted(data_values, key=len, reverse=True):
        text = text.replace(value, " ")
    return set(re.findall(r"[가-힣]+", text))


@pytest.fixture(scope="module")
def english_study(demo_study: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("en") / "study"
    shutil.copytree(demo_study, folder)
    study = folder / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "report:\n  language: en\n  notebooks: false\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder


def data_values(folder: Path) -> set[str]:
    """Words that are data, not prose: the title, query keys and labels, and every term the tables hold."""
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    values = {"test", "study", "smartcity", "socialinnovation", "스마트시티", "사회혁신"}
    values |= set(re.findall(r"label: (\S+)", text))
    for csv in (folder / "reports" / "tables").glob("*.csv"):
        frame = pd.read_csv(csv, encoding="utf-8-sig")
        for column in ("term", "label", "label_a", "label_b", "bigram", "outlet", "keyword", "shared_terms", "key_for"):
            if column in frame.columns:
                values |= {str(v) for v in frame[column].dropna()}
    return values


def test_korean_page_holds_no_english_prose(demo_study):
    page = visible((demo_study / "reports" / "index.html").read_text(encoding="utf-8"))
    leaks = latin_words(" ".join(page.parts), data_values(demo_study))
    assert not leaks, sorted(leaks)


class EveryText(VisibleText):
    """The page's text with its table cells and its methods section."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("td", "section"):
            super().handle_starttag(tag, attrs)


def raw_setting_words() -> set[str]:
    """What a study file says that a reader must never see as it is: every choice code of the schema's Literal settings,
    every snake_case key of the schema, the source keys, and Python's and YAML's booleans (read from trendscope/config.py itself)."""
    import typing

    from pydantic import BaseModel

    from trendscope.config import StudyConfig

    words = {"True", "False", "true", "false"}

    def walk(model: type[BaseModel]) -> None:
        for name, field in model.model_fields.items():
            if "_" in name:
                words.add(name)
            for kind in (field.annotation, *typing.get_args(field.annotation)):
                if typing.get_origin(kind) is typing.Literal:
                    words.update(str(v) for v in typing.get_args(kind))
                elif isinstance(kind, type) and issubclass(kind, BaseModel):
                    walk(kind)

    walk(StudyConfig)
    words |= set(StudyConfig.model_fields["sources"].annotation.model_fields)  # source keys: demo, bigkinds, naver, files
    return words - {"gensim", "tomotopy", "tf"}  # library names and the term-frequency symbol, written so in Korean methods too


def raw_settings_in(text: str, data: set[str]) -> set[str]:
    found = set(re.findall(r"(?<![A-Za-z0-9_./-])[A-Za-z][A-Za-z0-9_]*(?![A-Za-z0-9_/-])", text))
    return (found & raw_setting_words()) - data


def test_korean_outputs_show_no_raw_setting_value(demo_study):
    """Issue 24 ("대각 ignore"): a setting the page, the workbook or the methods print is worded in the report language
    (report/i18n.py), never the study file's code (True/False, enum names, snake_case keys)."""
    reports = demo_study / "reports"
    data = data_values(demo_study)
    html = (reports / "index.html").read_text(encoding="utf-8")
    page = EveryText()
    page.feed(re.sub(r'<ul class="references">.*?</ul>', "", html, flags=re.S))  # the works cited keep their own titles
    methods = (reports / "methods.md").read_text(encoding="utf-8").split("### 참고문헌")[0]
    book = openpyxl.load_workbook(reports / "tables.xlsx", read_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            values = row[:1] + row[2:] if sheet.title == "목차" else row  # the 목차's second column names the CSV file
            cells += [str(v) for v in values if isinstance(v, str | bool)]
    for where, text in (("page", " ".join(page.parts)), ("methods.md", methods), ("tables.xlsx", " | ".join(cells))):
        leaks = raw_settings_in(text, data)
        assert not leaks, (where, sorted(leaks))
    assert raw_settings_in("CONCOR 블록(깊이 2, 대각 ignore); max_iter에서 멈춤; True", set()) == {"ignore", "max_iter", "True"}  # the check sees them


def test_english_page_holds_no_hangul_outside_data(english_study):
    html = (english_study / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    page = visible(html)
    leaks = hangul_words(" ".join(page.parts), data_values(english_study))
    assert not leaks, sorted(leaks)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_readme_and_workbook_headers_follow_the_language(demo_study, english_study, language):
    folder = demo_study if language == "ko" else english_study
    readme = (folder / "reports" / "README.md").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(folder / "reports" / "tables.xlsx", read_only=True)
    headers = " ".join(str(c.value) for name in book.sheetnames for c in next(book[name].iter_rows(max_row=1)))
    # file names are not prose; the methods (with their Latin references) have their own test, tests/report/test_methods.py
    methods = (folder / "reports" / "methods.md").read_text(encoding="utf-8").strip()
    assert methods in readme
    prose = re.sub(r"`[^`]*`", " ", readme.replace(methods, " "))
    if language == "ko":
        assert book.sheetnames[0] == "목차"
        assert not latin_words(prose, data_values(folder)), sorted(latin_words(prose, data_values(folder)))
        assert not latin_words(headers, data_values(folder)), sorted(latin_words(headers, data_values(folder)))
    else:
        assert book.sheetnames[0] == "Contents"
        assert not hangul_words(prose, data_values(folder)), sorted(hangul_words(prose, data_values(folder)))
        assert not hangul_words(headers, data_values(folder)), sorted(hangul_words(headers, data_values(folder)))


def test_captions_are_numbered_sentences_never_file_names(demo_study):
    html = (demo_study / "reports" / "index.html").read_text(encoding="utf-8")
    page = visible(html)
    figures = sorted(p.stem for p in (demo_study / "reports" / "figures").glob("*.png"))
    numbers = [int(m) for m in re.findall(r"<figcaption>그림 (\d+)\.", html)]
    assert numbers == list(range(1, len(numbers) + 1)), numbers  # one running count, not one per section
    tables = [int(m) for m in re.findall(r"표 (\d+)\. ", html)]
    assert tables == list(range(1, len(tables) + 1)) and len(tables) >= 20
    for caption in page.captions:
        text = re.sub(r"^그림 \d+\. ", "", caption.strip())
        assert text not in figures and not re.fullmatch(r"[\w.\-]+", text), caption
        assert len(text.split()) >= 6 and "n = " in text, caption  # a sentence, and the data it rests on
    for summary in re.findall(r"<summary>(.*?)</summary>", html, flags=re.S):
        title = re.sub(r"<[^>]+>", "", summary)
        assert not re.search(r"표 \d+\. [a-z0-9_]+ \(", title), title
    # The methods paragraph cites figures by their numbers.
    methods = re.search(r'<section id="methods".*?</section>', html, flags=re.S).group(0)
    assert re.search(r"그림 \d+", methods)


def test_page_is_light_and_links_each_per_year_figure(demo_study):
    page = demo_study / "reports" / "index.html"
    assert page.stat().st_size <= MAX_PAGE_BYTES, page.stat().st_size
    html = page.read_text(encoding="utf-8")
    for png in (demo_study / "reports" / "figures").glob("network_smartcity_*.png"):
        assert f'href="figures/{png.name}"' in html  # linked
        assert f'id="fig-{png.stem}"' not in html  # not embedded
    assert 'id="fig-network_by_year_smartcity"' in html
