"""Boilerplate removal on the forms Korean outlets really print, counted per rule; properties on any text."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trendscope.errors import ConfigError
from trendscope.text.hygiene import BUILTIN_NAMES, Cleaner, clean_documents, outlet_pattern

OUTLETS = ["아시아투데이", "연합뉴스", "연합뉴스TV", "뉴스1", "뉴시스", "한국경제", "머니투데이", "KBS"]
CLEANER = Cleaner.build(outlets=OUTLETS)


def clean(text: str, **kwargs) -> tuple[str, dict[str, int]]:
    out, counts = CLEANER.clean(text, **kwargs)
    return " ".join(out.split()), {k: v for k, v in counts.items() if v}


# (raw text as printed, text left, removals per rule)
CASES = [
    # Yonhap / News1 / Newsis lead datelines and bylines
    ("(서울=연합뉴스) 홍길동 기자 = 서울시가 스마트시티 사업을 확대한다.", "서울시가 스마트시티 사업을 확대한다.", {"bylines": 1}),
    ("(세종=연합뉴스) 정부는 사회혁신 정책을 발표했다.", "정부는 사회혁신 정책을 발표했다.", {"bylines": 1}),
    ("[서울=뉴스1] 김철수 기자 = 부산시는 국가시범도시를 조성한다.", "부산시는 국가시범도시를 조성한다.", {"bracket_tags": 1, "bylines": 1}),
    ("【서울=뉴시스】이영희 기자 = 정부는 리빙랩을 지원한다.", "정부는 리빙랩을 지원한다.", {"bracket_tags": 1, "bylines": 1}),
    ("[아시아투데이 박민수 기자] 세종시가 자율주행 셔틀을 운행한다.", "세종시가 자율주행 셔틀을 운행한다.", {"bylines": 1}),
    ("김철수·이영희 기자 = 서울시는 발표했다.", "서울시는 발표했다.", {"bylines": 1}),
    ("홍길동 선임기자 = 서울시는 발표했다.", "서울시는 발표했다.", {"bylines": 1}),
    # closing bylines
    ("서울시는 리빙랩을 운영한다. 홍길동 기자 hong@yna.co.kr", "서울시는 리빙랩을 운영한다.", {"bylines": 1}),
    ("도시재생 사업이 속도를 낸다. / 홍길동 기자", "도시재생 사업이 속도를 낸다.", {"bylines": 1}),
    ("도시재생 사업이 속도를 낸다.\n홍길동 기자", "도시재생 사업이 속도를 낸다.", {"bylines": 1}),
    ("문의는 press@seoul.go.kr 로 하면 된다.", "문의는 로 하면 된다.", {"emails": 1}),
    # tags and broadcast markers
    ("[사진] 스마트시티 엑스포 [단독] 개막", "스마트시티 엑스포 개막", {"bracket_tags": 2}),
    ("◀ＡＮＣ▶ 스마트시티가 확산됩니다. ◀VCR▶ 현장을 연결합니다. ◀ E N D ▶", "스마트시티가 확산됩니다. 현장을 연결합니다.", {"bracket_tags": 3}),
    ("<앵커> 도시재생 현장입니다. <사진> 시민", "도시재생 현장입니다. 시민", {"bracket_tags": 2}),
    ("[종합2보] 스마트시티 예산 확정", "스마트시티 예산 확정", {"bracket_tags": 1}),
    # photo credits
    ("시민들이 행사장을 둘러보고 있다. (사진=○○시 제공)", "시민들이 행사장을 둘러보고 있다.", {"photo_credits": 1}),
    ("시장이 발언하고 있다. 사진=연합뉴스", "시장이 발언하고 있다.", {"photo_credits": 1}),
    ("시장이 발언하고 있다. ⓒ 뉴스1", "시장이 발언하고 있다.", {"photo_credits": 1}),
    ("스마트 횡단보도 /사진제공=서울시", "스마트 횡단보도", {"photo_credits": 1}),
    ("[사진 출처=서울시] 스마트 횡단보도", "스마트 횡단보도", {"photo_credits": 1}),
    # copyright lines
    ("기사 본문. <저작권자 ⓒ 아시아투데이, 무단전재 및 재배포 금지>", "기사 본문.", {"copyright": 1}),
    ("기사 본문 <저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "기사 본문", {"copyright": 1}),
    ("기사 본문\nCopyright ⓒ 조선일보 & chosun.com", "기사 본문", {"copyright": 1}),
    ("기사 본문 ⓒ 한국경제, 무단전재 및 재배포 금지", "기사 본문", {"copyright": 1}),
    ("기사 본문 [ⓒ 매일경제 & mk.co.kr, 무단전재 및 재배포 금지]", "기사 본문", {"copyright": 1}),
    ("기사 본문 저작권자 © 뉴시스통신사. 무단전재-재배포 금지.", "기사 본문", {"copyright": 1}),
    ("기사 본문 무단 전재-재배포 금지", "기사 본문", {"copyright": 1}),
    ("Copyright © 한국경제TV. All rights reserved.", "", {"copyright": 1}),
    # web addresses
    ("자세한 내용은 https://www.seoul.go.kr/smartcity?id=3 에서 볼 수 있다.", "자세한 내용은 에서 볼 수 있다.", {"urls": 1}),
    ("누리집(www.smartcity.go.kr)에 공고했다.", "누리집( )에 공고했다.", {"urls": 1}),
]


@pytest.mark.parametrize(("raw", "left", "removed"), CASES, ids=[c[0][:24] for c in CASES])
def test_real_boilerplate_forms(raw, left, removed):
    assert clean(raw) == (left, removed)


def test_outlet_names_exact_and_longest_first():
    text = "아시아투데이 취재 결과 연합뉴스TV와 머니투데이가 보도했다. 뉴스10 KBSN KBS"
    assert clean(text) == ("취재 결과 와 가 보도했다. 뉴스10 KBSN", {"outlet_names": 4})
    # 연합뉴스TV is one outlet: the longer name is removed whole, not 연합뉴스 + TV
    assert clean("연합뉴스TV 단독")[0] == "단독"
    # names that are ordinary words are only removed as exact strings: 한국경제 (an outlet) goes, 한국 경제 stays
    assert clean("한국 경제가 성장했다. 한국경제 보도")[0] == "한국 경제가 성장했다. 보도"


def test_the_documents_own_outlet_is_removed_even_when_not_in_the_corpus_set():
    assert clean("전자신문 취재 결과 스마트시티", outlet="전자신문") == ("취재 결과 스마트시티", {"outlet_names": 1})
    assert clean("전자신문 취재 결과 스마트시티")[0] == "전자신문 취재 결과 스마트시티"


def test_ordinary_text_is_left_alone():
    text = "기자회견에서 시장은 스마트시티를 강조했다. 기자들은 질문했다. 지역 기자 간담회도 열렸다. 사진 전시회(3월)와 (주)한국경제연구원."
    assert clean(text) == (" ".join(text.split()), {})


def test_rules_can_be_switched_off_and_added():
    text = "[사진] 스마트시티 ▶ 네이버에서 아시아투데이 구독하기 (사진=서울시)"
    cleaner = Cleaner.build(rules={"bracket_tags": False}, patterns={"promo": r"▶ ?네이버에서 .+? 구독하기"}, outlets=OUTLETS)
    out, counts = cleaner.clean(text)
    assert " ".join(out.split()) == "[사진] 스마트시티"
    assert counts == {"copyright": 0, "bylines": 0, "photo_credits": 1, "emails": 0, "urls": 0, "promo": 1, "outlet_names": 0}
    assert Cleaner.build(rules={"outlet_names": False}, outlets=OUTLETS).clean("아시아투데이 보도")[0] == "아시아투데이 보도"


def test_bad_rules_and_patterns_name_the_key():
    with pytest.raises(ConfigError, match=r"cleaning\.rules\.byline: unknown rule"):
        Cleaner.build(rules={"byline": False})
    with pytest.raises(ConfigError, match=r"cleaning\.patterns\.promo: not a valid regular expression"):
        Cleaner.build(patterns={"promo": "▶ (네이버"})
    with pytest.raises(ConfigError, match=r"cleaning\.patterns\.urls: the name of a built-in rule"):
        Cleaner.build(patterns={"urls": "x"})


def test_outlet_pattern_ignores_one_letter_and_missing_names():
    assert outlet_pattern([None, "", " ", "A"]) is None
    assert outlet_pattern(["뉴스1", "뉴스", "뉴스1"]).pattern.count("뉴") == 1  # one trie


# --- properties -----------------------------------------------------------------------------

FRAGMENTS = [
    "홍길동", "김철수", " 기자", "기자", " = ", "=", "(서울=연합뉴스)", "[서울=뉴스1]", "【서울=뉴시스】", "[사진]", "<앵커>", "◀ＡＮＣ▶",
    "사진=", "(사진=서울시 제공)", "ⓒ", "ⓒ 뉴스1", "<저작권자 ⓒ 아시아투데이, 무단전재 및 재배포 금지>", "무단 전재", "재배포 금지", "Copyright",
    "hong@yna.co.kr", "@", ".kr", "https://", "www.", "아시아투데이", "연합뉴스", "TV", "뉴스1", "0", "/", " / ", "[", "]", "(", ")", "<", ">",
    "스마트시티", "사회혁신", "도시재생", "리빙랩", "가", "\n", " ", "\t", ".", "·",
]
texts = st.one_of(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join), st.text(max_size=80))
KEEP = ["스마트시티", "사회혁신", "도시재생", "리빙랩"]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_idempotent_and_never_adds_a_character(text):
    once, _ = CLEANER.clean(text)
    assert CLEANER.clean(once) == (once, dict.fromkeys(CLEANER.rule_names, 0))
    assert len(once) <= len(text)
    # the non-space characters left are a subsequence of the input's: nothing added, nothing reordered
    rest = iter("".join(text.split()))
    assert all(ch in rest for ch in "".join(once.split()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(KEEP + ["시민", "참여", "확대", "정책은", "을", "에서"]), max_size=12), st.sampled_from([" ", "\n", ". "]))
def test_content_words_survive(words, joiner):
    text = joiner.join(words)
    out, counts = CLEANER.clean(text)
    assert out == text and not any(counts.values())


@pytest.mark.parametrize("text", [None, "", " ", "\n\t "])
def test_empty_and_blank_input(text):
    out, counts = CLEANER.clean(text)
    assert out.strip() == "" and not any(counts.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, max_size=12))
def test_many_at_once_equals_one_by_one(batch):
    out, counts = CLEANER.clean_many(batch)
    for i, text in enumerate(batch):
        one, n = CLEANER.clean(text)
        assert out[i] == one
        assert {name: int(c[i]) for name, c in counts.items()} == n


def test_many_at_once_falls_back_when_a_pattern_crosses_documents():
    cleaner = Cleaner.build(patterns={"greedy": r"[^가-힣]+"}, outlets=OUTLETS)
    batch = ["가 1 나", "다 (2) 라", "(서울=연합뉴스) 마"]
    out, counts = cleaner.clean_many(batch)
    assert out == [cleaner.clean(t)[0] for t in batch]
    assert counts["greedy"].tolist() == [cleaner.clean(t)[1]["greedy"] for t in batch]


# --- documents frames -----------------------------------------------------------------------


def documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "query": ["smartcity", "smartcity", "smartcity", "social"],
            "year": [2018, 2018, 2019, 2018],
            "outlet": ["아시아투데이", "연합뉴스", None, "아시아투데이"],
            "title": ["[단독] 스마트시티 확대", "스마트시티 예산", None, "사회혁신 리빙랩"],
            "body": [
                "[아시아투데이 박민수 기자] 세종시가 스마트시티를 넓힌다. <저작권자 ⓒ 아시아투데이, 무단전재 및 재배포 금지>",
                "(서울=연합뉴스) 홍길동 기자 = 연합뉴스 취재 결과 예산이 늘었다.",
                "아무 상투어도 없는 본문",
                "아시아투데이 보도. 사회혁신 리빙랩 사진=연합뉴스",
            ],
        }
    )


def test_clean_documents_returns_a_new_frame_and_counts_per_query_year_rule():
    frame = documents()
    before = frame.copy()
    cleaned, counts = clean_documents(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is untouched
    assert cleaned is not frame and cleaned["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert [" ".join(t.split()) if isinstance(t, str) else t for t in cleaned["title"]] == ["스마트시티 확대", "스마트시티 예산", None, "사회혁신 리빙랩"]
    assert [" ".join(t.split()) for t in cleaned["body"]] == ["세종시가 스마트시티를 넓힌다.", "취재 결과 예산이 늘었다.", "아무 상투어도 없는 본문", "보도. 사회혁신 리빙랩"]
    assert list(counts.columns) == ["query", "year", "rule", "removals", "documents_touched"]
    table = counts.set_index(["query", "year", "rule"])
    assert table.loc[("smartcity", 2018, "bylines")].tolist() == [2, 2]
    assert table.loc[("smartcity", 2018, "bracket_tags")].tolist() == [1, 1]
    assert table.loc[("smartcity", 2018, "copyright")].tolist() == [1, 1]
    assert table.loc[("smartcity", 2018, "outlet_names")].tolist() == [1, 1]
    assert table.loc[("social", 2018, "outlet_names")].tolist() == [1, 1]
    assert table.loc[("social", 2018, "photo_credits")].tolist() == [1, 1]
    assert table.loc[("smartcity", 2019)]["removals"].sum() == 0
    # every query × year has a row for every rule, in rule order
    assert len(counts) == 3 * len(BUILTIN_NAMES)
    assert counts["rule"].tolist()[: len(BUILTIN_NAMES)] == list(CLEANER.rule_names)


def test_clean_documents_in_pieces_equals_whole(monkeypatch):
    from trendscope.text import hygiene

    frame = pd.concat([documents()] * 3, ignore_index=True)
    whole = clean_documents(frame)
    monkeypatch.setattr(hygiene, "_CHUNK_CHARS", 40)  # a piece of one or two documents
    assert len(hygiene._chunks(np.full(len(frame), 30))) > 3
    pieces = clean_documents(frame)
    pd.testing.assert_frame_equal(pieces[0], whole[0])
    pd.testing.assert_frame_equal(pieces[1], whole[1])


def test_clean_documents_empty_and_missing_columns():
    cleaned, counts = clean_documents(documents().iloc[:0])
    assert cleaned.empty and counts.empty and list(counts.columns) == ["query", "year", "rule", "removals", "documents_touched"]
    with pytest.raises(ValueError, match="outlet"):
        clean_documents(documents().drop(columns="outlet"))


def test_clean_many_counts_are_arrays_per_text():
    out, counts = CLEANER.clean_many(["[사진] 가", None, "나 ⓒ 뉴스1"])
    assert counts["bracket_tags"].dtype == np.int64 and counts["bracket_tags"].tolist() == [1, 0, 0]
    assert counts["photo_credits"].tolist() == [0, 0, 1] and out[1] == ""


def test_rule_names_for_config_match_the_rules():
    """config.py validates rule names from the pandas-free text/rule_names.py; it must name the rules hygiene runs."""
    from trendscope.text import rule_names

    assert rule_names.BUILTIN_NAMES == BUILTIN_NAMES
