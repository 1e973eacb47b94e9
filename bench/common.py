"""Helpers shared by the benchmarks: timing a CLI run in a fresh folder, peak memory, writing results."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.processes import TreeSampler

RESULTS = Path(__file__).resolve().parent / "results"


# Runs the CLI in a fresh interpreter and reports that process's own peak RSS and its workers' (KiB).
_MEASURE = """
import json, resource, sys
from trendscope.cli import app
code = 1
try:
    code = app(sys.argv[1:], standalone_mode=False)  # an error exit comes back as its code here, not as an exception
finally:
    # VmHWM is this process's own peak; ru_maxrss would carry over the benchmark parent's peak across fork+exec on Linux.
    own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"own": own, "workers": workers}), file=sys.stderr)
sys.exit(code if isinstance(code, int) else 0)
"""


def run_cli(args: list[str], cwd: Path, series: list[tuple[float, int]] | None = None, sampler: TreeSampler | None = None,
            interval: float = 0.05) -> dict[str, float]:
    """Run `trendscope ARGS` in `cwd` in a child process: wall time, peak RSS of the main process and of its largest worker,
    and the peak of the summed RSS of the whole process tree (sampled every `interval` s: every worker, kernel and JVM counted).
    `series`, when given, receives every sample as (epoch seconds, bytes), to split the peak by stage; `sampler`, when
    given, is handed the tree at every sample (CPU-seconds by kind of process), and the result then holds the tree's
    CPU-seconds as the kernel counts them (`cpu_s`, from getrusage once the run has ended) and what sampling cost
    this benchmark process (`sampling_cpu_s`)."""
    import psutil

    # BENCH_TRENDSCOPE=<folder>: time the trendscope found there (e.g. an export of the commit before an optimisation).
    env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
    start, own, children = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:  # a file, not a pipe: a full pipe would stall the run while we poll
        child = subprocess.Popen([sys.executable, "-c", _MEASURE, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=log, text=True, env=env)
        root, peak_all = psutil.Process(child.pid), 0
        if sampler is not None:
            sampler.root_pid = child.pid
        while child.poll() is None:
            total, processes = 0, []
            try:
                processes = [root, *root.children(recursive=True)]
                for process in processes:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                pass
            peak_all = max(peak_all, total)
            now = time.time()
            if series is not None:
                series.append((now, total))
            if sampler is not None:
                sampler.sample(processes, now)
            time.sleep(interval)
        log.seek(0)
        stderr = log.read()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tree_cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, args, stderr=stderr)
    peaks = json.loads(stderr.strip().splitlines()[-1])
    return {"wall_s": round(seconds, 2), "peak_rss_mb_main": round(peaks["own"] / 1024, 1), "peak_rss_mb_largest_worker": round(peaks["workers"] / 1024, 1),
            "peak_rss_mb_all_processes": round(peak_all / 2**20, 1),
            **({"cpu_s": round(tree_cpu, 2), "sampling_cpu_s": round(time.process_time() - own, 2)} if sampler is not None else {})}


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}


def write_results(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **payload}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
