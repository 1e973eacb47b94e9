"""reports/index.html: corpus counts, methods, every section with its figures and tables, and KWIC examples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope import __version__
from trendscope.report.html import HtmlSection, html_section, html_table, render_html
from trendscope.report.i18n import HEADINGS, Language
from trendscope.report.methods import figure_numbers, markdown_blocks
from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def corpus_table(documents: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Documents per query × year × source: collected, near-duplicates, kept."""
    counts = (
        documents.assign(documents=1, duplicates=documents["dup_of"].notna().astype(int))
        .groupby(["query", "year", "source"], observed=True)[["documents", "duplicates"]]
        .sum()
        .reset_index()
    )
    counts["kept"] = counts["documents"] - counts["duplicates"]
    counts.insert(1, "label", counts["query"].map(labels))
    return counts.sort_values(["query", "year", "source"], kind="stable").reset_index(drop=True)


def kwic_examples(examples: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The examples stage's sentences as the page shows them: the query's label, and the sentence as written where
    it was found again (else the tokens around the term)."""
    if examples.empty:
        return pd.DataFrame()
    shown = examples.assign(label=examples["query"].map(labels))
    return shown[["label", "keyword", "date", "outlet", "title", "left", "right", "text"]].reset_index(drop=True)


def page_sections(sections: list[Section], figure_files: dict[str, Path], language: Language, *, first_table: int = 2, page_images: dict[Path, bytes] | None = None) -> list[HtmlSection]:
    """The sections as the page shows them: embedded figures numbered across the page, tables numbered from `first_table`,
    and per-year drawings as links to their full-size files."""
    numbers = figure_numbers(sections)
    table_number = first_table
    out = []
    for s in sections:
        embedded = [job for job in s.figures if job.embed]
        captions = {figure_files[job.name].name: job.caption or job.name for job in embedded}
        html = html_section(s.key, s.title, s.text, [figure_files[job.name] for job in embedded], captions, s.tables, language, page_images=page_images)
        for figure, job in zip(html.figures, embedded, strict=True):
            figure.number = numbers[job.name]
        for table in html.tables:
            table.number = table_number
            table_number += 1
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
    documents = data.documents
    corpus = html_table(Table("corpus_by_query_year_source", corpus_table(documents, labels), h["corpus_note"], caption=h["corpus_caption"]), max_rows=1000, language=lang)
    corpus.number = 1
    examples_frame = kwic_examples(data.examples, labels)
    html_sections = page_sections(sections, figure_files, lang, page_images=page_images)
    examples = None
    if len(examples_frame):
        examples = html_table(Table("kwic_examples", examples_frame, h["kwic_note"], caption=h["kwic_caption"]), language=lang)
        examples.number = 2 + sum(len(s.tables) for s in html_sections)
    # the LDAvis pages the sections wrote, and the network files (GraphML/GEXF) as one folder link
    downloads = [(Path(path).name, path) for s in sections for path in sorted(s.files) if path.endswith(".html")] + [("networks/", "networks/")]
    return render_html(title=settings.title, language=lang, synthetic=settings.synthetic, corpus=corpus, methods=markdown_blocks(methods) if methods else [],
                       sections=html_sections, examples=examples, generated=f"trendscope {__version__} · {generated} · {settings.analyzer}", downloads=downloads)
