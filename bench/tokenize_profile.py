"""Issue 26: where the tokenize stage's seconds go, per process kind, on the 10k BigKinds-shaped corpus.

`python -m bench.tokenize_profile [backend] [jobs]` runs the tokenize stage alone (documents cached,
tokenize forced, the analyzers started as `trendscope run` starts them) in this process, with cProfile in
the parent and in every worker, and prints CPU-seconds per process kind and the top functions of each.
Worker profiles are dumped after every chunk (workers are terminated, not shut down, at the end).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import resource
import sys
import time
from typing import TYPE_CHECKING

from bench.corpora import WORK, bigkinds_study

if TYPE_CHECKING:
    from trendscope.config import StudyConfig

PROFILE_DIR = WORK / "tokprof"
_profile: cProfile.Profile | None = None


def _init_profiled(spec):  # type: ignore[no-untyped-def]
    global _profile
    from trendscope.text import tokenize

    _profile = cProfile.Profile(time.process_time)  # CPU-seconds: the machine is shared
    _profile.enable()
    start = time.process_time()
    tokenize._init_worker(spec)
    (PROFILE_DIR / f"start-{os.getpid()}.json").write_text(json.dumps({"init_cpu_s": time.process_time() - start}))
    _profile.dump_stats(PROFILE_DIR / f"worker-{os.getpid()}.prof")
    _profile.enable()


def _work_profiled(texts, spec):  # type: ignore[no-untyped-def]
    from trendscope.text import tokenize

    out = tokenize._work(texts, spec)
    assert _profile is not None
    _profile.dump_stats(PROFILE_DIR / f"worker-{os.getpid()}.prof")  # create_stats would stop the profiler
    _profile.enable()
    (PROFILE_DIR / f"cpu-{os.getpid()}.json").write_text(json.dumps({"cpu_s": time.process_time()}))
    return out


def prepare(backend: str = "komoran", n: int = 10_000) -> StudyConfig:
    """The bench study with its documents stage run (cached after the first time), in its own folder."""
    from trendscope.config import load_config
    from trendscope.pipeline import run_pipeline

    study = bigkinds_study(WORK / f"bk{n // 1000}k", n, backend=backend)
    folder = WORK / f"tokprof-{backend}"
    folder.mkdir(parents=True, exist_ok=True)
    config = load_config(study, cwd=folder)
    run_pipeline(config, until="documents", jobs=1)
    return config


def stage_texts(n: int = 10_000) -> list[str]:
    """The texts the tokenize stage analyzes on the bench study, in its order (each (doc_id, text) once)."""
    import pandas as pd

    from trendscope.corpus.selection import study_documents
    from trendscope.stages.tokenize import _text

    config = prepare("komoran", n)
    documents = study_documents(pd.read_parquet(config.paths.data / "processed" / "documents.parquet"), config.years.years, exclude_duplicates=config.analysis.exclude_duplicates)
    texts = dict.fromkeys(zip(documents["doc_id"], (_text(t, b) for t, b in zip(documents["title"], documents["body"], strict=True)), strict=True))
    return [text for _, text in texts]


def run(backend: str = "komoran", jobs: int = 2, n: int = 10_000, profile: bool = True) -> dict:
    """The tokenize stage alone, forced, after the documents stage (cached): wall and CPU-seconds, and with `profile` the cProfile report."""
    from trendscope.pipeline import run_pipeline
    from trendscope.text import tokenize

    config = prepare(backend, n)
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    for old in PROFILE_DIR.iterdir():
        old.unlink()
    if profile:
        tokenize._init_worker, tokenize._work = _init_profiled, _work_profiled  # type: ignore[assignment]
    parent = cProfile.Profile(time.process_time) if profile else None
    load = os.getloadavg()
    wall, cpu = time.perf_counter(), time.process_time()
    if parent:
        parent.enable()
    results, _ = run_pipeline(config, until="tokenize", jobs=jobs, force=frozenset({"tokenize"}))
    if parent:
        parent.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    stage = next(r for r in results if r.name == "tokenize")
    out = {"backend": backend, "jobs": jobs, "wall_s": round(wall, 2), "stage_wall_s": round(stage.seconds, 2),
           "parent_cpu_s": round(cpu, 2), "children_cpu_s": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                                                                  + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime, 2),
           "load_before": [round(x, 2) for x in load], "load_after": [round(x, 2) for x in os.getloadavg()]}
    if profile:
        out["workers"] = [json.loads(p.read_text()) for p in sorted(PROFILE_DIR.glob("cpu-*.json"))]
        out["worker_init_cpu_s"] = [json.loads(p.read_text())["init_cpu_s"] for p in sorted(PROFILE_DIR.glob("start-*.json"))]
        text = io.StringIO()
        assert parent is not None
        pstats.Stats(parent, stream=text).sort_stats("tottime").print_stats(25)
        for prof in sorted(PROFILE_DIR.glob("worker-*.prof")):
            text.write(f"\n==== {prof.name}\n")
            pstats.Stats(str(prof), stream=text).sort_stats("tottime").print_stats(25)
        (PROFILE_DIR / "report.txt").write_text(text.getvalue())
        out["report"] = str(PROFILE_DIR / "report.txt")
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(run(args[0] if args else "komoran", int(args[1]) if len(args) > 1 else 2, profile="--no-profile" not in args)))
