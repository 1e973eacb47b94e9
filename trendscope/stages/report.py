"""The report stage: loads every stage's results, lays them out with report/sections, and writes reports/ and notebooks/.

reports/ (tables as CSV, Markdown and one workbook; figures; networks; topic
pages; index.html; README.md) is built beside its target and swapped in; then the
notebooks are built and executed against it.  If anything fails, the old
reports/ is put back and notebooks/ is untouched: the stage completes whole or
changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from trendscope import atomic
from trendscope.config import StudyConfig
from trendscope.paths import StudyPaths
from trendscope.report.sections import ReportData, ReportSettings, TopicResults, build_sections
from trendscope.stages.compare import study_periods
from trendscope.stages.contract import Files, Runtime, Stage
from trendscope.stages.io import read_documents, read_frame, read_json, read_optional_frame, release_memory, token_rows_with
from trendscope.stages.network import DRAWING_ONLY, network_params
from trendscope.stages.query_terms import read_query_terms
from trendscope.stages.tokenize import read_entity_table, study_lexicon, tokenizer_params, tokenizer_spec
from trendscope.stages.topics import read_labels

TOPIC_TABLES = ("ksweep", "terms", "prevalence", "top_documents", "similarity", "alignment", "year_terms", "stability")


def report_params(config: StudyConfig) -> ReportSettings:
    lexicon = study_lexicon(config)
    tok = tokenizer_params(tokenizer_spec(config, lexicon))
    return ReportSettings(
        title=config.title,
        seed=config.seed,
        years=config.years,
        queries=tuple(config.queries),
        sources=tuple(config.sources.active()),
        analyzer=f"{tok['backend']} ({tok['backend_version']})",
        pos=tuple(config.tokenizer.pos),
        min_length=config.tokenizer.min_length,
        lexicon_sizes={"user_words": len(lexicon.user_words), "synonyms": len(lexicon.synonyms), "stopwords": len(lexicon.stopwords)},
        top_n=config.analysis.top_n,
        exclude_duplicates=config.analysis.exclude_duplicates,
        exclude_query_terms=config.analysis.exclude_query_terms,
        report=config.report,
        network=network_params(config).network.model_copy(update={name: getattr(config.network, name) for name in DRAWING_ONLY}),
        compare=config.compare,
        topics=config.topics.model_copy(update={"labels_file": None}),
        periods=tuple(str(p) for p in study_periods(config)),
    )


def report_inputs(paths: StudyPaths) -> dict[str, Path]:
    inputs = {
        "collection": paths.collection, "documents": paths.documents, "volume": paths.volume, "terms": paths.terms, "bigrams": paths.bigrams,
        "network_nodes": paths.network_nodes, "network_edges": paths.network_edges, "network_ranks": paths.network_ranks,
        "network_distinct": paths.network_distinct, "network_files": paths.network_files, "topics": paths.topics,
        "keyness": paths.keyness, "trends": paths.trends, "new_terms": paths.new_terms, "convergence": paths.convergence,
        "convergence_trend": paths.convergence_trend, "query_terms": paths.query_terms, "tokens": paths.tokens,
        "entities": paths.processed / "entities.tsv",
    }
    if paths.topic_labels is not None:
        inputs["topic_labels"] = paths.topic_labels
    return inputs


def load_topics(folder: Path, labels_file: Path | None) -> TopicResults:
    summary = {**read_json(folder / "summary.json"), "models": str(folder / "models")}
    tables = {name: read_optional_frame(folder / f"{name}.parquet") for name in TOPIC_TABLES}
    ldavis = {key: (folder / f"ldavis_{key}.json").read_text(encoding="utf-8") for key in summary["k"]}
    return TopicResults(summary=summary, ldavis=ldavis, labels=read_labels(labels_file, summary["k"]), **tables)


def load_report_data(settings: ReportSettings, files: Files) -> ReportData:
    """Every result the sections show, read from the stage's declared inputs (of the token file, only the rows the page quotes)."""
    from trendscope.report.page import example_terms

    documents = read_documents(files.input("documents"), body=False)
    keyness = read_frame(files.input("keyness"))
    graphs = files.input("network_files")
    names = [f"{key}_{year}.{ext}" for key in settings.query_keys for year in settings.years for ext in ("graphml", "gexf")]
    return ReportData(
        collection=read_json(files.input("collection")),
        documents=documents[documents["year"].isin(settings.years.years)],
        network_files=tuple(name for name in names if (graphs / name).is_file()),
        topics=load_topics(files.input("topics"), files.optional_input("topic_labels")),
        excluded=read_query_terms(files.input("query_terms")) if settings.exclude_query_terms else {},
        tokens=token_rows_with(files.input("tokens"), [term for _query, terms in example_terms(str(settings.years), keyness) for term in terms]),
        keyness=keyness,
        entities=read_entity_table(files.input("entities")),
        **{name: read_frame(files.input(name)) for name in (
            "volume", "terms", "bigrams", "network_nodes", "network_edges", "network_ranks", "network_distinct",
            "trends", "new_terms", "convergence", "convergence_trend",
        )},
    )


