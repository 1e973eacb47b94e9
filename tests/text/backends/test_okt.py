"""The okt backend: field compounds whole, tags mapped to the common set."""

from tests.text.backends.checks import check_common_tags, check_field_compounds_whole, check_version


def test_field_compounds_come_out_whole(started):
    check_field_compounds_whole(started("okt"))


def test_tags_map_to_the_common_set(started):
    check_common_tags(started("okt"))


def test_version_and_dictionary_support(started):
    tokenizer = started("okt")
    check_version(tokenizer, "Okt")
    assert tokenizer.backend.native_user_dictionary is False


def test_okt_splits_compounds_that_the_joiner_puts_back(started):
    tokenizer = started("okt")
    raw = [form for form, _ in tokenizer.backend.analyze(["스마트시티 사업과 사회혁신"])[0]]
    assert "스마트시티" not in raw and {"스마트", "시티"} <= set(raw)  # Okt alone splits the compound
    assert "스마트시티" in tokenizer.tokenize(["스마트시티 사업과 사회혁신"])[0].tokens
