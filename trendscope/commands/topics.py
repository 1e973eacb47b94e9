"""`trendscope topics`: the K chosen per query, as lines for the terminal."""

from __future__ import annotations

from trendscope.catalog import Catalog
from trendscope.config import StudyConfig


def k_lines(study: StudyConfig, catalog: Catalog) -> list[str]:
    """'<label>: K = n' (or why a query was not modelled) per query, then the rule that chose K; plain text, not markup."""
    summary = catalog.load("topics").json("summary.json")
    lines = []
    for query in study.queries:
        k = summary["k"].get(query.key)
        lines.append(f"{query.label}: " + (f"K = {k}" if k else f"not modelled ({summary.get('skipped', {}).get(query.key, '')})"))
    return [*lines, f"K: {summary['rule']}"]
