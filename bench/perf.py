"""Issue 15: cold and warm `trendscope run` on the 10k BigKinds-shaped corpus, per stage, against the usual notebook.

Each measurement is stored under a label (BENCH_LABEL, default "after") in
bench/results/perf.json, so before/after numbers of an optimisation sit side by
side; the machine's load average is recorded with every measurement because the
benchmark machine is shared.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

from bench.common import RESULTS, machine, run_cli
from bench.corpora import WORK, bigkinds_folder, bigkinds_study
from bench.processes import TreeSampler, stage_windows


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def stage_seconds(reports: Path) -> dict[str, float]:
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    return {name: stage["wall_time_s"] for name, stage in manifest["run"]["stages"].items()}


def study_run(backend: str = "komoran", jobs: int = 2, n: int = 10_000, extra: tuple[str, ...] = (), topics_engine: str = "gensim") -> dict:
    """Cold run in a fresh study folder (corpus file reused), then a warm run with nothing changed."""
    study = bigkinds_study(bigkinds_folder(n), n, backend=backend, topics_engine=topics_engine)
    folder = WORK / (f"run-{backend}-{n}" if topics_engine == "gensim" else f"run-{backend}-{topics_engine}-{n}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    args = ["run", "--config", str(study), "--jobs", str(jobs), "--quiet", *extra]
    before = load()
    cold = run_cli(args, folder)
    cold["stages_s"] = stage_seconds(folder / "reports")
    cold["load_before"], cold["load_after"] = before, load()
    warm = run_cli(args, folder)
    warm["load_after"] = load()
    return {"backend": backend, "topics_engine": topics_engine, "jobs": jobs, "documents": n, "cold": cold, "warm": warm}


def baseline(n: int = 10_000) -> dict:
    """The usual notebook (bench/baseline/notebook.py) on the same corpus, as the CSV a researcher would read."""
    import csv
    import subprocess

    from trendscope.corpus.demo_generator import iter_bigkinds_records

    data = bigkinds_folder(n) / "export.csv"
    if not data.is_file():
        data.parent.mkdir(parents=True, exist_ok=True)
        with data.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["date", "title", "body"])
            writer.writerows((r["date"], r["title"], r["body"]) for r in iter_bigkinds_records(n))
    notebook = Path(__file__).resolve().parent / "baseline" / "notebook.py"
    import resource

    before, children = load(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(notebook), str(data)], check=True, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return {**result, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "load_before": before, "load_after": load()}


# trendscope stage ↔ the notebook part doing the same job.
STAGE_OF_PART = {"load": "documents", "tokenize": "tokenize", "counts": "count", "network": "network", "topics": "topics"}


def ratios(run: dict, notebook: dict) -> dict:
    """Notebook seconds / trendscope seconds per part (above 1: trendscope is faster), and for the whole."""
    stages = run["cold"]["stages_s"]
    out = {part: round(notebook["seconds"][part] / stages[stage], 2) if stages.get(stage) else None for part, stage in STAGE_OF_PART.items()}
    out["whole (notebook part / trendscope whole study)"] = round(notebook["wall_s"] / run["cold"]["wall_s"], 2)
    return out


TARGET = 1.5  # issue 26: the whole cold study at least 1.5 times as fast as the notebook


def cold_profile(backend: str = "komoran", jobs: int = 2, n: int = 10_000, interval: float = 0.1, study: Path | None = None) -> dict:
    """A cold `trendscope run` of the 10k BigKinds study (or of `study`), its process tree sampled: wall time and
    CPU-seconds by kind of process (main, tokenizer, topic and figure workers, notebook kernels), and per stage the
    CPU-seconds by kind and the core-seconds left idle (bench/processes.py); then a warm run."""
    study = study or bigkinds_study(bigkinds_folder(n), n, backend=backend)
    folder = WORK / f"versus-{backend}-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    args = ["run", "--config", str(study), "--jobs", str(jobs), "--quiet"]
    sampler = TreeSampler()
    before = load()
    cold = run_cli(args, folder, sampler=sampler, interval=interval)
    cold["load_before"], cold["load_after"] = before, load()
    manifest = json.loads((folder / "reports" / "manifest.json").read_text(encoding="utf-8"))
    cold["stages_s"] = {name: stage["wall_time_s"] for name, stage in manifest["run"]["stages"].items()}
    cold["cpu_s_by_kind"] = sampler.by_kind()
    cold["cpu_s_sampled"] = round(sum(cold["cpu_s_by_kind"].values()), 2)
    cold["processes_by_kind"] = sampler.processes()
    windows = stage_windows(manifest)
    cold["stages"] = {name: sampler.window(start, end, jobs) for name, (start, end) in windows.items()}
    if windows:  # before the first stage: interpreter start, imports, collecting, the tokenizer workers' start
        first = min(start for start, _ in windows.values())
        cold["stages"] = {"start-up": sampler.window(sampler.times[0] if sampler.times else first, first, jobs), **cold["stages"]}
    warm = run_cli(args, folder)
    warm["load_after"] = load()
    return {"backend": backend, "jobs": jobs, "documents": n, "cold": cold, "warm": warm}


def versus(backend: str = "komoran", jobs: int = 2, n: int = 10_000) -> dict:
    """Issue 26's comparison in one run: the real-shaped 10k study cold (per stage, CPU-seconds by kind of process),
    then the usual notebook on the same texts, and notebook wall / study wall for the whole and per part."""
    study = cold_profile(backend, jobs, n)
    notebook = baseline(n)
    whole = round(notebook["wall_s"] / study["cold"]["wall_s"], 2)
    stages = study["cold"]["stages_s"]
    parts = {part: round(notebook["seconds"][part] / stages[stage], 2) if stages.get(stage) else None for part, stage in STAGE_OF_PART.items()}
    return {
        "order": "study cold, study warm, then the notebook, back to back",
        "study": study,
        "notebook": notebook,
        "ratio": {"whole": whole, "target": TARGET, "met": whole >= TARGET, "notebook_wall_s": notebook["wall_s"],
                  "study_wall_s": study["cold"]["wall_s"], "study_wall_s_for_target": round(notebook["wall_s"] / TARGET, 2),
                  "by_part (notebook part / trendscope stage)": parts},
    }


def record(section: str, value: dict, label: str | None = None) -> Path:
    """Merge `value` into bench/results/perf.json under section → label."""
    label = label or os.environ.get("BENCH_LABEL", "after")
    path = RESULTS / "perf.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data["machine"] = machine()
    data.setdefault(section, {})[label] = {**value, "measured_at": time.strftime("%Y-%m-%d %H:%M"), "load_avg": load()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


_FLOOR = """
import json, resource, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from bench.perf import _floor_worker
backend, jobs, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, encoding="utf-8") as f:
    sentences = json.load(f)
