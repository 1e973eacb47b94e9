"""The protocol every tokenizer backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

Morpheme = tuple[str, str]
"""(form, common POS name from `trendscope.text.pos`)."""


class Backend(Protocol):
    """A morphological analyzer started once with a user dictionary.

    `analyze` takes cleaned sentences and returns, per sentence, the morphemes
    with tags already mapped to the common POS set.  It may raise on a sentence
    it cannot handle; the caller isolates and counts such sentences.
    """

    name: str
    native_user_dictionary: bool
    """True when the analyzer loads the lexicon itself; otherwise compounds are re-joined afterwards."""

    # Optional: `max_word_chars: int` — cut space-free runs longer than this before analysis
    # (for analyzers whose time explodes on long words); the tokenizer's default otherwise.
    # Optional: `with_user_words(user_words) -> Backend` — the same started analyzer with another user
    # dictionary, for a lexicon change without reloading the model (Komoran).

    def version(self) -> str:
        """Analyzer name and version, recorded in the run manifest."""
        ...

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        """Morphemes per sentence, in order."""
        ...