def write_report(settings: ReportSettings, files: Files, runtime: Runtime) -> dict[str, Any]:
    """Build reports/ (and notebooks/) whole, or change nothing."""
    target = files.outputs["reports"]
    info, old = build_reports(settings, files, runtime)
    # The results the page was made from are gone with build_reports' frame; what they held goes back to the system
    # before the kernels load their own copies (at 100k articles this process held 1.0 GB through the notebooks).
    release_memory()
    if "notebooks" not in files.outputs:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return info
    try:
        info["notebooks_s"] = write_notebooks(settings.title, target, files.locations["processed"], files.outputs["notebooks"], language=settings.language, jobs=runtime.jobs)
    except BaseException:
        atomic.restore_old(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return info


def build_reports(settings: ReportSettings, files: Files, runtime: Runtime) -> tuple[dict[str, Any], Path | None]:
    """Build reports/ beside its target and swap it in; returns the stage info and the previous reports/ (kept until the notebooks are done)."""
    # Drawing, the page, the workbook and the notebooks bring matplotlib, jinja2 and openpyxl: imported when a report
    # is written, not whenever the pipeline is planned (a run with nothing to do started 0.45 s slower).
    from trendscope.report.page import page_html
    from trendscope.report.readme import summary_markdown
    from trendscope.report.render import figure_pool, render_figures_cached
    from trendscope.report.tables import write_tables

    cache = None if runtime.force else files.locations["figure_cache"]
    with contextlib.ExitStack() as drawing:
        # With no figure cached (a first or forced run) every figure will be drawn: the drawing workers start now and
        # import matplotlib while this process reads the results and lays out the sections (about a second on the 10k study).
        cold = cache is None or not any(cache.glob("*.png"))
        pool = drawing.enter_context(figure_pool(runtime.jobs)) if cold and runtime.jobs > 1 else None
        data = load_report_data(settings, files)
        sections = build_sections(data, settings)
        tables = [t for s in sections for t in s.tables]
        target = files.outputs["reports"]
        info: dict[str, Any] = {"sections": [s.key for s in sections], "tables": len(tables), "figures": sum(len(s.figures) for s in sections)}
        staging = drawing.enter_context(atomic.staging_dir(target))
        start = time.perf_counter()
        # The tables and the workbook are written by a second thread while the workers draw (openpyxl cost ~2 s
        # on the 10k study that the main thread otherwise spent waiting on the figures).
        with ThreadPoolExecutor(1, thread_name_prefix="tables") as side:
            tables_written = side.submit(write_tables, tables, staging / "tables", staging / "tables.xlsx", language=settings.language)
            # Figures whose job (drawing function, data, dpi) is unchanged are copied from the cache, not redrawn.
            rendered = render_figures_cached([job for s in sections for job in s.figures], staging / "figures", dpi=settings.report.dpi, workers=runtime.jobs,
                                             svg=settings.report.svg, cache=cache, pool=pool)
            info.update(figures_s=round(time.perf_counter() - start, 2), figures_drawn=len(rendered.drawn), figures_reused=len(rendered.reused))
            tables_written.result()
        if pool is not None:
            pool.shutdown()
        figure_files = rendered.files
        for section in sections:
            for relative, text in section.files.items():
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).write_text(text, encoding="utf-8")
        shutil.copytree(files.input("network_files"), staging / "networks")
        (staging / "README.md").write_text(summary_markdown(settings, sections), encoding="utf-8")
        generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        page_images = {figure_files[name]: image for name, image in rendered.page_images.items()}
        (staging / "index.html").write_text(page_html(settings, data, sections, figure_files, generated=generated, page_images=page_images), encoding="utf-8")
        old = atomic.swap_keeping_old(staging, target)
    return info, old


def write_notebooks(title: str, reports: Path, processed: Path, target: Path, *, language: str = "ko", jobs: int = 1) -> dict[str, float]:
    """Write the executed notebooks into `target` atomically, run by `jobs` kernels side by side; returns seconds per notebook."""
    import nbformat

    from trendscope.report.notebooks import PATHS_FILE, build_notebooks, execute_notebooks

    with atomic.staged_dir(target) as staging:
        # Paths as seen from the notebooks folder; the staging folder is its sibling, so they hold for both.
        relative = {"reports": os.path.relpath(reports, target), "processed": os.path.relpath(processed, target)}
        (staging / PATHS_FILE).write_text(json.dumps(relative, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        notebooks = build_notebooks(relative["reports"], relative["processed"], title, language)
        seconds = execute_notebooks(notebooks, staging, kernels=jobs)
        for name, executed in notebooks.items():
            nbformat.write(executed, staging / f"{name}.ipynb")
    return seconds


STAGE = Stage(
    name="report",
    params=report_params,
    inputs=lambda paths, p: report_inputs(paths),
    outputs=lambda paths, p: {"reports": paths.reports, **({"notebooks": paths.notebooks} if p.report.notebooks else {})},
    body=write_report,
    locations=lambda paths: {"processed": paths.processed, "figure_cache": paths.processed / "figure-cache"},
)
