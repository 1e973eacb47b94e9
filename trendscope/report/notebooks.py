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


# The notebooks' prose, in the report's language: what each part shows, how to read it, what to change to explore.
PROSE: dict[str, dict[str, str]] = {
    'overview': {
        "ko": '# {title}: 개요\n\n이 실행이 무엇을 연구했고 문서를 몇 건 썼는지 봅니다. 모든 숫자는 이 실행의 결과 파일에서 읽습니다(`catalog.json`이 이름 → 위치를 알려 줍니다). 아래 셀은 형태소 분석기·품사·연도 같은 설정을 실행 기록(lock)에서 그대로 보여 주므로, 보고서의 방법 절과 대조할 수 있습니다.',
        "en": "# {title}: overview\n\nWhat this run studied and how many documents it used. Every number comes from this run's files (`reports/`, `data/processed/`).",
    },
    'overview_volume': {
        "ko": '## 검색어 × 연도별 문서 수\n\n중복을 뺀 분석 문서 수입니다. 막대가 해마다 크게 다르면 빈도보다 1만 토큰당 비율로 비교하십시오.',
        "en": '## Documents per query × year',
    },
    'overview_documents': {
        "ko": '## 문서 자체\n\n언론사 분포와 몇몇 제목, 그리고 가장 많이 나온 단어의 용례(KWIC)입니다. `term`을 바꾸면 다른 단어를 볼 수 있고, 모든 용례는 `trendscope kwic 단어`로 출력됩니다.',
        "en": '## The documents themselves\n\nOutlets and a few titles; `trendscope kwic TERM` prints every sentence holding a term.',
    },
    'frequency': {
        "ko": '# {title}: 빈도와 TF-IDF\n\n검색어 × 연도별 단어 통계(tf = 출현 수, df = 나온 문서 수, n_docs = 문서 수, tfidf)를 봅니다. TF-IDF는 한 해 안에서 단어를 비교하는 값이고, 해를 넘어 비교할 때는 1만 토큰당 빈도를 씁니다.',
        "en": '# {title}: frequency and TF-IDF\n\nTerm statistics per query × year from `data/processed/terms.parquet` (tf, df, n_docs, tfidf).',
    },
    'frequency_top': {
        "ko": '## 한 검색어·한 해의 상위 단어\n\n`QUERY`와 `YEAR`를 바꾸어 다른 검색어와 연도를 살펴보십시오. 표는 빈도 순(같으면 가나다순)입니다.',
        "en": '## Top terms of one query and year\n\nChange `QUERY` and `YEAR` to explore.',
    },
    'frequency_term': {
        "ko": '## 한 단어의 연도별 흐름(1만 토큰당, 검색어별)\n\n문서 수가 다른 해끼리도 비교할 수 있도록 비율로 그립니다. `TERM`을 바꾸어 다른 단어를 보십시오.',
        "en": '## One term over the years, per 10,000 tokens, every query\n\nRelative frequency makes years with different volumes comparable.',
    },
    'frequency_heatmap': {
        "ko": '## 패키지의 그림 함수로 그린 TF-IDF 열지도\n\n보고서와 같은 함수로 그리므로 설정(`n`, 값 종류)을 바꾸어 다시 그려 볼 수 있습니다.',
        "en": "## TF-IDF heatmap with the package's figure function",
    },
    'networks': {
        "ko": '# {title}: 동시출현 네트워크\n\n검색어 × 연도별 네트워크의 노드 지표와 간선(`network_nodes`, `network_edges`), 보고서의 중심성 표, 그리고 Gephi에서 열 수 있는 그래프 파일(`networks`)을 봅니다. 검색어 자체는 그 검색어의 네트워크에서 빠져 있습니다.',
        "en": "# {title}: co-occurrence networks\n\nNode measures and edges of every query × year network (`data/processed/network_nodes.parquet`, `network_edges.parquet`), the report's centrality tables (`reports/tables/network_*.csv`) and the graphs (`reports/networks/*.graphml`, open them in Gephi too).",
    },
    'networks_one': {
        "ko": '## 네트워크 하나를 다시 그리기\n\n`QUERY`, `YEAR`, `N`을 바꾸면 다른 네트워크를 볼 수 있습니다. 그림은 보고서와 같은 함수로 그립니다.',
        "en": "## One network, redrawn\n\nChange `QUERY`, `YEAR` or `N` to look at another network; the drawing uses the package's own figure function.",
    },
    'topics': {
        "ko": '# {title}: 토픽\n\n이 실행의 LDA 결과(K 선택, 토픽 단어, 연도별 비중, 검색어 간 유사도, 모델)와 보고서의 토픽 표를 봅니다. 대화형 LDAvis 페이지는 보고서의 `topics/` 폴더에 있습니다.',
        "en": "# {title}: topics\n\nThe LDA results of this run (`data/processed/topics/`: K sweep, topic terms, prevalence by year, cross-query similarity, gensim models) and the report's topic tables (`reports/tables/topics_*.csv`). The interactive LDAvis pages are in `reports/topics/`.",
    },
    'topics_terms': {
        "ko": '## 토픽 단어와 연도별 비중\n\n`QUERY`를 바꾸면 다른 담론을 볼 수 있습니다. 면적이 넓어지는 토픽이 그 해에 비중이 커진 주제입니다.',
        "en": "## Topic terms and prevalence\n\nChange `QUERY` to look at the other discourse; the figure uses the package's own drawing function.",
    },
    'topics_meet': {
        "ko": '## 두 담론이 만나는 곳\n\n검색어 간 가장 비슷한 토픽 쌍(1 − Jensen–Shannon 거리)입니다. 값이 클수록 두 담론이 같은 주제를 다룹니다.',
        "en": '## Where the two discourses meet\n\nThe most similar pairs of topics across the queries (1 − Jensen–Shannon distance).',
    },
    'comparison': {
        "ko": '# {title}: 비교\n\n특징어(keyness), 연도 단위 추세 검정, 담론의 수렴을 봅니다. 추세 검정은 연도를 단위로 하므로 연구 연도가 적으면 큰 변화만 검출됩니다. 유의한 단어가 없다는 것이 변화가 없다는 뜻은 아닙니다.',
        "en": '# {title}: comparison\n\nKeyness, the year-level trend tests and convergence (the keyness, trends, new_terms and convergence results). The trend test takes the year as its unit: with few study years only large changes are detectable, and no significant term does not mean no change.',
    },
    'comparison_keyness': {
        "ko": '## 한 비교의 특징어\n\n양의 z는 비교 대상 쪽, 음의 z는 기준 쪽의 특징어입니다. 유의성은 `p_adj`로 거르십시오(검색어 간 비교는 문서 단위, 기간 비교는 연도 단위 검정).',
        "en": '## Key terms of one comparison\n\nPositive z: characteristic of the target; negative: of the reference. Filter on `p_adj` for significance.',
    },
    'comparison_trends': {
        "ko": '## 늘어난 단어와 줄어든 단어\n\n연도 단위 준포아송 검정에서 보정 p가 기준보다 작은 단어입니다. 한두 해에 몰린 단어는 추세가 아닌 일시적 사건으로 따로 표시됩니다.',
        "en": '## Emerging and fading terms',
    },
}


