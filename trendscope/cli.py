"""The `trendscope` command: declares commands and options, calls library functions, prints results."""

from __future__ import annotations

import errno
import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from trendscope import __version__
from trendscope.config import Overrides, StudyConfig, load_config
from trendscope.errors import TrendscopeError
from trendscope.progress import Reporter, RichReporter, SilentReporter

if TYPE_CHECKING:  # annotations only: the pipeline (every stage and its libraries) loads when a command runs, not for --help
    from trendscope.catalog import Catalog
    from trendscope.pipeline import StageResult

app = typer.Typer(
    name="trendscope",
    help="Reproducible, comparative keyword-trend studies of dated Korean text (news).\n\n"
    "Start with `trendscope run --years 2015-2020` (the built-in demo study), or `trendscope init my-study`.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)
# force_terminal=None: colour and cursor codes only when the stream is a terminal (rich also honours NO_COLOR),
# so a log file or a pipe gets plain text.
console = Console(force_terminal=None)
err_console = Console(stderr=True, force_terminal=None)

F = TypeVar("F", bound=Callable[..., Any])

ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="Study file (YAML). Default: ./trendscope.yaml, else ./configs/default.yaml, else the built-in demo study.", show_default=False)]
YearsOpt = Annotated[str | None, typer.Option("--years", "-y", help="Years to study: `2015-2020` or `2018`. Overrides the study file.", show_default=False)]
TokenizerOpt = Annotated[str | None, typer.Option("--tokenizer", "-t", help="Analyzer backend: komoran (default), okt, hannanum, kkma, kiwi or mecab.", show_default=False)]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", "-s", help="Collect only from this source (repeatable): bigkinds, naver, files, demo.", show_default=False)]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for tokenizing. Default: the number of cores.")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="Reports folder. Default: reports/ (or the study file's paths.reports).", show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or status lines; errors only.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Re-run stages even when their cached results are up to date.")]
EngineOpt = Annotated[str | None, typer.Option("--engine", help="Where tokenizing and counting run: `local` (worker processes) or `dask` (a Dask cluster). Default: the study's `engine:`.",
                                              show_default=False)]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. `tcp://10.0.0.5:8786` (implies --engine dask). Default: a LocalCluster of --jobs workers.",
                                                 show_default=False)]


def _free(folder: Path) -> str:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return f"{shutil.disk_usage(folder).free / 1e6:,.1f} MB"
    except OSError:
        return "unknown"


def _guard(func: F) -> F:
    """Turn project errors into one red line and a non-zero exit; a bug keeps its traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TrendscopeError as exc:
            # escaped: a message holds file names and patterns such as news[draft].csv or ^[a-z]+$, not markup
            err_console.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("[bold red]interrupted[/bold red]: finished stages are kept; run the command again to resume.")
            raise typer.Exit(130) from None
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
            # a write outside atomic.py's helpers (which name the folder and sizes themselves)
            where = Path(exc.filename).parent if exc.filename else Path.cwd()
            err_console.print(f"[bold red]error:[/bold red] {escape(str(where))}: disk full ({_free(where)} free); free some space and run again "
                              "— earlier results are kept", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature Typer reads


@dataclass(frozen=True)
class StudyOptions:
    """The options that pick and adjust the study file, shared by most commands."""

    config: Path | None = None
    years: str | None = None
    tokenizer: str | None = None
    sources: tuple[str, ...] = ()
    out: Path | None = None

    def load(self) -> StudyConfig:
        return load_config(self.config, Overrides(years=self.years, tokenizer=self.tokenizer, sources=self.sources, out=self.out))


@dataclass(frozen=True)
class RunOptions:
    """How to run the pipeline: worker processes, progress output, which stages to force."""

    jobs: int | None = None
    quiet: bool = False
    force: bool | frozenset[str] = False
    engine: str | None = None
    scheduler: str | None = None
    all_figures: bool = False


def _cell(value: object) -> Text:
    """A table cell shown as written: titles, terms and paths such as `[/bold]` or `kw[red]x` are not rich markup."""
    return Text(str(value))


def _reporter(quiet: bool) -> Reporter:
    return SilentReporter() if quiet else RichReporter(err_console)


def _default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _run(until: str, study_options: StudyOptions, run_options: RunOptions) -> tuple[StudyConfig, list[StageResult], Catalog]:
    study = study_options.load()
    from trendscope.pipeline import run_pipeline

    results, paths = run_pipeline(study, until=until, jobs=run_options.jobs or _default_jobs(), reporter=_reporter(run_options.quiet), force=run_options.force,
                                 engine=run_options.engine, scheduler=run_options.scheduler, all_figures=run_options.all_figures)
    return study, results, paths


def _run_and_show(until: str, what: str, where: Callable[[Catalog], Path], study_options: StudyOptions, run_options: RunOptions) -> tuple[StudyConfig, list[StageResult], Catalog]:
    """Run the pipeline up to `until`; unless quiet, print what ran and where its output is."""
    study, results, paths = _run(until, study_options, run_options)
    if not run_options.quiet:
        _print_results(results)
        console.print(f"{what} in [bold]{escape(str(where(paths)))}[/bold]")
    return study, results, paths


def _version_callback(value: bool) -> None:
    if value:
        console.print(f"trendscope {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Reproducible, comparative keyword-trend studies of dated Korean text."""


