"""The page's own Korean font: NanumGothic cut down to the characters the page uses, embedded as a WOFF2 data: URL.

Without it a reader whose system has no Korean font (a fresh Linux, a CI
runner, many PDF converters) sees every Hangul letter as a box: the CSS can
only *ask* for NanumGothic or Malgun Gothic.  The font file is the one
figures already use (the koreanize-matplotlib wheel, report/figures/style.py),
so the page and its figures share one typeface.  The full NanumGothic.ttf is
4.5 MB; a page uses a few hundred to two thousand distinct syllables, and
fontTools' subsetter keeps only those glyphs, compressed as WOFF2 (brotli).
Measured on the demo page (`trendscope run --years 2015-2020`: 566 distinct
characters, 450 of them Hangul syllables): 39.5 kB of WOFF2, 53 kB as base64
in a 2.18 MB page — well inside the page's 4 MB budget.  NanumGothic has no
U+2212 minus; that one glyph comes from the system's sans-serif.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from trendscope.errors import TrendscopeError
from trendscope.report.figures.style import FONT_FAMILY, korean_font_files

__all__ = ["EMBEDDED_FAMILY", "font_face_css", "page_characters", "subset_woff2"]

# The family name the page declares for the embedded subset: distinct from an installed "NanumGothic", so a system
# copy (possibly another version) can never shadow the glyphs the page was checked against.
EMBEDDED_FAMILY = "TrendscopeNanumGothic"
# Always kept, whatever the page holds today: printable ASCII (numbers sorted by the page's script, the ▲/▼ sort
# marks added by CSS) so a glyph the script or the CSS adds later still has the same face.
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "▲▼·–—…“”‘’"


def regular_font_file() -> Path:
    """The regular weight of the bundled NanumGothic (the bold is synthesised by the browser: one file, half the bytes)."""
    for path in korean_font_files():
        if path.name == f"{FONT_FAMILY}.ttf":
            return path
    raise TrendscopeError(f"no {FONT_FAMILY}.ttf among the bundled fonts {[p.name for p in korean_font_files()]}; reinstall koreanize-matplotlib")


def page_characters(text: str) -> str:
    """The distinct characters of `text` plus the fixed set in `_ALWAYS`, sorted (so the subset, and the page, is deterministic)."""
    return "".join(sorted(set(text) | set(_ALWAYS)))


@lru_cache(maxsize=4)
def subset_woff2(characters: str, font: Path | None = None) -> bytes:
    """The font reduced to the glyphs of `characters` (and what its layout tables need to shape them), as WOFF2 bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    try:
        import brotli  # noqa: F401  (fontTools needs it to write WOFF2; fail here with a line, not deep inside fontTools)
    except ImportError as exc:
        raise TrendscopeError("the package 'brotli' is needed to embed the page's font as WOFF2; run `make install`") from exc
    source = font or regular_font_file()
    options = subset.Options()
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the copyright and licence (the SIL Open Font License asks that they travel with the font)
    options.notdef_outline = True
    options.hinting = False  # screens at page sizes do not need TrueType hints; dropping them saves about a third
    options.desubroutinize = True
    # Visual TrueType's source tables: hinting sources, no use to a browser, and fontTools warns it cannot subset them.
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    ttfont = TTFont(str(source), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(ttfont)
    buffer = io.BytesIO()
    ttfont.flavor = "woff2"
    ttfont.save(buffer)
    return buffer.getvalue()


def font_face_css(text: str) -> str:
    """An @font-face rule declaring `EMBEDDED_FAMILY` from a WOFF2 data: URL holding every character of `text`."""
    data = base64.b64encode(subset_woff2(page_characters(text))).decode("ascii")
    return (f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; font-style: normal; font-weight: 400; font-display: block; '
            f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}')
