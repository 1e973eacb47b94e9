"""One started tokenizer per backend for the whole session: the JVM analyzers take seconds to start."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import LEXICON
from trendscope.text.lexicon import load_lexicon
from trendscope.text.tokenize import Tokenizer, TokenizerSpec


@pytest.fixture(scope="session")
def started() -> Callable[[str], Tokenizer]:
    """`started(name)` → a Tokenizer for that backend with the shipped lexicon, started once per session."""
    lexicon = load_lexicon(LEXICON / "userdic.txt", LEXICON / "synonyms.txt", LEXICON / "stopwords.txt")
    cache: dict[str, Tokenizer] = {}

    def get(name: str) -> Tokenizer:
        if name not in cache:
            cache[name] = Tokenizer(TokenizerSpec(name, ("noun", "proper_noun"), 2, lexicon))
        return cache[name]

    return get
