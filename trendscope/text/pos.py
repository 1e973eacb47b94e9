"""A POS vocabulary shared by every backend, so `pos: [noun, proper_noun]` means the same everywhere.

Backends keep their native tags; each maps them here.  The Sejong-style tags
below are used by Komoran, Kiwi and Mecab (Kiwi adds a few of its own).
"""

from __future__ import annotations

POS_NAMES: tuple[str, ...] = (
    "noun",
    "proper_noun",
    "bound_noun",
    "pronoun",
    "number",
    "verb",
    "adjective",
    "adverb",
    "determiner",
    "interjection",
    "particle",
    "ending",
    "affix",
    "root",
    "foreign",
    "hanja",
    "symbol",
    "other",
)

SEJONG_TO_COMMON: dict[str, str] = {
    "NNG": "noun",
    "NNP": "proper_noun",
    "NNB": "bound_noun",
    "NNBC": "bound_noun",
    "NR": "number",
    "NP": "pronoun",
    "VV": "verb",
    "VX": "verb",
    "VCP": "verb",
    "VCN": "verb",
    "VA": "adjective",
    "MM": "determiner",
    "MAG": "adverb",
    "MAJ": "adverb",
    "IC": "interjection",
    "XPN": "affix",
    "XSN": "affix",
    "XSV": "affix",
    "XSA": "affix",
    "XSM": "affix",
    "XR": "root",
    "SL": "foreign",
    "SH": "hanja",
    "SN": "number",
}


def sejong_to_common(tag: str) -> str:
    """Map a Sejong-style tag (optionally with a Kiwi/Mecab suffix like `VV-R` or `NNG+JKS`) to the shared set."""
    head = tag.split("+", 1)[0].split("-", 1)[0]
    if head in SEJONG_TO_COMMON:
        return SEJONG_TO_COMMON[head]
    if head.startswith("J"):
        return "particle"
    if head.startswith("E"):
        return "ending"
    if head.startswith("S") or head.startswith("W_"):
        return "symbol"
    return "other"
