"""The token cache is keyed by backend, version, POS set and lexicon: switching backends and back costs nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from trendscope.cli import app

runner = CliRunner()


def _tokenize(study: Path, backend: str) -> dict:
    result = runner.invoke(app, ["tokenize", "--config", str(study), "--years", "2018", "--tokenizer", backend, "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    lock = json.loads((study.parent / "data" / "processed" / "trendscope.lock.json").read_text(encoding="utf-8"))
    return lock["stages"]["tokenize"]


def test_switching_backends_and_back_does_no_tokenizing(demo_study, tmp_path):
    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    study = folder / "study.yaml"
    first = _tokenize(study, "mecab")
    assert first["info"]["tokenized"] > 0 and first["params"]["backend"] == "mecab"
    back = _tokenize(study, "komoran")  # the demo run's komoran tokens are reused
    assert back["info"]["tokenized"] == 0 and back["info"]["reused"] > 0
    again = _tokenize(study, "mecab")
    assert again["info"]["tokenized"] == 0 and again["info"]["reused"] == first["info"]["tokenized"]
    files = sorted(p.name for p in (folder / "data" / "processed").glob("tokens-*.parquet"))
    assert [f.split("-")[1] for f in files] == ["komoran", "mecab"]


def test_a_lexicon_edit_changes_the_cache_key(demo_study, tmp_path):
    from trendscope.config import load_config
    from trendscope.pipeline import study_catalog

    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    lexicon = folder / "userdic.txt"
    shutil.copy(Path(__file__).resolve().parents[2] / "configs" / "lexicon" / "userdic.txt", lexicon)
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    text = "\n".join(f"    userdic: {lexicon}" if line.strip().startswith("userdic:") else line for line in text.splitlines())
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    config = load_config(folder / "study.yaml")
    before = study_catalog(config).path("tokens")
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "탄소중립도시\n", encoding="utf-8")
    after = study_catalog(load_config(folder / "study.yaml")).path("tokens")
    assert before != after and before.name.startswith("tokens-komoran-")


def _token_file(study: Path) -> Path:
    (path,) = (study.parent / "data" / "processed").glob("tokens-*.parquet")
    return path


def test_an_edited_token_file_is_not_reused_and_force_tokenizes_everything(tmp_path):
    """Issue 14, item 1: rows edited in the token file were reused (matched by doc id and text hash only)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.conftest import write_study

    study = write_study(tmp_path / "study", years="2018")
    first = _tokenize(study, "komoran")
    total = first["info"]["documents"]
    assert first["info"]["tokenized"] > 0
    path = _token_file(study)
    frame = pq.read_table(path).to_pandas()
    original = frame["tokens"].map(list).tolist()
    edited = frame.index[::7]  # the injected term in every seventh row, digests left as written
    frame.loc[edited, "tokens"] = frame.loc[edited, "tokens"].map(lambda tokens: [*tokens, "주입된용어"] * 3)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)

    again = _tokenize(study, "komoran")
    rows = pq.read_table(_token_file(study)).to_pandas()
    assert not any("주입된용어" in tokens for tokens in rows["tokens"])
    assert again["info"]["cached_rows_rejected"] == len(edited)
    # only the edited rows were tokenized again (fewer when a document's copy for the other query was intact)
    assert 0 < again["info"]["tokenized"] <= len(edited) and again["info"]["reused"] > 0
    assert rows["tokens"].map(list).tolist() == original

    result = runner.invoke(app, ["tokenize", "--config", str(study), "--years", "2018", "--jobs", "1", "--quiet", "--force"])
    assert result.exit_code == 0, result.output
    forced = json.loads((study.parent / "data" / "processed" / "trendscope.lock.json").read_text(encoding="utf-8"))["stages"]["tokenize"]
    assert forced["info"]["reused"] == 0 and forced["info"]["tokenized"] == first["info"]["tokenized"]
    assert forced["info"]["documents"] == total
