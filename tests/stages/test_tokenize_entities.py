"""The tokenize stage adds the exports' entities to the analyzer's dictionary, writes the list, and re-tokenizes when it changes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.conftest import write_study
from tests.corpus.bigkinds_fixtures import ballet_export_rows, press_release_rows, write_bigkinds_workbook
from trendscope.config import load_config
from trendscope.pipeline import run_pipeline

BALLET = "  - key: ballet\n    label: 발레\n    terms: [발레]"


def _study(tmp_path: Path, extra: str = "") -> Path:
    exports = tmp_path / "exports"
    write_bigkinds_workbook(exports / "NewsResult_20200101-20201231.xlsx", ballet_export_rows(60) + press_release_rows())
    return write_study(tmp_path / "study", years="2020-2020", tokenizer="komoran", queries=BALLET,
                       sources=f"  bigkinds:\n    paths: [{exports}]\n    query: ballet", extra=extra)


def _tokenize(study: Path) -> tuple[dict, set[str], pd.DataFrame]:
    results, catalog = run_pipeline(load_config(study), until="tokenize", jobs=1)
    (result,) = [r for r in results if r.name == "tokenize"]
    tokens = {t for row in catalog.load("tokens").arrow(["tokens"]).column("tokens").to_pylist() for t in row}
    return result.info, tokens, catalog.load("entities").frame()


def test_entities_are_kept_whole_listed_and_edits_retokenize(tmp_path):
    study = _study(tmp_path)
    info, tokens, listing = _tokenize(study)
    assert info["entities"]["read"] == 14 and info["entities"]["kept"] == 10 and info["entities"]["user_dictionary"] == "native"
    assert info["people_whole"] == info["people_in_text"] > 0
    assert {"김기민", "박세은", "전민철", "김용걸", "유니버설발레단", "파리오페라발레단"} <= tokens and not {"기민", "민철", "김용"} & tokens
    assert list(listing.columns) == ["entry", "column", "documents"] and len(listing) == 10
    assert set(listing["entry"]) >= {"김기민", "유니버설발레단"} and "현대" not in set(listing["entry"])

    # the researcher's file removes one: the token file is made again, not reused row by row
    (study.parent / "lexicon").mkdir()
    (study.parent / "lexicon" / "entities.tsv").write_text("김기민\tremove\n", encoding="utf-8")
    info, tokens, listing = _tokenize(study)
    assert info["tokenized"] == info["documents"] and info["reused"] == 0
    assert "김기민" not in tokens and "기민" in tokens and "김기민" not in set(listing["entry"])


def test_entities_can_be_switched_off(tmp_path):
    study = _study(tmp_path, extra="")
    text = study.read_text(encoding="utf-8").replace("    stopwords:", "    entities: {enabled: false}\n    stopwords:")
    study.write_text(text, encoding="utf-8")
    info, tokens, listing = _tokenize(study)
    assert info["entities"] == {"enabled": False}
    assert listing.empty and list(listing.columns) == ["entry", "column", "documents"]
    assert {"기민", "민철"} <= tokens and info["people_whole"] < info["people_in_text"]
