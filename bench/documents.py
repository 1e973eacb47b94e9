"""The documents stage alone (read raw files, drop URL duplicates, clean, mark near-duplicates, write Parquet) at growing sizes.

Usage: python -m bench.documents [SIZE ...]   (full-length article counts; default 2000 8000 20000)

Full-length JSON Lines corpora (bench/corpora.fulltext_study) of each size and the
10k real-shaped BigKinds export (four POI workbooks, every column filled) are collected once into a work folder
(BENCH_WORK, default <tmp>/trendscope-bench-documents), then the stage's body
runs in a fresh interpreter per measurement: wall time, CPU-seconds, the process's peak RSS
(VmHWM) and its RSS before the stage (the interpreter and imports).  The
growth exponent b of seconds ≈ a·n^b is fitted over the full-length sizes.
Results go to bench/results/documents.json under BENCH_LABEL (default
"after"), with the load average, as the machine is shared; BENCH_TRENDSCOPE
times another checkout's trendscope (e.g. the commit before a change).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import RESULTS, machine
from bench.corpora import bigkinds_study, fulltext_study

SIZES = (2_000, 8_000, 20_000)
BIGKINDS = 10_000

# Run in the study folder, each in its own interpreter: collecting (once; it parses the files too, which
# must not count in the stage's peak), then the documents stage as the runner runs it (inputs loaded, outputs saved).
_COLLECT = """
import sys
from pathlib import Path
from trendscope.config import load_config
from trendscope.stages.collect import collect_sources
collect_sources(load_config(Path(sys.argv[1])))
"""
_STAGE = """
import json, sys, time
from pathlib import Path
from trendscope.config import load_config
from trendscope.pipeline import plan
from trendscope.stages.contract import Runtime

def status(key):
    return int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith(key))) / 1024

config = load_config(Path(sys.argv[1]))
try:
    from trendscope.pipeline import run_one
except ImportError:  # a checkout from before the catalog (BENCH_TRENDSCOPE)
    run_one = None
planned = next(p for p in plan(config) if p.name == "documents")
before = status("VmRSS:")
start, cpu = time.perf_counter(), time.process_time()
info = run_one(planned, Runtime(jobs=2)) if run_one else planned.stage.body(planned.params, planned.files, Runtime(jobs=2))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"wall_s": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(status("VmHWM:")), "rss_before_mb": round(before),
                  "documents": info["documents"], "near_duplicates": info["near_duplicates_marked"]}))
"""


def work_folder() -> Path:
    return Path(os.environ.get("BENCH_WORK") or Path(tempfile.gettempdir()) / "trendscope-bench-documents")


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_stage(study: Path) -> dict:
    """The documents stage of `study` in a fresh interpreter (collected first if needed), with the load around it."""
    env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
    subprocess.run([sys.executable, "-c", _COLLECT, str(study)], cwd=study.parent, env=env, check=True)
    before = load()
    done = subprocess.run([sys.executable, "-c", _STAGE, str(study)], cwd=study.parent, env=env, check=True, capture_output=True, text=True)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load_before": before, "load_after": load()}


def exponent(sizes: list[int], seconds: list[float]) -> float:
    import numpy as np

    return round(float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0]), 2)


def measure(sizes: tuple[int, ...] = SIZES) -> dict:
    work = work_folder()
    fulltext = {}
    for n in sizes:
        fulltext[str(n)] = run_stage(fulltext_study(work / f"ft-{n}", n))
    bigkinds = run_stage(bigkinds_study(work / f"bk-{BIGKINDS}", BIGKINDS, notebooks=False))
    return {
        "fulltext": fulltext,
        "growth_exponent": exponent(list(sizes), [fulltext[str(n)]["wall_s"] for n in sizes]) if len(sizes) > 1 else None,
        f"bigkinds_{BIGKINDS // 1000}k": bigkinds,
    }


def record(value: dict, label: str | None = None) -> Path:
    """Merge `value` into bench/results/documents.json under `label`."""
    label = label or os.environ.get("BENCH_LABEL", "after")
    path = RESULTS / "documents.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data["machine"] = machine()
    data[label] = {**value, "measured_at": time.strftime("%Y-%m-%d %H:%M"), "load_avg": load()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(sizes: tuple[int, ...] = SIZES) -> Path:
    return record(measure(sizes))


if __name__ == "__main__":
    print(main(tuple(int(a) for a in sys.argv[1:]) or SIZES))
