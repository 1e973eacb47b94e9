from trendscope.analysis.tokenizer_compare import differing_terms, overlap_by_year, speed_table, top_terms

TOKENS = {
    "a": [["스마트시티", "도시", "도시"], ["사회혁신", "리빙랩"]],
    "b": [["스마트", "시티", "도시"], ["사회혁신", "리빙랩"]],
}
YEARS = [2018, 2019]


def test_top_terms_ties_by_term():
    assert top_terms([["나", "가", "다", "다"]], 2) == ["다", "가"]


def test_overlap_and_differences():
    overlap = overlap_by_year(TOKENS, YEARS, n=2)
    assert overlap.set_index("year")["jaccard"].to_dict() == {2018: round(1 / 3, 4), 2019: 1.0}
    diff = differing_terms(TOKENS, n=4)
    assert ("a", "스마트시티") in set(zip(diff["backend"], diff["term"], strict=True))


def test_speed_table():
    table = speed_table(TOKENS, {"a": 2.0, "b": 1.0}, chars=100)
    assert table["chars_per_s"].tolist() == [50, 100] and table["tokens_per_doc"].tolist() == [2.5, 2.5]


def test_compare_tokenizers_command(demo_study, tmp_path):
    import shutil

    import pandas as pd
    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    out = tmp_path / "cmp"
    result = CliRunner().invoke(app, ["compare-tokenizers", "kiwi", "mecab", "--config", str(folder / "study.yaml"), "--years", "2018-2019", "--sample", "10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    speed = pd.read_csv(out / "speed.csv", encoding="utf-8-sig")
    assert speed["backend"].tolist() == ["kiwi", "mecab"] and (speed["documents"] == 20).all() and (speed["chars_per_s"] > 0).all()
    overlap = pd.read_csv(out / "top_overlap_by_year.csv", encoding="utf-8-sig")
    assert overlap["year"].tolist() == [2018, 2019] and overlap["jaccard"].between(0, 1).all()
    assert CliRunner().invoke(app, ["compare-tokenizers", "kiwi", "--config", str(folder / "study.yaml")]).exit_code == 1
