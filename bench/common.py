"""Helpers shared by the benchmarks: timing a CLI run in a fresh folder, peak memory, writing results."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run_cli(args: list[str], cwd: Path, series: list[tuple[float, int]] | None = None) -> dict[str, float]:
    """Run `trendscope ARGS` in `cwd` in a child process: wall time, peak RSS of the main process and of its largest worker,
    and the peak of the summed RSS of the whole process tree (sampled every 50 ms: every worker, kernel and JVM counted).
    `series`, when given, receives every sample as (epoch seconds, bytes), to split the peak by stage."""
    import psutil

    # BENCH_TRENDSCOPE=<folder>: time the trendscope found there (e.g. an export of the commit before an optimisation).
    env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:  # a file, not a pipe: a full pipe would stall the run while we poll
        child = subprocess.Popen([sys.executable, "-c", _MEASURE, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=log, text=True, env=env)
        root, peak_all = psutil.Process(child.pid), 0
        while child.poll() is None:
            total = 0
            try:
                for process in [root, *root.children(recursive=True)]:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                pass
            peak_all = max(peak_all, total)
            if series is not None:
                series.append((time.time(), total))
            time.sleep(0.05)
        log.seek(0)
        stderr = log.read()
    seconds = time.perf_counter() - start
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, args, stderr=stderr)
    peaks = json.loads(stderr.strip().splitlines()[-1])
    return {"wall_s": round(seconds, 2), "peak_rss_mb_main": round(peaks["own"] / 1024, 1), "peak_rss_mb_largest_worker": round(peaks["workers"] / 1024, 1),
            "peak_rss_mb_all_processes": round(peak_all / 2**20, 1)}


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}


def write_results(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **payload}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
