"""Collect from the configured sources into data/raw/ (the documents stage then reads what is there)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trendscope.config import StudyConfig
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore
from trendscope.errors import ConfigError


def collect_sources(config: StudyConfig) -> list[CollectReport]:
    """Bring every active source's raw files into data/raw/ (idempotent: what is there is kept)."""
    store = RawStore(config.paths.raw)
    return [get_source(name).collect(config, store) for name in config.sources.active()]


@dataclass(frozen=True)
class CollectOptions:
    """`trendscope collect` flags that fill in the chosen source's section of the study."""

    paths: tuple[str, ...] = ()
    query: str | None = None
    date_col: str | None = None
    text_col: str | None = None
    title_col: str | None = None
    credentials: Path | None = None
    strict: bool = False


def with_collect_options(config: StudyConfig, options: CollectOptions) -> StudyConfig:
    """The study with the collect flags applied to its active sources (file options need exactly one file source)."""
    active = config.sources.active()
    file_sources = [name for name in active if name in ("bigkinds", "files")]
    if options.paths and len(file_sources) != 1:
        raise ConfigError("--path needs exactly one of --source bigkinds or --source files")
    if options.query is not None:
        config.query(options.query)
    columns = {"date_col": options.date_col, "text_col": options.text_col, "title_col": options.title_col}
    if any(columns.values()) and "files" not in active:
        raise ConfigError("--date-col/--text-col/--title-col apply to --source files")
    if options.credentials is not None and "naver" not in active:
        raise ConfigError("--credentials applies to --source naver")
    update: dict[str, Any] = {}
    for name in active:
        section = getattr(config.sources, name)
        changes: dict[str, Any] = {}
        if name in ("bigkinds", "files"):
            if options.paths:
                changes["paths"] = [str(Path.cwd() / Path(p).expanduser()) for p in options.paths]
            if options.query is not None:
                changes["query"] = options.query
        if name == "files":
            changes.update({k: v for k, v in columns.items() if v})
        if name == "naver" and options.credentials is not None:
            changes["credentials"] = Path(options.credentials).expanduser().resolve()
        if options.strict and name in ("bigkinds", "files", "naver"):
            changes["strict"] = True
        if changes:
            update[name] = section.model_copy(update=changes)
    return config.model_copy(update={"sources": config.sources.model_copy(update=update)}) if update else config
