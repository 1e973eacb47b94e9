"""The `trendscope` command: declares commands and options, calls library functions, prints results."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from trendscope import __version__
from trendscope.errors import TrendscopeError

app = typer.Typer(
    name="trendscope",
    help="Reproducible, comparative keyword-trend studies of dated Korean text (news).\n\n"
    "Start with `trendscope run --years 2015-2020` (the built-in demo study), or `trendscope init my-study`.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)
console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="Study file (YAML). Default: ./configs/default.yaml, else the built-in demo study.", show_default=False)]
YearsOpt = Annotated[str | None, typer.Option("--years", "-y", help="Years to study: `2015-2020` or `2018`. Overrides the study file.", show_default=False)]
TokenizerOpt = Annotated[str | None, typer.Option("--tokenizer", "-t", help="Analyzer backend: komoran (default), okt, hannanum, kkma, kiwi or mecab.", show_default=False)]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", "-s", help="Collect only from this source (repeatable): demo.", show_default=False)]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for tokenizing. Default: the number of cores.")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="Reports folder. Default: reports/ (or the study file's paths.reports).", show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or status lines; errors only.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Re-run stages even when their cached results are up to date.")]


def _guard(func: F) -> F:
    """Turn project errors into one red line and a non-zero exit; a bug keeps its traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TrendscopeError as exc:
            err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("[bold red]interrupted[/bold red]: finished stages are kept; run the command again to resume.")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _load(config: Path | None, years: str | None, tokenizer: str | None, sources: list[str] | None = None, out: Path | None = None):
    from trendscope.config import Overrides, load_config

    return load_config(config, Overrides(years=years, tokenizer=tokenizer, sources=tuple(sources or ()), out=out))


def _reporter(quiet: bool):
    from trendscope.progress import RichReporter, SilentReporter

    return SilentReporter() if quiet else RichReporter(err_console)


def _default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _run(until: str, config: Path | None, years: str | None, tokenizer: str | None, sources: list[str] | None, jobs: int | None, out: Path | None, quiet: bool, force: bool):
    from trendscope.pipeline import run_pipeline

    study = _load(config, years, tokenizer, sources, out)
    results, paths = run_pipeline(study, until=until, jobs=jobs or _default_jobs(), reporter=_reporter(quiet), force=force)
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
    jobs: JobsOpt = None,  # type: ignore[assignment]
    out: OutOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Run the whole study: collect what is missing, tokenize, count, and write reports/.

    Example: `trendscope run --years 2015-2020`
    """
    study, results, paths = _run("report", config, years, tokenizer, source, jobs, out, quiet, force)
    if not quiet:
        _print_results(results)
        console.print(f"Reports in [bold]{paths.reports}[/bold] (tables, tables.xlsx, figures, manifest.json)")


@app.command()
@_guard
def collect(
    config: ConfigOpt = None,
    source: SourceOpt = None,
    years: YearsOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Collect documents from the study's sources into data/raw/ and build documents.parquet.

    Example: `trendscope collect --source demo`
    """
    from trendscope.analysis.counts import volume_by_year
    from trendscope.stages.collect import read_documents

    study, results, paths = _run("documents", config, years, None, source, 1, None, quiet, force)
    if quiet:
        return
    documents = read_documents(paths.documents)
    all_years = sorted(documents["year"].unique().tolist())
    volume = volume_by_year(documents, all_years, study.query_keys)
    table = Table(title=f"documents per query × year ({paths.documents})")
    table.add_column("year", justify="right")
    for key in study.query_keys:
        table.add_column(f"{study.query(key).label} kept", justify="right")
        table.add_column("near-dup", justify="right", style="dim")
    for year in all_years:
        row = [str(year)]
        for key in study.query_keys:
            part = volume[(volume["query"] == key) & (volume["year"] == year)]
            row += [str(int(part["kept"].sum())), str(int(part["duplicates"].sum()))]
        table.add_row(*row)
    console.print(table)
    info = results[0].info
    console.print(f"rows read {info.get('rows_read', '?')}, URL duplicates dropped {info.get('url_duplicates_dropped', '?')}, excluded {info.get('excluded_by_query_exclusions', '?')}, near-duplicates marked {info.get('near_duplicates_marked', '?')}")


