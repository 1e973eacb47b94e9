"""Collect from the configured sources into data/raw/ (the documents stage then reads what is there)."""

from __future__ import annotations

from trendscope.config import StudyConfig
from trendscope.corpus.sheets import ReadAhead
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore


def collect_sources(config: StudyConfig, read_ahead: ReadAhead | None = None) -> list[CollectReport]:
    """Bring every active source's raw files into data/raw/ (idempotent: what is there is kept).

    `read_ahead` receives what the sources read to check new files, for the documents stage of the same run.
    """
    store = RawStore(config.paths.raw, sheets=read_ahead)
    return [get_source(name).collect(config, store) for name in config.sources.active()]
