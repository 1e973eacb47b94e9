"""Issue 26, item 3: the report stage cold on the 19-year BigKinds-shaped study, in CPU-seconds by process kind and by figure kind.

The machine is shared, so wall time alone says little: the stage is run forced (no figure cache) in a fresh
interpreter while every process of its tree is sampled every 50 ms for its CPU time, and each is counted under
its kind (the main process, the figure workers, the notebook kernels).  Then every figure job is drawn once
more, one by one in this process, and its CPU time (draw + PNG + page thumbnail) summed per figure kind.
The load average is recorded with every number.

    python -m bench report      # BENCH_STUDY=<study.yaml>: another study; BENCH_LABEL: the label (default "after");
                                # BENCH_TRENDSCOPE=<folder>: the stage of the trendscope there (no figure profile)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import write_results
from bench.corpora import WORK, bigkinds_study

# The report stage forced (figure cache off, as in a cold run) in a fresh interpreter: its own CPU-seconds.
_STAGE = """
import json, os, resource, sys, time
from pathlib import Path
from trendscope.config import load_config
from trendscope.pipeline import run_pipeline
start, cpu = time.perf_counter(), time.process_time()
config = load_config(Path(sys.argv[1]))
results, _ = run_pipeline(config, jobs=int(sys.argv[2]), force=frozenset({"report"}))
report = next(r for r in results if r.name == "report")
print(json.dumps({"wall_s": time.perf_counter() - start, "main_cpu_s": time.process_time() - cpu,
                  "stage_s": report.seconds, "info": {k: v for k, v in report.info.items() if k.endswith("_s") or k.startswith("figures")}}))
"""


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def process_kind(cmdline: list[str]) -> str:
    text = " ".join(cmdline)
    if "ipykernel" in text:
        return "notebook kernels"
    if "resource_tracker" in text:
        return "other"
    if "multiprocessing" in text:
        return "figure workers"
    return "other"


def stage_profile(study: Path, jobs: int) -> dict:
    """One forced run of the report stage: wall, CPU-seconds per process kind, load average before and after."""
    import psutil

    before = load()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        # BENCH_TRENDSCOPE=<folder>: the trendscope found there (e.g. an export of the commit before), as bench/common.py
        env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
        child = subprocess.Popen([sys.executable, "-c", _STAGE, str(study), str(jobs)], cwd=study.parent, stdout=out, stderr=subprocess.DEVNULL, text=True, env=env)
        root = psutil.Process(child.pid)
        seen: dict[int, tuple[str, float, float]] = {}  # pid -> (kind, first seen at, last CPU seconds)
        while child.poll() is None:
            try:
                children = root.children(recursive=True)
            except psutil.Error:
                children = []
            for process in children:
                try:
                    kind = process_kind(process.cmdline())  # again each time: a kernel is a fork of this process until it execs
                    times = process.cpu_times()
                    seen[process.pid] = (kind, seen.get(process.pid, (kind, time.perf_counter(), 0.0))[1], times.user + times.system)
                except psutil.Error:
                    continue
            time.sleep(0.05)
        if child.returncode:
            raise RuntimeError(f"the report stage failed (exit {child.returncode})")
        out.seek(0)
        result = json.loads(out.read().strip().splitlines()[-1])
    by_kind: dict[str, float] = {"main": round(result["main_cpu_s"], 2)}
    counts: dict[str, int] = {}
    for kind, _, cpu in seen.values():
        by_kind[kind] = round(by_kind.get(kind, 0.0) + cpu, 2)
        counts[kind] = counts.get(kind, 0) + 1
    return {"jobs": jobs, "stage_wall_s": round(result["stage_s"], 2), "process_wall_s": round(result["wall_s"], 2), "cpu_s": by_kind,
            "cpu_s_total": round(sum(by_kind.values()), 2), "processes": counts, "info": result["info"], "load_before": before, "load_after": load()}


def figure_kind(name: str, keys: list[str], years: list[int]) -> str:
    """`network_smartcity_2019` -> `network_<query>_<year>`."""
    for key in keys:
        name = re.sub(rf"(^|_){re.escape(key)}(_|$)", r"\1<query>\2", name)
    return re.sub(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", "<year>", name)


def figure_profile(study: Path) -> dict:
    """Every figure job of the study's report drawn here one by one: CPU-seconds per figure kind, and how many."""
    import warnings

    from trendscope.config import load_config
    from trendscope.pipeline import plan, study_catalog
    from trendscope.report.render import _draw_for_page
    from trendscope.report.sections import build_sections
    from trendscope.stages.report import report_data

    config = load_config(study, cwd=study.parent)
    catalog = study_catalog(config)
    stage = next(p for p in plan(config, catalog) if p.name == "report")
    settings = stage.params
    sections = build_sections(report_data(settings, stage.load_inputs()), settings)
    keys = list(settings.query_keys)
    kinds: dict[str, dict[str, float]] = {}
    before = load()
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # a missing glyph fails here as it does in the tests
        for job in (job for s in sections for job in s.figures):
            cpu = time.process_time()
            _draw_for_page(job, Path(folder), settings.report.dpi)
            kind = kinds.setdefault(figure_kind(job.name, keys, list(settings.years.years)), {"n": 0, "cpu_s": 0.0})
            kind["n"] += 1
            kind["cpu_s"] = round(kind["cpu_s"] + time.process_time() - cpu, 3)
    total = round(sum(k["cpu_s"] for k in kinds.values()), 2)
    return {"figures": sum(int(k["n"]) for k in kinds.values()), "cpu_s_total": total,
            "by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1]["cpu_s"])), "load_before": before, "load_after": load()}


def main() -> Path:
    study = Path(os.environ["BENCH_STUDY"]) if os.environ.get("BENCH_STUDY") else bigkinds_study(WORK / "bk10k", 10_000)
    label = os.environ.get("BENCH_LABEL", "after")
    jobs = int(os.environ.get("BENCH_JOBS", "2"))
    # the earlier stages once (cached afterwards), so that only the report stage is measured
    subprocess.run([sys.executable, "-m", "trendscope", "run", "--config", str(study), "--jobs", str(jobs), "--quiet"], cwd=study.parent, check=True)
    path = WORK.parent / "results" / "report.json"
    previous = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    measured = {"study": study.name, "stage": stage_profile(study, jobs)}
    if not os.environ.get("BENCH_TRENDSCOPE"):  # the figures drawn here are this tree's
        measured["figures"] = figure_profile(study)
    return write_results("report", {**{k: v for k, v in previous.items() if k != "machine"}, label: measured})


if __name__ == "__main__":
    print(main())
