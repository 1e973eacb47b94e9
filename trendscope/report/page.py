"""reports/index.html: methods, every section with its figures and tables, and KWIC examples.

Each count is shown once: a table whose every numeric column repeats an earlier table's (the volume table of a
one-source study is the collection table's counts) is named with the number of the table that holds it, not shown again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope import __version__
from trendscope.report.html import HtmlSection, HtmlTable, html_section, html_table, render_html
from trendscope.report.i18n import HEADINGS, Language
from trendscope.report.methods import figure_numbers, markdown_blocks
from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def kwic_examples(examples: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The examples stage's sentences as the page shows them: the query's label, and the sentence as written where
    it was found again (else the tokens around the term)."""
    if examples.empty:
        return pd.DataFrame()
    shown = examples.assign(label=examples["query"].map(labels))
    return shown[["label", "keyword", "date", "outlet", "title", "left", "right", "text"]].reset_index(drop=True)


def numeric_columns(table: HtmlTable) -> list[tuple[str, ...]]:
    """The table's numeric columns as the page prints them, each a tuple of its cells top to bottom."""
    return [tuple(row[i] for row in table.rows) for i, numeric in enumerate(table.numeric) if numeric]


def repeated_in(table: HtmlTable, earlier: list[HtmlTable]) -> HtmlTable | None:
    """The first of `earlier` that already shows every number of `table`: as many rows, and each numeric column of
    `table` printed cell for cell as one of its columns (a table without numbers or rows repeats nothing)."""
    mine = numeric_columns(table)
    if not mine or not table.rows:
        return None
    for other in earlier:
        if len(other.rows) == len(table.rows) and other.total == table.total:
            theirs = {tuple(row[i] for row in other.rows) for i in range(len(other.columns))}
            if all(column in theirs for column in mine):
                return other
    return None


def page_sections(sections: list[Section], figure_files: dict[str, Path], language: Language, *, first_table: int = 1, page_images: dict[Path, bytes] | None = None) -> list[HtmlSection]:
    """The sections as the page shows them: embedded figures numbered across the page, tables numbered from `first_table`,
    per-year drawings as links to their full-size files, and a table whose numbers an earlier table already shows named
    with that table's number instead of printed twice (its CSV and workbook sheet stay)."""
    numbers = figure_numbers(sections)
    table_number = first_table
    shown: list[HtmlTable] = []
    out = []
    for s in sections:
        embedded = [job for job in s.figures if job.embed]
        captions = {figure_files[job.name].name: job.caption or job.name for job in embedded}
        html = html_section(s.key, s.title, s.text, [figure_files[job.name] for job in embedded], captions, s.tables, language, page_images=page_images)
        for figure, job in zip(html.figures, embedded, strict=True):
            figure.number = numbers[job.name]
        kept = []
        for table in html.tables:
            original = repeated_in(table, shown)
            if original is not None:
                html.repeats.append((table.caption, original.number, f"tables/{table.name}.csv"))
                continue
            table.number = table_number
            table_number += 1
            kept.append(table)
            shown.append(table)
        html.tables = kept
        html.links = [(job.link_text or job.caption, f"figures/{figure_files[job.name].name}") for job in s.figures if not job.embed]
        out.append(html)
    return out


def page_html(
    settings: ReportSettings, data: ReportData, sections: list[Section], figure_files: dict[str, Path], *, generated: str,
    page_images: dict[Path, bytes] | None = None, methods: str = "",
) -> str:
    """The whole page; `figure_files` maps each figure job's name to its PNG, `page_images` a PNG to its thumbnail where
    already made, `methods` is the methods section's Markdown (report/methods.py)."""
    lang = settings.language
    h = HEADINGS[lang]
    labels = settings.labels
    examples_frame = kwic_examples(data.examples, labels)
    html_sections = page_sections(sections, figure_files, lang, page_images=page_images)
    examples = None
    if len(examples_frame):
        examples = html_table(Table("kwic_examples", examples_frame, h["kwic_note"], caption=h["kwic_caption"]), language=lang)
        examples.number = 1 + sum(len(s.tables) for s in html_sections)
    # the LDAvis pages the sections wrote, and the network files (GraphML/GEXF) as one folder link
    downloads = [(Path(path).name, path) for s in sections for path in sorted(s.files) if path.endswith(".html")] + [("networks/", "networks/")]
    return render_html(title=settings.title, language=lang, synthetic=settings.synthetic, methods=markdown_blocks(methods) if methods else [],
                       sections=html_sections, examples=examples, generated=f"trendscope {__version__} · {generated} · {settings.analyzer}", downloads=downloads)