@app.command()
@_guard
def run(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    source: SourceOpt = None,
    jobs: JobsOpt = None,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
) -> None:
    """Run the whole study: collect what is missing, tokenize, count, and write reports/.

    Example: `trendscope run --years 2015-2020`
    """
    _run_and_show("report", "Reports (tables, tables.xlsx, figures, index.html, manifest.json)", lambda c: c.path("reports"),
                  StudyOptions(config, years, tokenizer, tuple(source or ()), out), RunOptions(jobs, quiet, force, engine, scheduler))


@app.command()
@_guard
def collect(
    config: ConfigOpt = None,
    source: SourceOpt = None,
    years: YearsOpt = None,
    path: Annotated[list[str] | None, typer.Option("--path", "-p", help="With --source bigkinds|files: a file, a glob or a folder (repeatable).", show_default=False)] = None,
    query: Annotated[str | None, typer.Option("--query", help="Query key the --path files belong to.", show_default=False)] = None,
    date_col: Annotated[str | None, typer.Option("--date-col", help="Files: the date column.", show_default=False)] = None,
    text_col: Annotated[str | None, typer.Option("--text-col", help="Files: the text (body) column.", show_default=False)] = None,
    title_col: Annotated[str | None, typer.Option("--title-col", help="Files: the title column.", show_default=False)] = None,
    credentials: Annotated[Path | None, typer.Option("--credentials", help="Naver: file with NAVER_CLIENT_ID=… / NAVER_CLIENT_SECRET=… lines.", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first unreadable row instead of skipping and counting it.")] = False,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Collect documents from the study's sources into data/raw/ and build documents.parquet.

    Sources: bigkinds (exports .xlsx/.csv), naver (News Search API), files (CSV/TSV/XLSX/JSONL/.txt), demo.

    Example: `trendscope collect --source bigkinds --path exports/ --query smartcity`
    """
    from trendscope.commands.collect import CollectOptions, cleaning_table, summary_lines, summary_table, with_collect_options

    study = StudyOptions(config, years, None, tuple(source or ())).load()
    study = with_collect_options(study, CollectOptions(tuple(path or ()), query, date_col, text_col, title_col, credentials, strict))
    from trendscope.pipeline import run_pipeline

    results, paths = run_pipeline(study, until="documents", jobs=1, reporter=_reporter(quiet), force=force)
    if quiet:
        return
    info = results[0].info
    console.print(summary_table(info, study.labels, f"documents per query × year × source ({paths.path('documents')})"))
    cleaning = cleaning_table(info, study.labels)
    if cleaning is not None:
        console.print(cleaning)
    for line in summary_lines(info):
        console.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
@_guard
def tokenize(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
) -> None:
    """Tokenize the study's documents (cached by analyzer, version, POS set and lexicon).

    Example: `trendscope tokenize --tokenizer kiwi --jobs 2`
    """
    _run_and_show("tokenize", "Tokens", lambda c: c.path("tokens"), StudyOptions(config, years, tokenizer), RunOptions(jobs, quiet, force, engine, scheduler))


@app.command()
@_guard
def analyze(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
) -> None:
    """Count terms, documents and bigrams per query × year and compute TF-IDF.

    Example: `trendscope analyze --years 2018-2020`
    """
    _run_and_show("count", "Term statistics", lambda c: c.path("terms"), StudyOptions(config, years, tokenizer), RunOptions(jobs, quiet, force, engine, scheduler))


@app.command()
@_guard
def topics(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Fit LDA topics per query (K chosen by c_v coherence unless topics.k is set), cached in data/processed/topics/.

    Example: `trendscope topics --years 2018-2021 --jobs 2`
    """
    from trendscope.commands.topics import k_lines

    study, _results, paths = _run_and_show("topics", "Topics", lambda c: c.path("topics"), StudyOptions(config, years, tokenizer), RunOptions(jobs, quiet, force))
    if not quiet:
        for line in k_lines(study, paths):
            console.print(line, markup=False, highlight=False)


@app.command()
@_guard
def report(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Write tables, figures and the manifest to reports/ (running earlier stages if needed).

    Example: `trendscope report --out build/reports`
    """
    _run_and_show("report", "Reports", lambda c: c.path("reports"), StudyOptions(config, years, tokenizer, out=out), RunOptions(jobs, quiet, force))


@app.command()
@_guard
def figures(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    all_years: Annotated[bool, typer.Option("--all", help="Past twelve years, also draw the network and CONCOR figures of the years the page's small multiples leave out (linked from the page).")] = False,
) -> None:
    """Redraw every figure, table, index.html and notebook from the cached results (re-runs compare and report only).

    Example: `trendscope figures --years 2015-2020`, `trendscope figures --all`
    """
    _run_and_show("report", "Figures, tables and index.html", lambda c: c.path("reports"), StudyOptions(config, years, tokenizer, out=out),
                  RunOptions(jobs, quiet, frozenset({"compare", "report"}), all_figures=all_years))


@app.command()
@_guard
def kwic(
    term: Annotated[str, typer.Argument(help="The word to look up, as a token (e.g. 리빙랩; quote a multi-word term: \"4차 산업혁명\").")],
    query: Annotated[str | None, typer.Option("--query", help="Only this query's documents (its key, e.g. smartcity).", show_default=False)] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only this year.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Lines shown in the terminal, sampled evenly across years and outlets (0: all); the CSV holds every line.")] = 20,
    width: Annotated[int, typer.Option("--width", min=1, help="Tokens of context on each side.")] = 6,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the lines here. Default: kwic_<term>.csv in the current folder.", show_default=False)] = None,
    config: ConfigOpt = None,
    years: YearsOpt = None,
) -> None:
    """Keyword in context: every occurrence of TERM as whole tokens (date, outlet, title, the term centred), printed and written as CSV.

    Example: `trendscope kwic 리빙랩 --query socialinnovation --year 2019`
    """
    from trendscope.commands.kwic import default_csv, kwic_lines, sample_evenly, write_kwic

    study, _results, paths = _run("tokenize", StudyOptions(config, years), RunOptions(quiet=True))
    lines = kwic_lines(study, paths.path("documents"), paths.path("tokens"), term, query=query, year=year, width=width)
    target = csv if csv is not None else default_csv(term)
    write_kwic(lines, target)
    shown = lines if limit == 0 or len(lines) <= limit else sample_evenly(lines, limit=limit, seed=study.seed)
    table = Table(title=f"{escape(term)}: {len(lines)} occurrence(s)" + (f", {len(shown)} shown across years and outlets" if len(shown) < len(lines) else ""), show_lines=False)
    table.add_column("date", style="dim", no_wrap=True, min_width=10)
    table.add_column("outlet", style="cyan", no_wrap=True, min_width=10)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=24)
    table.add_column("left", justify="right", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("keyword", style="bold yellow", no_wrap=True, min_width=2 * len(term))
    table.add_column("right", overflow="ellipsis", no_wrap=True, ratio=1)
    for row in shown.itertuples(index=False):
        table.add_row(_cell(row.date), _cell(row.outlet or ""), _cell(row.title), _cell(row.left), _cell(row.keyword), _cell(row.right))
    console.print(table)
    console.print(f"{len(lines)} line(s) written to [bold]{escape(str(target))}[/bold]")


@app.command()
@_guard
def status(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    out: OutOpt = None,
) -> None:
    """Show which stages are cached, which are stale, and which never ran (runs nothing).

    Example: `trendscope status --years 2015-2020`
    """
    study = StudyOptions(config, years, tokenizer, out=out).load()
    from trendscope.pipeline import Lock, lock_path, plan, stage_status, study_catalog

    paths = study_catalog(study)
    planned = plan(study, paths)
    table = Table(title=f"{escape(study.title)} — {study.years}")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("outputs")
    colors = {"cached": "green", "stale": "yellow", "never run": "red"}
    for (name, state), item in zip(stage_status(planned, Lock(lock_path(paths))), planned, strict=True):
        table.add_row(name, f"[{colors[state]}]{state}[/{colors[state]}]", _cell(", ".join(str(item.catalog.path(name)) for name in item.outputs)))
    console.print(table)


@app.command()
@_guard
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new study (created if missing).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing study file and lexicon.")] = False,
) -> None:
    """Write a new study folder: trendscope.yaml, lexicon/ and data/, ready to edit.

    Example: `trendscope init ~/studies/mobility && cd ~/studies/mobility && trendscope run`
    """
    from trendscope.study import init_study

    path = init_study(directory, force=force)
    console.print(f"Study written: [bold]{escape(str(path))}[/bold]\nEdit it, then run: trendscope run --config {escape(str(path))} (or trendscope run inside {escape(str(path.parent))})")


@app.command()
@_guard
def related(
    term: Annotated[str, typer.Argument(help="The focus term (as it appears in the tokens, e.g. 스마트시티 or 리빙랩).")],
    query: Annotated[list[str] | None, typer.Option("--query", "-k", help="Query key (repeatable). Default: every query of the study.", show_default=False)] = None,
    weight: Annotated[str, typer.Option("--weight", "-w", help="Rank by: npmi, jaccard or count.")] = "npmi",
    n: Annotated[int, typer.Option("--n", min=1, max=100, help="Related words per year.")] = 15,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="A word must co-occur in at least this many units.")] = 3,
    unit: Annotated[str | None, typer.Option("--unit", help="document, sentence or window. Default: the study's network.unit.", show_default=False)] = None,
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the table and figure. Default: related/ beside the reports folder.", show_default=False)] = None,
    quiet: QuietOpt = False,
) -> None:
    """List, per year, the words most associated with a focus term (BigKinds' 연관어 view): a table and a small-multiples figure.

    Example: `trendscope related 리빙랩 --query socialinnovation --years 2018-2021`
    """
    from trendscope.commands.related import write_related

    study, _results, paths = _run("count", StudyOptions(config, years, tokenizer), RunOptions(jobs, quiet=True))
    written = write_related(study, paths.path("tokens"), term, queries=query or study.query_keys, weight=weight, n=n, min_count=min_count, unit=unit, out=out)
    if quiet:
        return
    for key, frame in written.tables.items():
        table = Table(title=f"{escape(study.query(key).label)}: '{escape(term)}' — {escape(weight)}")
        for column in ("year", "rank", "term", "count", "jaccard", "npmi"):
            table.add_column(column, justify="left" if column == "term" else "right")
        for row in frame.itertuples(index=False):
            table.add_row(str(row.year), str(row.rank), _cell(row.term), str(row.count), f"{row.jaccard:.3f}", f"{row.npmi:.3f}")
        console.print(table)
    console.print(f"Written: {escape(', '.join(str(p) for p in written.files))}")


@app.command("compare-tokenizers")
@_guard
def compare_tokenizers(
    backends: Annotated[list[str], typer.Argument(help="Two or more backends, e.g. komoran kiwi mecab.")],
    config: ConfigOpt = None,
    years: YearsOpt = None,
    sample: Annotated[int, typer.Option("--sample", min=1, help="Documents per year in the sample (first by doc_id).")] = 50,
    top: Annotated[int, typer.Option("--top", min=1, help="N of the top-N terms compared.")] = 30,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the CSV tables.")] = Path("tokenizer_comparison"),
) -> None:
    """Run several analyzers on the same sample: chars/s, tokens per document, top terms that differ, Jaccard of top-N per year.

    Example: `trendscope compare-tokenizers komoran kiwi mecab --sample 100`
    """
    from trendscope.commands.compare_tokenizers import compare_tokenizers as compare

    study, _results, paths = _run("documents", StudyOptions(config, years), RunOptions(1, quiet=True))
    tables = compare(study, paths.path("documents"), backends, sample=sample, top=top, out=out)
    for name, frame in tables.items():
        view = Table(title=name)
        for column in frame.columns:
            view.add_column(str(column))
        for row in frame.head(40).itertuples(index=False):
            view.add_row(*[_cell(v) for v in row])
        console.print(view)
    console.print(f"tables in {escape(str(out))}")


@app.command()
@_guard
def doctor(
    files: Annotated[list[Path], typer.Argument(help="Input files or folders of .txt files to inspect (nothing is imported).", show_default=False)],
    date_col: Annotated[str | None, typer.Option("--date-col", help="Generic tables: the date column.", show_default=False)] = None,
    text_col: Annotated[str | None, typer.Option("--text-col", help="Generic tables: the text (body) column.", show_default=False)] = None,
) -> None:
    """Inspect input files without importing them: format, encoding, rows, dates, columns used, problems.

    Example: `trendscope doctor exports/NewsResult_20150101-20151231.xlsx`
    """
    from trendscope.commands.doctor import doctor_views

    failed = False
    for table, readable in doctor_views(files, date_col=date_col, text_col=text_col):
        failed = failed or not readable
        console.print(table, highlight=False)
        console.print()
    if failed:
        raise typer.Exit(1)


lexicon_app = typer.Typer(name="lexicon", help="The study's user dictionary: add compound nouns.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("add")
@_guard
def lexicon_add(
    terms: Annotated[list[str], typer.Argument(help="Terms to add (quote multi-word terms).")],
    config: ConfigOpt = None,
    tag: Annotated[str, typer.Option("--tag", help="NNP (proper noun) or NNG (common noun).")] = "NNP",
) -> None:
    """Append terms to the study's user dictionary (tokens are re-made on the next run).

    Example: `trendscope lexicon add 탄소중립도시 "도시 데이터 플랫폼"`
    """
    from trendscope.commands.lexicon import add_terms

    path, added = add_terms(StudyOptions(config).load(), terms, tag)
    skipped = len(terms) - len(added)
    console.print(f"added {len(added)} term(s) to {escape(str(path))}" + (f" ({skipped} already there)" if skipped else ""))


@lexicon_app.command("suggest")
@_guard
def lexicon_suggest(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Keep pairs seen at least this often.")] = 5,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows to show and write.")] = 50,
    csv: Annotated[Path, typer.Option("--csv", help="Where to write the table (UTF-8 with BOM).")] = Path("lexicon_candidates.csv"),
    quiet: QuietOpt = False,
) -> None:
    """Propose compound nouns: adjacent noun pairs in the study's tokens, scored by PMI, for you to review.

    Example: `trendscope lexicon suggest --min-count 10 --top 30`
    """
    from trendscope.commands.lexicon import suggest_compounds

    study, _results, paths = _run("tokenize", StudyOptions(config, years, tokenizer), RunOptions(jobs, quiet=True))
    table = suggest_compounds(study, paths.path("tokens"), min_count=min_count, top=top, csv=csv)
    if not quiet:
        view = Table(title=f"compound candidates (PMI, count ≥ {min_count}) — review, then `trendscope lexicon add`")
        for column in table.columns:
            view.add_column(column, justify="left" if column in ("candidate", "first", "second") else "right")
        for row in table.itertuples(index=False):
            view.add_row(*[_cell(v) for v in row])
        console.print(view)
    console.print(f"{len(table)} candidate(s) written to {escape(str(csv))}")


def _print_results(results: list[StageResult]) -> None:
    table = Table(show_header=True, header_style="bold")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("seconds", justify="right")
    for r in results:
        table.add_row(r.name, "[dim]cached[/dim]" if r.skipped else "[green]ran[/green]", f"{r.seconds:.1f}")
    console.print(table)


def main() -> None:
    app()
