"""The hannanum backend: field compounds whole, tags mapped to the common set."""

from tests.text.backends.checks import check_common_tags, check_field_compounds_whole, check_version


def test_field_compounds_come_out_whole(started):
    check_field_compounds_whole(started("hannanum"))


def test_tags_map_to_the_common_set(started):
    check_common_tags(started("hannanum"))


def test_version_and_dictionary_support(started):
    tokenizer = started("hannanum")
    check_version(tokenizer, "Hannanum")
    assert tokenizer.backend.native_user_dictionary is False
