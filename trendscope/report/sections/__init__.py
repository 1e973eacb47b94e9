"""Report sections: each takes the study's results as DataFrames and returns tables, figures to draw and text.

A section module exposes `build(data: ReportData, settings: ReportSettings) -> Section`.
Sections never open files and never compute statistics: the stages compute and
save every statistic, the report stage loads them into `ReportData`, and a
section only selects, labels and lays them out.  Figures are returned as
`FigureJob`s (a drawing function and its arguments) so the report stage can
draw them in parallel and write them where it wants.  Add a section by writing
a module here and naming it in `SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pandas as pd

from trendscope.config import (
    CleaningConfig,
    CompareConfig,
    DedupConfig,
    NetworkConfig,
    QueryConfig,
    ReportConfig,
    TopicsConfig,
    YearRange,
)
from trendscope.report.captions import source_caption, source_name
from trendscope.report.i18n import Language, formula, section_text, setting_value
from trendscope.report.tables import Table

# In report order.
SECTIONS: tuple[str, ...] = ("collection", "frequency", "wordclouds", "keyness", "trends", "network", "topics", "convergence")


@dataclass(frozen=True)
class ReportSettings:
    """Everything the report reads from the study (the report stage's params): nothing else reaches a section."""

    title: str
    seed: int
    years: YearRange
    queries: tuple[QueryConfig, ...]
    sources: tuple[str, ...]
    analyzer: str
    pos: tuple[str, ...]
    min_length: int
    lexicon_sizes: dict[str, int]
    top_n: int
    exclude_duplicates: bool
    exclude_query_terms: bool
    report: ReportConfig
    network: NetworkConfig
    compare: CompareConfig
    topics: TopicsConfig
    periods: tuple[str, ...]
    # What the methods cite besides the above: the documents stage's rules, and the analyzer by name and version.
    cleaning: CleaningConfig = field(default_factory=CleaningConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    backend: str = "komoran"
    analyzer_version: str = ""
    # Not a study setting: `trendscope figures --all` (Runtime.all_figures), set by the report stage's body.
    all_figures: bool = False

    @property
    def synthetic(self) -> bool:
        return "demo" in self.sources

    @property
    def labels(self) -> dict[str, str]:
        return {q.key: q.label for q in self.queries}

    @property
    def query_keys(self) -> list[str]:
        return [q.key for q in self.queries]

    @property
    def language(self) -> Language:
        return self.report.language

    @property
    def source(self) -> str:
        """The source named in captions ('데모 코퍼스 (합성)' for the demo)."""
        return source_name(synthetic=self.synthetic, sources=self.sources, language=self.language)

    def caption(self, *, n: int | None = None, what: str = "") -> str:
        """'[what · ]자료: … · n = 1,234 · 2015-2020' in the report language (the line drawn under a figure)."""
        return source_caption(synthetic=self.synthetic, sources=self.sources, n=n, years=self.years, language=self.language, what=what)

    def figure_caption(self, sentence: str, *, n: int | None = None) -> str:
        """The page's caption: what the figure shows and how to read it, then source, n and years once, in parentheses."""
        return f"{sentence} ({self.caption(n=n)})"

    def setting(self, path: str) -> str:
        """A study setting by its config path ('network.concor.diagonal') as the reader sees it: in the report
        language (report/i18n.py SETTING_VALUES), never the study file's code."""
        value: object = self
        for part in path.split("."):
            value = getattr(value, part)
        return setting_value(path, value, self.language)

    def formula(self, key: str, **values: object) -> str:
        """A table family's formula (report/i18n.py FORMULAS) in the report language."""
        return formula(key, self.language, **values)

    def text(self, section: str) -> dict[str, str]:
        """The display strings of `section` in the report language (report/i18n.py)."""
        return section_text(section, self.language)


@dataclass(frozen=True)
class TopicResults:
    """The topics stage's results (tables are None when the stage did not produce them)."""

    summary: dict[str, Any]
    ksweep: pd.DataFrame | None = None
    terms: pd.DataFrame | None = None
    prevalence: pd.DataFrame | None = None
    top_documents: pd.DataFrame | None = None
    similarity: pd.DataFrame | None = None
    similarity_baseline: pd.DataFrame | None = None  # per query pair: the similarity when documents are reassigned at random
    alignment: pd.DataFrame | None = None
    year_terms: pd.DataFrame | None = None
    stability: pd.DataFrame | None = None  # per topic: how well it reappears when refitted with other seeds
    senses: pd.DataFrame | None = None  # per topic: its share of the query's core vocabulary; other senses flagged
    ldavis: dict[str, str] = field(default_factory=dict)  # query → pyLDAvis prepared data (JSON)
    labels: dict[tuple[str, int], str] = field(default_factory=dict)  # the researcher's topic labels


@dataclass(frozen=True)
class ReportData:
    """Every result a section may show, loaded by the report stage."""

    collection: dict[str, Any]
    documents: pd.DataFrame  # the study's documents in the study years (near-duplicates marked in dup_of)
    volume: pd.DataFrame
    terms: pd.DataFrame
    bigrams: pd.DataFrame
    network_nodes: pd.DataFrame
    network_edges: pd.DataFrame
    network_ranks: pd.DataFrame
    network_distinct: pd.DataFrame
    network_files: tuple[str, ...]
    keyness: pd.DataFrame
    trends: pd.DataFrame
    new_terms: pd.DataFrame
    convergence: pd.DataFrame
    convergence_trend: pd.DataFrame
    topics: TopicResults
    examples: pd.DataFrame | None = None  # the page's key terms in context (the examples stage)
    episodes: pd.DataFrame = field(default_factory=pd.DataFrame)  # bursts/episodes of the trend table (analysis.trends.episode_table)
    entities: pd.DataFrame | None = None  # entry, column, documents: the exports' entities the analyzer kept whole (text/entities.py)

    def ranked(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` (terms or bigrams) without the rows the count stage left unranked: each query's own words
        (and bigrams holding one) when the study keeps them out of rankings."""
        return frame[~frame["query_word"]] if "query_word" in frame.columns else frame


def top_ranked(frame: pd.DataFrame, *, by: str, n: int) -> pd.DataFrame:
    """The rows ranked 1…n by `by` in each query × year (the count stage's `rank_<by>`), in rank order, as `rank`."""
    ranks = frame[f"rank_{by}"]
    top = frame[ranks.notna() & (ranks <= n)].assign(rank=lambda f: f[f"rank_{by}"].astype(int))
    return top.sort_values(["query", "year", "rank"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class FigureJob:
    """A figure to draw: `draw(**kwargs)` returns a matplotlib Figure, saved as figures/<name>.png (+ .svg).

    `caption` is the sentence the page prints under it (never a file name).  A figure with `embed=False`
    (a per-year drawing that the small multiples already show) is drawn into figures/ but only linked
    from the page, under `link_text`, so the page stays light whatever the number of years."""

    name: str
    draw: Callable[..., Any]
    kwargs: dict[str, Any]
    caption: str = ""
    embed: bool = True
    link_text: str = ""


@dataclass
class Section:
    """What one part of the report holds; `files` are extra text files (relative path → content), e.g. LDAvis pages."""

    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    figures: list[FigureJob] = field(default_factory=list)
    text: str = ""
    files: dict[str, str] = field(default_factory=dict)


def build_section(name: str, data: ReportData, settings: ReportSettings) -> Section:
    return import_module(f"trendscope.report.sections.{name}").build(data, settings)


def build_sections(data: ReportData, settings: ReportSettings) -> list[Section]:
    """Every section, in report order (cheap: drawing happens later, see report/render.py)."""
    return [build_section(name, data, settings) for name in SECTIONS if name != "wordclouds" or settings.report.wordclouds]
