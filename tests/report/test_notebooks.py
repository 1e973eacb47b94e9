"""The five notebooks are written, executed with this interpreter's kernel, with figures and no error output."""

import sys

import nbformat

from trendscope.report.notebooks import NOTEBOOKS, _kernel_manager, build_notebooks, error_outputs


def test_demo_notebooks_executed_without_errors(demo_study):
    folder = demo_study / "notebooks"
    assert sorted(p.stem for p in folder.glob("*.ipynb")) == sorted(NOTEBOOKS)
    for name in NOTEBOOKS:
        nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.execution_count is not None for c in code), name
        assert error_outputs(nb) == [], name
        outputs = [o for c in code for o in c.outputs]
        assert not any(o.get("output_type") == "error" for o in outputs)
        text = "".join(o.get("text", "") for o in outputs)
        assert "missing from" not in text
        assert any("image/png" in o.get("data", {}) for o in outputs), f"{name}: no inline figure"
        # a figure displayed without its image means the inline backend was not active
        shown_as_text = [o for o in outputs if "<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o.get("data", {})]
        assert not shown_as_text, name
    networks = nbformat.read(folder / "03_networks.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in networks.cells if c.cell_type == "code" for o in c.outputs)
    assert "nodes and" in text and ".graphml" in text
    topics = nbformat.read(folder / "04_topics.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in topics.cells if c.cell_type == "code" for o in c.outputs)
    assert "K per query" in text


def test_notebooks_load_outputs_relative_to_their_folder():
    nbs = build_notebooks("../reports", "../data/processed", "연구")
    setup = nbs["01_overview"].cells[1].source
    assert "paths.json" in setup and "'reports': '../reports'" in setup and "register_korean_font()" in setup


def test_kernel_is_this_interpreter(tmp_path):
    km = _kernel_manager(tmp_path)
    assert km.kernel_spec.argv[0] == sys.executable
