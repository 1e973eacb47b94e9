"""Entities from BigKinds' 인물/기관 columns: which entries are kept, and that they come out of tokenizing whole."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.corpus.bigkinds_fixtures import BALLET_ORGS, BALLET_PEOPLE, ballet_export_rows, bigkinds_workbook_bytes, press_release_rows
from trendscope.corpus.schema import documents_frame
from trendscope.corpus.sources.bigkinds import parse_export
from trendscope.errors import InputError
from trendscope.text.entities import (
    EntityRules,
    document_texts,
    extract_entities,
    noisy_entries,
    read_entity_overrides,
    split_entries,
    well_formed,
    whole_names,
    with_entities,
)
from trendscope.text.lexicon import Lexicon
from trendscope.text.tokenize import Tokenizer, TokenizerSpec


@pytest.fixture(scope="module")
def ballet() -> pd.DataFrame:
    """Documents read from a POI-form export whose entity columns are filled as the site fills them."""
    data = bigkinds_workbook_bytes(ballet_export_rows(60) + press_release_rows())
    return documents_frame(parse_export(data, "NewsResult_20200101-20201231.xlsx", "ballet").documents)


def _doc(doc_id: str, text: str, people: str | None = None, orgs: str | None = None) -> dict:
    return {"doc_id": doc_id, "title": "", "body": text, "people": people, "organizations": orgs}


@given(st.lists(st.text(alphabet="김기민박세은 \t", max_size=8), max_size=6))
def test_a_cell_splits_into_distinct_stripped_entries(parts):
    cell = ",".join(parts)
    entries = split_entries(cell)
    assert all(e and e == e.strip() and "," not in e for e in entries)
    assert len(entries) == len(set(entries))
    assert set(entries) == {p.strip() for p in parts if p.strip()}


@pytest.mark.parametrize(("entry", "ok"), [("김기민", True), ("BTS", True), ("유니버설발레단", True), ("김", False), ("KT&G장학재단", False),
                                            ("2NE1", False), ("김 기민", False), ("가" * 21, False)])
def test_an_entry_is_two_to_twenty_hangul_or_latin_letters(entry, ok):
    assert well_formed(entry) is ok


def test_names_and_organisations_are_kept_and_the_noise_is_not(ballet):
    table, counts = extract_entities(ballet, EntityRules(noisy=noisy_entries()))
    assert set(table["entry"]) == set(BALLET_PEOPLE) | set(BALLET_ORGS)
    assert counts.read == 14 and counts.kept == 10  # 6 people, 4 companies; 현대, 한국, 장르, KT&G장학재단 left out
    assert list(table.columns) == ["entry", "column", "documents"]
    assert set(table.loc[table["entry"].isin(BALLET_PEOPLE), "column"]) == {"인물"}
    assert set(table.loc[table["entry"].isin(BALLET_ORGS), "column"]) == {"기관"}
    # sorted by documents desc, then entry
    keys = list(zip(-table["documents"], table["entry"], strict=True))
    assert keys == sorted(keys)


def test_documents_count_only_articles_whose_text_holds_the_entry_verbatim():
    frame = pd.DataFrame([
        _doc("a", "김기민이 춤췄다", "김기민,박세은"), _doc("b", "김기민은 주역", "김기민,박세은"), _doc("c", "김기민과 무대", "김기민"),
        _doc("d", "박세은 없음", None), _doc("e", "다른 기사", "박세은"),
    ])
    table, counts = extract_entities(frame, EntityRules(min_docs=3, max_df=1.0))
    assert table.to_dict("records") == [{"entry": "김기민", "column": "인물", "documents": 3}]
    assert counts.dropped == {"in the text of too few documents": 1}  # 박세은: listed thrice, in the text of none that list it


def test_generic_entries_are_left_out_by_frequency_stopwords_and_the_shipped_list():
    # 한국, 현대 (shipped list) and 문화재단 (a stopword) are listed in 4 of 10 articles, 발레단 in all of them
    rows = [_doc(str(i), f"한국 현대 발레단 문화재단 김기민 {i}", "김기민" if i < 3 else None, "한국,현대,문화재단,발레단" if i < 4 else "발레단") for i in range(10)]
    frame = pd.DataFrame(rows)
    table, counts = extract_entities(frame, EntityRules(min_docs=3, max_df=0.5, stopwords=frozenset({"문화재단"}), noisy=noisy_entries()))
    assert list(table["entry"]) == ["김기민"]
    assert counts.dropped == {"stopword or known-noisy entry": 3, "too common (document frequency)": 1}
    kept_without_lists, _ = extract_entities(frame, EntityRules(min_docs=3, max_df=0.5))
    assert list(kept_without_lists["entry"]) == ["문화재단", "한국", "현대", "김기민"]  # documents desc, entry asc
    assert {"한국", "현대", "무용수", "장르"} <= noisy_entries()


def test_a_researchers_file_adds_and_removes_entries(tmp_path, ballet):
    path = tmp_path / "entities.tsv"
    path.write_text("# my corrections\n발레리노\n김기민\tremove\n시니어\tadd\n", encoding="utf-8")
    added, removed = read_entity_overrides(path)
    assert added == ("발레리노", "시니어") and removed == frozenset({"김기민"})
    table, counts = extract_entities(ballet, EntityRules(noisy=noisy_entries(), added=added, removed=removed))
    assert "김기민" not in set(table["entry"]) and {"발레리노", "시니어"} <= set(table["entry"])
    assert set(table.loc[table["entry"] == "시니어", "column"]) == {"entities.tsv"}
    assert counts.added == 2 and counts.removed == 1
    assert table.loc[table["entry"] == "발레리노", "documents"].item() > 0


@pytest.mark.parametrize(("line", "expected"), [("김기민\tdrop", "line 2: action 'drop'"), ("김 기민", "line 2: '김 기민' is not one word")])
def test_a_bad_line_in_the_researchers_file_names_file_and_line(tmp_path, line, expected):
    path = tmp_path / "entities.tsv"
    path.write_text(f"박세은\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        read_entity_overrides(path)


def test_entities_join_the_user_dictionary_without_overriding_the_studys_words():
    lexicon = Lexicon(user_words=(("김기민", "NNG"), ("스마트시티", "NNP")), stopwords=frozenset({"기자"}))
    merged = with_entities(lexicon, ["김기민", "박세은"])
    assert merged.user_words == (("김기민", "NNG"), ("박세은", "NNP"), ("스마트시티", "NNP"))
    assert merged.stopwords == lexicon.stopwords and merged.digest() != lexicon.digest()


@pytest.mark.parametrize("backend", ["komoran", "kiwi"])
def test_names_from_the_people_column_come_out_whole(ballet, backend):
    table, _ = extract_entities(ballet, EntityRules(noisy=noisy_entries()))
    texts = document_texts(ballet["title"], ballet["body"])
    spec = TokenizerSpec(backend, ("noun", "proper_noun"), 2)
    before = whole_names(ballet["people"], texts, [d.tokens for d in Tokenizer(spec).tokenize(texts)])
    with_names = TokenizerSpec(backend, ("noun", "proper_noun"), 2, with_entities(Lexicon(), table["entry"].tolist()))
    tokens = [d.tokens for d in Tokenizer(with_names).tokenize(texts)]
    after = whole_names(ballet["people"], texts, tokens)
    assert after[0] == before[0] > 100
    assert after[1] == after[0] > before[1]  # every name in the text is a token; without the entities some were clipped
    flat = {t for doc in tokens for t in doc}
    assert {"김기민", "박세은", "전민철", "김용걸", "유니버설발레단"} <= flat
    assert not {"기민", "민철", "김용"} & flat
