"""The Dask engine gives the local engine's tables: a LocalCluster of two worker processes on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import write_study
from trendscope.analysis.counts import bigram_frequencies, term_frequencies
from trendscope.config import load_config
from trendscope.pipeline import run_pipeline
from trendscope.stages.dask_engine import dask_count, document_chunks

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


def _tables(folder: Path, **engine) -> dict[str, pd.DataFrame]:
    # mecab: the fastest analyzer; the engine, not the analyzer, is under test.  2018 has 463 demo rows: three chunks of 200.
    config = load_config(write_study(folder, years="2018", tokenizer="mecab"), cwd=folder)
    _results, catalog = run_pipeline(config, until="count", jobs=2, **engine)
    return {name: catalog.load(name).frame() for name in ("tokens", "terms", "bigrams")}


def test_dask_tables_are_identical_to_the_local_engine(tmp_path, cluster):
    local = _tables(tmp_path / "local")
    dask = _tables(tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert len(local["tokens"]) > 400 and len(local["terms"]) > 100
    prefixes = " ".join(cluster.scheduler.task_prefixes)
    assert "tokenize_chunk" in prefixes and "partial_counts" in prefixes  # the work did run on the cluster
    for name in ("tokens", "terms", "bigrams"):
        pd.testing.assert_frame_equal(dask[name], local[name], check_exact=True, obj=name)


def _tokens() -> pd.DataFrame:
    rows = [
        ("d1", "a", 2018, ["도시", "데이터", "도시"], [["도시", "데이터"], ["도시"]]),
        ("d2", "a", 2018, ["데이터"], [["데이터"]]),
        ("d3", "a", 2018, [], []),  # a document without tokens still counts in n_docs
        ("d1", "b", 2018, ["도시", "데이터", "도시"], [["도시", "데이터"], ["도시"]]),  # the same document under a second query
        ("d4", "a", 2019, ["혁신", "도시"], [["혁신", "도시"]]),
        ("d5", "b", 2019, ["혁신"], [["혁신"]]),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "query", "year", "tokens", "sentences"])


@pytest.mark.parametrize("chunk_docs", [1, 2, 100])
def test_partial_counts_add_up_to_the_local_counts(client, chunk_docs):
    tokens = _tokens()
    terms, bigrams = dask_count(client, tokens, chunk_docs=chunk_docs)
    pd.testing.assert_frame_equal(terms, term_frequencies(tokens), check_exact=True)
    pd.testing.assert_frame_equal(bigrams, bigram_frequencies(tokens), check_exact=True)


def test_a_documents_rows_stay_in_one_chunk():
    chunks = document_chunks(_tokens(), 1)
    homes = {}
    for number, chunk in enumerate(chunks):
        for doc_id in chunk["doc_id"]:
            assert homes.setdefault(doc_id, number) == number
    assert len(chunks) == 5


def test_an_unknown_engine_is_one_clear_error(tmp_path):
    from typer.testing import CliRunner

    from trendscope.cli import app

    study = write_study(tmp_path, years="2018", tokenizer="mecab")
    result = CliRunner().invoke(app, ["tokenize", "--config", str(study), "--engine", "spark", "--quiet"])
    assert result.exit_code != 0
    assert "--engine spark: expected local or dask" in result.output
    assert not (tmp_path / "data" / "processed").exists() or not list((tmp_path / "data" / "processed").glob("tokens-*"))
