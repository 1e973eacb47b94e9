"""A self-contained LDAvis page: pyLDAvis's data with its d3 and LDAvis JS/CSS inlined, so it opens offline.

pyLDAvis's own `save_html` points at d3js.org and a CDN.  Here the files pyLDAvis
ships in its wheel (pyLDAvis/js: d3.v5.min.js — d3, ISC/BSD licence; LDAvis JS
and CSS — pyLDAvis, BSD-3-Clause, after the MIT-licensed R package LDAvis) are
read and written inside the page.
"""

from __future__ import annotations

import html
from pathlib import Path

from trendscope.errors import TrendscopeError


def ldavis_assets() -> dict[str, str]:
    """The d3 and LDAvis scripts and the LDAvis stylesheet, as text."""
    try:
        from pyLDAvis import urls
    except ImportError:
        raise TrendscopeError("pyLDAvis is not installed; run `make install`") from None
    files = {"d3": Path(urls.D3_LOCAL), "ldavis": Path(urls.LDAVIS_LOCAL), "css": Path(urls.LDAVIS_CSS_LOCAL)}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise TrendscopeError(f"pyLDAvis files missing: {', '.join(missing)}; reinstall pyLDAvis")
    return {name: path.read_text(encoding="utf-8") for name, path in files.items()}


def _script_safe(text: str) -> str:
    """Text placed inside <script> must not close the element early."""
    return text.replace("</", "<\\/")


def ldavis_html(prepared_json: str, *, title: str, note: str = "", relevance_lambda: float | None = None) -> str:
    """A complete HTML page for one model's prepared LDAvis data (pyLDAvis `PreparedData.to_json()`).

    With `relevance_lambda` the page opens with LDAvis's λ slider there (the report's topic-term tables and figures
    rank by it; LDAvis otherwise opens at λ = 1): LDAvis reads its state from the address's #topic=…&lambda=…&term=…,
    so the page sets that fragment before LDAvis starts, unless the reader's address already has one."""
    assets = ldavis_assets()
    start = ""
    if relevance_lambda is not None:
        if not 0.0 <= relevance_lambda <= 1.0:
            raise TrendscopeError(f"topics.relevance_lambda: {relevance_lambda} is outside 0–1")
        start = f'if (!location.hash) {{ history.replaceState(null, "", "#topic=0&lambda={relevance_lambda:g}&term="); }}\n'

    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; margin: 1em; }}
{assets["css"]}
</style>
</head>
<body>
<h1 style="font-size:1.3em">{html.escape(title)}</h1>
<p style="font-size:0.9em;color:#555">{html.escape(note)}</p>
<div id="ldavis" style="background-color:white;"></div>
<script>{_script_safe(assets["d3"])}</script>
<script>{_script_safe(assets["ldavis"])}</script>
<script>
var ldavis_data = {_script_safe(prepared_json)};
{start}new LDAvis("#ldavis", ldavis_data);
</script>
</body>
</html>
"""
