"""Figure captions that name the data: source, n and years, in the report language."""

from __future__ import annotations

from collections.abc import Sequence

from trendscope.report.i18n import source_label
from trendscope.report.labels import Language, label


def source_name(*, synthetic: bool, sources: Sequence[str], language: Language) -> str:
    """'데모 코퍼스 (합성)' for the demo, else the source names."""
    return label("source_demo", language) if synthetic else ", ".join(source_label(key, language) for key in sources)


def source_caption(*, synthetic: bool, sources: Sequence[str], n: int | None, years: object, language: Language, what: str = "") -> str:
    """'자료: … · n = 1,234 · 2015-2020' (with an optional leading `what`; n left out when None)."""
    parts = [f"{label('source', language)}: {source_name(synthetic=synthetic, sources=sources, language=language)}"]
    parts += [f"n = {n:,}"] if n is not None else []
    parts.append(str(years))
    return " · ".join(([what] if what else []) + parts)
