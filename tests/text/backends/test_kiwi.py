"""The kiwi backend: field compounds whole, tags mapped to the common set."""

from tests.text.backends.checks import check_common_tags, check_field_compounds_whole, check_version


def test_field_compounds_come_out_whole(started):
    check_field_compounds_whole(started("kiwi"))


def test_tags_map_to_the_common_set(started):
    check_common_tags(started("kiwi"))


def test_version_and_dictionary_support(started):
    tokenizer = started("kiwi")
    check_version(tokenizer, "kiwipiepy")
    assert tokenizer.backend.native_user_dictionary is True
