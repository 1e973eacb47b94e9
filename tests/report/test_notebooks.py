"""The five notebooks are written, executed with this interpreter's kernel, with figures and no error output."""

import re
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


def test_notebooks_find_results_through_the_catalog_never_by_file_name():
    nbs = build_notebooks("연구")
    setup = nbs["01_overview"].cells[1].source
    assert "catalog.json" in setup and "register_korean_font()" in setup
    code = "".join(c.source for nb in nbs.values() for c in nb.cells if c.cell_type == "code")
    # Only a folder artifact's own members are named (TOPICS / 'ksweep.parquet'); never a file of the study.
    assert not re.search(r"(?<!TOPICS / )'[\w./-]+\.(parquet|csv)'", code), "a notebook names a result file; use artifact() or table()"
    assert not re.search(r"top\d+", code), "a notebook names a table by its top-N setting"


def test_kernel_is_this_interpreter(tmp_path):
    km = _kernel_manager(tmp_path)
    assert km.kernel_spec.argv[0] == sys.executable


def test_a_kernel_shared_by_notebooks_keeps_nothing_of_the_previous_one(tmp_path):
    from nbformat.v4 import new_code_cell, new_notebook

    from trendscope.report.notebooks import execute_notebooks

    first = new_notebook(cells=[new_code_cell("import os\nsecret = os.getpid()\nimport matplotlib.pyplot as plt\nfig = plt.figure()\nprint(secret)")])
    second = new_notebook(cells=[new_code_cell("print('secret' in dir(), 'os' in dir())"), new_code_cell("import os\nimport matplotlib.pyplot as plt\nprint(os.getpid(), len(plt.get_fignums()))")])
    third = new_notebook(cells=[new_code_cell("print(1)")])
    seconds = execute_notebooks({"a": first, "b": second, "c": third}, tmp_path, kernels=1)
    assert list(seconds) == ["a", "b", "c"]
    assert second.cells[0].outputs[0]["text"] == "False False\n"  # neither a variable nor an import is left over
    pid, figures = second.cells[1].outputs[0]["text"].split()
    assert pid == first.cells[0].outputs[0]["text"].strip() and figures == "0"  # the same kernel, its figures closed
    assert [c.execution_count for c in second.cells] == [1, 2]


def test_notebooks_split_between_kernels_run_in_separate_processes(tmp_path):
    from nbformat.v4 import new_code_cell, new_notebook

    from trendscope.report.notebooks import execute_notebooks

    nbs = {name: new_notebook(cells=[new_code_cell("import os\nprint(os.getpid())")]) for name in ("a", "b", "c")}
    execute_notebooks(nbs, tmp_path, kernels=2)
    pids = {name: nb.cells[0].outputs[0]["text"].strip() for name, nb in nbs.items()}
    assert pids["a"] == pids["c"] != pids["b"]


def test_the_notebooks_prose_is_in_the_report_language():
    """Every markdown cell of the ko notebooks is Korean prose (issue 24: not English with one Korean heading)."""
    for language, script in (("ko", r"[가-힣]"), ("en", r"[A-Za-z]{3}")):
        prose = [c.source for nb in build_notebooks("연구", language).values() for c in nb.cells if c.cell_type == "markdown"]
        assert len(prose) >= 15
        assert all(re.search(script, text) for text in prose), language
    english = [c.source for nb in build_notebooks("연구", "ko").values() for c in nb.cells if c.cell_type == "markdown"
               if not re.search(r"[가-힣]", c.source)]
    assert english == []
