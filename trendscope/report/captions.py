"""Figure captions that name the data: source, n and years, in the report language."""

from __future__ import annotations

from collections.abc import Sequence

from trendscope.report.labels import Language, label


def source_caption(*, synthetic: bool, sources: Sequence[str], n: int, years: object, language: Language, what: str = "") -> str:
    """'자료: … · n = 1,234 · 2015-2020' (with an optional leading `what`)."""
    source = label("source_demo", language) if synthetic else ", ".join(sources)
    parts = [f"{label('source', language)}: {source}", f"n = {n:,}", str(years)]
    return " · ".join(([what] if what else []) + parts)
