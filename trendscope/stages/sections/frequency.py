"""Volume, frequency, TF-IDF and bigrams per query × year."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.counts import rank
from trendscope.analysis.tfidf import FORMULA as TFIDF_FORMULA
from trendscope.analysis.tfidf import term_year_matrix
from trendscope.config import StudyConfig
from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.style import query_colors, save_figure
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.labels import label
from trendscope.report.tables import Table
from trendscope.stages.count import read_frame
from trendscope.stages.sections import ReportContext, Section


def wide_by_year(ranked: pd.DataFrame, value: str, label_col: str = "term") -> pd.DataFrame:
    """Rank × year layout as in Korean reports: each cell 'term (value)'."""
    fmt = (lambda v: f"{v:.1f}") if ranked[value].dtype.kind == "f" else (lambda v: f"{int(v)}")
    cells = ranked.assign(cell=[f"{t} ({fmt(v)})" for t, v in zip(ranked[label_col], ranked[value], strict=True)])
    return cells.pivot(index="rank", columns="year", values="cell").reset_index().rename(columns=str)


def build_tables(config: StudyConfig, volume: pd.DataFrame, terms: pd.DataFrame, bigrams: pd.DataFrame) -> list[Table]:
    n = config.analysis.top_n
    labels = {q.key: q.label for q in config.queries}
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
    for key in config.query_keys:
        tables.append(Table(f"frequency_top{n}_wide_{key}", wide_by_year(freq[freq["query"] == key], "tf"), f"{labels[key]}: top {n} terms per year by frequency, 'term (tf)'."))
        tables.append(Table(f"tfidf_top{n}_wide_{key}", wide_by_year(tfidf[tfidf["query"] == key], "tfidf"), f"{labels[key]}: top {n} terms per year by TF-IDF, 'term (tfidf)'."))
    return tables


def build(context: ReportContext) -> Section:
    config, paths = context.config, context.paths
    volume, terms, bigrams = read_frame(paths.volume), read_frame(paths.terms), read_frame(paths.bigrams)
    lang, folder, dpi = config.report.language, context.figures_dir, config.report.dpi
    labels = {q.key: q.label for q in config.queries}
    colors = query_colors(config.query_keys)
    source = label("source_demo", lang) if context.synthetic else ", ".join(config.sources.active())
    figures = []
    total = int(volume["kept"].sum())
    caption = f"{label('source', lang)}: {source} · n = {total:,} ({label('duplicates_removed', lang)}) · {config.years}"
    figures += save_figure(plot_volume(volume, labels, colors, caption=caption, language=lang), folder / "volume_by_year", dpi)
    captions = {"volume_by_year.png": f"{label('volume_title', lang)} — {caption}"}
    top = min(15, config.analysis.top_n)
    for key in config.query_keys:
        n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
        qcaption = f"{label('source', lang)}: {source} · {labels[key]} n = {n_docs:,} · {config.years}"
        ranked = rank(terms[terms["query"] == key], by="tf", n=top)
        fig = plot_top_terms(ranked, value="tf", title=label("top_terms_title", lang, label=labels[key], n=top), color=colors[key], caption=qcaption, language=lang)
        figures += save_figure(fig, folder / f"top_terms_by_year_{key}", dpi)
        captions[f"top_terms_by_year_{key}.png"] = f"{label('top_terms_title', lang, label=labels[key], n=top)} — {qcaption}"
        matrix = term_year_matrix(terms, query=key, years=config.years.years, n=config.report.heatmap_terms)
        fig = plot_term_year_heatmap(matrix, title=label("heatmap_title", lang, label=labels[key]), caption=qcaption + " · TF-IDF = tf × ln(N / df)", colorbar_label="TF-IDF", language=lang)
        figures += save_figure(fig, folder / f"tfidf_heatmap_{key}", dpi)
        captions[f"tfidf_heatmap_{key}.png"] = f"{label('heatmap_title', lang, label=labels[key])} — {qcaption}"
    return Section(
        key="frequency",
        title="Volume, frequency and TF-IDF",
        tables=build_tables(config, volume, terms, bigrams),
        figures=[p for p in figures if p.suffix == ".png"],
        text=f"TF-IDF: {TFIDF_FORMULA}.",
        captions=captions,
    )