parts = [sentences[i::jobs] for i in range(jobs)]
start = time.perf_counter()
with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
    analysed = list(pool.map(_floor_worker, [backend] * jobs, parts))
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": round(wall, 2), "cpu_s": round(used.ru_utime + used.ru_stime, 2), "analyze_s": [round(a, 2) for a in analysed],
                  "sentences": len(sentences), "chars": sum(map(len, sentences))}))
"""


def bigkinds_sentences(n: int) -> list[str]:
    """The cleaned sentences trendscope hands the analyzer for the n-article BigKinds corpus: the documents the
    tokenize stage tokenizes (the study's years, near-duplicates left out, each text once), cleaned and split as it does."""
    from bench.tokenize_profile import stage_texts
    from trendscope.text.clean import clean_text, split_sentences
    from trendscope.text.tokenize import bound_sentence

    return [p for text in stage_texts(n) for s in split_sentences(clean_text(text)) for p in bound_sentence(s)]


def _floor_worker(backend: str, sentences: list[str]) -> float:
    """The bare analyzer in a fresh process; returns the seconds of analysis after start-up.

    Komoran: `analyze` + `getPlainText` per sentence, the two Java calls the backend makes (the plain text
    read back into Python, not parsed); the other analyzers through their backend's `analyze`."""
    from trendscope.text.backends import create_backend

    analyzer = create_backend(backend, ())
    start = time.perf_counter()
    if backend == "komoran":
        java = analyzer._java
        for sentence in sentences:
            str(java.analyze(sentence).getPlainText())
    else:
        analyzer.analyze(sentences)
    return time.perf_counter() - start


def analyzer_floor(backend: str, jobs: int = 2, n: int = 10_000) -> dict:
    """The bare analyzer on the stage's sentences in `jobs` spawned processes: start-up (JVM, dictionaries) and
    warm-up included in wall_s; cpu_s is the CPU-seconds of the worker processes."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(bigkinds_sentences(n), f, ensure_ascii=False)
    try:
        before = load()
        done = subprocess.run([sys.executable, "-c", _FLOOR, backend, str(jobs), f.name], cwd=Path(__file__).resolve().parents[1],
                              check=True, capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "backend": backend, "jobs": jobs, "load_before": before, "load_after": load()}


def stage_vs_floor(backend: str, jobs: int = 2, n: int = 10_000) -> dict:
    """The tokenize stage alone (documents cached, analyzers started as `trendscope run` starts them) and the bare
    analyzer on the same texts, one after the other: wall and CPU-seconds, and their ratios (issue 26: stage ≤ 1.25×)."""
    import subprocess

    floor = analyzer_floor(backend, jobs, n)
    before = load()
    done = subprocess.run([sys.executable, "-m", "bench.tokenize_profile", backend, str(jobs), "--no-profile"], cwd=Path(__file__).resolve().parents[1],
                          check=True, capture_output=True, text=True)
    stage = {**json.loads(done.stdout.strip().splitlines()[-1]), "load_before": before, "load_after": load()}
    stage_cpu = stage["parent_cpu_s"] + stage["children_cpu_s"]
    return {"backend": backend, "jobs": jobs, "floor": floor, "stage": stage,
            "ratio_wall": round(stage["stage_wall_s"] / floor["wall_s"], 2), "ratio_cpu": round(stage_cpu / floor["cpu_s"], 2)}


def engine_compare(backend: str = "mecab", jobs: int = 2, n: int = 10_000) -> dict:
    """`trendscope analyze` (tokenize + count) cold with the local engine and with --engine dask on a LocalCluster of `jobs` workers."""
    study = bigkinds_study(bigkinds_folder(n), n, backend=backend)
    out = {}
    for engine in ("local", "dask"):
        folder = WORK / f"engine-{engine}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        before = load()
        result = run_cli(["analyze", "--config", str(study), "--jobs", str(jobs), "--quiet", "--engine", engine], folder)
        lock = json.loads((folder / "data" / "processed" / "trendscope.lock.json").read_text(encoding="utf-8"))
        result["stages_s"] = {name: entry["wall_time_s"] for name, entry in lock["stages"].items()}
        out[engine] = {**result, "load_before": before, "load_after": load()}
    return {"backend": backend, "jobs": jobs, "documents": n, **out}


def stage_peaks(series: list[tuple[float, int]], lock: Path) -> dict[str, float]:
    """Peak summed RSS (MB) of the process tree while each stage ran, from the samples and the lock's finish times."""
    import datetime as dt

    stages = json.loads(lock.read_text(encoding="utf-8"))["stages"]
    peaks = {}
    for name, entry in stages.items():
        end = dt.datetime.fromisoformat(entry["finished_at"]).timestamp() + 1  # finish times are whole seconds
        start = end - 1 - entry["wall_time_s"] - 1
        inside = [rss for t, rss in series if start <= t <= end]
        peaks[name] = round(max(inside) / 2**20, 1) if inside else None
    return peaks


def scaling(sizes: tuple[int, ...] = (10_000, 100_000), backend: str = "mecab", jobs: int = 2) -> dict:
    """Cold runs on full-length articles at growing sizes: seconds, peak RSS of the whole process tree per run and
    per stage, and the growth exponent b of seconds ≈ a·n^b fitted per stage.

    Topics are fitted at one K with one stability refit (`topics: {k: 8, stability_seeds: 2}`): at 100k full-length
    articles the default sweep would be nine fits of several minutes each, which says nothing more about growth.
    """
    import numpy as np

    from bench.corpora import fulltext_study

    runs = {}
    for n in sizes:
        folder = WORK / f"ft{n // 1000}k"
        study = fulltext_study(folder, n, backend=backend, notebooks=True, topics="  k: 8\n  stability_seeds: 2\n")
        run_folder = WORK / f"run-ft-{n}"
        shutil.rmtree(run_folder, ignore_errors=True)
        run_folder.mkdir(parents=True)
        before = load()
        series: list[tuple[float, int]] = []
        result = run_cli(["run", "--config", str(study), "--jobs", str(jobs), "--quiet"], run_folder, series)
        result["stages_s"] = stage_seconds(run_folder / "reports")
        result["stage_peak_rss_mb_all_processes"] = stage_peaks(series, run_folder / "data" / "processed" / "trendscope.lock.json")
        runs[n] = {**result, "load_before": before, "load_after": load()}
    exponents = {}
    for stage in runs[sizes[0]]["stages_s"]:
        secs = [max(runs[n]["stages_s"][stage], 1e-3) for n in sizes]
        exponents[stage] = round(float(np.polyfit(np.log(sizes), np.log(secs), 1)[0]), 2)
    return {"backend": backend, "jobs": jobs, "topics": "k: 8, stability_seeds: 2", "runs": {str(n): r for n, r in runs.items()}, "growth_exponent": exponents}


DEFAULT_SECTIONS = ("versus", "floor")


def main(sections: tuple[str, ...] = DEFAULT_SECTIONS) -> Path:
    """`make bench` runs DEFAULT_SECTIONS; `python -m bench.perf komoran mecab floor` only the ones named."""
    path = RESULTS / "perf.json"
    for section in sections:
        if section == "versus":
            path = record("versus_10k_komoran", versus())
        elif section == "profile":  # the study's half of versus alone: cold (sampled) and warm
            path = record("profile_10k_komoran", cold_profile())
        elif section == "baseline":
            path = record("notebook_10k", baseline(), label="baseline")
        elif section == "floor":
            for backend in ("komoran", "kiwi", "mecab"):  # each with the tokenize stage on the same texts (stage / floor)
                measured = stage_vs_floor(backend)
                record(f"floor_10k_{backend}", measured["floor"])
                path = record(f"tokenize_vs_floor_10k_{backend}", measured)
        elif section == "ratios":  # from the latest run and notebook measurements already in perf.json
            data = json.loads(path.read_text(encoding="utf-8"))
            label = os.environ.get("BENCH_LABEL", "after")  # the run measured under this label, against the latest notebook
            path = record("ratios_10k_komoran", ratios(data["run_10k_komoran"][label], data["notebook_10k"]["baseline"]))
        elif section == "scaling":
            path = record("scaling_fulltext", scaling())
        elif section == "engine":
            path = record("engine_10k_mecab", engine_compare())
        elif section.endswith("+tomotopy"):  # e.g. komoran+tomotopy: the same run with topics.engine: tomotopy
            backend = section.removesuffix("+tomotopy")
            path = record(f"run_10k_{backend}_tomotopy", study_run(backend, topics_engine="tomotopy"))
        else:
            path = record(f"run_10k_{section}", study_run(section))
    return path


if __name__ == "__main__":
    print(main(tuple(sys.argv[1:]) or DEFAULT_SECTIONS))
