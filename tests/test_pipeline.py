"""The stage graph: which stages a config edit re-runs, forcing, and the lock."""

from __future__ import annotations

import sys
import typing
from pathlib import Path

import psutil
import pyarrow as pa
import pytest
import yaml
from pydantic import BaseModel

import trendscope
from tests.conftest import write_study
from trendscope.catalog import ARTIFACTS, Artifact, Catalog
from trendscope.config import StudyConfig, load_config
from trendscope.memory import prefer_jemalloc, release_memory
from trendscope.pipeline import STAGE_ORDER, Lock, PlannedStage, plan, run_stages
from trendscope.stages.contract import Produced, Runtime, Stage, canonical

T, Q, C, N, P, K, E, R = "tokenize", "query_terms", "count", "network", "topics", "compare", "examples", "report"
D = "documents"

# Each config field, a new value, and the stages whose params (hence cache key) that edit changes.
# A stage downstream of a changed stage re-runs too, through its inputs; this table is the direct effect.
RERUNS: dict[str, tuple[object, set[str]]] = {
    "title": ("다른 제목", {R}),
    "seed": (7, {N, P, K, E, R}),  # compare: the convergence baseline's permutations
    "years": ("2018-2020", {T, C, N, P, K, E, R}),
    "queries": ([{"key": "smartcity", "label": "스마트시티", "terms": ["스마트시티", "스마트도시"]},
                 {"key": "socialinnovation", "label": "사회혁신", "terms": ["사회혁신"]}], {D, Q, R}),
    "tokenizer.backend": ("kiwi", {T, Q, R}),
    "tokenizer.pos": (["noun"], {T, Q, R}),
    "tokenizer.min_length": (1, {T, Q, R}),
    "analysis.top_n": (20, {R}),
    "analysis.exclude_duplicates": (False, {T, E, R}),
    "analysis.exclude_query_terms": (False, {C, N, K, R}),
    "cleaning.rules": ({"bylines": False}, {D, R}),  # the report's methods name the cleaning rules
    "cleaning.patterns": ({"promo": "▶ 구독하기"}, {D, R}),
    "network.centrality": ("unweighted", {N, R}),
    "network.rank_measure": ("degree_centrality", {N, R}),
    "topics.stability_seeds": (3, {P, R}),
    "topics.sweep_patience": (0, {P, R}),
    "report.svg": (True, {R}),
    "report.wordclouds": (True, {R}),
    "report.heatmap_value": ("tfidf", {R}),
    "engine": ("dask", set()),  # where tokenizing and counting run, never what they compute
    "topics.stability_threshold": (0.5, {P, R}),
    "topics.similarity_permutations": (2, {P, R}),
    "dedup.threshold": (0.8, {D, R}),  # and the dedup thresholds
    "dedup.shingle": (4, {D, R}),
    "dedup.title_days": (3, {D, R}),
    "tokenizer.lexicon.entities.enabled": (False, {T}),
    "tokenizer.lexicon.entities.min_docs": (5, {T}),
    "tokenizer.lexicon.entities.max_df": (0.2, {T}),
    "report.language": ("en", {R}),
    "report.dpi": (100, {R}),
    "report.heatmap_terms": (10, {R}),
    "report.notebooks": (False, {R}),
    "network.unit": ("document", {N, R}),
    "network.window": (7, {N, R}),
    "network.weight": ("npmi", {N, R}),
    "network.nodes_by": ("tfidf", {N, R}),
    "network.top_n": (30, {N, R}),
    "network.min_count": (3, {N, R}),
    "network.top_k": (3, {N, R}),
    "network.backbone": (False, {R}),
    "network.draw_nodes": (20, {R}),
    "network.exclude_terms": (["도시"], {N, R}),
    "network.resolution": (1.5, {N, R}),
    "network.seed": (7, {N, R}),
    "network.concor.depth": (3, {N, R}),
    "network.concor.diagonal": ("retain", {N, R}),
    "network.concor.tolerance": (1e-6, {N, R}),
    "network.concor.max_iter": (60, {N, R}),
    "network.concor.split_pairs": (True, {N, R}),
    "network.concor.numbering": ("first", {N, R}),
    "compare.periods": (["2018-2019", "2020-2021"], {K, R}),
    "compare.correction": ("bonferroni", {K, R}),
    "compare.alpha": (0.01, {K, R}),
    "compare.top_n": (20, {K, R}),
    "compare.permutations": (50, {K, R}),
    "compare.min_count": (3, {K, R}),
    "compare.trend_min_count": (10, {K, R}),
    "compare.trend_min_years": (4, {K, R}),
    "compare.new_term_min_count": (5, {K, R}),
    "compare.focus_terms": ({"smartcity": ["자율주행"]}, {K, R}),
    "compare.moderate_dispersion": (True, {K, R}),
    "topics.k_min": (6, {P, R}),
    "topics.k_max": (10, {P, R}),
    "topics.k_step": (1, {P, R}),
    "topics.k": (5, {P, R}),
    "topics.k_tolerance": (0.02, {P, R}),
    "topics.passes": (3, {P, R}),
    "topics.iterations": (40, {P, R}),
    "topics.engine": ("tomotopy", {P, R}),
    "topics.gibbs_iterations": (100, {P, R}),
    "topics.no_below": (3, {P, R}),
    "topics.no_above": (0.6, {P, R}),
    "topics.keep_n": (3000, {P, R}),
    "topics.coherence_topn": (8, {P, R}),
    "topics.relevance_lambda": (0.5, {P, R}),
    "topics.top_terms": (8, {R}),
    "topics.top_documents": (3, {P, R}),
    "topics.per_year": (True, {P, R}),
    "topics.alignment_threshold": (0.5, {P, R}),
}
# Fields covered elsewhere: where files live (paths, lexicon files: their content is hashed, see
# test_tokenize_cache), how sources collect (the documents stage keys on the whole sources section),
# and the topic labels file (an input of the report).
NOT_IN_TABLE = ("paths.", "sources.", "tokenizer.lexicon.", "topics.labels_file", "queries.")


