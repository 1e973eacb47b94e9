"""reports/README.md: what the study was, and every table and figure of each section with what it holds, in the report language."""

from __future__ import annotations

from trendscope.report.i18n import pos_name
from trendscope.report.sections import ReportSettings, Section

SYNTHETIC_NOTICE = {
    "ko": "**데모 코퍼스는 합성 데이터입니다**: `trendscope.corpus.demo_generator`가 추세를 심어 템플릿으로 만든 기사이며 실제 뉴스가 아닙니다.",
    "en": "**The demo corpus is synthetic**: its articles were generated from templates by `trendscope.corpus.demo_generator` with planted trends; they are not real news.",
}
WORDS = {
    "ko": {"years": "연도", "queries": "검색어", "sources": "자료", "analyzer": "형태소 분석기", "pos": "남긴 품사", "min_length": "최소 길이 {n}자",
           "figure": "그림", "methods": "연구 방법", "page": "전체 결과는 `index.html`, 표는 `tables.xlsx`(목차 시트 포함)와 `tables/` 폴더에 있습니다."},
    "en": {"years": "Years", "queries": "Queries", "sources": "Sources", "analyzer": "Analyzer", "pos": "POS kept", "min_length": "minimum length {n}",
           "figure": "Figure", "methods": "Methods", "page": "The whole report is `index.html`; the tables are in `tables.xlsx` (with a contents sheet) and the `tables/` folder."},
}


def summary_markdown(settings: ReportSettings, sections: list[Section], methods: str = "") -> str:
    """The README: the study in a few lines, its methods (headings one level down), then each section's files."""
    lang = settings.language
    w = WORDS[lang]
    lines = [f"# {settings.title}", ""]
    if settings.synthetic:
        lines += [SYNTHETIC_NOTICE[lang], ""]
    lines += [
        f"- {w['years']}: {settings.years}",
        f"- {w['queries']}: " + "; ".join(f"{q.label} (`{q.key}`: {', '.join(q.terms)})" for q in settings.queries),
        f"- {w['sources']}: {settings.source}",
        f"- {w['analyzer']}: {settings.analyzer}; {w['pos']}: {', '.join(pos_name(p, lang) for p in settings.pos)}; {w['min_length'].format(n=settings.min_length)}",
        "", w["page"], "",
    ]
    if methods:
        lines += [f"## {w['methods']}", "", methods.rstrip(), ""]
    number = 0
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.text:
            lines += [section.text, ""]
        lines += [f"- `tables/{t.name}.csv` — {t.caption or t.note}" for t in section.tables]
        for job in section.figures:
            if job.embed:
                number += 1
                lines.append(f"- `figures/{job.name}.png` — {w['figure']} {number}. {job.caption}")
            else:
                lines.append(f"- `figures/{job.name}.png` — {job.link_text or job.caption}")
        lines.append("")
    return "\n".join(lines)
