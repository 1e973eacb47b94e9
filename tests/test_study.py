"""`trendscope init`: a new study gets a lexicon of its own, with no term of the smart-city demo's."""

from __future__ import annotations

from pathlib import Path

from trendscope.config import load_config, packaged_config_path
from trendscope.study import init_study
from trendscope.text.lexicon import load_lexicon, read_stopwords, read_synonyms, read_user_dictionary

DEMO_LEXICON = packaged_config_path().parent / "lexicon"


def test_a_new_study_has_its_own_lexicon_with_no_demo_term(tmp_path):
    study = init_study(tmp_path / "ballet")
    config = load_config(study, cwd=tmp_path)
    lexicon = load_lexicon(config.tokenizer.lexicon.userdic, config.tokenizer.lexicon.synonyms, config.tokenizer.lexicon.stopwords)
    assert lexicon.user_words == () and dict(lexicon.synonyms) == {}
    assert {"기자", "관계자", "지난해"} <= lexicon.stopwords and len(lexicon.stopwords) > 50
    demo_words = {t for t, _ in read_user_dictionary(DEMO_LEXICON / "userdic.txt")}
    demo_synonyms = read_synonyms(DEMO_LEXICON / "synonyms.txt")
    demo_terms = demo_words | set(demo_synonyms) | set(demo_synonyms.values())
    assert not lexicon.stopwords & demo_terms
    pieces = {"스마트", "시티", "도시", "혁신", "사회", "디지털", "데이터", "플랫폼", "자율주행", "리빙랩"}
    assert not {w for w in lexicon.stopwords if any(p in w for p in pieces)}
    # the headers say the format, and the files differ from the demo's
    for name in ("userdic.txt", "synonyms.txt", "stopwords.txt"):
        written = (tmp_path / "ballet" / "lexicon" / name).read_text(encoding="utf-8")
        assert written.startswith("# This study's") and written != (DEMO_LEXICON / name).read_text(encoding="utf-8")
    assert (tmp_path / "ballet" / "lexicon" / "entities.tsv").read_text(encoding="utf-8").startswith("#")
    assert config.tokenizer.lexicon.entities.file == tmp_path / "ballet" / "lexicon" / "entities.tsv"


def test_the_built_in_demo_study_keeps_the_demo_lexicon():
    config = load_config(packaged_config_path())
    assert config.tokenizer.lexicon.userdic.resolve() == (DEMO_LEXICON / "userdic.txt").resolve()
    assert len(read_user_dictionary(config.tokenizer.lexicon.userdic)) > 100


def test_init_again_with_force_keeps_the_researchers_lexicon(tmp_path):
    folder: Path = tmp_path / "study"
    init_study(folder)
    userdic = folder / "lexicon" / "userdic.txt"
    userdic.write_text("김기민\n", encoding="utf-8")
    init_study(folder, force=True)
    assert userdic.read_text(encoding="utf-8") == "김기민\n"
    assert read_stopwords(folder / "lexicon" / "stopwords.txt")
