"""The demo corpus 2015–2020 tokenized once with the real analyzer (Komoran), for the calibration tests of analysis/."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import write_study

DEMO_YEARS = list(range(2015, 2021))


@pytest.fixture(scope="session")
def demo_tokens_2015_2020(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The token table (query, year, tokens, …) of the demo study 2015–2020, as the tokenize command writes it.

    The planted trends of this span are documented in `trendscope.corpus.demo_generator`.
    Tokenizing takes about 25 s on two cores, so it runs once per session.
    """
    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path_factory.mktemp("demo-tokens-2015-2020")
    study = write_study(folder, years="2015-2020")
    result = CliRunner().invoke(app, ["tokenize", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    files = sorted((folder / "data" / "processed").glob("tokens-*.parquet"))
    assert len(files) == 1, files
    tokens = pd.read_parquet(files[0])
    assert sorted(tokens["year"].unique()) == DEMO_YEARS
    return tokens
