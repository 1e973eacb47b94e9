"""Five exploration notebooks that load a run's outputs (never recompute the study), built with nbformat and executed with nbclient.

The kernel is this interpreter (`sys.executable -m ipykernel_launcher`), declared
in a kernelspec written to a temporary folder, so execution works in a fresh
virtual environment without `ipython kernel install` and never picks up a
user-level kernel that points at another Python.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from trendscope.catalog import CATALOG_FILE
from trendscope.errors import OutputError

KERNEL_NAME = "trendscope-python"
NOTEBOOKS = ("01_overview", "02_frequency_tfidf", "03_networks", "04_topics", "05_comparison")


def _setup(title: str) -> list:
    return [
        new_code_cell(
            "%matplotlib inline\n"
            "from pathlib import Path\n"
            "import json\n"
            "import pandas as pd\n"
            "import matplotlib.pyplot as plt\n"
            "from IPython.display import display\n"
            "from trendscope.report.figures.style import register_korean_font\n\n"
            "# Korean labels need the NanumGothic font that ships with koreanize-matplotlib.\n"
            "plt.rcParams['font.family'] = register_korean_font()\n"
            "plt.rcParams['axes.unicode_minus'] = False\n"
            "pd.set_option('display.max_columns', 30)\n\n"
            "# Where this run's results are: catalog.json, written by the report stage beside the notebooks (name -> path\n"
            "# relative to this folder), so the notebooks still run when the study folder is copied or moved.\n"
            f"CATALOG = json.loads(Path({CATALOG_FILE!r}).read_text(encoding='utf-8'))\n\n"
            "def artifact(name: str) -> Path:\n"
            "    \"\"\"A result of this run by its name in the catalog (documents, terms, network_nodes, topics, ...).\"\"\"\n"
            "    return Path(CATALOG['artifacts'][name])\n\n"
            "from trendscope.report.csvfile import read_csv\n\n"
            "def table(key: str) -> pd.DataFrame:\n"
            "    \"\"\"A table of this run's report by its key (CATALOG['tables'] lists them), as the analysis produced it (read_csv\n"
            "    takes off the apostrophe the CSV puts before text that a spreadsheet would run as a formula).\"\"\"\n"
            "    return read_csv(CATALOG['tables'][key])\n\n"
            "# One colour per query, the same as in every figure of the report.\n"
            "from trendscope.report.figures.style import query_colors\n"
            "_volume = table('volume_by_year')\n"
            "LABELS = dict(zip(_volume['query'], _volume['label']))\n"
            "COLORS = query_colors(list(LABELS))\n\n"
            f"print({title!r})"
        )
    ]


def overview(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}: overview\n\nWhat this run studied and how many documents it used. Every number comes from this run's files (`reports/`, `data/processed/`)."), *_setup(title)]
    cells += [
        new_code_cell("# The run's lock: per stage its parameters and facts (reports/manifest.json adds the environment once the run ends).\n"
                      "lock = json.loads(artifact('lock').read_text(encoding='utf-8'))['stages']\n"
                      "print('analyzer :', lock['tokenize']['info'].get('analyzer'))\n"
                      "print('POS, min length:', lock['tokenize']['params'].get('pos'), lock['tokenize']['params'].get('min_length'))\n"
                      "print('years    :', lock['count']['params'].get('years'))\n"
                      "print('compare  :', lock.get('compare', {}).get('params', {}).get('compare'))"),
        new_markdown_cell("## Documents per query × year"),
        new_code_cell("volume = table('volume_by_year')\nvolume.pivot(index='year', columns='label', values='kept')"),
        new_code_cell("fig, ax = plt.subplots(figsize=(7, 3.5))\nwide = volume.pivot(index='year', columns='query', values='kept')[list(LABELS)].rename(columns=LABELS)\n"
                      "wide.plot.bar(ax=ax, color=list(COLORS.values()))\n"
                      "ax.set_title('연도별 기사 수 (중복 제외)')\nax.set_ylabel('문서 수')\nplt.show()"),
        new_markdown_cell("## The documents themselves\n\nOutlets and a few titles; `trendscope kwic TERM` prints every sentence holding a term."),
        new_code_cell("documents = pd.read_parquet(artifact('documents'), columns=['query', 'year', 'date', 'outlet', 'title', 'dup_of'])\n"
                      "documents['outlet'].value_counts().head(10)"),
        new_code_cell("import pyarrow.compute as pc\nimport pyarrow.dataset as ds\n\nfrom trendscope.analysis.kwic import kwic\n\n"
                      "term = table('frequency_top_by_year').iloc[0]['term'] if 'frequency_top_by_year' in CATALOG['tables'] else ''\n"
                      "# The 200 earliest of the study's articles holding the term, found while the file is read; only their texts are\n"
                      "# loaded (every article's text would take gigabytes in a large study).\n"
                      "articles = ds.dataset(artifact('documents'))\n"
                      "wanted = (pc.match_substring(pc.field('body'), term) | pc.match_substring(pc.field('title'), term)) & pc.field('dup_of').is_null() "
                      "& pc.field('year').isin([int(y) for y in volume['year'].unique()]) & pc.field('query').isin(list(LABELS))\n"
                      "scan = {'batch_size': 2000, 'batch_readahead': 1, 'fragment_readahead': 1}  # a little at a time\n"
                      "first = articles.to_table(columns=['date', 'doc_id', 'query'], filter=wanted, **scan).sort_by([('date', 'ascending'), ('doc_id', 'ascending'), ('query', 'ascending')])\n"
                      "study = articles.to_table(filter=wanted & pc.field('doc_id').isin(first['doc_id'][:200]), **scan).to_pandas()\n"
                      "kwic(study, term, limit=5)[['date', 'outlet', 'title', 'left', 'keyword', 'right']] if term else 'no term'"),
    ]
    return new_notebook(cells=cells)


def frequency(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}: frequency and TF-IDF\n\nTerm statistics per query × year from `data/processed/terms.parquet` (tf, df, n_docs, tfidf)."), *_setup(title)]
    cells += [
        new_code_cell("terms = pd.read_parquet(artifact('terms'))\nterms.head()"),
        new_markdown_cell("## Top terms of one query and year\n\nChange `QUERY` and `YEAR` to explore."),
        new_code_cell("QUERY = terms['query'].iloc[0]\nYEAR = int(terms['year'].max())\n"
                      "terms[(terms['query'] == QUERY) & (terms['year'] == YEAR)].sort_values(['tf', 'term'], ascending=[False, True]).head(15)"),
        new_markdown_cell("## One term over the years, per 10,000 tokens, every query\n\nRelative frequency makes years with different volumes comparable."),
        new_code_cell("TERM = terms.groupby('term')['tf'].sum().sort_values(ascending=False).index[5]\n"
                      "totals = terms.groupby(['query', 'year'])['tf'].sum()\n"
                      "rel = terms[terms['term'] == TERM].set_index(['query', 'year'])['tf'].div(totals).mul(10_000).unstack('query').fillna(0)\n"
                      "ax = rel.rename(columns=LABELS).plot(marker='o', figsize=(7, 3.5), title=f'{TERM}: 1만 토큰당 빈도', color=[COLORS[k] for k in rel.columns])\nax.set_xlabel('연도')\nplt.show()"),
        new_markdown_cell("## TF-IDF heatmap with the package's figure function"),
        new_code_cell("from trendscope.report.figures.heatmap import plot_term_year_heatmap, term_year_matrix\n"
                      "years = sorted(terms['year'].unique().tolist())\n"
                      "matrix = term_year_matrix(terms, query=QUERY, years=years, n=15)\n"
                      "display(plot_term_year_heatmap(matrix, title=f'{QUERY}: TF-IDF', caption='TF-IDF = tf × ln(N / df)', colorbar_label='TF-IDF'))"),
    ]
    return new_notebook(cells=cells)


def _optional(pattern_code: str, missing: str, present: str) -> str:
    return f"{pattern_code}\nif not found:\n    print({missing!r})\nelse:\n" + "\n".join("    " + line for line in present.splitlines())


def networks(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}: co-occurrence networks\n\nNode measures and edges of every query × year network (`data/processed/network_nodes.parquet`, `network_edges.parquet`), the report's centrality tables (`reports/tables/network_*.csv`) and the graphs (`reports/networks/*.graphml`, open them in Gephi too)."), *_setup(title)]
    cells += [
        new_code_cell("nodes = pd.read_parquet(artifact('network_nodes'))\nedges = pd.read_parquet(artifact('network_edges'))\n"
                      "print(len(nodes), 'nodes and', len(edges), 'edges over', nodes.groupby(['query', 'year']).ngroups, 'networks')\n"
                      "display(table('network_centrality_top_by_year').head(20))"),
        new_markdown_cell("## One network, redrawn\n\nChange `QUERY`, `YEAR` or `N` to look at another network; the drawing uses the package's own figure function."),
        new_code_cell("from trendscope.report.figures.network import drawing_edges, plot_network\n"
                      "QUERY, YEAR, N = next(iter(LABELS)), int(nodes['year'].max()), 25\n"
                      "part_nodes = nodes[(nodes['query'] == QUERY) & (nodes['year'] == YEAR)]\n"
                      "part_edges = edges[(edges['query'] == QUERY) & (edges['year'] == YEAR)]\n"
                      "draw_nodes, draw_edges = drawing_edges(part_nodes, part_edges, n=N, backbone=True)\n"
                      "display(plot_network(draw_nodes, draw_edges, title=f'{LABELS[QUERY]} {YEAR}', caption='network_nodes'))"),
        new_code_cell("import networkx as nx\nfound = sorted(artifact('networks').glob('*.graphml'))\ngraph = nx.read_graphml(found[-1])\n"
                      "print(found[-1].name, graph.number_of_nodes(), 'nodes', graph.number_of_edges(), 'edges')\n"
                      "degree = sorted(graph.degree(weight='weight'), key=lambda item: (-item[1], item[0]))[:15]\ndisplay(pd.DataFrame(degree, columns=['term', 'weighted degree']))"),
    ]
    return new_notebook(cells=cells)


def topics(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}: topics\n\nThe LDA results of this run (`data/processed/topics/`: K sweep, topic terms, prevalence by year, cross-query similarity, gensim models) and the report's topic tables (`reports/tables/topics_*.csv`). The interactive LDAvis pages are in `reports/topics/`."), *_setup(title)]
    modelled = "found = summary['k']"
    none = "No topic model in this run (see summary['skipped'] for why)."
    cells += [
        new_code_cell("TOPICS = artifact('topics')\nsummary = json.loads((TOPICS / 'summary.json').read_text(encoding='utf-8'))\n"
                      "print('K per query:', summary['k'])\nprint('rule:', summary['rule'])\nprint('not modelled:', summary.get('skipped') or 'none')"),
        new_code_cell(_optional(modelled, none, "display(pd.read_parquet(TOPICS / 'ksweep.parquet'))")),
        new_markdown_cell("## Topic terms and prevalence\n\nChange `QUERY` to look at the other discourse; the figure uses the package's own drawing function."),
        new_code_cell(_optional(modelled, none,
                                "terms = table('topics_terms_top')\n"
                                "QUERY = next(iter(summary['k']))\ndisplay(terms[terms['query'] == QUERY].head(20))\n"
                                "prevalence = table('topics_prevalence_by_year')\nprevalence = prevalence[prevalence['query'] == QUERY]\n"
                                "from trendscope.report.figures.topics import plot_prevalence_area\n"
                                "topic_labels = {int(t): str(l) for t, l in zip(prevalence['topic'], prevalence['label'])}\n"
                                "display(plot_prevalence_area(prevalence[['year', 'topic', 'share']], topic_labels=topic_labels, title=f'{LABELS[QUERY]}: topic share per year', caption='topics_prevalence_by_year'))")),
        new_markdown_cell("## Where the two discourses meet\n\nThe most similar pairs of topics across the queries (1 − Jensen–Shannon distance)."),
        new_code_cell(_optional("found = 'topics_cross_query_similarity' in CATALOG['tables']",
                                "Cross-query similarity: needs topics for at least two queries; this run modelled fewer.",
                                "similarity = table('topics_cross_query_similarity')\n"
                                "display(similarity.sort_values(['js_similarity', 'topic_a'], ascending=[False, True]).head(10))")),
    ]
    return new_notebook(cells=cells)


def comparison(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}: comparison\n\nKeyness, trend tests and convergence from `data/processed/{{keyness,trends,new_terms,convergence}}.parquet`."), *_setup(title)]
    cells += [
        new_code_cell("keyness = pd.read_parquet(artifact('keyness'))\nkeyness.groupby(['comparison', 'scope', 'target', 'reference']).size()"),
        new_markdown_cell("## Key terms of one comparison\n\nPositive z: characteristic of the target; negative: of the reference. Filter on `p_adj` for significance."),
        new_code_cell("# Between queries (or, in a one-query study, between the periods of the query), over all study years\n"
                      "overall = keyness[keyness['comparison'] == 'queries']\n"
                      "if overall.empty:\n    overall = keyness[keyness['comparison'] == 'periods']\n"
                      "if overall.empty:\n    print('No keyness comparison in this study (one query and one period).')\nelse:\n"
                      "    scope = sorted(overall['scope'].unique(), key=len)[-1]\n"
                      "    part = overall[overall['scope'] == scope]\n"
                      "    display(part.nlargest(10, 'z')[['term', 'a', 'b', 'per10k_a', 'per10k_b', 'g2', 'log10_p_adj', 'log_ratio', 'z']])\n"
                      "    display(part.nsmallest(10, 'z')[['term', 'a', 'b', 'per10k_a', 'per10k_b', 'g2', 'log10_p_adj', 'log_ratio', 'z']])"),
        new_markdown_cell("## Emerging and fading terms"),
        new_code_cell("trends = pd.read_parquet(artifact('trends'))\ntrends[~trends['trend'].isin(['no trend', 'not tested'])].groupby(['query', 'trend']).head(5)"),
        new_code_cell(_optional("found = int(trends['tested'].sum()) if 'tested' in trends else len(trends)",
                                "Trend tests: no term was tested in this run (compare.trend_min_count occurrences in at least 3 years are needed).",
                                "# the term with the strongest evidence of a trend (largest |z|), and its yearly rate\n"
                                "row = trends.loc[trends['z'].abs().idxmax()]\nyears = [int(c.split('_')[1]) for c in trends.columns if c.startswith('per10k_')]\n"
                                "values = [row[f'per10k_{y}'] for y in years]\nprint(row[['query', 'term', 'z', 'log10_p_adj', 'rate_ratio', 'change_year', 'trend']].to_string())\n"
                                "fig, ax = plt.subplots(figsize=(6, 3))\nax.plot(years, values, marker='o')\nax.set_title(f\"{row['term']}: 1만 토큰당 빈도\")\nplt.show()")),
        new_code_cell("# What the trend tests say, in one sentence per query (computed from this run, not written by hand)\n"
                      f"LANGUAGE = {language!r}\n"
                      "for key, part in trends.groupby('query'):\n"
                      "    rising = part[part['trend'] == 'rising'].sort_values(['z', 'term'], ascending=[False, True])\n"
                      "    falling = part[part['trend'] == 'falling'].sort_values(['z', 'term'])\n"
                      "    def effect(row):\n"
                      "        return f\"×{row['rate_ratio']:.2f}\" if pd.notna(row['rate_ratio']) and row['rate_ratio'] > 0 else ''\n"
                      "    if LANGUAGE == 'ko':\n"
                      "        line = f\"{LABELS.get(key, key)}: 유의하게 늘어난 단어 {len(rising)}개, 줄어든 단어 {len(falling)}개.\"\n"
                      "        if len(rising): line += f\" 가장 크게 늘어난 단어는 '{rising.iloc[0]['term']}'(연 {effect(rising.iloc[0])})입니다.\"\n"
                      "        if len(falling): line += f\" 가장 크게 줄어든 단어는 '{falling.iloc[0]['term']}'(연 {effect(falling.iloc[0])})입니다.\"\n"
                      "    else:\n"
                      "        line = f\"{LABELS.get(key, key)}: {len(rising)} terms rose and {len(falling)} fell significantly.\"\n"
                      "        if len(rising): line += f\" The largest rise is '{rising.iloc[0]['term']}' ({effect(rising.iloc[0])} per year).\"\n"
                      "        if len(falling): line += f\" The largest fall is '{falling.iloc[0]['term']}' ({effect(falling.iloc[0])} per year).\"\n"
                      "    print(line)"),
        new_markdown_cell(HEAD[language]["converging"]),
        new_code_cell("convergence = pd.read_parquet(artifact('convergence'))\nconvergence"),
        new_code_cell("trend = pd.read_parquet(artifact('convergence_trend'))\n"
                      "if trend.empty:\n    print('One query: no second discourse to converge with.')\n"
                      "for _, r in trend.iterrows():\n    print(r['query_a'], '·', r['query_b'], '→', r['verdict'])"),
    ]
    return new_notebook(cells=cells)


HEAD = {
    "ko": {"converging": "## 두 담론은 가까워지고 있는가?"},
    "en": {"converging": "## Are the discourses converging?"},
}

BUILDERS = {"01_overview": overview, "02_frequency_tfidf": frequency, "03_networks": networks, "04_topics": topics, "05_comparison": comparison}


def build_notebooks(title: str, language: str = "ko") -> dict[str, nbformat.NotebookNode]:
    """The notebooks, unexecuted; they find this run's results through catalog.json beside them."""
    notebooks = {}
    for name in NOTEBOOKS:
        nb = BUILDERS[name](title, language)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        notebooks[name] = nb
    return notebooks


