"""Checks every backend must pass; each tests/text/backends/test_<name>.py runs them on its backend."""

from __future__ import annotations

from trendscope.text.pos import POS_NAMES
from trendscope.text.tokenize import Tokenizer

FIELD_TERMS = ["스마트시티", "사회혁신", "리빙랩", "자율주행", "지방자치단체"]
FIELD_TEXT = "스마트시티 사업과 사회혁신 리빙랩이 자율주행 실증을 지방자치단체와 함께 추진했다. 지자체는 스마트 시티 예산을 늘렸다."
TAG_TEXT = "서울시는 2024년 Smart City 예산을 크게 늘렸고 시민들은 매우 기뻤다."


def check_field_compounds_whole(tokenizer: Tokenizer) -> None:
    tokens = tokenizer.tokenize([FIELD_TEXT])[0].tokens
    for term in FIELD_TERMS:
        assert term in tokens, (tokenizer.spec.backend, tokens)
    for part in ("스마트", "시티", "리빙", "주행", "자치", "단체", "지자체"):
        assert part not in tokens, (tokenizer.spec.backend, part, tokens)
    assert tokens.count("스마트시티") == 2  # `스마트 시티` is a synonym, joined before analysis
    assert tokens.count("지방자치단체") == 2  # 지자체 → 지방자치단체


def check_common_tags(tokenizer: Tokenizer) -> dict[str, set[str]]:
    """Every tag is a common POS name, and content words land in the right class."""
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
    return by_pos


def check_version(tokenizer: Tokenizer, expected: str) -> None:
    assert expected in tokenizer.backend.version()