def leaf_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    fields = []
    for name, info in model.model_fields.items():
        nested = [a for a in (info.annotation, *typing.get_args(info.annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        fields += leaf_fields(nested[0], f"{prefix}{name}.") if nested else [f"{prefix}{name}"]
    return fields


def test_the_table_covers_every_config_field():
    missing = [f for f in leaf_fields(StudyConfig) if f not in RERUNS and not f.startswith(NOT_IN_TABLE)]
    assert missing == [], f"add these fields to RERUNS: {missing}"


def _edit(study: Path, target: Path, key: str, value: object) -> Path:
    data = yaml.safe_load(study.read_text(encoding="utf-8"))
    node = data
    *parents, leaf = key.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def base_study(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    study = write_study(tmp_path_factory.mktemp("graph"))
    return study, {p.name: canonical(p.params) for p in plan(load_config(study))}


@pytest.mark.parametrize("key", sorted(RERUNS))
def test_a_config_edit_reruns_exactly_the_stages_that_read_it(base_study, tmp_path, key):
    study, base = base_study
    value, expected = RERUNS[key]
    edited = load_config(_edit(study, tmp_path / "edited.yaml", key, value))
    changed = {p.name for p in plan(edited) if canonical(p.params) != base[p.name]}
    assert changed == expected


def test_every_stage_is_declared_once_in_order():
    assert STAGE_ORDER == ("documents", "tokenize", "query_terms", "count", "network", "topics", "compare", "examples", "report")


@pytest.fixture(autouse=True)
def _test_artifacts(monkeypatch):
    """Artifacts of the toy stages below: one JSON file each, in the test's folder."""
    extra = {f"out_{name}": Artifact(f"out_{name}", "processed", f"{name}.txt", "json", "a test output") for name in ("documents", "tokenize", "query_terms", "count", "compare", "report")}
    monkeypatch.setattr("trendscope.catalog.ARTIFACTS", {**ARTIFACTS, **extra})


def _stage(name: str, out: Path, calls: list[str]) -> PlannedStage:
    def body(params: object, inputs: object, runtime: Runtime) -> Produced:
        calls.append(name)
        return Produced({f"out_{name}": name})

    stage: Stage = Stage(name, reads=(), params=lambda values: {}, inputs=(), outputs=(f"out_{name}",), body=body)
    return PlannedStage(stage, {}, (), (f"out_{name}",), Catalog({"processed": out.parent}))


def test_forcing_named_stages_reruns_only_those(tmp_path):
    calls: list[str] = []
    stages = [_stage(name, tmp_path / f"{name}.txt", calls) for name in ("count", "compare", "report")]
    lock = Lock(tmp_path / "lock.json")
    run_stages(stages, lock, Runtime())
    assert calls == ["count", "compare", "report"]
    calls.clear()
    run_stages(stages, lock, Runtime())
    assert calls == []
    run_stages(stages, lock, Runtime(), force=frozenset({"compare", "report"}))
    assert calls == ["compare", "report"]


def test_an_output_changed_on_disk_reruns_its_stage(tmp_path):
    calls: list[str] = []
    stages = [_stage("count", tmp_path / "count.txt", calls)]
    lock = Lock(tmp_path / "lock.json")
    run_stages(stages, lock, Runtime())
    (tmp_path / "count.txt").write_text("edited", encoding="utf-8")
    run_stages(stages, lock, Runtime())
    assert calls == ["count", "count"]
    assert Lock(tmp_path / "lock.json").entries["count"]["outputs"]["out_count"] is not None


def test_results_of_another_trendscope_version_are_recomputed(tmp_path, monkeypatch):
    calls: list[str] = []
    stages = [_stage("count", tmp_path / "count.txt", calls)]
    run_stages(stages, Lock(tmp_path / "lock.json"), Runtime())
    assert Lock(tmp_path / "lock.json").entries["count"]["trendscope"] == trendscope.__version__
    run_stages(stages, Lock(tmp_path / "lock.json"), Runtime())
    assert calls == ["count"]
    monkeypatch.setattr("trendscope.pipeline.__version__", "99.0")  # an upgrade
    run_stages(stages, Lock(tmp_path / "lock.json"), Runtime())
    assert calls == ["count", "count"]


def test_each_stage_is_placed_on_the_clock(tmp_path):
    """Stages record when they started (epoch seconds), so a benchmark can line them up with other processes' samples."""
    import time

    calls: list[str] = []
    stages = [_stage(name, tmp_path / f"{name}.txt", calls) for name in ("count", "compare")]
    before = time.time()
    results = run_stages(stages, Lock(tmp_path / "lock.json"), Runtime())
    assert before <= results[0].started <= results[0].started + results[0].seconds <= results[1].started <= time.time()
    skipped = run_stages(stages, Lock(tmp_path / "lock.json"), Runtime())
    assert all(r.skipped for r in skipped) and skipped[0].started >= results[1].started


def test_tokenizer_workers_are_started_ahead_only_when_tokenizing_is_likely(tmp_path, monkeypatch):
    import contextlib

    import trendscope.stages.tokenize as tokenize_stage
    import trendscope.text.tokenize as tokenize_text
    from trendscope.pipeline import _start_tokenizers

    started: list[tuple[object, int]] = []

    @contextlib.contextmanager
    def fake_pool(spec, jobs):
        started.append((spec, jobs))
        yield "pool"

    monkeypatch.setattr(tokenize_text, "tokenizer_pool", fake_pool)
    monkeypatch.setattr(tokenize_stage, "stage_spec", lambda params, lexicon: "spec")
    calls: list[str] = []
    stages = [_stage(name, tmp_path / f"{name}.txt", calls) for name in ("documents", "tokenize", "query_terms", "count")]
    lock = Lock(tmp_path / "lock.json")

    def start(runtime: Runtime, until: str = "report", force: bool | frozenset[str] = False) -> object:
        with contextlib.ExitStack() as stack:
            return _start_tokenizers(stages, lock, runtime, until, force, stack).tokenizer_pool

    assert start(Runtime(jobs=2)) == "pool" and started == [("spec", 2)]  # nothing ran yet
    run_stages(stages, lock, Runtime())
    started.clear()
    assert start(Runtime(jobs=2)) is None  # all three cached: no analyzer needed
    assert start(Runtime(jobs=2), force=frozenset({"count"})) is None
    assert start(Runtime(jobs=2), force=frozenset({"query_terms"})) == "pool"
    assert start(Runtime(jobs=2), force=True) == "pool"
    (tmp_path / "documents.txt").write_text("edited", encoding="utf-8")  # the documents stage will run again
    assert start(Runtime(jobs=2)) == "pool"
    assert start(Runtime(jobs=1)) is None and start(Runtime(jobs=2, engine="dask")) is None and start(Runtime(jobs=2), until="documents") is None
    assert len(started) == 3


def test_file_digests_are_reused_only_while_the_file_is_unchanged(tmp_path, monkeypatch):
    import trendscope.pipeline as pipeline

    reads: list[Path] = []
    real = pipeline.sha256_file
    monkeypatch.setattr(pipeline, "sha256_file", lambda path: reads.append(path) or real(path))
    path = tmp_path / "tokens.parquet"
    path.write_bytes(b"aaaa")
    first = pipeline._hash_path(path)
    assert pipeline._hash_path(path) == first and len(reads) == 1  # read once
    path.write_bytes(b"bbbb")  # same size, rewritten in place
    assert pipeline._hash_path(path) != first and len(reads) == 2
    replacement = tmp_path / "new"
    replacement.write_bytes(b"aaaa")
    replacement.replace(path)  # swapped in atomically, as stages write
    assert pipeline._hash_path(path) == first and len(reads) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_release_memory_hands_a_fragmented_heap_back():
    """Between stages: freed small blocks, pinned by a few survivors, stay in the process until trimmed."""
    process = psutil.Process()
    blocks = [bytes(2000) + bytes([i % 256]) for i in range(150_000)]  # ~300 MB of malloc'd (not mmap'd) blocks
    survivors = [*blocks[99::100], blocks[-1]]
    del blocks
    before = process.memory_info().rss
    release_memory()
    assert before - process.memory_info().rss > 150 * 2**20
    assert len(survivors) == 1501


def test_arrow_uses_jemalloc_unless_the_environment_chooses(monkeypatch):
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        pytest.skip("this pyarrow build has no jemalloc")
    default = pa.default_memory_pool()
    try:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
        prefer_jemalloc()
        assert pa.default_memory_pool().backend_name == default.backend_name
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL")
        prefer_jemalloc()
        assert pa.default_memory_pool().backend_name == "jemalloc"
    finally:
        pa.set_memory_pool(default)
