"""`trendscope related TERM`: the words most associated with a focus term per year, as tables and a figure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from trendscope.analysis.cooccurrence import UNITS, WEIGHTS
from trendscope.analysis.related import related_words
from trendscope.artifacts import read_tokens
from trendscope.config import StudyConfig
from trendscope.errors import ConfigError, InputError
from trendscope.report.captions import source_name
from trendscope.report.figures.network import plot_related
from trendscope.report.figures.style import query_colors
from trendscope.report.i18n import section_text
from trendscope.report.labels import label
from trendscope.report.render import draw_one
from trendscope.report.sections import FigureJob
from trendscope.report.tables import Table, write_tables


@dataclass
class RelatedOutput:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def file_slug(term: str) -> str:
    """A file-name-safe form of a term (Hangul kept; spaces and separators become '_')."""
    return re.sub(r"[^\w가-힣]+", "_", term).strip("_") or "term"


def related_note(language: str, *, term: str, label: str, weight: str, unit: str, min_count: int) -> str:
    """The related-words table's description in the report language."""
    if language == "ko":
        return f"{label} 문서에서 '{term}'의 연도별 연관어: {unit} 단위 {weight} 기준(함께 나온 단위 ≥ {min_count})."
    return f"Words related to '{term}' in {label} documents per year, by {weight} over {unit}s (co-occurring in ≥ {min_count} units)."


def write_related(
    config: StudyConfig, tokens_file: Path, term: str, *, queries: list[str], weight: str, n: int, min_count: int, unit: str | None, out: Path | None
) -> RelatedOutput:
    """Related words of `term` for each query: <out>/related_<term>_<query>.csv/.md (+ related_<term>.xlsx) and .png/.svg."""
    if weight not in WEIGHTS:
        raise ConfigError(f"--weight: expected one of {', '.join(WEIGHTS)}, got {weight!r}")
    unit = unit or config.network.unit
    if unit not in UNITS:
        raise ConfigError(f"--unit: expected one of {', '.join(UNITS)}, got {unit!r}")
    for key in queries:
        config.query(key)
    tokens = read_tokens(tokens_file)
    tokens = tokens[tokens["year"].isin(config.years.years)]
    folder = out or config.paths.reports.parent / "related"
    colors = query_colors(config.query_keys)
    lang = config.report.language
    source = source_name(synthetic="demo" in config.sources.active(), sources=config.sources.active(), language=lang)
    result = RelatedOutput()
    tables = []
    for key in queries:
        part = tokens[tokens["query"] == key].sort_values(["year", "doc_id"], kind="stable")
        frame = related_words(part, term, unit=unit, window=config.network.window, weight=weight, n=n, min_count=min_count)
        if frame.empty:
            continue
        result.tables[key] = frame
        name = f"related_{file_slug(term)}_{key}"
        note = related_note(lang, term=term, label=config.query(key).label, weight=weight, unit=unit, min_count=min_count)
        tables.append(Table(name, frame.round({"jaccard": 4, "npmi": 4}), note, unit=weight, formula=section_text("common", lang)[f"{weight}_formula"], caption=note))
        caption = f"{label('source', lang)}: {source} · {unit} · {weight} · min count {min_count}"
        title = label("related_title", lang, focus=term, label=config.query(key).label)
        job = FigureJob(name, plot_related, {"related": frame, "focus": term, "weight": weight, "title": title, "caption": caption, "color": colors[key]})
        result.files.append(draw_one(job, folder, config.report.dpi))
    if not tables:
        raise InputError(f"term {term!r} does not occur in the tokens of {', '.join(queries)} in {config.years}; check the spelling or the lexicon's synonyms")
    written = write_tables(tables, folder, folder / f"related_{file_slug(term)}.xlsx", language=lang)
    result.files = [p for p in written if p.suffix in (".csv", ".xlsx")] + result.files
    return result
