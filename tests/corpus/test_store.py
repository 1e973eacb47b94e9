"""The raw store: files checked against the manifest on every read; damaged files named, never a bare EOFError."""

import gzip

import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from tests.corpus.news_fixtures import sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.cli import app
from trendscope.config import load_config
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.sources.demo import RAW_PATH, DemoSource
from trendscope.corpus.store import RawStore, gunzip
from trendscope.errors import InputError


def test_a_truncated_gzip_is_an_input_error_naming_the_file():
    data = gzip.compress("스마트시티 사회혁신\n".encode() * 2000)
    with pytest.raises(InputError, match=r"^x.jsonl.gz: gzip file is damaged .*trendscope collect"):
        gunzip(data[: len(data) // 2], "x.jsonl.gz")
    with pytest.raises(InputError, match="damaged"):
        gunzip(b"\x1f\x8b\x08\x00garbage" + data[20:], "x.jsonl.gz")
    assert gunzip(data, "x") == gzip.decompress(data)


def test_reading_checks_the_recorded_sha256(tmp_path):
    store = RawStore(tmp_path / "raw")
    entry = store.add_bytes("files/q/a.csv", b"date,text\n2015-01-01,x\n", source="files")
    assert store.read_bytes(entry) == b"date,text\n2015-01-01,x\n" and store.intact(entry.path)
    (tmp_path / "raw" / entry.path).write_bytes(b"date,text\n2015-01-01,y\n")
    assert not store.intact(entry.path)
    with pytest.raises(InputError, match=r"a.csv: raw file is damaged .*sha256 differs from manifest.json.*trendscope collect"):
        store.read_bytes(entry)
    (tmp_path / "raw" / entry.path).unlink()
    with pytest.raises(InputError, match="a.csv: raw file listed in manifest.json is missing"):
        store.read_bytes(entry)


def test_a_demo_file_cut_in_half_is_reported_and_collect_restores_it(tmp_path):
    config = load_config(write_study(tmp_path / "study", years="2018-2019"), cwd=tmp_path)
    store = RawStore(config.paths.raw)
    source = DemoSource()
    source.collect(config, store)
    raw = config.paths.raw / RAW_PATH
    whole = raw.read_bytes()
    raw.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"demo_corpus.jsonl.gz: raw file is damaged"):
        next(source.read(config, store.files("demo"), CollectReport("demo")))
    source.collect(config, store)  # the recorded bytes offered again restore the copy
    assert raw.read_bytes() == whole
    assert next(source.read(config, store.files("demo"), CollectReport("demo"))).source == "demo"


def test_the_cli_names_a_damaged_raw_file_instead_of_aborting(tmp_path):
    exports = tmp_path / "exports"
    export = write_bigkinds_xlsx(exports / "NewsResult_20150101-20151231.xlsx", sample_export_rows())
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{exports}]\n    query: smartcity")
    runner = CliRunner()
    assert runner.invoke(app, ["collect", "--config", str(study)]).exit_code == 0
    export.unlink()  # the original is gone: the raw copy is all there is, read through an empty `bigkinds:` section
    study = write_news_study(tmp_path / "study", "  bigkinds:\n    query: smartcity")
    (copy,) = (tmp_path / "study" / "data" / "raw" / "bigkinds" / "smartcity").iterdir()
    copy.write_bytes(copy.read_bytes()[:500])
    result = runner.invoke(app, ["collect", "--config", str(study)])
    assert result.exit_code == 1
    assert "Aborted" not in result.output and "raw file is damaged" in result.output and copy.name in result.output.replace("\n", "")
