"""`trendscope collect`: the flags that fill in the chosen source, and the summary it prints (documents per query × year × source,
what was dropped and why)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from trendscope.config import StudyConfig
from trendscope.errors import ConfigError


def summary_table(info: dict[str, Any], labels: dict[str, str], title: str) -> Table:
    """Rows per query × year × source from the documents stage's lock info, with a total row."""
    table = Table(title=Text(title), show_header=True, header_style="bold")
    columns = [("read", "read"), ("url_duplicates", "URL/id dup."), ("excluded", "excluded"), ("title_duplicates", "same title"),
               ("near_duplicates", "near-dup."), ("kept", "kept")]
    for name in ("query", "year", "source"):
        table.add_column(name, justify="right" if name == "year" else "left")
    for _key, heading in columns:
        table.add_column(heading, justify="right")
    records = info.get("by_query_year_source") or []
    totals = dict.fromkeys((k for k, _ in columns), 0)
    for record in records:
        table.add_row(Text(labels.get(record["query"], record["query"])), str(record["year"]), Text(record["source"]), *(f"{record.get(k, 0):,}" for k, _ in columns))
        for key, _ in columns:
            totals[key] += record.get(key, 0)
    if records:
        table.add_section()
        table.add_row("total", "", "", *(f"{totals[k]:,}" for k, _ in columns), style="bold")
    return table


def cleaning_table(info: dict[str, Any], labels: dict[str, str]) -> Table | None:
    """Boilerplate removed per query and rule (all years together): removals and documents touched."""
    records = info.get("cleaning") or []
    totals: dict[tuple[str, str], list[int]] = {}
    for r in records:
        entry = totals.setdefault((r["query"], r["rule"]), [0, 0])
        entry[0] += r["removals"]
        entry[1] += r["documents_touched"]
    if not totals:
        return None
    table = Table(title="text cleaning before tokenizing (removals per rule)", show_header=True, header_style="bold")
    table.add_column("query")
    table.add_column("rule")
    table.add_column("removals", justify="right")
    table.add_column("documents", justify="right")
    for (query, rule), (removals, touched) in totals.items():
        table.add_row(Text(labels.get(query, query)), Text(rule), f"{removals:,}", f"{touched:,}")
    return table


def summary_lines(info: dict[str, Any]) -> list[str]:
    """Exclusions, rejected rows and notes per source, one line each."""
    lines = [
        f"rows read {info.get('rows_read', 0):,}; URL/id duplicates dropped {info.get('url_duplicates_dropped', 0):,}; "
        f"excluded by query exclusions {info.get('excluded_by_query_exclusions', 0):,}; same-title copies linked {info.get('title_duplicates_marked', 0):,}; "
        f"near-duplicates marked {info.get('near_duplicates_marked', 0):,}; documents {info.get('documents', 0):,}"
    ]
    for example in info.get("title_duplicate_examples") or []:
        lines.append(f"same title: {example['title']!r} ({example['query']}, {example['date']}) + {example['copies']} cop{'y' if example['copies'] == 1 else 'ies'} "
                     f"({', '.join(example['outlets'])})")
    for source, counts in sorted((info.get("excluded_by_source") or {}).items()):
        lines.append(f"{source}: excluded " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    for source, counts in sorted((info.get("rejected") or {}).items()):
        lines.append(f"{source}: rows rejected " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    for source, notes in sorted((info.get("notes") or {}).items()):
        lines += [f"{source}: {note}" for note in notes]
    return lines


@dataclass(frozen=True)
class CollectOptions:
    """`trendscope collect` flags that fill in the chosen source's section of the study."""

    paths: tuple[str, ...] = ()
    query: str | None = None
    date_col: str | None = None
    text_col: str | None = None
    title_col: str | None = None
    credentials: Path | None = None
    strict: bool = False


def with_collect_options(config: StudyConfig, options: CollectOptions) -> StudyConfig:
    """The study with the collect flags applied to its active sources (file options need exactly one file source)."""
    active = config.sources.active()
    file_sources = [name for name in active if name in ("bigkinds", "files")]
    if options.paths and len(file_sources) != 1:
        raise ConfigError("--path needs exactly one of --source bigkinds or --source files")
    if options.query is not None:
        config.query(options.query)
    columns = {"date_col": options.date_col, "text_col": options.text_col, "title_col": options.title_col}
    if any(columns.values()) and "files" not in active:
        raise ConfigError("--date-col/--text-col/--title-col apply to --source files")
    if options.credentials is not None and "naver" not in active:
        raise ConfigError("--credentials applies to --source naver")
    update: dict[str, Any] = {}
    for name in active:
        section = getattr(config.sources, name)
        changes: dict[str, Any] = {}
        if name in ("bigkinds", "files"):
            if options.paths:
                changes["paths"] = [str(Path.cwd() / Path(p).expanduser()) for p in options.paths]
            if options.query is not None:
                changes["query"] = options.query
        if name == "files":
            changes.update({k: v for k, v in columns.items() if v})
        if name == "naver" and options.credentials is not None:
            changes["credentials"] = Path(options.credentials).expanduser().resolve()
        if options.strict and name in ("bigkinds", "files", "naver"):
            changes["strict"] = True
        if changes:
            update[name] = section.model_copy(update=changes)
    return config.model_copy(update={"sources": config.sources.model_copy(update=update)}) if update else config
