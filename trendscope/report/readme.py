"""reports/README.md: what the study was, and every table and figure of each section with what it holds."""

from __future__ import annotations

from trendscope.report.sections import ReportSettings, Section

SYNTHETIC_NOTICE = (
    "**The demo corpus is synthetic**: its articles were generated from templates by "
    "`trendscope.corpus.demo_generator` with planted trends; they are not real news. "
    "(데모 코퍼스는 합성 데이터이며 실제 기사가 아닙니다.)"
)


def summary_markdown(settings: ReportSettings, sections: list[Section]) -> str:
    lines = [f"# {settings.title}", ""]
    if settings.synthetic:
        lines += [SYNTHETIC_NOTICE, ""]
    lines += [
        f"- Years: {settings.years}",
        "- Queries: " + "; ".join(f"{q.label} (`{q.key}`: {', '.join(q.terms)})" for q in settings.queries),
        f"- Sources: {', '.join(settings.sources)}",
        f"- Analyzer: {settings.analyzer}; POS kept: {', '.join(settings.pos)}; minimum length {settings.min_length}",
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.text:
            lines += [section.text, ""]
        lines += [f"- `tables/{t.name}.csv` — {t.note}" for t in section.tables]
        lines += [f"- `figures/{job.name}.png`" for job in section.figures]
        lines.append("")
    return "\n".join(lines)