@app.command()
@_guard
def tokenize(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,  # type: ignore[assignment]
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Tokenize the study's documents (cached by analyzer, version, POS set and lexicon).

    Example: `trendscope tokenize --tokenizer kiwi --jobs 2`
    """
    _study, results, paths = _run("tokenize", config, years, tokenizer, None, jobs, None, quiet, force)
    if not quiet:
        _print_results(results)
        console.print(f"Tokens in [bold]{paths.tokens}[/bold]")


@app.command()
@_guard
def analyze(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,  # type: ignore[assignment]
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Count terms, documents and bigrams per query × year and compute TF-IDF.

    Example: `trendscope analyze --years 2018-2020`
    """
    _study, results, paths = _run("count", config, years, tokenizer, None, jobs, None, quiet, force)
    if not quiet:
        _print_results(results)
        console.print(f"Term statistics in [bold]{paths.terms}[/bold]")


@app.command()
@_guard
def report(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,  # type: ignore[assignment]
    out: OutOpt = None,
    quiet: QuietOpt = False,
    force: ForceOpt = False,
) -> None:
    """Write tables, figures and the manifest to reports/ (running earlier stages if needed).

    Example: `trendscope report --out build/reports`
    """
    _study, results, paths = _run("report", config, years, tokenizer, None, jobs, out, quiet, force)
    if not quiet:
        _print_results(results)
        console.print(f"Reports in [bold]{paths.reports}[/bold]")


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
    from trendscope.pipeline import Lock, build_stages, stage_status

    study = _load(config, years, tokenizer, None, out)
    stages, paths = build_stages(study)
    table = Table(title=f"{study.title} — {study.years}")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("outputs")
    colors = {"cached": "green", "stale": "yellow", "never run": "red"}
    for (name, state), stage in zip(stage_status(stages, Lock(paths.lock)), stages):
        table.add_row(name, f"[{colors[state]}]{state}[/{colors[state]}]", ", ".join(str(p) for p in stage.outputs))
    console.print(table)


@app.command()
@_guard
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new study (created if missing).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing study file and lexicon.")] = False,
) -> None:
    """Write a new study folder: trendscope.yaml, lexicon/ and data/, ready to edit.

    Example: `trendscope init ~/studies/mobility && trendscope run --config ~/studies/mobility/trendscope.yaml`
    """
    from trendscope.study import init_study

    path = init_study(directory, force=force)
    console.print(f"Study written: [bold]{path}[/bold]\nEdit it, then run: trendscope run --config {path}")


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
    import time

    from trendscope.analysis.tokenizer_compare import differing_terms, overlap_by_year, speed_table
    from trendscope.errors import ConfigError
    from trendscope.stages.collect import read_documents
    from trendscope.stages.tokenize import select_documents, tokenizer_spec
    from trendscope.text.backends import BACKEND_NAMES
    from trendscope.text.tokenize import Tokenizer, TokenizerSpec

    if len(set(backends)) < 2 or any(b not in BACKEND_NAMES for b in backends):
        raise ConfigError(f"expected two or more of {', '.join(BACKEND_NAMES)}, got {' '.join(backends)}")
    study, _results, paths = _run("documents", config, years, None, None, 1, None, True, False)
    docs = select_documents(read_documents(paths.documents), study.years.years, study.analysis.exclude_duplicates)
    docs = docs.drop_duplicates("doc_id").sort_values(["year", "doc_id"]).groupby("year").head(sample)
    texts = [f"{t or ''}\n{b or ''}".strip() for t, b in zip(docs["title"], docs["body"])]
    base = tokenizer_spec(study)
    tokens, seconds = {}, {}
    for name in dict.fromkeys(backends):
        tokenizer = Tokenizer(TokenizerSpec(name, base.pos, base.min_length, base.lexicon))
        tokenizer.tokenize(texts[:5])  # warm-up (the JVM compiles on first use)
        start = time.perf_counter()
        tokens[name] = [d.tokens for d in tokenizer.tokenize(texts)]
        seconds[name] = time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "speed": speed_table(tokens, seconds, sum(len(t) for t in texts)),
        "top_overlap_by_year": overlap_by_year(tokens, docs["year"].tolist(), n=top),
        "differing_top_terms": differing_terms(tokens, n=top),
    }
    for name, frame in tables.items():
        frame.to_csv(out / f"{name}.csv", index=False, encoding="utf-8-sig")
        view = Table(title=name)
        for column in frame.columns:
            view.add_column(str(column))
        for row in frame.head(40).itertuples(index=False):
            view.add_row(*[str(v) for v in row])
        console.print(view)
    console.print(f"{len(texts)} documents compared; tables in {out}")


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
    from trendscope.errors import ConfigError
    from trendscope.text.lexicon_edit import add_user_terms

    study = _load(config, None, None)
    path = study.tokenizer.lexicon.userdic
    if path is None:
        raise ConfigError("tokenizer.lexicon.userdic is not set in the study file; expected the user dictionary's path")
    added = add_user_terms(path, terms, tag)
    skipped = len(terms) - len(added)
    console.print(f"added {len(added)} term(s) to {path}" + (f" ({skipped} already there)" if skipped else ""))


@lexicon_app.command("suggest")
@_guard
def lexicon_suggest(
    config: ConfigOpt = None,
    years: YearsOpt = None,
    tokenizer: TokenizerOpt = None,
    jobs: JobsOpt = None,  # type: ignore[assignment]
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Keep pairs seen at least this often.")] = 5,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows to show and write.")] = 50,
    csv: Annotated[Path, typer.Option("--csv", help="Where to write the table (UTF-8 with BOM).")] = Path("lexicon_candidates.csv"),
    quiet: QuietOpt = False,
) -> None:
    """Propose compound nouns: adjacent noun pairs in the study's tokens, scored by PMI, for you to review.

    Example: `trendscope lexicon suggest --min-count 10 --top 30`
    """
    from trendscope.analysis.compound_candidates import compound_candidates
    from trendscope.stages.tokenize import read_tokens, study_lexicon

    study, _results, paths = _run("tokenize", config, years, tokenizer, None, jobs, None, True, False)
    sentences = (s for doc in read_tokens(paths.tokens)["sentences"] for s in doc)
    lexicon = study_lexicon(study)
    table = compound_candidates(sentences, min_count=min_count, known=lexicon.known_terms, top=top)
    table.to_csv(csv, index=False, encoding="utf-8-sig")
    if not quiet:
        view = Table(title=f"compound candidates (PMI, count ≥ {min_count}) — review, then `trendscope lexicon add`")
        for column in table.columns:
            view.add_column(column, justify="left" if column in ("candidate", "first", "second") else "right")
        for row in table.itertuples(index=False):
            view.add_row(*[str(v) for v in row])
        console.print(view)
    console.print(f"{len(table)} candidate(s) written to {csv}")


def _print_results(results) -> None:
    table = Table(show_header=True, header_style="bold")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("seconds", justify="right")
    for r in results:
        table.add_row(r.name, "[dim]cached[/dim]" if r.skipped else "[green]ran[/green]", f"{r.seconds:.1f}")
    console.print(table)


def main() -> None:
    app()
