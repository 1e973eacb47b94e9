"""CPU-seconds of a run's process tree by kind of process, in total and within each stage, sampled with psutil.

Every worker trendscope starts is a spawned interpreter with the same command line
(`-c "from multiprocessing.spawn import spawn_main; …"`), so a worker's kind is told by
what it has loaded: a JVM or an analyzer's extension (tokenizer workers), gensim or
tomotopy (topic workers), matplotlib (figure workers).  Notebook kernels are told by
their command line (`ipykernel`), the measured CLI process is the main process.

Idle cores are counted two ways.  `idle_core_s` is cores × wall − the tree's CPU-seconds: on a shared
machine it also counts the time other people's processes took.  `unwanted_core_s` does not depend on them:
at each sample it counts the tree's threads that are running or waiting for a core (state R in
/proc/<pid>/task/*/stat) and takes the cores that no thread of the run wanted, i.e. the core-seconds the run
could not have used even on an idle machine (what overlapping stages could fill).

A process's CPU time is read at every sample (user + system, its own, not its
children's); what it spends between its last sample and its exit is lost, so the
sampled total is checked against the kernel's count for the whole tree
(`getrusage(RUSAGE_CHILDREN)` of the benchmark after the run) and both are reported.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field

KINDS = ("main process", "tokenizer workers", "topic workers", "figure workers", "notebook kernels", "other processes")
# (kind, substrings of a mapped file's path), tried in this order on a worker's /proc/<pid>/maps.
_LOADED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tokenizer workers", ("libjvm.so", "_kiwipiepy", "/mecab/_mecab", "_mecab.")),
    ("topic workers", ("/gensim/", "_tomotopy")),
    ("figure workers", ("/matplotlib/",)),
)
SPAWNED = "multiprocessing.spawn"


def kind_of_loaded(maps: str) -> str | None:
    """A spawned worker's kind from the text of its memory map; None while it has loaded none of the telling libraries."""
    for kind, needles in _LOADED:
        if any(needle in maps for needle in needles):
            return kind
    return None


def kind_of_command(cmdline: list[str]) -> str | None:
    """The kind a command line tells on its own (a kernel, a helper); None for a spawned worker (decided by `kind_of_loaded`)."""
    joined = " ".join(cmdline)
    if "ipykernel" in joined:
        return "notebook kernels"
    if SPAWNED in joined and "resource_tracker" not in joined:
        return None
    return "other processes"


@dataclass
class _Seen:
    kind: str | None
    cpu: float = 0.0


@dataclass
class TreeSampler:
    """Feed it the processes of the tree at each sample (`sample`); it keeps the cumulative CPU-seconds by kind over time."""

    root_pid: int = 0  # the measured CLI process (set by bench.common.run_cli once it has started)
    seen: dict[tuple[int, float], _Seen] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    cumulative: list[dict[str, float]] = field(default_factory=list)
    runnable: list[int] = field(default_factory=list)  # threads of the tree running or ready to run, at each sample

    def sample(self, processes: list, now: float) -> None:
        import psutil

        self.runnable.append(sum(runnable_threads(process.pid) for process in processes))
        for process in processes:
            try:
                with process.oneshot():
                    key = (process.pid, process.create_time())
                    times = process.cpu_times()
                    entry = self.seen.setdefault(key, _Seen(None))
                    # Until a kind is certain, look again: a process seen between fork and exec still shows its
                    # parent's command line, and a worker shows what it is only once it has loaded it.
                    if entry.kind in (None, "other processes"):
                        entry.kind = "main process" if process.pid == self.root_pid else kind_of_command(process.cmdline())
                        if entry.kind is None:
                            entry.kind = kind_of_loaded(_maps(process.pid))
                    entry.cpu = times.user + times.system
            except psutil.Error:
                continue
        totals = dict.fromkeys(KINDS, 0.0)
        for entry in self.seen.values():
            totals[entry.kind or "other processes"] += entry.cpu
        self.times.append(now)
        self.cumulative.append(totals)

    def by_kind(self) -> dict[str, float]:
        """CPU-seconds by kind over the whole run (kinds never seen are left out)."""
        last = self.cumulative[-1] if self.cumulative else {}
        return {kind: round(seconds, 2) for kind, seconds in last.items() if seconds > 0}

    def processes(self) -> dict[str, int]:
        """How many processes of each kind were seen."""
        counts: dict[str, int] = {}
        for entry in self.seen.values():
            kind = entry.kind or "other processes"
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def at(self, moment: float) -> dict[str, float]:
        """Cumulative CPU-seconds by kind at `moment`, interpolated linearly between the samples around it."""
        if not self.times:
            return dict.fromkeys(KINDS, 0.0)
        i = bisect.bisect_left(self.times, moment)
        if i == 0:
            return dict(self.cumulative[0]) if moment >= self.times[0] else dict.fromkeys(KINDS, 0.0)
        if i >= len(self.times):
            return dict(self.cumulative[-1])
        t0, t1 = self.times[i - 1], self.times[i]
        share = (moment - t0) / (t1 - t0) if t1 > t0 else 1.0
        before, after = self.cumulative[i - 1], self.cumulative[i]
        return {kind: before[kind] + share * (after[kind] - before[kind]) for kind in KINDS}

    def window(self, start: float, end: float, cores: int) -> dict:
        """CPU-seconds by kind within [start, end], and the core-seconds the tree left idle there (`cores` × wall − CPU)."""
        low, high = self.at(start), self.at(end)
        cpu = {kind: round(high[kind] - low[kind], 2) for kind in KINDS if high[kind] - low[kind] >= 0.005}
        total = sum(high[kind] - low[kind] for kind in KINDS)
        wall = end - start
        return {"wall_s": round(wall, 3), "cpu_s": cpu, "cpu_s_total": round(total, 2), "idle_core_s": round(max(cores * wall - total, 0.0), 2),
                "unwanted_core_s": round(self.unwanted(start, end, cores), 2)}

    def unwanted(self, start: float, end: float, cores: int) -> float:
        """Core-seconds within [start, end] that no thread of the tree was ready to use (each sample holds until the next)."""
        total = 0.0
        for i, moment in enumerate(self.times):
            following = self.times[i + 1] if i + 1 < len(self.times) else moment
            overlap = min(following, end) - max(moment, start)
            if overlap > 0 and i < len(self.runnable):
                total += overlap * max(cores - self.runnable[i], 0)
        return total


def runnable_threads(pid: int) -> int:
    """How many of the process's threads are running or ready to run (state R); 0 once it is gone."""
    count = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        if stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"R":
            count += 1
    return count


def _maps(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def stage_windows(manifest: dict) -> dict[str, tuple[float, float]]:
    """(start, end) in epoch seconds of each stage that ran, from the manifest's `started_unix` and wall times.

    A manifest of a trendscope without `started_unix` (an older commit timed with BENCH_TRENDSCOPE) gives none.
    """
    windows = {}
    for name, stage in manifest["run"]["stages"].items():
        if stage.get("skipped") or "started_unix" not in stage:
            continue
        windows[name] = (stage["started_unix"], stage["started_unix"] + stage["wall_time_s"])
    return windows
