"""Writing the report and the notebooks: the writers the catalog names for the `reports` and `notebooks` artifacts.

reports/ (tables as CSV, Markdown and one workbook; figures; networks; topic pages; index.html; README.md;
catalog.json) is built beside its target and swapped in, the previous one kept until the notebooks are done;
then the notebooks are built and executed against it.  If they fail, the old reports/ is put back and
notebooks/ is untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trendscope import atomic
from trendscope.catalog import CATALOG_FILE, FolderView, WriteContext, table_key
from trendscope.memory import release_memory
from trendscope.report.sections import ReportData, ReportSettings, Section


@dataclass
class ReportBuild:
    """The report stage's result: the sections to write and what the page needs besides them.  `facts` (for the lock)
    and `old` (the replaced reports/, kept until the notebooks ran) are filled in as it is written."""

    settings: ReportSettings
    data: ReportData
    sections: list[Section]
    networks: FolderView
    methods: str = ""  # the methods section as Markdown (report/methods.py), in the report language
    facts: dict[str, Any] = field(default_factory=dict)
    old: Path | None = None

    def table_files(self, start: Path, reports: Path) -> dict[str, str]:
        """Every table of the report by its stable key (catalog.table_key), as a path relative to `start`."""
        import os

        names = [t.name for s in self.sections for t in s.tables]
        return {table_key(name): Path(os.path.relpath(reports / "tables" / f"{name}.csv", start)).as_posix() for name in names}


@dataclass(frozen=True)
class NotebookBuild:
    """The notebooks of a report, executed once its reports/ is written."""

    report: ReportBuild


def write_reports(build: ReportBuild, target: Path, context: WriteContext) -> None:
    """Build reports/ beside `target` and swap it in (the previous one kept in `build.old` while notebooks follow)."""
    # Drawing, the page, the workbook bring matplotlib, jinja2 and openpyxl: imported when a report is written.
    from trendscope.report.page import page_html
    from trendscope.report.readme import summary_markdown
    from trendscope.report.render import figure_pool, render_figures_cached
    from trendscope.report.tables import write_tables

    settings, sections, runtime = build.settings, build.sections, context.runtime
    jobs = runtime.jobs if runtime is not None else 1
    cache = None if runtime is not None and runtime.force else context.catalog.path("figure_cache")
    tables = [t for s in sections for t in s.tables]
    build.facts.update(sections=[s.key for s in sections], tables=len(tables), figures=sum(len(s.figures) for s in sections))
    with contextlib.ExitStack() as drawing:
        cold = cache is None or not any(cache.glob("*.png"))
        staging = drawing.enter_context(atomic.staging_dir(target, owner=runtime.owner if runtime is not None else None))
        # Entered after the staging folder, so on Ctrl-C the workers are ended (and joined) before it is removed.
        pool = drawing.enter_context(figure_pool(jobs)) if cold and jobs > 1 else None
        start = time.perf_counter()
        # The tables and the workbook are written by a second thread while the workers draw (openpyxl cost ~2 s
        # on the 10k study that the main thread otherwise spent waiting on the figures).
        with ThreadPoolExecutor(1, thread_name_prefix="tables") as side:
            tables_written = side.submit(write_tables, tables, staging / "tables", staging / "tables.xlsx", language=settings.language)
            # Figures whose job (drawing function, data, dpi) is unchanged are copied from the cache, not redrawn.
            rendered = render_figures_cached([job for s in sections for job in s.figures], staging / "figures", dpi=settings.report.dpi, workers=jobs,
                                             svg=settings.report.svg, cache=cache, pool=pool)
            build.facts.update(figures_s=round(time.perf_counter() - start, 2), figures_drawn=len(rendered.drawn), figures_reused=len(rendered.reused))
            tables_written.result()
        if pool is not None:
            pool.shutdown()
        for section in sections:
            for relative, text in section.files.items():
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).write_text(text, encoding="utf-8")
        build.networks.copy_to(staging / "networks")
        (staging / "README.md").write_text(summary_markdown(settings, sections, build.methods), encoding="utf-8")
        (staging / "methods.md").write_text(build.methods, encoding="utf-8")
        manifest = context.catalog.manifest(target, tables=build.table_files(target, target))
        (staging / CATALOG_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        page_images = {rendered.files[name]: image for name, image in rendered.page_images.items()}
        (staging / "index.html").write_text(page_html(settings, build.data, sections, rendered.files, generated=generated, page_images=page_images,
                                                      methods=build.methods),
                                            encoding="utf-8")
        build.old = atomic.swap_keeping_old(staging, target)
    # The results the page was made from go back to the system before the notebook kernels load their own copies
    # (at 100k articles this process held 1.0 GB through the notebooks).
    build.data = None  # type: ignore[assignment]
    release_memory()
    if not build.settings.report.notebooks:
        _drop_old(build)


def write_notebooks(notebooks: NotebookBuild, target: Path, context: WriteContext) -> None:
    """Write the executed notebooks into `target` atomically, run by `jobs` kernels side by side; on failure the
    reports/ the notebooks were made for is replaced by the previous one again."""
    import nbformat

    from trendscope.report.notebooks import build_notebooks, execute_notebooks

    build = notebooks.report
    jobs = context.runtime.jobs if context.runtime is not None else 1
    reports = context.catalog.path("reports")
    try:
        with atomic.staged_dir(target, owner=context.runtime.owner if context.runtime is not None else None) as staging:
            # Paths as seen from the notebooks folder; the staging folder is its sibling, so they hold for both.
            manifest = context.catalog.manifest(target, tables=build.table_files(target, reports))
            (staging / CATALOG_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            built = build_notebooks(build.settings.title, build.settings.language)
            build.facts["notebooks_s"] = execute_notebooks(built, staging, kernels=jobs)
            for name, executed in built.items():
                nbformat.write(executed, staging / f"{name}.ipynb")
    except BaseException:
        atomic.restore_old(build.old, reports)
        raise
    _drop_old(build)


def _drop_old(build: ReportBuild) -> None:
    if build.old is not None:
        shutil.rmtree(build.old, ignore_errors=True)
        build.old = None