def _prose(key: str, language: str, **values: str) -> nbformat.NotebookNode:
    """A markdown cell of the notebooks in the report language (PROSE)."""
    return new_markdown_cell(PROSE[key][language].format(**values) if values else PROSE[key][language])


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
    cells = [_prose("overview", language, title=title), *_setup(title)]
    cells += [
        new_code_cell("# The run's lock: per stage its parameters and facts (reports/manifest.json adds the environment once the run ends).\n"
                      "lock = json.loads(artifact('lock').read_text(encoding='utf-8'))['stages']\n"
                      "print('analyzer :', lock['tokenize']['info'].get('analyzer'))\n"
                      "print('POS, min length:', lock['tokenize']['params'].get('pos'), lock['tokenize']['params'].get('min_length'))\n"
                      "print('years    :', lock['count']['params'].get('years'))\n"
                      "print('compare  :', lock.get('compare', {}).get('params', {}).get('compare'))"),
        _prose("overview_volume", language),
        new_code_cell("volume = table('volume_by_year')\nvolume.pivot(index='year', columns='label', values='kept')"),
        new_code_cell("fig, ax = plt.subplots(figsize=(7, 3.5))\nwide = volume.pivot(index='year', columns='query', values='kept')[list(LABELS)].rename(columns=LABELS)\n"
                      "wide.plot.bar(ax=ax, color=list(COLORS.values()))\n"
                      "ax.set_title('연도별 기사 수 (중복 제외)')\nax.set_ylabel('문서 수')\nplt.show()"),
        _prose("overview_documents", language),
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
    cells = [_prose("frequency", language, title=title), *_setup(title)]
    cells += [
        new_code_cell("terms = pd.read_parquet(artifact('terms'))\nterms.head()"),
        _prose("frequency_top", language),
        new_code_cell("QUERY = terms['query'].iloc[0]\nYEAR = int(terms['year'].max())\n"
                      "terms[(terms['query'] == QUERY) & (terms['year'] == YEAR)].sort_values(['tf', 'term'], ascending=[False, True]).head(15)"),
        _prose("frequency_term", language),
        new_code_cell("TERM = terms.groupby('term')['tf'].sum().sort_values(ascending=False).index[5]\n"
                      "totals = terms.groupby(['query', 'year'])['tf'].sum()\n"
                      "rel = terms[terms['term'] == TERM].set_index(['query', 'year'])['tf'].div(totals).mul(10_000).unstack('query').fillna(0)\n"
                      "ax = rel.rename(columns=LABELS).plot(marker='o', figsize=(7, 3.5), title=f'{TERM}: 1만 토큰당 빈도', color=[COLORS[k] for k in rel.columns])\nax.set_xlabel('연도')\nplt.show()"),
        _prose("frequency_heatmap", language),
        new_code_cell("from trendscope.report.figures.heatmap import plot_term_year_heatmap, term_year_matrix\n"
                      "years = sorted(terms['year'].unique().tolist())\n"
                      "matrix = term_year_matrix(terms, query=QUERY, years=years, n=15)\n"
                      "display(plot_term_year_heatmap(matrix, title=f'{QUERY}: TF-IDF', caption='TF-IDF = tf × ln(N / df)', colorbar_label='TF-IDF'))"),
    ]
    return new_notebook(cells=cells)


def _optional(pattern_code: str, missing: str, present: str) -> str:
    return f"{pattern_code}\nif not found:\n    print({missing!r})\nelse:\n" + "\n".join("    " + line for line in present.splitlines())


def networks(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [_prose("networks", language, title=title), *_setup(title)]
    cells += [
        new_code_cell("nodes = pd.read_parquet(artifact('network_nodes'))\nedges = pd.read_parquet(artifact('network_edges'))\n"
                      "print(len(nodes), 'nodes and', len(edges), 'edges over', nodes.groupby(['query', 'year']).ngroups, 'networks')\n"
                      "display(table('network_centrality_top_by_year').head(20))"),
        _prose("networks_one", language),
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
    cells = [_prose("topics", language, title=title), *_setup(title)]
    modelled = "found = summary['k']"
    none = "No topic model in this run (see summary['skipped'] for why)."
    cells += [
        new_code_cell("TOPICS = artifact('topics')\nsummary = json.loads((TOPICS / 'summary.json').read_text(encoding='utf-8'))\n"
                      "print('K per query:', summary['k'])\nprint('rule:', summary['rule'])\nprint('not modelled:', summary.get('skipped') or 'none')"),
        new_code_cell(_optional(modelled, none, "display(pd.read_parquet(TOPICS / 'ksweep.parquet'))")),
        _prose("topics_terms", language),
        new_code_cell(_optional(modelled, none,
                                "terms = table('topics_terms_top')\n"
                                "QUERY = next(iter(summary['k']))\ndisplay(terms[terms['query'] == QUERY].head(20))\n"
                                "prevalence = table('topics_prevalence_by_year')\nprevalence = prevalence[prevalence['query'] == QUERY]\n"
                                "from trendscope.report.figures.topics import plot_prevalence_area\n"
                                "topic_labels = {int(t): str(l) for t, l in zip(prevalence['topic'], prevalence['label'])}\n"
                                "display(plot_prevalence_area(prevalence[['year', 'topic', 'share']], topic_labels=topic_labels, title=f'{LABELS[QUERY]}: topic share per year', caption='topics_prevalence_by_year'))")),
        _prose("topics_meet", language),
        new_code_cell(_optional("found = 'topics_cross_query_similarity' in CATALOG['tables']",
                                "Cross-query similarity: needs topics for at least two queries; this run modelled fewer.",
                                "similarity = table('topics_cross_query_similarity')\n"
                                "display(similarity.sort_values(['js_similarity', 'topic_a'], ascending=[False, True]).head(10))")),
    ]
    return new_notebook(cells=cells)


def comparison(title: str, language: str = "ko") -> nbformat.NotebookNode:
    cells = [_prose("comparison", language, title=title), *_setup(title)]
    cells += [
        new_code_cell("keyness = pd.read_parquet(artifact('keyness'))\nkeyness.groupby(['comparison', 'scope', 'target', 'reference']).size()"),
        _prose("comparison_keyness", language),
        new_code_cell("# Between queries (or, in a one-query study, between the periods of the query), over all study years\n"
                      "overall = keyness[keyness['comparison'] == 'queries']\n"
                      "if overall.empty:\n    overall = keyness[keyness['comparison'] == 'periods']\n"
                      "if overall.empty:\n    print('No keyness comparison in this study (one query and one period).')\nelse:\n"
                      "    scope = sorted(overall['scope'].unique(), key=len)[-1]\n"
                      "    part = overall[overall['scope'] == scope]\n"
                      "    display(part.nlargest(10, 'z')[['term', 'a', 'b', 'per10k_a', 'per10k_b', 'g2', 'log10_p_adj', 'log_ratio', 'z']])\n"
                      "    display(part.nsmallest(10, 'z')[['term', 'a', 'b', 'per10k_a', 'per10k_b', 'g2', 'log10_p_adj', 'log_ratio', 'z']])"),
        _prose("comparison_trends", language),
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
