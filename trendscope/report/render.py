"""Drawing the report's figures: every `FigureJob` becomes figures/<name>.png (+ .svg when asked), in parallel when asked.

Jobs are independent (each has its own data and file name), so the files are the
same whatever the number of workers.  Workers are spawned, as for tokenizing: a
forked matplotlib (or JVM) state is not safe to reuse.

Per-figure cache: a job's key hashes its drawing function (name and the source of
the figure modules), its arguments (DataFrames by content) and the output
settings (dpi, SVG).  With a cache folder, a figure whose key is unchanged is
copied from it instead of drawn, so changing one report setting redraws only the
figures it reaches.  On the demo study drawing was the report's largest cost
(about 0.3 s a figure, a hundred figures); copying a cached PNG takes about a
millisecond.  SVG is opt-in: it roughly doubles the cost of every figure.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import shutil
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from trendscope import atomic
from trendscope.report.figures.style import figure_style
from trendscope.report.images import page_image
from trendscope.report.sections import FigureJob
from trendscope.workers import WorkerPool, spawn_pool

# Bump when the way figures are written changes outside the figure modules (e.g. savefig options).
RENDER_VERSION = 1


@dataclass
class RenderOutcome:
    """Job name → PNG path, and which figures were drawn and which were copied from the cache."""

    files: dict[str, Path] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    page_images: dict[str, bytes] = field(default_factory=dict)  # embedded figures' page thumbnails (report/images.py)


@lru_cache(maxsize=1)
def _figure_code_digest() -> bytes:
    """The source of every figure module (style included): editing a drawing function invalidates its cached figures."""
    folder = Path(__file__).resolve().parent / "figures"
    digest = hashlib.sha256(f"render {RENDER_VERSION}".encode())
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _feed(digest: Any, value: Any) -> None:
    """Hash `value` by content, deterministically across processes (no id() or set-iteration order)."""
    if isinstance(value, pd.DataFrame):
        digest.update(b"F" + pickle.dumps((list(map(str, value.columns)), [str(t) for t in value.dtypes], list(map(str, value.index.names)))))
        try:
            digest.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        except TypeError:  # unhashable cells (lists): hash their text form
            digest.update(value.to_json(orient="split", force_ascii=False, date_format="iso").encode("utf-8"))
    elif isinstance(value, pd.Series):
        _feed(digest, value.to_frame(name=str(value.name)))
    elif isinstance(value, np.ndarray):
        digest.update(b"A" + str(value.dtype).encode() + str(value.shape).encode() + np.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        digest.update(b"D%d" % len(value))
        for key in sorted(value, key=repr):
            _feed(digest, key)
            _feed(digest, value[key])
    elif isinstance(value, (list, tuple)):
        digest.update(b"L%d" % len(value))
        for item in value:
            _feed(digest, item)
    elif isinstance(value, (set, frozenset)):
        _feed(digest, sorted(value, key=repr))
    elif value is None or isinstance(value, (str, int, float, bool, np.generic, Path)):
        digest.update(f"{type(value).__name__}:{value!r}".encode())
    else:  # dataclasses, graphs and the like: their pickle is their content
        digest.update(b"P" + pickle.dumps(value, protocol=5))


def figure_key(job: FigureJob, *, dpi: int, svg: bool = False) -> str:
    """The cache key of one figure: drawing function and code, arguments by content, dpi and formats (not the name or caption)."""
    digest = hashlib.sha256(_figure_code_digest())
    digest.update(f"{job.draw.__module__}.{job.draw.__qualname__}|dpi={dpi}|svg={svg}".encode())
    _feed(digest, job.kwargs)
    return digest.hexdigest()[:32]


def _suffixes(svg: bool) -> tuple[str, ...]:
    return (".png", ".svg") if svg else (".png",)


def write_figure(fig: Any, base: Path, dpi: int, svg: bool = False) -> Path:
    """Write a drawn figure as `<base>.png` (and `<base>.svg` with `svg`); returns the PNG path."""
    base.parent.mkdir(parents=True, exist_ok=True)
    with figure_style(dpi):
        fig.savefig(base.with_suffix(".png"), dpi=dpi)
        if svg:
            fig.savefig(base.with_suffix(".svg"), metadata={"Date": None})
    return base.with_suffix(".png")


def draw_one(job: FigureJob, folder: Path, dpi: int, svg: bool = False) -> Path:
    """Draw one job and write it; returns the PNG path."""
    return write_figure(job.draw(**job.kwargs), folder / job.name, dpi, svg)


def _draw_for_page(job: FigureJob, folder: Path, dpi: int, svg: bool = False) -> tuple[Path, bytes | None]:
    """Draw one job; an embedded figure's page thumbnail is made here too, in the worker that holds the figure."""
    png = draw_one(job, folder, dpi, svg)
    return png, page_image(png) if job.embed else None


