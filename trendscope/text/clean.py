"""Text cleaning and sentence splitting applied before any analyzer.

Cleaning removes what breaks analyzers or carries no meaning: control
characters, characters outside the Basic Multilingual Plane (emoji; KoNLPy's
Komoran raises UnicodeDecodeError on them), URLs, e-mail addresses and
full-width ASCII variants (folded to ASCII, as in ◀ＡＮＣ▶ broadcast markers).
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u3000]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+|\n+")
_HAS_WORD = re.compile(r"\w")
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def clean_text(text: str | None) -> str:
    """Normalise a document for tokenizing; never raises, returns '' for empty input."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_FULLWIDTH)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    chars = []
    for ch in text:
        if ch in "\n\r":
            chars.append("\n")
        elif ord(ch) > 0xFFFF or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "So"):
            chars.append(" ")
        else:
            chars.append(ch)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(chars).split("\n"))
    return "\n".join(line for line in lines if line)


def split_sentences(text: str) -> list[str]:
    """Split cleaned text at sentence-final punctuation and line breaks; drop pieces with no word character."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and _HAS_WORD.search(s)]
