"""The five notebooks are written, executed with this interpreter's kernel, with figures and no error output."""

import re
import sys

import nbformat
import pandas as pd

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
    assert re.search(r"네트워크 \d+개: 노드 [\d,]+개, 연결 [\d,]+개", text) and ".graphml: 노드" in text
    topics = nbformat.read(folder / "04_topics.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in topics.cells if c.cell_type == "code" for o in c.outputs)
    assert "검색어별 토픽 수 K: 스마트시티 8, 사회혁신 6" in text


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


def narratives(nb: nbformat.NotebookNode) -> list[str]:
    """The Markdown the notebook's narrative cells displayed when executed."""
    from trendscope.report.notebooks import NARRATIVE_TAG

    cells = [c for c in nb.cells if NARRATIVE_TAG in c.metadata.get("tags", [])]
    assert len(cells) == 1
    return [o["data"]["text/markdown"] for o in cells[0].outputs if "text/markdown" in o.get("data", {})]


def run_words(study) -> set[str]:
    """Words that are this run's data, not prose: query labels, terms and topic labels (any script)."""
    import pandas as pd

    words = {"스마트시티", "사회혁신"}
    words |= set(pd.read_parquet(next((study / "data" / "processed").glob("terms*.parquet")), columns=["term"])["term"])
    for csv in (study / "reports" / "tables").glob("topics_*.csv"):
        frame = pd.read_csv(csv, encoding="utf-8-sig")
        if "label" in frame:
            words |= {w for label in frame["label"].dropna() for w in re.split(r"[·\s†]+", str(label)) if w}
    return words


def prose_words(text: str, data: set[str], script: str) -> set[str]:
    """Words of `script` in `text` once quoted terms and the run's own words (terms, labels; longest first) are taken out."""
    text = re.sub(r"'[^']*'", " ", text)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return set(re.findall(script, text))


def test_demo_notebooks_say_what_this_run_found_in_korean(demo_study):
    """Issue 24: each notebook opens with sentences computed from the run (volume and peak year, top and rising terms,
    the largest community, the most prevalent topic, the trend tests and the convergence verdict), in Korean only."""
    data = run_words(demo_study)
    said = {}
    for name in NOTEBOOKS:
        nb = nbformat.read(demo_study / "notebooks" / f"{name}.ipynb", as_version=4)
        (text,) = narratives(nb)
        said[name] = text
        assert text.startswith("- ") and re.search(r"[가-힣]", text), name
        leaks = prose_words(text, data, r"[A-Za-z][A-Za-z-]+") - {"TF-IDF"}
        assert not leaks, (name, sorted(leaks))
    volume = pd.read_csv(demo_study / "reports" / "tables" / "volume_by_year.csv", encoding="utf-8-sig")
    smartcity = volume[volume["query"] == "smartcity"]
    peak = smartcity.sort_values(["kept", "year"], ascending=[False, True]).iloc[0]
    assert f"2018–2021년 스마트시티 기사 {smartcity['kept'].sum():,}건" in said["01_overview"]
    assert f"가장 많은 해는 {peak['year']}년({peak['kept']:,}건)" in said["01_overview"]
    assert "가장 큰 커뮤니티는" in said["03_networks"] and "토픽 8개" in said["04_topics"]
    assert "판정: 추세 없음" in said["05_comparison"] and "보정 p = " in said["05_comparison"]


def test_the_same_narratives_in_english(demo_study):
    """The English templates, run on the demo's results: sentences with no Hangul outside the run's own words."""
    from trendscope.report.notebooks import execute_notebooks

    nbs = build_notebooks("study", "en")
    execute_notebooks(nbs, demo_study / "notebooks", kernels=1)  # reads the run's results; writes nothing
    data = run_words(demo_study)
    for name, nb in nbs.items():
        (text,) = narratives(nb)
        assert re.search(r"[A-Za-z]{4}", text) and not prose_words(text, data, r"[가-힣]+"), (name, text)
    assert "verdict: no trend" in narratives(nbs["05_comparison"])[0]


def test_every_notebook_has_one_narrative_cell_whose_korean_templates_hold_no_english():
    from trendscope.report.notebooks import NARRATIVE_TAG, PROSE

    for language in ("ko", "en"):
        for name, nb in build_notebooks("연구", language).items():
            cells = [c for c in nb.cells if NARRATIVE_TAG in c.metadata.get("tags", [])]
            assert len(cells) == 1 and "SAY = {" in cells[0].source and "display(Markdown(" in cells[0].source, (language, name)
    says = {key: texts for key, texts in PROSE.items() if key.startswith("say_")}
    assert len(says) >= 10
    for key, texts in says.items():
        ko = re.sub(r"\{[^}]*\}", " ", texts["ko"])  # placeholders are code
        assert re.search(r"[가-힣]", ko) and set(re.findall(r"[A-Za-z][A-Za-z-]+", ko)) <= {"TF-IDF"}, key
        assert not re.search(r"[가-힣]", texts["en"]), key


def test_what_the_korean_notebooks_print_is_korean(demo_study):
    """Every line the ko notebooks print (settings, counts, messages) is Korean: no English label, no raw setting code
    (the lock's dicts were printed as they are). File names, the analyzer's name and the run's words are data."""
    data = run_words(demo_study) | {"test", "study", "KoNLPy", "Komoran", "Java", "K"}
    for name in NOTEBOOKS:
        nb = nbformat.read(demo_study / "notebooks" / f"{name}.ipynb", as_version=4)
        printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "stream")
        printed = re.sub(r"[\w./-]+\.(graphml|json|md)(?![A-Za-z0-9])", " ", printed)  # file names (a particle may follow)
        leaks = prose_words(printed, data, r"[A-Za-z][A-Za-z_-]+")
        assert not leaks, (name, sorted(leaks))
