"""The kkma backend: field compounds whole, tags mapped to the common set."""

from tests.text.backends.checks import check_common_tags, check_field_compounds_whole, check_version


def test_field_compounds_come_out_whole(started):
    check_field_compounds_whole(started("kkma"))


def test_tags_map_to_the_common_set(started):
    check_common_tags(started("kkma"))


def test_version_and_dictionary_support(started):
    tokenizer = started("kkma")
    check_version(tokenizer, "Kkma")
    assert tokenizer.backend.native_user_dictionary is False


def test_kkma_splits_compounds_that_the_joiner_puts_back(started):
    tokenizer = started("kkma")
    raw = [form for form, _ in tokenizer.backend.analyze(["지방자치단체와 리빙랩"])[0]]
    assert "지방자치단체" not in raw and {"지방", "자치", "단체", "리빙", "랩"} <= set(raw)
    assert tokenizer.tokenize(["지방자치단체와 리빙랩"])[0].tokens == ["지방자치단체", "리빙랩"]
