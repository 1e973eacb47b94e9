from hypothesis import given
from hypothesis import strategies as st

from trendscope.text.clean import clean_text, split_sentences


def test_clean_removes_what_breaks_analyzers():
    text = "◀ＡＮＣ▶ 스마트시티 😀 소식\x00 http://x.kr/a 문의 a@b.co.kr\n\n  다음 줄"
    cleaned = clean_text(text)
    assert "😀" not in cleaned and "\x00" not in cleaned and "http" not in cleaned and "@" not in cleaned
    assert "ANC" in cleaned  # full-width letters folded to ASCII
    assert cleaned.splitlines() == ["ANC 스마트시티 소식 문의", "다음 줄"]


def test_split_sentences():
    assert split_sentences("첫 문장이다. 두 번째! 세 번째?\n넷째 줄") == ["첫 문장이다.", "두 번째!", "세 번째?", "넷째 줄"]
    assert split_sentences(" . \n ! ") == []


@given(st.text())
def test_clean_is_total_idempotent_and_bmp_only(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert all(ord(ch) <= 0xFFFF for ch in cleaned)
    assert not any(ch in cleaned for ch in "\x00\r\t")
    assert cleaned == cleaned.strip()


@given(st.text())
def test_sentences_are_non_empty_and_drawn_from_the_text(text):
    cleaned = clean_text(text)
    for sentence in split_sentences(cleaned):
        assert sentence and sentence == sentence.strip()
        assert sentence in cleaned


def test_every_code_point_is_blanked_by_its_category():
    """The one-regex blanking decides each of the 1,114,112 code points as the rule says: line breaks split lines,
    controls, formats, surrogates, private use, unassigned, other symbols and everything outside the BMP become spaces."""
    import unicodedata

    from trendscope.text.clean import _blank_pattern

    def expected(ch: str) -> str:
        if ch in "\n\r":
            return "\n"
        return " " if ord(ch) > 0xFFFF or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "So") else ch

    every = "".join(map(chr, range(0x110000)))
    blanked = _blank_pattern().sub(" ", every.replace("\r", "\n"))
    assert blanked == "".join(map(expected, every))
    assert blanked.count(" ") > 1_000_000 and "가" in blanked and "★" not in blanked
