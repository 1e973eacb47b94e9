from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import fails_cleanly, fuzz_settings
from trendscope.config import Overrides, YearRange, load_config, packaged_config_path, parse_years
from trendscope.errors import ConfigError


def test_parse_years_range_and_single():
    assert parse_years("2015-2020") == YearRange(2015, 2020)
    assert parse_years("2018").years == [2018]
    assert list(parse_years(" 2019 - 2020 ")) == [2019, 2020]


@pytest.mark.parametrize("text", ["2020-2015", "abc", "15-20", "2015-", "2015-2020-2021", ""])
def test_parse_years_rejects(text):
    with pytest.raises(ConfigError, match="years"):
        parse_years(text)


@given(st.integers(1900, 2100), st.integers(0, 30))
def test_parse_years_roundtrip(start, span):
    end = min(start + span, 2100)
    assert parse_years(str(YearRange(start, end))) == YearRange(start, end)


def test_packaged_default_is_the_reference_study(tmp_path):
    config = load_config(packaged_config_path(), cwd=tmp_path)
    assert config.query_keys == ["smartcity", "socialinnovation"]
    assert "스마트도시" in config.query("smartcity").terms
    assert config.years == YearRange(2015, 2020)
    assert config.tokenizer.backend == "komoran"
    assert config.tokenizer.lexicon.userdic.is_file()
    # data and reports default to the working folder, not the package folder
    assert config.paths.reports == tmp_path / "reports"
    assert config.paths.data == tmp_path / "data"


def test_overrides(tmp_path):
    config = load_config(packaged_config_path(), Overrides(years="2018", tokenizer="kiwi", out=Path("out")), cwd=tmp_path)
    assert config.years.years == [2018]
    assert config.tokenizer.backend == "kiwi"
    assert config.paths.reports == tmp_path / "out"


def _write(tmp_path, text):
    path = tmp_path / "study.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = "years: 2015-2020\nqueries:\n  - {key: a, label: A, terms: [a]}\nsources:\n  demo: {}\n"


def test_unknown_key_is_named(tmp_path):
    path = _write(tmp_path, BASE + "tokenizer:\n  backnd: kiwi\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tokenizer.backnd'"):
        load_config(path)


def test_unknown_backend_is_named(tmp_path):
    path = _write(tmp_path, BASE + "tokenizer:\n  backend: foo\n")
    with pytest.raises(ConfigError, match=r"tokenizer.backend.*expected one of komoran"):
        load_config(path)


def test_bad_years_in_file(tmp_path):
    with pytest.raises(ConfigError, match=r"key 'years'.*ends before it starts"):
        load_config(_write(tmp_path, BASE.replace("2015-2020", "2020-2015")))


def test_malformed_and_missing(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(_write(tmp_path, "years: [2015\n"))
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match="missing key 'queries'"):
        load_config(_write(tmp_path, "years: 2015\nsources: {demo: {}}\n"))


def test_relative_paths_resolve_against_the_study_file(tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    path = folder / "s.yaml"
    path.write_text(BASE + "tokenizer:\n  lexicon:\n    userdic: lex/u.txt\npaths:\n  reports: out\n", encoding="utf-8")
    config = load_config(path, cwd=tmp_path)
    assert config.tokenizer.lexicon.userdic == folder / "lex" / "u.txt"
    assert config.paths.reports == folder / "out"
    assert config.paths.data == tmp_path / "data"


def test_cleaning_and_query_term_defaults(tmp_path):
    from trendscope.text.hygiene import BUILTIN_NAMES

    packaged = load_config(packaged_config_path(), cwd=tmp_path)
    assert set(packaged.cleaning.rules) == set(BUILTIN_NAMES) and all(packaged.cleaning.rules.values())
    assert packaged.cleaning.patterns == {}
    assert packaged.analysis.exclude_query_terms is True
    minimal = load_config(_write(tmp_path, BASE))  # a study file without the sections gets the same behaviour
    assert minimal.cleaning.rules == {} and minimal.cleaning.patterns == {} and minimal.analysis.exclude_query_terms is True


def test_cleaning_section_is_read(tmp_path):
    path = _write(tmp_path, BASE + "cleaning:\n  rules: {outlet_names: false}\n  patterns:\n    promo: '▶ ?네이버에서 .+? 구독하기'\nanalysis:\n  exclude_query_terms: false\n")
    config = load_config(path)
    assert config.cleaning.rules == {"outlet_names": False}
    assert config.cleaning.patterns == {"promo": "▶ ?네이버에서 .+? 구독하기"}
    assert config.analysis.exclude_query_terms is False


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("cleaning:\n  rules: {byline: false}\n", r"key 'cleaning.rules': unknown rule 'byline'; expected any of .*bylines"),
        ("cleaning:\n  patterns: {promo: '▶ (네이버'}\n", r"key 'cleaning.patterns.promo': not a valid regular expression"),
        ("cleaning:\n  patterns: {urls: 'x'}\n", r"key 'cleaning.patterns': 'urls' is a built-in rule"),
        ("cleaning:\n  rule: {urls: false}\n", r"unknown key 'cleaning.rule'"),
        ("cleaning:\n  rules: {urls: maybe}\n", r"key 'cleaning.rules.urls'"),
    ],
)
def test_bad_cleaning_section_names_the_key(tmp_path, section, message):
    with pytest.raises(ConfigError, match=message):
        load_config(_write(tmp_path, BASE + section))


