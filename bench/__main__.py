"""Run every benchmark module named on the command line, or all of them."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("foundation", "analyzers", "collection", "documents", "readers", "networks", "topics", "perf", "report")


def main(names: list[str]) -> None:
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        path = module.main()
        print(f"{name}: wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
