"""The kwic command end to end, on the shared demo study (read only)."""

from typer.testing import CliRunner

from trendscope.cli import app


def test_kwic_prints_and_writes_csv(demo_study, tmp_path):
    target = tmp_path / "lines.csv"
    result = CliRunner().invoke(app, ["kwic", "리빙랩", "--config", str(demo_study / "study.yaml"), "--query", "socialinnovation", "--year", "2020", "--csv", str(target), "-n", "3"])
    assert result.exit_code == 0, result.output
    assert "리빙랩" in result.output and "line(s) written" in result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    import pandas as pd

    lines = pd.read_csv(target, encoding="utf-8-sig")
    assert len(lines) > 3
    assert (lines["keyword"] == "리빙랩").all() and (lines["year"] == 2020).all() and (lines["query"] == "socialinnovation").all()
    assert {"date", "outlet", "title", "left", "right"} <= set(lines.columns)


def test_kwic_unknown_query_is_one_line(demo_study, tmp_path):
    result = CliRunner().invoke(app, ["kwic", "리빙랩", "--config", str(demo_study / "study.yaml"), "--query", "nope", "--csv", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "unknown query key 'nope'" in result.output


def test_new_commands_have_examples():
    for command in ("kwic", "figures"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_kwic_prints_markup_in_terms_and_paths_as_written(demo_study, tmp_path, monkeypatch):
    """`kwic '[/bold]'` used to crash with a MarkupError; `--csv kw[red]x.csv` printed 'kwx.csv'."""
    config = str(demo_study / "study.yaml")
    result = CliRunner().invoke(app, ["kwic", "[/bold]", "--config", config, "--csv", str(tmp_path / "x.csv")])
    assert result.exit_code == 0, result.output
    assert "[/bold]: 0 occurrence(s)" in result.output
    target = tmp_path / "kw[red]x.csv"
    result = CliRunner().invoke(app, ["kwic", "리빙랩", "--config", config, "--year", "2020", "--csv", str(target), "-n", "2"])
    assert result.exit_code == 0, result.output
    assert f"written to {target}" in " ".join(result.output.split()) and target.is_file()


def test_kwic_default_csv_keeps_the_term_file_name_safe(demo_study, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["kwic", "리빙랩", "--config", str(demo_study / "study.yaml"), "--year", "2020", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kwic_리빙랩.csv").is_file()
    from trendscope.commands.kwic import default_csv

    assert default_csv("4차 산업혁명").name == "kwic_4차_산업혁명.csv" and default_csv("../a/b").name == "kwic_a_b.csv" and default_csv("[/]").name == "kwic_term.csv"
