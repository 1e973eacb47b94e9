"""The interface every source implements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from trendscope.config import StudyConfig
from trendscope.corpus.schema import Document
from trendscope.corpus.store import RawFile, RawStore


@dataclass
class CollectReport:
    """What a collection did, for the summary table."""

    source: str
    files_added: list[str] = field(default_factory=list)
    rejected: dict[str, int] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Source(Protocol):
    """`collect` writes raw files (idempotent, resumable); `read` turns raw files into documents.

    A source may set `titles_identify_stories = False` when equal titles are not one story (see corpus/dedup.py).
    """

    name: str
    # The fields of the source's config section that `read` uses: the documents stage's cache key holds these,
    # not where files were collected from or how (paths, rate limits, credentials).
    read_settings: tuple[str, ...]

    def collect(self, config: StudyConfig, store: RawStore) -> CollectReport:
        ...

    def read(self, config: StudyConfig, files: list[RawFile], report: CollectReport, store: RawStore | None = None) -> Iterator[Document]:
        """Documents of `files`, read from `store` (the runner's, with what collect parsed; None: the study's raw folder)."""
        ...
