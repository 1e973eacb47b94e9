"""The catalog and the stage declarations: every artifact declared once, stages that name artifacts (never files),
bodies that run on data in memory, and cache keys that survive moving a study."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, write_study
from trendscope.catalog import ARTIFACTS, Catalog, Folder, FrameTable, TableStream, config_values, table_key
from trendscope.config import StudyConfig, load_config
from trendscope.pipeline import STAGES, plan
from trendscope.stages.contract import Runtime, canonical


def _config_paths() -> set[str]:
    """Every config path: each leaf field and each section above one."""
    from tests.test_pipeline import leaf_fields

    fields = leaf_fields(StudyConfig)
    return set(fields) | {".".join(f.split(".")[:i]) for f in fields for i in range(1, f.count(".") + 1)}


def test_every_stage_reads_real_config_paths_and_names_declared_artifacts():
    known = _config_paths()
    for stage in STAGES:
        assert set(stage.reads) <= known, f"{stage.name} reads {sorted(set(stage.reads) - known)}, which are not config paths"
        names = [n.rstrip("?") for n in (stage.inputs if isinstance(stage.inputs, tuple) else ())]
        names += list(stage.outputs if isinstance(stage.outputs, tuple) else ())
        assert set(names) <= set(ARTIFACTS), f"{stage.name} names {sorted(set(names) - set(ARTIFACTS))}, not in the catalog"


def test_no_stage_or_report_section_opens_names_or_writes_a_file():
    """Only the catalog and the runner know file names and formats (DESIGN.md, the stage contract)."""
    folders = [REPO / "trendscope" / "stages", REPO / "trendscope" / "report" / "sections"]
    banned_calls = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "read_parquet", "to_parquet", "read_table", "write_table",
                    "to_csv", "read_csv", "mkdir", "unlink", "rmtree", "copytree", "save"}
    offenders = []
    for folder in folders:
        for path in sorted(folder.glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                    if name in banned_calls:
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno} {name}()")
                names_file = isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith((".parquet", ".json", ".csv", ".graphml", ".gexf"))
                if names_file and path.name not in ("topics.py", "report.py", "__init__.py"):  # a folder artifact's member names are its own
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno} names {node.value!r}")
    # collect.py brings sources into data/raw (the CLI's edge, before any stage); the Dask engine ships work to workers.
    offenders = [o for o in offenders if not o.startswith(tuple(f"trendscope/stages/{m}" for m in ("collect.py", "dask_engine.py")))]
    assert offenders == []


def test_report_sections_import_nothing_from_analysis():
    offenders = []
    for path in sorted((REPO / "trendscope" / "report" / "sections").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("trendscope.analysis"):
                offenders.append(f"{path.name}: {node.module}")
    assert offenders == [], "a section computes what a stage should compute and save"


def test_each_format_round_trips_through_the_catalog(tmp_path):
    import pyarrow as pa

    catalog = Catalog({"processed": tmp_path / "p", "raw": tmp_path / "r", "reports": tmp_path / "rep", "notebooks": tmp_path / "nb"})
    (tmp_path / "p").mkdir()
    frame = pd.DataFrame({"query": ["q", "q"], "year": [2019, 2020], "term": ["도시", "혁신"], "tf": [3, 4]})
    catalog.save("terms", frame)
    pd.testing.assert_frame_equal(catalog.load("terms").frame(), frame)
    assert catalog.load("terms").frame(["term"])["term"].tolist() == ["도시", "혁신"]
    schema = pa.schema([("doc_id", pa.string())])
    catalog.save("volume", TableStream(schema, (pa.table({"doc_id": [str(i)]}, schema=schema) for i in range(3))))
    assert catalog.load("volume").num_rows == 3
    catalog.save("collection", {"rows_read": 3, "라벨": "한국어"})
    assert catalog.load("collection") == {"rows_read": 3, "라벨": "한국어"}
    catalog.save("networks", Folder({"a.graphml": b"<graphml/>", "sub/b.json": {"x": 1}, "c.parquet": frame, "d.txt": lambda p: p.write_text("d")}))
    view = catalog.load("networks")
    assert view.names() == ["a.graphml", "c.parquet", "d.txt"] and view.json("sub/b.json") == {"x": 1} and view.frame("c.parquet").equals(frame)
    catalog.save("networks", Folder({"only.graphml": b"x"}))  # replaced whole: nothing of the earlier folder stays
    assert catalog.load("networks").names() == ["only.graphml"]
    assert not list(tmp_path.glob("p/*.tmp*"))


def test_a_missing_input_names_the_file_and_what_makes_it(tmp_path):
    from trendscope.errors import InputError

    catalog = Catalog({"processed": tmp_path})
    with pytest.raises(InputError, match=r"terms\.parquet: .* run `trendscope run`"):
        catalog.load("terms")


def test_a_stage_body_runs_on_data_in_memory():
    """The count stage on a token table held in memory: no file is read or written."""
    from trendscope.stages import count

    params = count.count_params({"years": load_years("2019-2020"), "queries": [type("Q", (), {"key": "q"})()], "analysis.exclude_query_terms": True})
    tokens = pd.DataFrame({"doc_id": ["a", "b", "c"], "query": ["q"] * 3, "year": [2019, 2020, 2020],
                           "tokens": [["도시", "혁신"], ["도시"], ["혁신", "혁신"]], "sentences": [[["도시", "혁신"]], [["도시"]], [["혁신", "혁신"]]]})
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "query": ["q"] * 3, "year": [2019, 2020, 2020], "dup_of": [None, None, None]})
    inputs = {"tokens": FrameTable(tokens), "documents": FrameTable(documents), "query_terms": {"q": ["혁신"]}}
    produced = count.STAGE.body(params, inputs, Runtime())
    terms = produced.outputs["terms"]
    assert sorted(produced.outputs) == ["bigrams", "terms", "volume"]
    assert terms[(terms["year"] == 2020) & (terms["term"] == "혁신")]["tf"].tolist() == [2]
    # the query's own word is counted but not ranked: the top-N lists are cut without it
    assert terms.loc[terms["term"] == "혁신", "rank_tf"].isna().all() and terms.loc[terms["term"] == "도시", "rank_tf"].tolist() == [1, 1]
    assert produced.facts()["token_documents"] == 3


def load_years(text: str):
    from trendscope.config import parse_years

    return parse_years(text)


def test_table_keys_do_not_depend_on_top_n():
    assert table_key("frequency_top20_by_year") == table_key("frequency_top30_by_year") == "frequency_top_by_year"
    assert table_key("volume_by_year") == "volume_by_year"


def test_where_sources_were_collected_from_is_not_in_any_cache_key(tmp_path):
    """Paths, credentials and rate limits decide how files are collected, not what documents they hold."""
    def study(folder: Path, paths: str, rate: float) -> list:
        sources = f"  bigkinds:\n    paths: [{paths}]\n    query: smartcity\n  naver:\n    requests_per_second: {rate}\n    credentials: {folder / 'keys.env'}"
        config = load_config(write_study(folder, sources=sources), cwd=folder)
        return [(p.name, canonical(p.params)) for p in plan(config)]

    assert study(tmp_path / "a", str(tmp_path / "a" / "exports" / "*.xlsx"), 5.0) == study(tmp_path / "b", "/elsewhere/*.xlsx", 2.0)
    config = load_config(write_study(tmp_path / "c", sources="  bigkinds:\n    paths: [x.xlsx]\n    include_flagged: true"), cwd=tmp_path / "c")
    assert config_values(config, ["sources.bigkinds.include_flagged"]) == {"sources.bigkinds.include_flagged": True}
    keyed = {p.name: canonical(p.params) for p in plan(config)}["documents"]
    assert keyed["sources"] == {"bigkinds": {"include_flagged": True, "strict": False}}


def test_a_study_moved_to_another_folder_recomputes_nothing(demo_study, tmp_path):
    from trendscope.cli import app

    moved = tmp_path / "elsewhere" / "study"
    shutil.copytree(demo_study, moved)
    result = CliRunner().invoke(app, ["run", "--config", str(moved / "study.yaml"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date, skipped") == len(STAGES), result.output
