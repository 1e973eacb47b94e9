"""Reading BigKinds exports: the workbook reader alone, and collect + documents in one process as `trendscope run` does them.

Usage: python -m bench.readers   (BENCH_LABEL names the result, default "after";
BENCH_TRENDSCOPE=<folder> times another checkout, e.g. `git archive` of the commit before a change)

The 10k BigKinds-shaped POI export (bench/corpora.bigkinds_study) is read by
`readers.read_table` five times in a fresh interpreter (min and median), then a
fresh study folder collects it and builds documents in one interpreter, three
times (median): collect parses each new export to check it, and the documents
stage reads the same bytes again, so a reader that keeps what collect read halves
the parsing.  Results go to bench/results/readers.json with the load average, as
the machine is shared.
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
data = Path(sys.argv[1]).read_bytes()
seconds = []
for _ in range(5):
    start = time.perf_counter()
    sheet = read_table(data, "export.xlsx")
    seconds.append(time.perf_counter() - start)
print(json.dumps({"rows": len(sheet.rows), "min_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3)}))
"""
_RUN = """
import json, sys, time
from pathlib import Path
from trendscope.config import load_config
from trendscope.pipeline import plan
from trendscope.stages.collect import collect_sources
from trendscope.stages.contract import Runtime

config = load_config(Path(sys.argv[1]))
start = time.perf_counter()
collect_sources(config)
collected = time.perf_counter()
planned = next(p for p in plan(config) if p.name == "documents")
info = planned.stage.body(planned.params, planned.files, Runtime(jobs=2))
done = time.perf_counter()
print(json.dumps({"collect_s": round(collected - start, 2), "documents_s": round(done - collected, 2), "total_s": round(done - start, 2),
                  "documents": info["documents"]}))
"""


def _python(code: str, *args: str, cwd: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.environ["BENCH_TRENDSCOPE"]} if os.environ.get("BENCH_TRENDSCOPE") else None
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure() -> dict:
    work = Path(os.environ.get("BENCH_WORK") or Path(tempfile.gettempdir()) / "trendscope-bench-readers")
    study = bigkinds_study(work, ROWS, notebooks=False)
    export = next((work / "exports").glob("*.xlsx"))
    reader = _python(_READ, str(export), cwd=work)
    runs = []
    for _ in range(3):
        shutil.rmtree(work / "data", ignore_errors=True)  # the bench's own study data: collected afresh each time
        runs.append(_python(_RUN, str(study), cwd=work))
    median = {key: statistics.median(run[key] for run in runs) for key in ("collect_s", "documents_s", "total_s")}
    return {"read_table_10k": reader, "collect_and_documents_10k": {"runs": runs, "median": median}}


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
