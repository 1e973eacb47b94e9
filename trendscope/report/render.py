"""Drawing the report's figures: every `FigureJob` becomes figures/<name>.png (+ .svg), in parallel when asked.

Jobs are independent (each has its own data and file name), so the files are the
same whatever the number of workers.  Workers are spawned, as for tokenizing: a
forked matplotlib (or JVM) state is not safe to reuse.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from trendscope.report.figures.style import save_figure
from trendscope.report.sections import FigureJob
from trendscope.workers import spawn_pool


def draw_one(job: FigureJob, folder: Path, dpi: int) -> Path:
    """Draw one job and write it; returns the PNG path."""
    fig = job.draw(**job.kwargs)
    return save_figure(fig, folder / job.name, dpi)[0]


def _draw_in_worker(job: FigureJob, folder: Path, dpi: int, filters: list) -> Path:
    # The caller's warning filters apply in the worker too (missing glyphs are errors in tests and `make figures`).
    warnings.filters[:] = filters
    return draw_one(job, folder, dpi)


def render_figures(jobs: list[FigureJob], folder: Path, *, dpi: int, workers: int = 1) -> dict[str, Path]:
    """Draw every job into `folder`; returns job name → PNG path."""
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ValueError(f"figure names must be unique, got duplicates: {sorted({n for n in names if names.count(n) > 1})}")
    if workers <= 1 or len(jobs) <= 1:
        return {job.name: draw_one(job, folder, dpi) for job in jobs}
    with spawn_pool(min(workers, len(jobs))) as pool:
        filters = list(warnings.filters)
        futures = {job.name: pool.submit(_draw_in_worker, job, folder, dpi, filters) for job in jobs}
        return {name: future.result() for name, future in futures.items()}
