"""Run the benchmarks named on the command line (`make bench BENCH="…"`).

- nothing: issue 26's study-level measurements (`perf`: the real-shaped 10k study cold against the usual
  notebook in one run, CPU-seconds by kind of process, then the analyzer floors), a few minutes;
- `all`: every module below (much longer: the older per-topic benchmarks too);
- a module (`perf`, `topics`, …), or a module with its sections (`perf:versus`, `perf:scaling,floor`).
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("foundation", "analyzers", "collection", "documents", "readers", "networks", "topics", "perf", "report")
DEFAULT = ("perf",)


def main(names: list[str]) -> None:
    chosen = list(BENCHMARKS) if names == ["all"] else names or list(DEFAULT)
    for name in chosen:
        module_name, _, sections = name.partition(":")
        module = importlib.import_module(f"bench.{module_name}")
        path = module.main(tuple(sections.split(","))) if sections else module.main()
        print(f"{name}: wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
