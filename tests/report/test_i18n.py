"""Display strings: every column of the demo tables has a Korean and an English header."""

import pytest

from trendscope.report.i18n import COLUMNS, LANGUAGES, column_label, has_column_label, label
from trendscope.report.labels import label as old_label

# The columns of every table the demo study writes (reports/tables/*.csv headers), the page's corpus and KWIC tables,
# and the related-words tables.
DEMO_COLUMNS = sorted(set(["query", "year", "rank", "bigram", "tf", "df", "query_a", "query_b", "top_n", "n_shared", "jaccard", "cosine_tfidf", "shared_terms", "first_year", "last_year", "jaccard_first", "jaccard_last", "jaccard_sen_slope", "jaccard_p", "cosine_tfidf_first", "cosine_tfidf_last", "cosine_tfidf_sen_slope", "cosine_tfidf_p", "source", "read", "url_duplicates", "excluded", "title_duplicates", "near_duplicates", "kept", "term", "total", "per10k_2015", "per10k_2020", "s", "tau", "z", "p", "p_adj", "sen_slope", "trend", "significant_adj", "n_docs", "2015", "2020", "key_for", "a", "b", "per10k_a", "per10k_b", "g2", "log_ratio", "scope", "tf_smartcity", "tf_socialinnovation", "per10k_smartcity", "per10k_socialinnovation", "degree_centrality", "betweenness", "closeness", "eigenvector", "pagerank", "degree", "weighted_degree", "community", "concor_block", "concor_block_1", "concor_block_2", "target", "count", "npmi", "weight", "backbone", "best_rank", "change", "tfidf", "topic_a", "label_a", "topic_b", "label_b", "js_similarity", "cosine", "k", "c_v", "u_mass", "perplexity", "in_sweep", "chosen", "topic", "label", "share", "documents", "ranking", "probability", "relevance", "title", "doc_id", "duplicates", "similarity", "top_terms_by_relevance", "core_share", "median_share", "doc_share", "distinctive_terms", "example_titles", "keyword", "date", "outlet", "left", "right"]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_column_has_a_label(language):
    missing = [c for c in DEMO_COLUMNS if not has_column_label(c)]
    assert not missing
    for column in DEMO_COLUMNS:
        text = column_label(column, language)
        assert text and ("_" not in text or column in ("c_v", "u_mass")), (column, text)


def test_named_labels_and_patterns():
    assert column_label("tf", "ko") == "빈도" and column_label("tf", "en") == "Frequency"
    assert column_label("df", "ko") == "문서 빈도" and column_label("df", "en") == "Document frequency"
    assert column_label("p_adj", "ko") == "보정 p" and column_label("p_adj", "en") == "Adjusted p"
    assert column_label("per10k_2017", "en") == "2017 per 10k"
    assert column_label("tf_smartcity", "ko") == "빈도 (smartcity)"
    assert column_label("jaccard_p", "en") == "Jaccard p"


def test_unknown_column_falls_back_to_a_readable_name():
    assert not has_column_label("some_new_measure")
    assert column_label("some_new_measure", "en") == "some new measure"
    with pytest.raises(ValueError, match="language"):
        column_label("tf", "fr")


def test_every_entry_has_both_languages():
    assert all(set(v) == set(LANGUAGES) for v in COLUMNS.values())


def test_label_still_importable_from_labels():
    assert old_label("network_title", "en", label="Smart city", year=2020) == label("network_title", "en", label="Smart city", year=2020)


def _choices(path: str) -> tuple[str, ...]:
    """The choices the config schema allows at `path` (its Literal), read from the schema itself."""
    import typing

    from trendscope.config import StudyConfig

    model: typing.Any = StudyConfig
    *parents, last = path.split(".")
    for part in parents:
        model = model.model_fields[part].annotation
    return typing.get_args(model.model_fields[last].annotation)


def test_every_choice_of_a_worded_setting_has_both_languages():
    """A new choice added to the schema fails here until the report can word it (no raw code on a Korean page)."""
    import re

    from trendscope.report.i18n import SETTING_VALUES, setting_value

    for path, words in SETTING_VALUES.items():
        choices = _choices(path)
        assert choices and set(words) == set(choices), path
        for choice in choices:
            ko, en = setting_value(path, choice, "ko"), setting_value(path, choice, "en")
            assert ko != choice and (re.search(r"[가-힣]", ko) or ko.isupper()), (path, choice, ko)  # Korean, or an acronym (NPMI)
            assert en and not re.search(r"[가-힣]", en), (path, choice, en)


def test_switches_and_numbers_as_the_reader_sees_them():
    from trendscope.report.i18n import setting_value

    assert setting_value("network.backbone", True, "ko") == "예" and setting_value("network.backbone", False, "en") == "no"
    assert setting_value("network.resolution", 1.0, "ko") == "1.0"
    assert setting_value("network.concor.diagonal", "ignore", "ko") == "무시"
    with pytest.raises(KeyError):
        setting_value("network.concor.diagonal", "sideways", "ko")


def test_source_keys_are_named_in_the_collection_table_only():
    import pandas as pd

    from trendscope.report.i18n import display_values

    frame = pd.DataFrame({"source": ["demo", "naver"], "kept": [1, 2]})
    assert display_values(frame, "ko", "documents_by_source")["source"].tolist() == ["데모 코퍼스", "네이버 뉴스 검색 API"]
    assert display_values(frame, "en", "documents_by_source")["source"].tolist() == ["demo corpus", "Naver News Search API"]
    assert display_values(frame, "ko", "network_edges")["source"].tolist() == ["demo", "naver"]  # there the column holds terms
