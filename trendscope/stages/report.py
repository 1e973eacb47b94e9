"""Write reports/: every section's tables (CSV, Markdown, one workbook), figures (PNG + SVG) and a summary.

The whole folder is built beside the target and swapped in at the end, so an
interrupted or failed report never leaves a half-written reports/ behind.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trendscope.atomic import swap_in
from trendscope.config import StudyConfig
from trendscope.errors import OutputError
from trendscope.report.tables import write_tables
from trendscope.stages.notebooks import write_notebooks
from trendscope.stages.report_html import write_html
from trendscope.stages.sections import ReportContext, Section, build_sections

if TYPE_CHECKING:
    from trendscope.pipeline import StudyPaths

SYNTHETIC_NOTICE = (
    "**The demo corpus is synthetic**: its articles were generated from templates by "
    "`trendscope.corpus.demo_generator` with planted trends; they are not real news. "
    "(데모 코퍼스는 합성 데이터이며 실제 기사가 아닙니다.)"
)


def summary_markdown(config: StudyConfig, sections: list[Section], *, synthetic: bool, analyzer: str) -> str:
    lines = [f"# {config.title}", ""]
    if synthetic:
        lines += [SYNTHETIC_NOTICE, ""]
    lines += [
        f"- Years: {config.years}",
        "- Queries: " + "; ".join(f"{q.label} (`{q.key}`: {', '.join(q.terms)})" for q in config.queries),
        f"- Sources: {', '.join(config.sources.active())}",
        f"- Analyzer: {analyzer}; POS kept: {', '.join(config.tokenizer.pos)}; minimum length {config.tokenizer.min_length}",
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.text:
            lines += [section.text, ""]
        lines += [f"- `tables/{t.name}.csv` — {t.note}" for t in section.tables]
        lines += [f"- `figures/{p.name}`" for p in section.figures]
        lines.append("")
    return "\n".join(lines)


def write_report(config: StudyConfig, paths: StudyPaths, *, analyzer: str, jobs: int = 1) -> dict[str, Any]:
    """Build the report folder next to `paths.reports`, then swap it in."""
    target = paths.reports
    synthetic = "demo" in config.sources.active()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write the report here ({exc.strerror})") from None
    try:
        context = ReportContext(config, paths, staging / "figures", synthetic, analyzer)
        sections = build_sections(context, jobs=jobs)
        tables = [t for s in sections for t in s.tables]
        write_tables(tables, staging / "tables", staging / "tables.xlsx")
        (staging / "README.md").write_text(summary_markdown(config, sections, synthetic=synthetic, analyzer=analyzer), encoding="utf-8")
        start = time.perf_counter()
        write_html(config, paths, sections, staging / "index.html", synthetic=synthetic, analyzer=analyzer)
        html_seconds = round(time.perf_counter() - start, 2)
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    info = {"sections": [s.key for s in sections], "tables": len(tables), "figures": sum(len(s.figures) for s in sections), "html_s": html_seconds}
    if config.report.notebooks and paths.notebooks is not None:
        info["notebooks_s"] = write_notebooks(config, target, config.paths.processed, paths.notebooks)
    return info
