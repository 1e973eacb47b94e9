"""`trendscope topics`: the K chosen per query, as lines for the terminal."""

from __future__ import annotations

from trendscope.config import StudyConfig
from trendscope.paths import StudyPaths
from trendscope.stages.topics import read_summary


def k_lines(study: StudyConfig, paths: StudyPaths) -> list[str]:
    """'<label>: K = n' (or why a query was not modelled) per query, then the rule that chose K; plain text, not markup."""
    summary = read_summary(paths.topics)
    lines = []
    for query in study.queries:
        k = summary["k"].get(query.key)
        lines.append(f"{query.label}: " + (f"K = {k}" if k else f"not modelled ({summary.get('skipped', {}).get(query.key, '')})"))
    return [*lines, f"K: {summary['rule']}"]