def _draw_in_worker(job: FigureJob, folder: Path, dpi: int, filters: list, svg: bool = False) -> tuple[Path, bytes | None]:
    # The caller's warning filters apply in the worker too (missing glyphs are errors in tests and `make figures`).
    warnings.filters[:] = filters
    return _draw_for_page(job, folder, dpi, svg)


PAGE_SUFFIX = ".page.webp"


def _reuse(key: str, job: FigureJob, folder: Path, cache: Path, svg: bool) -> tuple[Path, bytes | None] | None:
    """Copy the cached files of `key` to folder/<name>.* (and read its page thumbnail); None when any is missing."""
    sources = [cache / f"{key}{suffix}" for suffix in _suffixes(svg)]
    page = cache / f"{key}{PAGE_SUFFIX}"
    if not all(s.is_file() for s in sources) or (job.embed and not page.is_file()):
        return None
    base = folder / job.name
    base.parent.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copyfile(source, base.with_suffix(source.suffix))
    return base.with_suffix(".png"), page.read_bytes() if job.embed else None


def _store(key: str, png: Path, page: bytes | None, cache: Path, svg: bool) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for suffix in _suffixes(svg):
        with atomic.atomic_path(cache / f"{key}{suffix}") as tmp:
            shutil.copyfile(png.with_suffix(suffix), tmp)
    if page is not None:
        with atomic.atomic_path(cache / f"{key}{PAGE_SUFFIX}") as tmp:
            tmp.write_bytes(page)


def _prepare_worker() -> None:
    """A drawing worker's start: the figure modules imported and the Korean font registered before the first job arrives."""
    from trendscope.report import sections  # noqa: F401  (imports every figure module)
    from trendscope.report.figures.style import register_korean_font

    register_korean_font()


def _ready() -> None:
    return None


def figure_pool(workers: int) -> WorkerPool:
    """A pool of `workers` drawing processes, started now: spawning and importing matplotlib, pandas and the
    figure modules (about a second per worker) overlaps with whatever the caller does before its first figure."""
    pool = spawn_pool(workers, initializer=_prepare_worker)
    try:
        pool.submit(_ready)  # a spawn pool starts its processes at the first submit
    except BaseException:  # a Ctrl-C during the spawn is raised here, before the caller's `with` holds the pool
        pool.terminate()
        raise
    return pool


def _draw_all(jobs: list[FigureJob], folder: Path, dpi: int, workers: int, svg: bool, pool: WorkerPool | None = None) -> dict[str, tuple[Path, bytes | None]]:
    if pool is None and (workers <= 1 or len(jobs) <= 1):
        return {job.name: _draw_for_page(job, folder, dpi, svg) for job in jobs}
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(spawn_pool(min(workers, len(jobs))))
        filters = list(warnings.filters)
        futures = {job.name: pool.submit(_draw_in_worker, job, folder, dpi, filters, svg) for job in jobs}
        return {name: future.result() for name, future in futures.items()}


def render_figures_cached(
    jobs: list[FigureJob], folder: Path, *, dpi: int, workers: int = 1, svg: bool = False, cache: Path | None = None, pool: WorkerPool | None = None
) -> RenderOutcome:
    """Draw every job into `folder`, copying from `cache` the figures whose key is unchanged (and storing the new ones there).

    The figures are drawn on `pool` when given (see `figure_pool`), else by `workers` processes started here."""
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ValueError(f"figure names must be unique, got duplicates: {sorted({n for n in names if names.count(n) > 1})}")
    outcome = RenderOutcome()
    keys = {job.name: figure_key(job, dpi=dpi, svg=svg) for job in jobs} if cache is not None else {}
    made: dict[str, tuple[Path, bytes | None]] = {}
    for job in jobs:
        reused = _reuse(keys[job.name], job, folder, cache, svg) if cache is not None else None
        if reused is not None:
            made[job.name] = reused
            outcome.reused.append(job.name)
    drawn = _draw_all([job for job in jobs if job.name not in made], folder, dpi, workers, svg, pool)  # only what the cache lacks
    for name, (png, page) in drawn.items():
        if cache is not None:
            _store(keys[name], png, page, cache, svg)
        outcome.drawn.append(name)
    made.update(drawn)
    outcome.files = {name: made[name][0] for name in names}
    outcome.page_images = {name: made[name][1] for name in names if made[name][1] is not None}
    return outcome
