"""Text cleaning and sentence splitting applied before any analyzer.

Cleaning removes what breaks analyzers or carries no meaning: control
characters, characters outside the Basic Multilingual Plane (emoji; KoNLPy's
Komoran raises UnicodeDecodeError on them), URLs, e-mail addresses and
full-width ASCII variants (folded to ASCII, as in ◀ＡＮＣ▶ broadcast markers).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u3000]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+|\n+")
_HAS_WORD = re.compile(r"\w")
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Unicode categories that become a space (with every character outside the BMP): controls, formats, surrogates,
# private use, unassigned, other symbols.
_BLANKED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "So"})


@cache  # a compiled constant, made on first use so importing this module stays cheap
def _blank_pattern() -> re.Pattern[str]:
    """One character class of what `clean_text` blanks, built once per process from unicodedata (~20 ms).

    Deciding per character in Python was a tenth of the tokenize workers' time besides Komoran itself
    on BigKinds excerpts (0.29 of ~5 CPU-seconds per 840k characters); one regex pass is ~15× cheaper.
    Line breaks (Cc) are not in it: they split lines.
    """
    ranges, start = [], None
    for code in range(0x10000 + 1):
        bad = code < 0x10000 and chr(code) not in "\n\r" and unicodedata.category(chr(code)) in _BLANKED
        if bad and start is None:
            start = code
        elif not bad and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{code - 1:08x}" if code - 1 > start else f"\\U{start:08x}")
            start = None
    return re.compile(f"[{''.join(ranges)}\\U00010000-\\U0010ffff]")


def clean_text(text: str | None) -> str:
    """Normalise a document for tokenizing; never raises, returns '' for empty input."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_FULLWIDTH)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _blank_pattern().sub(" ", text.replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def split_sentences(text: str) -> list[str]:
    """Split cleaned text at sentence-final punctuation and line breaks; drop pieces with no word character."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and _HAS_WORD.search(s)]
