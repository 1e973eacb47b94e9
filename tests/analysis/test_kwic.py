"""Keyword in context: the term centred in its sentence."""

import datetime as dt

import pandas as pd
import pytest

from trendscope.analysis.kwic import kwic, sentences


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
