"""Shared fixtures: small data built in code, and one demo-corpus study run shared by the end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "configs" / "lexicon"


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


REFERENCE_QUERIES = """  - key: smartcity
    label: 스마트시티
    terms: [스마트시티]
  - key: socialinnovation
    label: 사회혁신
    terms: [사회혁신]"""


def write_study(
    folder: Path, *, years: str = "2018-2021", extra: str = "", tokenizer: str = "komoran", sources: str = "  demo: {}", title: str = "test study",
    queries: str = REFERENCE_QUERIES,
) -> Path:
    """A study file in `folder` using the shipped lexicon, the given `queries:` and `sources:` sections (indented YAML; default the reference study on the demo)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = f"""
title: {title}
years: {years}
queries:
{queries.rstrip()}
sources:
{sources}
tokenizer:
  backend: {tokenizer}
  lexicon:
    userdic: {LEXICON / 'userdic.txt'}
    synonyms: {LEXICON / 'synonyms.txt'}
    stopwords: {LEXICON / 'stopwords.txt'}
paths:
  data: data
  reports: reports
  notebooks: notebooks
{extra}
"""
    path = folder / "study.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo study (2018–2021) run once through the CLI; tests read its outputs and must not modify them."""
    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path_factory.mktemp("demo-study")
    study = write_study(folder)
    result = CliRunner().invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder


def fuzz_settings(default: int):
    """Hypothesis settings for the reader fuzz tests: `default` examples (the suite stays fast), or TRENDSCOPE_FUZZ_EXAMPLES when set (`make fuzz`)."""
    import os

    from hypothesis import HealthCheck, settings

    examples = int(os.environ.get("TRENDSCOPE_FUZZ_EXAMPLES") or default)
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])


def fails_cleanly(call):
    """Run `call`: it may return or raise a TrendscopeError whose message is one non-empty line; anything else escapes and fails the test."""
    from trendscope.errors import TrendscopeError

    try:
        return call()
    except TrendscopeError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
        return None


@pytest.fixture(scope="session")
def fifteen_year_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus over all its 15 years (2010–2024), both queries, run once with Mecab, a small topic sweep and no
    notebooks (90 CPU-seconds with its children, measured with /usr/bin/time at load 15), for tests of what a long study
    draws; tests must not modify it."""
    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path_factory.mktemp("fifteen-year-study")
    extra = "topics: {k_min: 4, k_max: 6, k_step: 2, passes: 2, stability_seeds: 2}\nreport: {notebooks: false, wordclouds: true}\n"
    study = write_study(folder, years="2010-2024", tokenizer="mecab", extra=extra)
    result = CliRunner().invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder
