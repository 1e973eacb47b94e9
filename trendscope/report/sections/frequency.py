"""Volume, frequency, TF-IDF and bigrams per query × year."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.counts import rank
from trendscope.analysis.tfidf import FORMULA as TFIDF_FORMULA
from trendscope.analysis.tfidf import term_year_matrix
from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.style import query_colors
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def wide_by_year(ranked: pd.DataFrame, value: str, label_col: str = "term") -> pd.DataFrame:
    """Rank × year layout as in Korean reports: each cell 'term (value)'."""
    fmt = (lambda v: f"{v:.1f}") if ranked[value].dtype.kind == "f" else (lambda v: f"{int(v)}")
    cells = ranked.assign(cell=[f"{t} ({fmt(v)})" for t, v in zip(ranked[label_col], ranked[value], strict=True)])
    return cells.pivot(index="rank", columns="year", values="cell").reset_index().rename(columns=str)


def build_tables(settings: ReportSettings, volume: pd.DataFrame, terms: pd.DataFrame, bigrams: pd.DataFrame) -> list[Table]:
    n = settings.top_n
    labels = settings.labels
    freq = rank(terms, by="tf", n=n)[["query", "year", "rank", "term", "tf", "df", "n_docs"]]
    tfidf = rank(terms, by="tfidf", n=n)[["query", "year", "rank", "term", "tfidf", "tf", "df", "n_docs"]].assign(tfidf=lambda f: f["tfidf"].round(4))
    bi = rank(bigrams, by="tf", label="bigram", n=n)[["query", "year", "rank", "bigram", "tf", "df"]]
    tables = [
        Table("volume_by_year", volume.assign(label=volume["query"].map(labels))[["query", "label", "year", "documents", "duplicates", "kept"]],
              "Documents per query × year: collected, near-duplicates (MinHash, excluded from analysis), kept."),
        Table(f"frequency_top{n}_by_year", freq, "tf = occurrences of the term in the query's documents of the year; df = documents containing it; n_docs = documents in the year."),
        Table(f"tfidf_top{n}_by_year", tfidf, f"TF-IDF: {TFIDF_FORMULA}."),
        Table(f"bigram_top{n}_by_year", bi, "Adjacent noun pairs within a sentence (after filtering), tf = occurrences, df = documents."),
    ]
    for key in settings.query_keys:
        tables.append(Table(f"frequency_top{n}_wide_{key}", wide_by_year(freq[freq["query"] == key], "tf"), f"{labels[key]}: top {n} terms per year by frequency, 'term (tf)'."))
        tables.append(Table(f"tfidf_top{n}_wide_{key}", wide_by_year(tfidf[tfidf["query"] == key], "tfidf"), f"{labels[key]}: top {n} terms per year by TF-IDF, 'term (tfidf)'."))
    return tables


def build(data: ReportData, settings: ReportSettings) -> Section:
    volume, terms, bigrams = data.volume, data.ranked(data.terms), data.bigrams
    lang, years = settings.language, settings.years
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    total = int(volume["kept"].sum())
    caption = f"{label('source', lang)}: {settings.source} · n = {total:,} ({label('duplicates_removed', lang)}) · {years}"
    figures = [FigureJob("volume_by_year", plot_volume, {"volume": volume, "labels": labels, "colors": colors, "caption": caption, "language": lang},
                         f"{label('volume_title', lang)} — {caption}")]
    top = min(15, settings.top_n)
    for key in settings.query_keys:
        n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
        qcaption = f"{label('source', lang)}: {settings.source} · {labels[key]} n = {n_docs:,} · {years}"
        ranked = rank(terms[terms["query"] == key], by="tf", n=top)
        title = label("top_terms_title", lang, label=labels[key], n=top)
        figures.append(FigureJob(f"top_terms_by_year_{key}", plot_top_terms,
                                 {"ranked": ranked, "value": "tf", "title": title, "color": colors[key], "caption": qcaption, "language": lang}, f"{title} — {qcaption}"))
        matrix = term_year_matrix(terms, query=key, years=years.years, n=settings.report.heatmap_terms)
        title = label("heatmap_title", lang, label=labels[key])
        figures.append(FigureJob(f"tfidf_heatmap_{key}", plot_term_year_heatmap,
                                 {"matrix": matrix, "title": title, "caption": qcaption + " · TF-IDF = tf × ln(N / df)", "colorbar_label": "TF-IDF", "language": lang},
                                 f"{title} — {qcaption}"))
    return Section(
        key="frequency",
        title="Volume, frequency and TF-IDF",
        tables=build_tables(settings, volume, data.ranked(terms), data.ranked(bigrams, term_col="bigram")),
        figures=figures,
        text=f"TF-IDF: {TFIDF_FORMULA}.",
    )
