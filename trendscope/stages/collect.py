"""Collect from the configured sources into data/raw/ (the documents stage then reads what is there)."""

from __future__ import annotations

from trendscope.catalog import Catalog
from trendscope.config import StudyConfig
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport


def collect_sources(config: StudyConfig) -> list[CollectReport]:
    """Bring every active source's raw files into data/raw/ (idempotent: what is there is kept)."""
    store = Catalog.of(config).raw_store()  # what a source parses to check a file is kept for the documents stage
    return [get_source(name).collect(config, store) for name in config.sources.active()]