def _kernel_manager(spec_dir: Path):
    """A kernel manager that starts this interpreter's ipykernel, whatever kernels the user has installed."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    folder = spec_dir / KERNEL_NAME
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "trendscope", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir)], ensure_native_kernel=False)
    return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)


def error_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs, and stderr that reports a traceback or a missing glyph (a figure without Korean)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("name") == "stderr" and ("Traceback" in output.get("text", "") or "missing from" in output.get("text", "")):
                problems.append(f"cell {index}: {output.get('text', '').strip().splitlines()[-1]}")
    return problems


# Between two notebooks run by one kernel: the user namespace emptied and figures closed, so a notebook
# sees nothing the previous one defined (imported modules stay loaded: that is the saving).
RESET = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"


def execute_notebooks(notebooks: dict[str, nbformat.NotebookNode], folder: Path, *, kernels: int = 1, timeout: int = 180) -> dict[str, float]:
    """Run every notebook's cells in place (cwd = `folder`); returns seconds per notebook.

    `kernels` kernels run side by side, each taking every `kernels`-th notebook in turn and emptying its
    namespace between two (`RESET`).  Starting a kernel and importing pandas and matplotlib was most of
    each notebook's time: five notebooks took 10.4 s in five kernels, 3.9 s in one, on the 10k study.
    """
    from concurrent.futures import ThreadPoolExecutor

    names = list(notebooks)
    shares = [names[i :: max(1, kernels)] for i in range(max(1, min(kernels, len(names))))]

    def run_share(share: list[str]) -> dict[str, float]:
        seconds = {}
        with tempfile.TemporaryDirectory(prefix="trendscope-kernel-") as spec_dir:
            km = _kernel_manager(Path(spec_dir))
            try:
                for position, name in enumerate(share):
                    start = time.perf_counter()
                    if position:
                        _reset(km, name=name)
                    execute_notebook(notebooks[name], folder, name=name, km=km, timeout=timeout)
                    seconds[name] = round(time.perf_counter() - start, 2)
            finally:
                # A kernel manager we pass in is ours to stop (nbclient only stops kernels it created).
                if km.has_kernel:
                    km.shutdown_kernel(now=False)
        return seconds

    with ThreadPoolExecutor(len(shares), thread_name_prefix="notebook") as pool:
        done = [pool.submit(run_share, share) for share in shares]
        measured = {name: s for future in done for name, s in future.result().items()}
    return {name: measured[name] for name in names}


def _reset(km, *, name: str) -> None:
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(RESET, silent=True, store_history=False, timeout=60)
    finally:
        client.stop_channels()
    if reply["content"]["status"] != "ok":
        raise OutputError(f"notebook {name}.ipynb: the kernel could not be reset after the previous notebook: {reply['content'].get('evalue', 'error')}")


def execute_notebook(nb: nbformat.NotebookNode, folder: Path, *, name: str, km, timeout: int = 180) -> nbformat.NotebookNode:
    """Run every cell with cwd = `folder` on `km`'s kernel (started if it is not running; the caller stops it);
    a failing cell is an OutputError naming the notebook and cell."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(nb, timeout=timeout, km=km, resources={"metadata": {"path": str(folder)}})
    try:
        # The kernel's own stderr carries only start-up chatter; cell output arrives over its channels.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        last = str(exc).strip().splitlines()[-1] if str(exc).strip() else "error"
        raise OutputError(f"notebook {name}.ipynb: a cell failed: {last}") from None
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    problems = error_outputs(nb)
    if problems:
        raise OutputError(f"notebook {name}.ipynb: {problems[0]}")
    return nb
