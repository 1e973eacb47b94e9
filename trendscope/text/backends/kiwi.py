"""Kiwi (kiwipiepy): a fast C++ analyzer with Sejong-style tags."""

from __future__ import annotations

from collections.abc import Sequence

from trendscope.text.backends.base import Morpheme
from trendscope.text.pos import sejong_to_common


class KiwiBackend:
    name = "kiwi"
    native_user_dictionary = True

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        import kiwipiepy
        from kiwipiepy import Kiwi

        self._version = kiwipiepy.__version__
        # One thread: trendscope parallelises across processes itself.
        self._kiwi = Kiwi(num_workers=1)
        for word, tag in user_words:
            self._kiwi.add_user_word(word, tag, 0.0)

    def version(self) -> str:
        return f"kiwipiepy {self._version}"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        return [[(t.form, sejong_to_common(t.tag)) for t in self._kiwi.tokenize(s)] for s in sentences]
