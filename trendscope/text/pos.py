"""A POS vocabulary shared by every backend, so `pos: [noun, proper_noun]` means the same everywhere.

Backends keep their native tags; each maps them here.  The Sejong-style tags
below are used by Komoran, Kiwi and Mecab (Kiwi adds a few of its own).
"""

from __future__ import annotations

from functools import cache

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
# The two noun names: what a keyword is by default, and what a name ending in digits is made of (text/compounds.py).
NOUN_POS = frozenset({"noun", "proper_noun"})

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


@cache  # a bounded set of tags, looked up once per morpheme by every backend
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


# Okt (Open Korean Text): its own coarse tags; no proper/common noun distinction.
OKT_TO_COMMON: dict[str, str] = {
    "Noun": "noun",
    "Verb": "verb",
    "Adjective": "adjective",
    "Adverb": "adverb",
    "Conjunction": "adverb",  # 접속 부사, Sejong MAJ
    "Determiner": "determiner",
    "Modifier": "determiner",
    "Exclamation": "interjection",
    "Josa": "particle",
    "Eomi": "ending",
    "PreEomi": "ending",
    "Suffix": "affix",
    "VerbPrefix": "affix",
    "Alpha": "foreign",
    "Foreign": "other",  # Okt tags hanja, emoji and unknown scripts alike as Foreign
    "Number": "number",
    "Punctuation": "symbol",
    "KoreanParticle": "other",  # ㅋㅋ, ㅠㅠ
    "Hashtag": "other",
    "ScreenName": "other",
    "Email": "other",
    "URL": "other",
    "Unknown": "other",
}

# Hannanum, KAIST tagset with 22 tags (`pos(ntags=22)`); S* symbols, F foreign.
KAIST_TO_COMMON: dict[str, str] = {
    "NC": "noun",
    "NQ": "proper_noun",
    "NB": "bound_noun",
    "NN": "number",
    "NP": "pronoun",
    "PV": "verb",
    "PX": "verb",
    "PA": "adjective",
    "MM": "determiner",
    "MA": "adverb",
    "II": "interjection",
    "JC": "particle",
    "JX": "particle",
    "JP": "particle",
    "EP": "ending",
    "EC": "ending",
    "ET": "ending",
    "EF": "ending",
    "XP": "affix",
    "XS": "affix",
    "F": "foreign",
}

# Kkma: the Sejong tags plus its own refinements.
KKMA_TO_COMMON: dict[str, str] = {
    **SEJONG_TO_COMMON,
    "NNM": "bound_noun",  # unit nouns (개, 명, 차)
    "VXV": "verb",
    "VXA": "adjective",
    "VX": "verb",
    "VC": "verb",
    "MDT": "determiner",
    "MDN": "determiner",
    "MD": "determiner",
    "MAC": "adverb",
    "MA": "adverb",
    "XPV": "affix",
    "XP": "affix",
    "OL": "foreign",
    "OH": "hanja",
    "ON": "number",
    "UN": "other",  # unknown noun-like string
}


def okt_to_common(tag: str) -> str:
    """Map an Okt tag to the shared set."""
    return OKT_TO_COMMON.get(tag, "other")


def kaist_to_common(tag: str) -> str:
    """Map a Hannanum (KAIST, 22-tag) tag to the shared set."""
    if tag in KAIST_TO_COMMON:
        return KAIST_TO_COMMON[tag]
    return "symbol" if tag.startswith("S") else "other"


def kkma_to_common(tag: str) -> str:
    """Map a Kkma tag to the shared set."""
    if tag in KKMA_TO_COMMON:
        return KKMA_TO_COMMON[tag]
    if tag.startswith("J"):
        return "particle"
    if tag.startswith("E"):
        return "ending"
    if tag.startswith("S"):
        return "symbol"
    return "other"
