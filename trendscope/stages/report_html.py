"""The report stage's HTML page: gathers corpus counts, methods facts, sections and KWIC examples, renders index.html."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from trendscope import __version__
from trendscope.analysis.kwic import kwic
from trendscope.config import StudyConfig
from trendscope.report.html import html_section, html_table, render_html
from trendscope.report.methods import MethodsFacts, methods_text
from trendscope.report.tables import Table
from trendscope.stages.collect import read_documents
from trendscope.stages.compare import study_periods
from trendscope.stages.count import read_frame
from trendscope.stages.sections import Section
from trendscope.stages.tokenize import study_lexicon

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


def kwic_examples(config: StudyConfig, documents: pd.DataFrame, keyness: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """A few sentences for the strongest key terms of each query (overall comparison), so a number reads as text."""
    overall = keyness[(keyness["comparison"] == "queries") & (keyness["scope"] == str(config.years))]
    rows = []
    for (target, reference), part in overall.groupby(["target", "reference"], sort=False):
        for direction, query in (("target", target), ("reference", reference)):
            side = part[part["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(EXAMPLE_TERMS)
            docs = documents[documents["query"] == query]
            for term in side["term"]:
                lines = kwic(docs, term, limit=EXAMPLE_LINES)
                rows.append(lines.assign(label=labels[query]))
    if not rows:
        return pd.DataFrame()
    return pd.concat(rows, ignore_index=True)[["label", "keyword", "date", "outlet", "title", "left", "right"]]


def write_html(config: StudyConfig, paths, sections: list[Section], target: Path, *, synthetic: bool, analyzer: str) -> None:
    lang = config.report.language
    labels = {q.key: q.label for q in config.queries}
    documents = read_documents(paths.documents)
    documents = documents[documents["year"].isin(config.years.years)]
    kept = documents[documents["dup_of"].isna()] if config.analysis.exclude_duplicates else documents
    lexicon = study_lexicon(config)
    facts = MethodsFacts(
        analyzer=analyzer, n_documents=len(kept), n_duplicates=int(documents["dup_of"].notna().sum()), sources=config.sources.active(),
        user_words=len(lexicon.user_words), synonyms=len(lexicon.synonyms), stopwords=len(lexicon.stopwords),
        periods=[str(p) for p in study_periods(config)], trendscope_version=__version__,
    )
    corpus = html_table(Table("corpus_by_query_year_source", corpus_table(documents, labels),
                              "Documents per query × year × source: collected, near-duplicates (excluded from the analysis), kept."), max_rows=1000, language=lang)
    examples_frame = kwic_examples(config, kept, read_frame(paths.keyness), labels)
    examples = html_table(Table("kwic_examples", examples_frame, "Sentences holding the strongest key terms of each query (trendscope kwic TERM shows all)."), language=lang) if len(examples_frame) else None
    html_sections = [
        html_section(s.key, SECTION_TITLES_KO.get(s.key, s.title) if lang == "ko" else s.title, s.text, s.figures, s.captions, s.tables, lang)
        for s in sections
    ]
    generated = f"trendscope {__version__} · {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} · {analyzer}"
    page = render_html(title=config.title, language=lang, synthetic=synthetic, corpus=corpus, methods=methods_text(config, facts),
                       sections=html_sections, examples=examples, generated=generated)
    target.write_text(page, encoding="utf-8")
