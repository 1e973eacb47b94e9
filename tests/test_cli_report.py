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
