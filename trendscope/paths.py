"""Where a study keeps each stage's files, derived from its configuration (no stage logic here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trendscope.config import StudyConfig

LOCK_NAME = "trendscope.lock.json"


@dataclass(frozen=True)
class StudyPaths:
    """Every file and folder the stages read or write; `tokens` depends on the tokenizer settings (its cache key)."""

    raw: Path
    processed: Path
    documents: Path
    collection: Path
    tokens: Path
    query_terms: Path
    volume: Path
    terms: Path
    bigrams: Path
    network_nodes: Path
    network_edges: Path
    network_ranks: Path
    network_distinct: Path
    network_files: Path
    keyness: Path
    trends: Path
    new_terms: Path
    convergence: Path
    convergence_trend: Path
    topics: Path
    reports: Path
    notebooks: Path
    lock: Path
    # Study files the configuration names (None when unset).
    userdic: Path | None
    synonyms: Path | None
    stopwords: Path | None
    entity_list: Path | None
    topic_labels: Path | None

    @classmethod
    def of(cls, config: StudyConfig, *, tokens_name: str = "tokens.parquet") -> StudyPaths:
        processed = config.paths.processed
        return cls(
            raw=config.paths.raw,
            processed=processed,
            documents=processed / "documents.parquet",
            collection=processed / "collection.json",
            tokens=processed / tokens_name,
            query_terms=processed / "query_terms.json",
            volume=processed / "volume.parquet",
            terms=processed / "terms.parquet",
            bigrams=processed / "bigrams.parquet",
            network_nodes=processed / "network_nodes.parquet",
            network_edges=processed / "network_edges.parquet",
            network_ranks=processed / "network_ranks.parquet",
            network_distinct=processed / "network_distinct.parquet",
            network_files=processed / "networks",
            keyness=processed / "keyness.parquet",
            trends=processed / "trends.parquet",
            new_terms=processed / "new_terms.parquet",
            convergence=processed / "convergence.parquet",
            convergence_trend=processed / "convergence_trend.parquet",
            topics=processed / "topics",
            reports=config.paths.reports,
            notebooks=config.paths.notebooks,
            lock=processed / LOCK_NAME,
            userdic=config.tokenizer.lexicon.userdic,
            synonyms=config.tokenizer.lexicon.synonyms,
            stopwords=config.tokenizer.lexicon.stopwords,
            entity_list=config.tokenizer.lexicon.entities.file,
            topic_labels=config.topics.labels_file,
        )
