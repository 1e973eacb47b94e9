"""Keyword in context: the term centred in its sentence."""

import datetime as dt

import pandas as pd
import pytest

from trendscope.analysis.kwic import kwic, sentences, token_kwic
from trendscope.errors import InputError


def docs():
    return pd.DataFrame({
        "doc_id": ["b", "a"], "query": ["q", "q"], "year": [2020, 2019],
        "date": [dt.date(2020, 1, 2), dt.date(2019, 5, 1)], "outlet": ["한국일보", None],
        "title": ["리빙랩 확산", "제목"],
        "body": ["서울시는 리빙랩을 열었다. 다른 문장이다.\n주민이 리빙랩에 참여했다.", "여기에는 없다. 아무것도."],
    })


def test_sentences_split_on_final_punctuation_and_lines():
    assert sentences("하나다. 둘이다!\n셋") == ["하나다.", "둘이다!", "셋"]


def test_kwic_centres_the_term_and_orders_by_date():
    lines = kwic(docs(), "리빙랩", width=5)
    assert lines["left"].tolist() == ["서울시는 ", "주민이 "]
    assert lines["keyword"].tolist() == ["리빙랩", "리빙랩"]
    assert lines["right"].tolist() == ["을 열었다…", "에 참여했…"]
    assert set(lines["title"]) == {"리빙랩 확산"}
    with pytest.raises(ValueError):
        kwic(docs(), " ")


def token_rows():
    """Token-file rows as the tokenizer writes them (after lexicon and synonyms): 스마트시티 is one token."""
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"], "query": ["q", "q", "q"], "year": [2015, 2016, 2016],
        "sentences": [
            [["스마트시티", "조성", "사업"], ["시", "스마트", "가로등", "설치"]],
            [["스마트", "가로등", "스마트", "교통"]],
            [["스마트시티", "스마트시티"]],
        ],
    })


def token_docs():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"], "query": ["q", "q", "q"],
        "date": [dt.date(2015, 1, 5), dt.date(2016, 3, 1), dt.date(2016, 4, 1)], "outlet": ["A", "B", None],
        "title": ["스마트시티 조성 사업", "제목", "스마트시티"],
        "body": ["시는 스마트 가로등을 설치했다.", "스마트 가로등과 스마트 교통.", ""],
    })


def test_token_kwic_matches_whole_tokens_only():
    lines = token_kwic(token_rows(), token_docs(), "스마트")
    # 스마트 as a token: once in d1 (sentence 1), twice in d2; never inside 스마트시티
    assert list(zip(lines["doc_id"], lines["sentence"], lines["position"], strict=True)) == [("d1", 1, 1), ("d2", 0, 0), ("d2", 0, 2)]
    assert set(lines["keyword"]) == {"스마트"}
    assert lines.loc[0, "left"] == "시" and lines.loc[0, "right"] == "가로등 설치"
    assert "d3" not in set(token_kwic(token_rows(), token_docs(), "스마트")["doc_id"])
    city = token_kwic(token_rows(), token_docs(), "스마트시티")
    assert list(city["doc_id"]) == ["d1", "d3", "d3"] and city.loc[0, "outlet"] == "A" and city.loc[0, "title"] == "스마트시티 조성 사업"


def test_token_kwic_matches_a_phrase_of_tokens_and_cuts_the_context():
    lines = token_kwic(token_rows(), token_docs(), "스마트 가로등", width=1)
    assert list(lines["doc_id"]) == ["d1", "d2"] and set(lines["keyword"]) == {"스마트 가로등"}
    assert lines.loc[0, "left"] == "시" and lines.loc[0, "right"] == "설치"
    assert lines.loc[1, "left"] == "" and lines.loc[1, "right"] == "스마트 …"
    assert token_kwic(token_rows(), token_docs(), ["스마트", "교통"])["position"].tolist() == [2]
    with pytest.raises(InputError, match="empty"):
        token_kwic(token_rows(), token_docs(), "  ")


def test_token_kwic_gives_the_raw_sentence_when_the_split_agrees():
    lines = token_kwic(token_rows(), token_docs(), "스마트 가로등", raw=True)
    assert lines.loc[0, "text"] == "시는 스마트 가로등을 설치했다."  # d1: title, then the body sentence
    assert pd.isna(lines.loc[1, "text"])  # d2's text splits into 2 sentences, its tokens into 1: no guess


def corpus(per_year: dict[int, dict[str, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One document per hit; `per_year[year][outlet]` documents hold the term once."""
    rows, docs = [], []
    for year, outlets in per_year.items():
        for outlet, n in outlets.items():
            for i in range(n):
                doc_id = f"{year}-{outlet}-{i:03d}"
                rows.append((doc_id, "q", year, [["앞", "리빙랩", "뒤"]]))
                docs.append((doc_id, "q", dt.date(year, 1, 1 + i % 28), outlet, f"제목 {i}"))
    return (pd.DataFrame(rows, columns=["doc_id", "query", "year", "sentences"]),
            pd.DataFrame(docs, columns=["doc_id", "query", "date", "outlet", "title"]))


def test_sampled_lines_spread_evenly_across_years():
    tokens, docs = corpus({2015: {"A": 30}, 2016: {"A": 5}, 2017: {"A": 3}})
    assert token_kwic(tokens, docs, "리빙랩", limit=9)["year"].value_counts().to_dict() == {2015: 3, 2016: 3, 2017: 3}
    # 2017 runs out after three lines; the rounds go on over the years that still have lines
    assert token_kwic(tokens, docs, "리빙랩", limit=12)["year"].value_counts().to_dict() == {2015: 5, 2016: 4, 2017: 3}
    assert len(token_kwic(tokens, docs, "리빙랩")) == 38  # no limit: every line


def test_sampled_lines_spread_across_outlets_and_documents_and_are_seeded():
    tokens, docs = corpus({2019: {"A": 20, "B": 2, "C": 1}})
    lines = token_kwic(tokens, docs, "리빙랩", limit=5)
    assert lines["outlet"].value_counts().to_dict() == {"A": 2, "B": 2, "C": 1}
    assert lines.equals(token_kwic(tokens, docs, "리빙랩", limit=5))
    picks = {tuple(token_kwic(tokens, docs, "리빙랩", limit=5, seed=s)["doc_id"]) for s in range(5)}
    assert len(picks) > 1  # the seed draws which of A's documents are shown
    # one line per document before a second line of any document
    twice = pd.DataFrame({"doc_id": ["x", "y"], "query": "q", "year": 2019, "sentences": [[["리빙랩", "리빙랩", "리빙랩"]], [["리빙랩"]]]})
    meta = pd.DataFrame({"doc_id": ["x", "y"], "query": "q", "date": dt.date(2019, 1, 1), "outlet": "A", "title": "t"})
    assert sorted(token_kwic(twice, meta, "리빙랩", limit=2)["doc_id"]) == ["x", "y"]


def test_no_occurrence_gives_an_empty_table_with_the_columns():
    lines = token_kwic(token_rows(), token_docs(), "없는말", limit=3, raw=True)
    assert lines.empty and list(lines.columns) == ["doc_id", "query", "year", "date", "outlet", "title", "sentence", "position", "left", "keyword", "right", "text"]
