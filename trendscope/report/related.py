"""The tables and small-multiples figure of `trendscope related`: presentation of related-word frames, no statistics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from trendscope.report.captions import source_name
from trendscope.report.figures.network import plot_related
from trendscope.report.figures.style import query_colors
from trendscope.report.i18n import Language, section_text
from trendscope.report.labels import label
from trendscope.report.render import draw_one
from trendscope.report.sections import FigureJob
from trendscope.report.tables import Table, write_tables


@dataclass(frozen=True)
class RelatedView:
    """What the related outputs' captions and colours need from the study."""

    term: str
    stem: str  # file-name-safe form of the term
    weight: str
    unit: str
    min_count: int
    labels: dict[str, str]  # query key -> label
    query_keys: tuple[str, ...]  # every query of the study, so each keeps its colour
    sources: tuple[str, ...]
    language: Language
    dpi: int


def related_note(language: str, *, term: str, label: str, weight: str, unit: str, min_count: int) -> str:
    """The related-words table's description in the report language."""
    if language == "ko":
        return f"{label} 문서에서 '{term}'의 연도별 연관어: {unit} 단위 {weight} 기준(함께 나온 단위 ≥ {min_count})."
    return f"Words related to '{term}' in {label} documents per year, by {weight} over {unit}s (co-occurring in ≥ {min_count} units)."


def write_related(frames: dict[str, pd.DataFrame], view: RelatedView, folder: Path) -> list[Path]:
    """<folder>/related_<term>_<query>.csv/.md (+ related_<term>.xlsx) and a .png per query; returns CSVs, workbook, figures."""
    colors = query_colors(list(view.query_keys))
    lang = view.language
    source = source_name(synthetic="demo" in view.sources, sources=list(view.sources), language=lang)
    tables, figures = [], []
    for key, frame in frames.items():
        name = f"related_{view.stem}_{key}"
        note = related_note(lang, term=view.term, label=view.labels[key], weight=view.weight, unit=view.unit, min_count=view.min_count)
        tables.append(Table(name, frame.round({"jaccard": 4, "npmi": 4}), note, unit=view.weight, formula=section_text("common", lang)[f"{view.weight}_formula"], caption=note))
        caption = f"{label('source', lang)}: {source} · {view.unit} · {view.weight} · min count {view.min_count}"
        title = label("related_title", lang, focus=view.term, label=view.labels[key])
        job = FigureJob(name, plot_related, {"related": frame, "focus": view.term, "weight": view.weight, "title": title, "caption": caption, "color": colors[key]})
        figures.append(draw_one(job, folder, view.dpi))
    written = write_tables(tables, folder, folder / f"related_{view.stem}.xlsx", language=lang)
    return [p for p in written if p.suffix in (".csv", ".xlsx")] + figures
