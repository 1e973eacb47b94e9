"""`trendscope related TERM`: the words most associated with a focus term per year (the drawing is in report/related.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from trendscope.analysis.cooccurrence import UNITS, WEIGHTS
from trendscope.analysis.related import related_words
from trendscope.artifacts import read_tokens
from trendscope.commands.slug import file_slug
from trendscope.config import StudyConfig
from trendscope.errors import ConfigError, InputError
from trendscope.report.related import RelatedView
from trendscope.report.related import write_related as write_outputs


@dataclass
class RelatedOutput:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def write_related(
    config: StudyConfig, tokens_file: Path, term: str, *, queries: list[str], weight: str, n: int, min_count: int, unit: str | None, out: Path | None
) -> RelatedOutput:
    """Related words of `term` for each query: <out>/related_<term>_<query>.csv/.md (+ related_<term>.xlsx) and .png."""
    if weight not in WEIGHTS:
        raise ConfigError(f"--weight: expected one of {', '.join(WEIGHTS)}, got {weight!r}")
    unit = unit or config.network.unit
    if unit not in UNITS:
        raise ConfigError(f"--unit: expected one of {', '.join(UNITS)}, got {unit!r}")
    for key in queries:
        config.query(key)
    tokens = read_tokens(tokens_file)
    tokens = tokens[tokens["year"].isin(config.years.years)]
    result = RelatedOutput()
    for key in queries:
        part = tokens[tokens["query"] == key].sort_values(["year", "doc_id"], kind="stable")
        frame = related_words(part, term, unit=unit, window=config.network.window, weight=weight, n=n, min_count=min_count)
        if not frame.empty:
            result.tables[key] = frame
    if not result.tables:
        raise InputError(f"term {term!r} does not occur in the tokens of {', '.join(queries)} in {config.years}; check the spelling or the lexicon's synonyms")
    view = RelatedView(term=term, stem=file_slug(term), weight=weight, unit=unit, min_count=min_count, labels={q.key: q.label for q in config.queries},
                       query_keys=tuple(config.query_keys), sources=tuple(config.sources.active()), language=config.report.language, dpi=config.report.dpi)
    result.files = write_outputs(result.tables, view, out or config.paths.reports.parent / "related")
    return result
