"""Every tokenizer backend passes the same checks: field compounds come out whole, tags map to the common set,
the version names the analyzer, and a compound the analyzer alone splits is put back by the joiner.

One module parametrised over the backends (trendscope/text/backends/): what differs between them is data in
`EXPECTED`, so a new backend is one entry there (and `test_every_backend_has_expectations` fails until it is added).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from trendscope.text.backends import BACKEND_NAMES
from trendscope.text.pos import POS_NAMES
from trendscope.text.tokenize import Tokenizer

FIELD_TERMS = ["스마트시티", "사회혁신", "리빙랩", "자율주행", "지방자치단체"]
FIELD_TEXT = "스마트시티 사업과 사회혁신 리빙랩이 자율주행 실증을 지방자치단체와 함께 추진했다. 지자체는 스마트 시티 예산을 늘렸다."
TAG_TEXT = "서울시는 2024년 Smart City 예산을 크게 늘렸고 시민들은 매우 기뻤다."


@dataclass(frozen=True)
class Joined:
    """A compound the analyzer alone splits (`whole` absent from its morphemes, `parts` present) and the tokens after joining."""

    text: str
    whole: str
    parts: frozenset[str]
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Expected:
    """What one backend must show: the library it needs, a piece of its version string, whether it takes a user dictionary natively."""

    library: str
    version: str
    native_user_dictionary: bool
    joined: Joined | None = None


EXPECTED: dict[str, Expected] = {
    "komoran": Expected("konlpy", "KoNLPy", True),
    "okt": Expected("konlpy", "Okt", False, Joined("스마트시티 사업과 사회혁신", "스마트시티", frozenset({"스마트", "시티"}), ("스마트시티", "사업", "사회혁신"))),
    "hannanum": Expected("konlpy", "Hannanum", False),
    "kkma": Expected("konlpy", "Kkma", False, Joined("지방자치단체와 리빙랩", "지방자치단체", frozenset({"지방", "자치", "단체", "리빙", "랩"}), ("지방자치단체", "리빙랩"))),
    "kiwi": Expected("kiwipiepy", "kiwipiepy", True),
    "mecab": Expected("mecab", "python-mecab-ko", True),
}
JOINING = [name for name, expected in EXPECTED.items() if expected.joined is not None]


@pytest.fixture(params=list(EXPECTED))
def backend(request: pytest.FixtureRequest, started: Callable[[str], Tokenizer]) -> tuple[Tokenizer, Expected]:
    """The started tokenizer of each backend with its expectations; skipped only where the analyzer's library is not installed."""
    expected = EXPECTED[request.param]
    if importlib.util.find_spec(expected.library) is None:
        pytest.skip(f"{request.param}: its library {expected.library!r} is not installed")
    return started(request.param), expected


def test_every_backend_has_expectations() -> None:
    assert sorted(EXPECTED) == sorted(BACKEND_NAMES)


def test_field_compounds_come_out_whole(backend: tuple[Tokenizer, Expected]) -> None:
    tokenizer, _ = backend
    tokens = tokenizer.tokenize([FIELD_TEXT])[0].tokens
    for term in FIELD_TERMS:
        assert term in tokens, (tokenizer.spec.backend, tokens)
    for part in ("스마트", "시티", "리빙", "주행", "자치", "단체", "지자체"):
        assert part not in tokens, (tokenizer.spec.backend, part, tokens)
    assert tokens.count("스마트시티") == 2  # `스마트 시티` is a synonym, joined before analysis
    assert tokens.count("지방자치단체") == 2  # 지자체 → 지방자치단체


def test_tags_map_to_the_common_set(backend: tuple[Tokenizer, Expected]) -> None:
    """Every tag is a common POS name, and content words land in the right class."""
    tokenizer, _ = backend
    morphs = tokenizer.backend.analyze([TAG_TEXT])[0]
    by_pos: dict[str, set[str]] = {}
    for form, pos in morphs:
        assert pos in POS_NAMES, (tokenizer.spec.backend, form, pos)
        by_pos.setdefault(pos, set()).add(form)
    nouns = by_pos.get("noun", set()) | by_pos.get("proper_noun", set())
    assert "예산" in nouns, by_pos
    assert any(form.startswith("2024") for form in by_pos.get("number", ())), by_pos  # Okt keeps 2024년 whole
    assert by_pos.get("particle"), by_pos
    assert by_pos.get("verb", set()) | by_pos.get("adjective", set()), by_pos
    assert not {"Smart", "City"} & nouns, by_pos


def test_version_and_dictionary_support(backend: tuple[Tokenizer, Expected]) -> None:
    tokenizer, expected = backend
    assert expected.version in tokenizer.backend.version()
    assert tokenizer.backend.native_user_dictionary is expected.native_user_dictionary


@pytest.mark.parametrize("name", JOINING)
def test_the_joiner_puts_back_what_the_analyzer_splits(started: Callable[[str], Tokenizer], name: str) -> None:
    expected = EXPECTED[name]
    assert expected.joined is not None
    if importlib.util.find_spec(expected.library) is None:
        pytest.skip(f"{name}: its library {expected.library!r} is not installed")
    tokenizer, joined = started(name), expected.joined
    raw = [form for form, _ in tokenizer.backend.analyze([joined.text])[0]]
    assert joined.whole not in raw and joined.parts <= set(raw)  # the analyzer alone splits the compound
    assert tokenizer.tokenize([joined.text])[0].tokens == list(joined.tokens)
