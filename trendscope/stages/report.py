"""Write reports/: tables (CSV, Markdown, one workbook), figures (PNG + SVG) and a summary.

The whole folder is built beside the target and swapped in at the end, so an
interrupted or failed report never leaves a half-written reports/ behind.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from trendscope.analysis.counts import rank
from trendscope.analysis.tfidf import FORMULA as TFIDF_FORMULA
from trendscope.analysis.tfidf import term_year_matrix
from trendscope.config import StudyConfig
from trendscope.errors import OutputError
from trendscope.report.figures.heatmap import plot_term_year_heatmap
from trendscope.report.figures.style import query_colors, save_figure
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.labels import label
from trendscope.report.tables import Table, write_tables
from trendscope.stages.count import read_frame

SYNTHETIC_NOTICE = (
    "**The demo corpus is synthetic**: its articles were generated from templates by "
    "`trendscope.corpus.demo_generator` with planted trends; they are not real news. "
    "(데모 코퍼스는 합성 데이터이며 실제 기사가 아닙니다.)"
)


@dataclass(frozen=True)
class AnalysisFiles:
    volume: Path
    terms: Path
    bigrams: Path


def wide_by_year(ranked: pd.DataFrame, value: str, label_col: str = "term") -> pd.DataFrame:
    """Rank × year layout as in Korean reports: each cell 'term (value)'."""
    fmt = (lambda v: f"{v:.1f}") if ranked[value].dtype.kind == "f" else (lambda v: f"{int(v)}")
    cells = ranked.assign(cell=[f"{t} ({fmt(v)})" for t, v in zip(ranked[label_col], ranked[value])])
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


def build_figures(config: StudyConfig, volume: pd.DataFrame, terms: pd.DataFrame, folder: Path, *, synthetic: bool) -> list[Path]:
    lang = config.report.language
    labels = {q.key: q.label for q in config.queries}
    colors = query_colors(config.query_keys)
    source = label("source_demo", lang) if synthetic else ", ".join(config.sources.active())
    years = config.years.years
    paths = []
    total = int(volume["kept"].sum())
    caption = f"{label('source', lang)}: {source} · n = {total:,} ({label('duplicates_removed', lang)}) · {config.years}"
    paths += save_figure(plot_volume(volume, labels, colors, caption=caption, language=lang), folder / "volume_by_year", config.report.dpi)
    top = min(15, config.analysis.top_n)
    for key in config.query_keys:
        n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
        qcaption = f"{label('source', lang)}: {source} · {labels[key]} n = {n_docs:,} · {config.years}"
        ranked = rank(terms[terms["query"] == key], by="tf", n=top)
        fig = plot_top_terms(ranked, value="tf", title=label("top_terms_title", lang, label=labels[key], n=top), color=colors[key], caption=qcaption, language=lang)
        paths += save_figure(fig, folder / f"top_terms_by_year_{key}", config.report.dpi)
        matrix = term_year_matrix(terms, query=key, years=years, n=config.report.heatmap_terms)
        fig = plot_term_year_heatmap(matrix, title=label("heatmap_title", lang, label=labels[key]), caption=qcaption + " · TF-IDF = tf × ln(N / df)", colorbar_label="TF-IDF", language=lang)
        paths += save_figure(fig, folder / f"tfidf_heatmap_{key}", config.report.dpi)
    return paths


def summary_markdown(config: StudyConfig, tables: list[Table], figures: list[Path], *, synthetic: bool, analyzer: str) -> str:
    lines = [f"# {config.title}", ""]
    if synthetic:
        lines += [SYNTHETIC_NOTICE, ""]
    lines += [
        f"- Years: {config.years}",
        "- Queries: " + "; ".join(f"{q.label} (`{q.key}`: {', '.join(q.terms)})" for q in config.queries),
        f"- Sources: {', '.join(config.sources.active())}",
        f"- Analyzer: {analyzer}; POS kept: {', '.join(config.tokenizer.pos)}; minimum length {config.tokenizer.min_length}",
        f"- TF-IDF: {TFIDF_FORMULA}",
        "",
        "## Tables",
        "",
        *[f"- `tables/{t.name}.csv` — {t.note}" for t in tables],
        "",
        "## Figures",
        "",
        *[f"- `figures/{p.name}`" for p in figures if p.suffix == ".png"],
        "",
    ]
    return "\n".join(lines)


def write_report(config: StudyConfig, files: AnalysisFiles, target: Path, *, analyzer: str) -> dict[str, Any]:
    """Build the report folder next to `target`, then swap it in."""
    volume, terms, bigrams = read_frame(files.volume), read_frame(files.terms), read_frame(files.bigrams)
    synthetic = "demo" in config.sources.active()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=parent))
    except OSError as exc:
        raise OutputError(f"{parent}: cannot write the report here ({exc.strerror})") from None
    try:
        tables = build_tables(config, volume, terms, bigrams)
        write_tables(tables, staging / "tables", staging / "tables.xlsx")
        figures = build_figures(config, volume, terms, staging / "figures", synthetic=synthetic)
        (staging / "README.md").write_text(summary_markdown(config, tables, figures, synthetic=synthetic, analyzer=analyzer), encoding="utf-8")
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"tables": len(tables), "figures": len(figures)}


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` (two renames; the old folder is removed only after the new one is in place)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
