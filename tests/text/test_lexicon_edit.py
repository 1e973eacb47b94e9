"""`trendscope lexicon add`: appends, keeps comments, skips known terms, changes the lexicon hash."""

from typer.testing import CliRunner

from tests.conftest import LEXICON
from trendscope.cli import app
from trendscope.text.lexicon import load_lexicon


def test_lexicon_add_appends_and_changes_the_hash(tmp_path):
    userdic = tmp_path / "userdic.txt"
    userdic.write_text((LEXICON / "userdic.txt").read_text(encoding="utf-8"), encoding="utf-8")
    study = tmp_path / "study.yaml"
    study.write_text("years: 2018\nqueries:\n  - {key: a, label: A, terms: [스마트시티]}\nsources:\n  demo: {}\ntokenizer:\n  lexicon:\n    userdic: userdic.txt\n", encoding="utf-8")
    before_text, before_hash = userdic.read_text(encoding="utf-8"), load_lexicon(userdic).digest()
    result = CliRunner().invoke(app, ["lexicon", "add", "탄소중립도시", "도시  데이터 플랫폼", "스마트시티", "--config", str(study)])
    assert result.exit_code == 0, result.output
    assert "added 2 term(s)" in result.output and "1 already there" in result.output
    after = userdic.read_text(encoding="utf-8")
    assert after == before_text + "탄소중립도시\n도시 데이터 플랫폼\n"  # comments and order kept
    assert load_lexicon(userdic).digest() != before_hash
    bad = CliRunner().invoke(app, ["lexicon", "add", "a#b", "--config", str(study)])
    assert bad.exit_code == 1


def test_lexicon_suggest_writes_a_reviewable_table(demo_study, tmp_path):
    import shutil

    import pandas as pd

    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    out = tmp_path / "candidates.csv"
    result = CliRunner().invoke(app, ["lexicon", "suggest", "--config", str(folder / "study.yaml"), "--jobs", "1", "--csv", str(out), "--top", "20"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert list(table.columns) == ["candidate", "first", "second", "count", "first_count", "second_count", "pmi"]
    assert 0 < len(table) <= 20 and (table["count"] >= 5).all()
    assert table["pmi"].is_monotonic_decreasing
    assert (table["candidate"] == table["first"] + table["second"]).all()


def test_lexicon_add_waits_for_no_run_it_refuses_while_one_holds_the_study(tmp_path):
    """Issue 25 item 11: an edit during a run's tokenize mixed old-lexicon tokens with new-lexicon exclusions."""
    from trendscope.studylock import study_lock

    userdic = tmp_path / "userdic.txt"
    userdic.write_text("스마트시티\n", encoding="utf-8")
    study = tmp_path / "study.yaml"
    study.write_text("years: 2018\nqueries:\n  - {key: a, label: A, terms: [스마트시티]}\nsources:\n  demo: {}\ntokenizer:\n  lexicon:\n    userdic: userdic.txt\n"
                     "paths: {data: data}\n", encoding="utf-8")
    with study_lock(tmp_path / "data"):  # a run in progress
        busy = CliRunner().invoke(app, ["lexicon", "add", "탄소중립도시", "--config", str(study)])
    assert busy.exit_code == 1 and "another trendscope run" in busy.output
    assert userdic.read_text(encoding="utf-8") == "스마트시티\n"
    assert CliRunner().invoke(app, ["lexicon", "add", "탄소중립도시", "--config", str(study)]).exit_code == 0
    assert userdic.read_text(encoding="utf-8") == "스마트시티\n탄소중립도시\n"
