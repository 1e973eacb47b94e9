"""The report stage's notebooks: built and executed in a folder beside paths.notebooks, then swapped in."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from trendscope.config import StudyConfig
from trendscope.errors import OutputError
from trendscope.report.notebooks import build_notebooks, execute_notebook


def write_notebooks(config: StudyConfig, reports: Path, processed: Path, target: Path) -> dict[str, float]:
    """Write the executed notebooks into `target` atomically; returns seconds per notebook."""
    from trendscope.atomic import swap_in

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write the notebooks here ({exc.strerror})") from None
    seconds = {}
    try:
        # Paths as seen from the notebooks folder; the staging folder is its sibling, so they hold for both.
        notebooks = build_notebooks(os.path.relpath(reports, target), os.path.relpath(processed, target), config.title)
        for name, nb in notebooks.items():
            start = time.perf_counter()
            executed = execute_notebook(nb, staging, name=name)
            nbformat.write(executed, staging / f"{name}.ipynb")
            seconds[name] = round(time.perf_counter() - start, 2)
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return seconds
