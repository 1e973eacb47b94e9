"""reports/index.html: corpus counts, methods, every section with its figures and tables, and KWIC examples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope import __version__
from trendscope.analysis.kwic import token_kwic
from trendscope.report.html import html_section, html_table, render_html
from trendscope.report.methods import MethodsFacts, methods_text
from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.tables import Table

SECTION_TITLES_KO = {"frequency": "문서 수·빈도·TF-IDF", "network": "동시출현 네트워크", "networks": "동시출현 네트워크", "topics": "토픽 모델링 (LDA)"}
EXAMPLE_TERMS = 3
EXAMPLE_LINES = 2


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


def kwic_examples(years: str, documents: pd.DataFrame, tokens: pd.DataFrame, keyness: pd.DataFrame, labels: dict[str, str], *, seed: int) -> pd.DataFrame:
    """A few sentences for the strongest key terms of each query (matched as whole tokens, spread over the years), so a number reads as text.

    The key terms come from the comparison between queries, or with one query from the comparison of its periods.
    """
    overall = keyness[(keyness["comparison"] == "queries") & (keyness["scope"] == years)]
    sides = [(part, direction, query) for (target, reference), part in overall.groupby(["target", "reference"], sort=False)
             for direction, query in (("target", target), ("reference", reference))]
    if not sides:
        periods = keyness[keyness["comparison"] == "periods"]
        sides = [(part, "target", query) for query, part in periods.groupby("scope", sort=False)]
    rows = []
    for part, direction, query in sides:
        side = part[part["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(EXAMPLE_TERMS)
        docs = documents[documents["query"] == query]
        own = tokens[(tokens["query"] == query) & tokens["doc_id"].isin(docs["doc_id"])]
        for term in side["term"]:
            rows.append(token_kwic(own, docs, term, limit=EXAMPLE_LINES, seed=seed).assign(label=labels[query]))
    if not rows:
        return pd.DataFrame()
    return pd.concat(rows, ignore_index=True)[["label", "keyword", "date", "outlet", "title", "left", "right"]]


def page_html(settings: ReportSettings, data: ReportData, sections: list[Section], figure_files: dict[str, Path], *, generated: str) -> str:
    """The whole page; `figure_files` maps each figure job's name to its PNG."""
    lang = settings.language
    labels = settings.labels
    documents = data.documents
    kept = documents[documents["dup_of"].isna()] if settings.exclude_duplicates else documents
    facts = MethodsFacts(
        analyzer=settings.analyzer, n_documents=len(kept), n_duplicates=int(documents["dup_of"].notna().sum()), sources=list(settings.sources),
        user_words=settings.lexicon_sizes["user_words"], synonyms=settings.lexicon_sizes["synonyms"], stopwords=settings.lexicon_sizes["stopwords"],
        periods=list(settings.periods), trendscope_version=__version__,
    )
    corpus = html_table(Table("corpus_by_query_year_source", corpus_table(documents, labels),
                              "Documents per query × year × source: collected, near-duplicates (excluded from the analysis), kept."), max_rows=1000, language=lang)
    tokens = data.tokens if data.tokens is not None else pd.DataFrame(columns=["doc_id", "query", "year", "sentences"])
    examples_frame = kwic_examples(str(settings.years), kept, tokens, data.keyness, labels, seed=settings.seed)
    examples = html_table(Table("kwic_examples", examples_frame, "Sentences holding the strongest key terms of each query (trendscope kwic TERM shows all)."), language=lang) if len(examples_frame) else None
    html_sections = []
    for s in sections:
        pngs = [figure_files[job.name] for job in s.figures]
        captions = {figure_files[job.name].name: job.caption for job in s.figures if job.caption}
        title = SECTION_TITLES_KO.get(s.key, s.title) if lang == "ko" else s.title
        html_sections.append(html_section(s.key, title, s.text, pngs, captions, s.tables, lang))
    return render_html(title=settings.title, language=lang, synthetic=settings.synthetic, corpus=corpus, methods=methods_text(settings, facts),
                       sections=html_sections, examples=examples, generated=f"trendscope {__version__} · {generated} · {settings.analyzer}")
