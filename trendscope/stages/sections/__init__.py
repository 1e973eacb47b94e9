"""Report sections: each reads its stage's results and returns tables, figures and a short text.

A section module exposes `build(context: ReportContext) -> Section`; the report
stage writes every section's tables into reports/tables/ and tables.xlsx, its
figures into reports/figures/, and lists them in reports/README.md.  Add a
section by writing a module here and naming it in `SECTIONS`.
"""

from __future__ import annotations

import multiprocessing
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from trendscope.config import StudyConfig
from trendscope.report.tables import Table

if TYPE_CHECKING:
    from trendscope.pipeline import StudyPaths

# In report order.
SECTIONS: tuple[str, ...] = ("collection", "frequency", "wordclouds", "keyness", "trends", "network", "topics", "convergence")


@dataclass(frozen=True)
class ReportContext:
    config: StudyConfig
    paths: StudyPaths
    figures_dir: Path
    synthetic: bool
    analyzer: str


@dataclass
class Section:
    """What one part of the report holds: `figures` are the PNG paths (an SVG sits beside each)."""

    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    text: str = ""
    # Optional: a caption per figure file name (e.g. "volume_by_year.png"), shown under the figure in index.html.
    captions: dict[str, str] = field(default_factory=dict)


def build_section(name: str, context: ReportContext) -> Section:
    return import_module(f"trendscope.stages.sections.{name}").build(context)


def _build_in_worker(name: str, context: ReportContext, filters: list) -> Section:
    # The caller's warning filters apply in the worker too (e.g. missing glyphs as errors in tests and `make figures`).
    warnings.filters[:] = filters
    return build_section(name, context)


def build_sections(context: ReportContext, *, jobs: int = 1) -> list[Section]:
    """Every section, in report order; with jobs > 1 sections are drawn in parallel worker processes.

    Sections are independent (each reads its own stage's files and writes figures under its own
    names), so the result is the same whatever `jobs` is.
    """
    if jobs <= 1:
        return [build_section(name, context) for name in SECTIONS]
    # spawn, as for tokenizing: a forked matplotlib/JVM state is not safe to reuse.
    with ProcessPoolExecutor(max_workers=min(jobs, len(SECTIONS)), mp_context=multiprocessing.get_context("spawn")) as pool:
        n = len(SECTIONS)
        return list(pool.map(_build_in_worker, SECTIONS, [context] * n, [list(warnings.filters)] * n))
