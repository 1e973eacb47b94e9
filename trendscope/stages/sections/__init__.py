"""Report sections: each reads its stage's results and returns tables, figures and a short text.

A section module exposes `build(context: ReportContext) -> Section`; the report
stage writes every section's tables into reports/tables/ and tables.xlsx, its
figures into reports/figures/, and lists them in reports/README.md.  Add a
section by writing a module here and naming it in `SECTIONS`.
"""

from __future__ import annotations

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
    paths: "StudyPaths"
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


def build_sections(context: ReportContext) -> list[Section]:
    return [import_module(f"trendscope.stages.sections.{name}").build(context) for name in SECTIONS]
