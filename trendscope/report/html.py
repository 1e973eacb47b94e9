"""reports/index.html: one self-contained page that reads as the results chapter of the study.

Figures are embedded as base64 PNG, the CSS is inline, there is no JavaScript.
Every value from the corpus (titles, outlets, terms) goes through Jinja's
autoescape; nothing is marked safe except the embedded image data.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from trendscope.report.labels import Language
from trendscope.report.tables import Table

MAX_ROWS = 200
HEADINGS = {
    "ko": {"corpus": "코퍼스", "methods": "연구 방법", "examples": "용례 (KWIC)", "contents": "목차", "table": "표", "rows_shown": "처음 {n}행만 표시 — 전체: {path}",
           "synthetic": "데모 코퍼스는 합성 데이터입니다: 템플릿으로 생성한 기사이며 실제 뉴스가 아닙니다.", "figure": "그림"},
    "en": {"corpus": "Corpus", "methods": "Methods", "examples": "Examples in context (KWIC)", "contents": "Contents", "table": "Table", "rows_shown": "first {n} rows shown — all rows: {path}",
           "synthetic": "The demo corpus is synthetic: its articles were generated from templates; they are not real news.", "figure": "Figure"},
}


@dataclass
class HtmlFigure:
    name: str
    caption: str
    data: str  # base64 PNG


@dataclass
class HtmlTable:
    name: str
    note: str
    columns: list[str]
    rows: list[list[str]]
    truncated: str = ""
    total: int = 0


@dataclass
class HtmlSection:
    key: str
    title: str
    text: str
    figures: list[HtmlFigure] = field(default_factory=list)
    tables: list[HtmlTable] = field(default_factory=list)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def html_table(table: Table, max_rows: int = MAX_ROWS, language: Language = "ko") -> HtmlTable:
    frame = table.frame
    rows = [[_cell(v) for v in row] for row in frame.head(max_rows).itertuples(index=False)]
    truncated = HEADINGS[language]["rows_shown"].format(n=max_rows, path=f"tables/{table.name}.csv") if len(frame) > max_rows else ""
    return HtmlTable(table.name, table.note, [str(c) for c in frame.columns], rows, truncated, len(frame))


def embed_png(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode("ascii")


def html_section(key: str, title: str, text: str, figures: list[Path], captions: dict[str, str], tables: list[Table], language: Language) -> HtmlSection:
    return HtmlSection(
        key=key,
        title=title,
        text=text,
        figures=[HtmlFigure(p.stem, captions.get(p.name, p.stem), embed_png(p)) for p in figures],
        tables=[html_table(t, language=language) for t in tables],
    )


def render_html(
    *,
    title: str,
    language: Language,
    synthetic: bool,
    corpus: HtmlTable,
    methods: dict[str, str],
    sections: list[HtmlSection],
    examples: HtmlTable | None,
    generated: str,
) -> str:
    env = Environment(loader=PackageLoader("trendscope", "report/templates"), autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("report.html.j2")
    return template.render(
        title=title, lang=language, h=HEADINGS[language], synthetic=synthetic, corpus=corpus, methods=methods, sections=sections, examples=examples, generated=generated,
    )