@pytest.mark.parametrize(
    ("queries", "message"),
    [
        ("[{key: a, label: A, terms: [a], exclude: ['']}]", r"key 'queries\[0\]\.exclude\[0\]': is empty; expected a word or phrase \(entries are plain text, not regular expressions\)"),
        ("[{key: a, label: A, terms: [a]}, {key: b, label: B, terms: ['', '.*', '(?']}]",
         r"key 'queries\[1\]\.terms\[0\]': is empty.*; key 'queries\[1\]\.terms\[1\]': '\.\*' has no letter or digit; entries are plain text matched as written, "
         r"not regular expressions; key 'queries\[1\]\.terms\[2\]': '\(\?' has no letter or digit"),
        ("[{key: a, label: A, terms: ['  ']}]", r"key 'queries\[0\]\.terms\[0\]': is empty"),
    ],
)
def test_empty_and_pattern_like_query_entries_are_refused_by_key(tmp_path, queries, message):
    """`exclude: [""]` dropped every document of the query, exit 0; `terms: ["", ".*", "(?"]` passed (issue 25 item 8)."""
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(_write(tmp_path, f"years: 2015-2020\nqueries: {queries}\nsources:\n  demo: {{}}\n"))
    assert "\n" not in str(raised.value)


def test_plain_text_entries_with_symbols_still_load(tmp_path):
    config = load_config(_write(tmp_path, "years: 2015-2020\nqueries:\n  - {key: a, label: A, terms: ['C++', 'smart city', '4차 산업혁명'], exclude: ['[광고]']}\nsources:\n  demo: {}\n"))
    assert config.queries[0].exclude == ["[광고]"] and config.queries[0].terms[0] == "C++"


def test_a_cleaning_pattern_that_matches_empty_text_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"key 'cleaning.patterns.all': '\.\*' matches empty text, so it matches everywhere"):
        load_config(_write(tmp_path, BASE + "cleaning:\n  patterns: {all: '.*'}\n"))


# --- fuzzing (issue 14): any YAML text either loads or fails with a one-line ConfigError naming the key ---

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True), st.text(max_size=12),
                     st.sampled_from(["2015-2020", "kiwi", "komoran", "demo", "스마트시티", "NNG", "~", "[", "{a: b}", "0.5"]))
_keys = st.sampled_from(["title", "years", "queries", "sources", "tokenizer", "analysis", "paths", "dedup", "seed", "key", "label",
                         "terms", "exclude", "backend", "pos", "lexicon", "userdic", "demo", "bigkinds", "files", "naver", "paths", "data", "?"])
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4), max_leaves=12)


def _study_like(draw_dict: dict) -> dict:
    """The default study with some keys replaced, so fuzzing reaches deep validation and not only the top level."""
    import yaml

    base = yaml.safe_load(packaged_config_path().read_text(encoding="utf-8"))
    base.update(draw_dict)
    return base


@fuzz_settings(150)
@given(st.one_of(
    st.text(max_size=200),
    _values.map(lambda v: __import__("yaml").safe_dump(v, allow_unicode=True)),
    st.dictionaries(_keys, _values, max_size=4).map(lambda d: __import__("yaml").safe_dump(_study_like(d), allow_unicode=True)),
))
def test_fuzz_study_yaml(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("study")
    path = folder / "study.yaml"
    path.write_text(text, encoding="utf-8")
    fails_cleanly(lambda: load_config(path, cwd=folder))


def test_without_a_config_the_working_folders_study_file_is_used(tmp_path):
    """A folder made by `trendscope init` runs with plain `trendscope run` inside it; then configs/default.yaml; then the built-in study."""
    from trendscope.config import default_config_path
    from trendscope.study import init_study

    assert default_config_path(tmp_path) == packaged_config_path()
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "default.yaml").write_text(packaged_config_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert default_config_path(tmp_path) == tmp_path / "configs" / "default.yaml"
    study = init_study(tmp_path)
    assert default_config_path(tmp_path) == study
    edited = study.read_text(encoding="utf-8").replace("years: 2015-2020", "years: 2017-2021")
    study.write_text(edited, encoding="utf-8")
    assert str(load_config(cwd=tmp_path).years) == "2017-2021"
