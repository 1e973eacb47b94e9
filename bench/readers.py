"""Reading BigKinds exports: the workbook reader alone, and collect + documents in one process as `trendscope run` does them.

Usage: python -m bench.readers   (BENCH_LABEL names the result, default "after";
BENCH_TRENDSCOPE=<folder> times another checkout, e.g. `git archive` of the commit before a change)

The 10k real-shaped BigKinds export (bench/corpora.bigkinds_exports: four POI
workbooks, one a period, every column filled) is read by `readers.read_table`
five times in a fresh interpreter (min and median of the four files together,
wall and CPU-seconds), then a fresh study folder collects it and builds documents
in one interpreter as `trendscope collect` does (`run_pipeline(until="documents")`),
three times (median), counting the workbooks parsed: collect parses each new export
to check it, and the documents stage used to parse the same bytes again (8 reads for
4 files); it now takes the rows collect read (4 reads, corpus/sheets.py).
Results go to bench/results/readers.json with the load average, as the machine is
shared: compare CPU-seconds, not wall time, between runs under different loads.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import RESULTS, machine
from bench.corpora import bigkinds_study

ROWS = 10_000

_READ = """
import json, statistics, sys, time
from pathlib import Path
from trendscope.corpus.readers import read_table
files = [(p.name, p.read_bytes()) for p in sorted(Path(sys.argv[1]).glob("*.xlsx"))]
seconds, cpu = [], []
for _ in range(5):
    start, c = time.perf_counter(), time.process_time()
    rows = sum(len(read_table(data, name).rows) for name, data in files)
    seconds.append(time.perf_counter() - start)
    cpu.append(time.process_time() - c)
print(json.dumps({"files": len(files), "rows": rows, "min_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3),
                  "min_cpu_s": round(min(cpu), 3), "median_cpu_s": round(statistics.median(cpu), 3)}))
"""
_RUN = """
import json, sys, time
from pathlib import Path
import trendscope.corpus.sources.bigkinds as bigkinds
from trendscope.config import load_config
from trendscope.pipeline import run_pipeline

reads = []
read_table = bigkinds.read_table
bigkinds.read_table = lambda *a, **k: reads.append(a[1]) or read_table(*a, **k)
config = load_config(Path(sys.argv[1]))
start, cpu = time.perf_counter(), time.process_time()
results, _ = run_pipeline(config, until="documents", jobs=2)
done, done_cpu = time.perf_counter(), time.process_time()
stage = next(r for r in results if r.name == "documents")
print(json.dumps({"total_s": round(done - start, 2), "total_cpu_s": round(done_cpu - cpu, 2), "documents_stage_s": round(stage.seconds, 2),
                  "collect_s": round(done - start - stage.seconds, 2), "workbook_reads": len(reads), "documents": stage.info["documents"]}))
"""


def _python(code: str, *args: str, cwd: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure() -> dict:
    work = Path(os.environ.get("BENCH_WORK") or Path(tempfile.gettempdir()) / "trendscope-bench-readers")
    study = bigkinds_study(work, ROWS, notebooks=False)
    reader = _python(_READ, str(work / "exports"), cwd=work)
    runs = []
    for _ in range(3):
        shutil.rmtree(work / "data", ignore_errors=True)  # the bench's own study data: collected afresh each time
        runs.append(_python(_RUN, str(study), cwd=work))
    keys = ("total_s", "total_cpu_s", "documents_stage_s", "collect_s", "workbook_reads")
    median = {key: statistics.median(run[key] for run in runs) for key in keys}
    return {"read_table_10k_4_files": reader, "collect_and_documents_10k": {"runs": runs, "median": median}}


def main() -> Path:
    label = os.environ.get("BENCH_LABEL", "after")
    path = RESULTS / "readers.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data["machine"] = machine()
    data[label] = {**measure(), "measured_at": time.strftime("%Y-%m-%d %H:%M"), "load_avg": [round(x, 2) for x in os.getloadavg()]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(main())
