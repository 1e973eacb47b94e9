"""Collect from the configured sources into data/raw/ (the documents stage then reads what is there)."""

from __future__ import annotations

from pathlib import Path

from trendscope.config import SourcesConfig, StudyConfig
from trendscope.corpus.sources import get_source
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore


def collect_sources(config: StudyConfig) -> list[CollectReport]:
    """Bring every active source's raw files into data/raw/ (idempotent: what is there is kept)."""
    store = RawStore(config.paths.raw)
    return [get_source(name).collect(config, store) for name in config.sources.active()]


def raw_inputs(sources: SourcesConfig, raw: Path) -> list[Path]:
    """The raw files the documents stage reads (those of the active sources), and the manifest that says how to read them."""
    store = RawStore(raw)
    files = [raw / e.path for name in sources.active() for e in store.files(name)]
    return files + ([store.manifest_path] if files and any(n != "demo" for n in sources.active()) else [])
