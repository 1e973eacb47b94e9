"""Typed study configuration, loaded from YAML with CLI overrides.

A study file describes *what* is studied (queries, years, sources, tokenizer,
analysis parameters); runtime settings (jobs, output folder) come from CLI
flags.  Relative paths in a file resolve against that file's folder; the data,
reports and notebooks folders default to the current working directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from trendscope.errors import ConfigError
from trendscope.text.backends import BACKEND_NAMES
from trendscope.text.pos import POS_NAMES
from trendscope.text.rule_names import BUILTIN_NAMES

DEFAULT_CONFIG_NAME = "default.yaml"
LOCAL_DEFAULT_CONFIG = Path("configs") / DEFAULT_CONFIG_NAME
STUDY_FILE = "trendscope.yaml"  # what `trendscope init` writes


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, order=True)
class YearRange:
    """An inclusive range of calendar years."""

    start: int
    end: int

    def __iter__(self):
        return iter(range(self.start, self.end + 1))

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    @property
    def years(self) -> list[int]:
        return list(self)


_YEARS_RE = re.compile(r"^\s*(\d{4})\s*(?:[-–~]\s*(\d{4})\s*)?$")


def parse_years(text: str | int) -> YearRange:
    """Parse ``2015-2020`` or ``2018`` into a `YearRange`, rejecting reversed or odd input."""
    match = _YEARS_RE.match(str(text))
    if not match:
        raise ConfigError(f"years: expected YYYY or YYYY-YYYY (e.g. 2015-2020), got {text!r}")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise ConfigError(f"years: the range {text!r} ends before it starts; expected e.g. {end}-{start}")
    if not 1900 <= start <= 2100 or not 1900 <= end <= 2100:
        raise ConfigError(f"years: expected years between 1900 and 2100, got {text!r}")
    return YearRange(start, end)


def _plain_text(entry: str) -> str:
    """A query term or exclusion: plain text with a letter or digit in it.

    Entries are matched as text, never as regular expressions: an empty one is contained in every
    document (``exclude: [""]`` dropped a whole query, exit 0), and one without a letter or digit
    (``.*``, ``(?``) is a regular expression written where text is expected.
    """
    if not entry.strip():
        raise ValueError("is empty; expected a word or phrase (entries are plain text, not regular expressions)")
    if not any(ch.isalnum() for ch in entry):
        raise ValueError(f"{entry!r} has no letter or digit; entries are plain text matched as written, not regular expressions")
    return entry


PlainText = Annotated[str, AfterValidator(_plain_text)]


class QueryConfig(_Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="short ascii key used in file names")
    label: str
    terms: list[PlainText] = Field(min_length=1, description="words or phrases the query searches for (Naver) and keeps out of its own rankings; plain text, not regular expressions")
    exclude: list[PlainText] = Field(
        default_factory=list, description="a document of this query containing one of these (plain text, case-insensitive substring, not a regular expression) is left out",
    )


class DemoSourceConfig(_Model):
    seed: int | None = Field(default=None, description="only for documentation: the shipped corpus seed")


class BigKindsSourceConfig(_Model):
    """BigKinds (빅카인즈) news-search exports (.xlsx, or CSV re-saved from one)."""

    paths: list[str] = Field(default_factory=list, description="files, globs or folders of exports, relative to the study file")
    query: str | None = Field(default=None, description="query key every file belongs to")
    queries: dict[str, str] = Field(default_factory=dict, description="file-name pattern (fnmatch) -> query key")
    include_flagged: bool = Field(default=False, description="keep rows BigKinds flags in 분석제외 여부 (예외/중복)")
    strict: bool = Field(default=False, description="fail on the first unreadable row instead of skipping it")


class NaverSourceConfig(_Model):
    """The Naver News Search API (GET /v1/search/news.json), collected per query term, newest first."""

    base_url: str = "https://openapi.naver.com"
    credentials: Path | None = Field(default=None, description="file with NAVER_CLIENT_ID=… and NAVER_CLIENT_SECRET=… lines")
    display: int = Field(default=100, ge=1, le=100)
    max_start: int = Field(default=1000, ge=1, le=1000)
    requests_per_second: float = Field(default=5.0, gt=0, le=10)
    max_retries: int = Field(default=5, ge=0, le=20)
    backoff_seconds: float = Field(default=1.0, ge=0)
    timeout_seconds: float = Field(default=15.0, gt=0)
    daily_quota: int = Field(default=25000, ge=1)
    strict: bool = False


class FilesSourceConfig(_Model):
    """Local files: CSV, TSV, XLSX, JSON Lines, or folders of .txt files."""

    paths: list[str] = Field(default_factory=list)
    query: str | None = None
    queries: dict[str, str] = Field(default_factory=dict)
    date_col: str = "date"
    text_col: str = "text"
    title_col: str | None = "title"
    url_col: str | None = "url"
    outlet_col: str | None = "outlet"
    strict: bool = False


class SourcesConfig(_Model):
    """Which sources a study collects from; a source is active when its section is present."""

    demo: DemoSourceConfig | None = None
    bigkinds: BigKindsSourceConfig | None = None
    naver: NaverSourceConfig | None = None
    files: FilesSourceConfig | None = None

    def active(self) -> list[str]:
        return [name for name in type(self).model_fields if getattr(self, name) is not None]


class EntitiesConfig(_Model):
    """Names and organisations from a source's entity columns (BigKinds 인물, 기관) added to the user dictionary (text/entities.py)."""

    enabled: bool = Field(default=True, description="add the entities the exports list (and the text confirms) to the analyzer's user dictionary")
    min_docs: int = Field(default=3, ge=1, description="an entry is kept when it occurs verbatim in the title or excerpt of at least this many documents that list it")
    max_df: float = Field(default=0.5, gt=0, le=1, description="an entry found in more than this share of the documents is generic, not a name")
    file: Path | None = Field(default=Path("lexicon/entities.tsv"), description="the researcher's additions and removals (used when the file exists)")


class LexiconConfig(_Model):
    userdic: Path | None = None
    synonyms: Path | None = None
    stopwords: Path | None = None
    entities: EntitiesConfig = Field(default_factory=EntitiesConfig)


class TokenizerConfig(_Model):
    backend: str = "komoran"
    pos: list[str] = Field(default_factory=lambda: ["noun", "proper_noun"], min_length=1)
    min_length: int = Field(default=2, ge=1)
    lexicon: LexiconConfig = Field(default_factory=LexiconConfig)

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in BACKEND_NAMES:
            raise ValueError(f"expected one of {', '.join(BACKEND_NAMES)}, got {value!r}")
        return value

    @field_validator("pos")
    @classmethod
    def _known_pos(cls, value: list[str]) -> list[str]:
        unknown = [tag for tag in value if tag not in POS_NAMES]
        if unknown:
            raise ValueError(f"unknown POS {unknown}; expected any of {', '.join(POS_NAMES)}")
        return sorted(set(value))


class AnalysisConfig(_Model):
    top_n: int = Field(default=30, ge=1, le=1000)
    exclude_duplicates: bool = True
    exclude_query_terms: bool = Field(
        default=True, description="leave each query's own terms, and the tokens the analyzer splits them into, out of its rankings, keyness lists and networks"
    )


def _regex(pattern: str) -> str:
    """A study's own cleaning pattern must compile (the error is reported at cleaning.patterns.<name>)."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    if compiled.fullmatch(""):
        raise ValueError(f"{pattern!r} matches empty text, so it matches everywhere; expected a pattern that needs at least one character")
    return pattern


class CleaningConfig(_Model):
    """Boilerplate removed from titles and bodies before tokenizing (see text/hygiene.py)."""

    rules: dict[str, bool] = Field(default_factory=dict, description="built-in rule -> on/off; every built-in rule is on unless set false here")
    patterns: dict[str, Annotated[str, AfterValidator(_regex)]] = Field(default_factory=dict, description="the study's own rules: name -> regular expression, every match removed")

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, bool]) -> dict[str, bool]:
        unknown = sorted(set(value) - set(BUILTIN_NAMES))
        if unknown:
            raise ValueError(f"unknown rule {unknown[0]!r}; expected any of {', '.join(BUILTIN_NAMES)}")
        return value

    @field_validator("patterns")
    @classmethod
    def _new_names(cls, value: dict[str, str]) -> dict[str, str]:
        taken = sorted(set(value) & set(BUILTIN_NAMES))
        if taken:
            raise ValueError(f"{taken[0]!r} is a built-in rule; switch it in cleaning.rules or give the pattern another name")
        return value


class DedupConfig(_Model):
    """Near-duplicate detection: MinHash + LSH over character shingles (see corpus/dedup.py)."""

    threshold: float = Field(default=0.7, gt=0, lt=1, description="estimated Jaccard similarity at which a later copy is linked")
    shingle: int = Field(default=5, ge=2, le=20, description="characters per shingle (whitespace removed)")
    title_days: int = Field(default=7, ge=0, le=366, description="equal normalised titles of one query within this many days are one story (0: off)")


class ReportConfig(_Model):
    language: Literal["ko", "en"] = "ko"
    dpi: int = Field(default=150, ge=72, le=600)
    heatmap_terms: int = Field(default=25, ge=5, le=100)
    heatmap_value: Literal["per10k", "tfidf_study", "tfidf"] = Field(
        default="per10k", description="what the term × year heatmap shows: occurrences per 10,000 tokens, TF-IDF with one study-wide IDF, or TF-IDF within each year"
    )
    notebooks: bool = Field(default=True, description="write and execute the exploration notebooks into paths.notebooks")
    svg: bool = Field(default=False, description="also write every figure as SVG (PNG only by default: SVG costs about as much again)")
    wordclouds: bool = Field(default=False, description="draw a word cloud per query × year (off by default: on a 19-year study they repeated the same two words 19 times)")


class CompareConfig(_Model):
    """The comparison stage: keyness between queries and periods, trend tests, convergence."""

    periods: list[str] | None = Field(default=None, description="e.g. [2015-2017, 2018-2020]; default: the study years split in two halves")
    correction: Literal["bh", "bonferroni"] = "bh"
    alpha: float = Field(default=0.05, gt=0, lt=1)
    top_n: int = Field(default=30, ge=1, le=1000)
    permutations: int = Field(
        default=200, ge=20, le=10_000, description="convergence: random reassignments of the year's documents between two queries (the similarity baseline)"
    )
    min_count: int = Field(default=5, ge=1, description="keyness: a term needs this many occurrences in the two corpora together")
    trend_min_count: int = Field(default=20, ge=1, description="trend test: occurrences over all years")
    trend_min_years: int = Field(default=3, ge=3, description="trend test: years a term must occur in (T − 2 ≥ 1 df; a one-year burst is no slope)")
    new_term_min_count: int = Field(default=3, ge=1, description="a new term needs this many occurrences in its first year")
    moderate_dispersion: bool = Field(
        default=False, description="trend test: shrink each term's year-level dispersion toward the vocabulary's (empirical Bayes, more df)"
    )
    focus_terms: dict[str, list[str]] = Field(
        default_factory=dict,
        description="per query key, terms declared before looking at the results: trend-tested as their own family (BH within it) and shown first",
    )

    @field_validator("periods")
    @classmethod
    def _periods(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if len(value) < 2:
            raise ValueError("expected at least two periods, e.g. [2015-2017, 2018-2020]")
        try:
            ranges = [parse_years(v) for v in value]
        except ConfigError as exc:
            raise ValueError(str(exc).removeprefix("years: ")) from None
        for earlier, later in pairwise(ranges):
            if later.start <= earlier.end:
                raise ValueError(f"periods must be in order and not overlap, got {earlier} then {later}")
        return [str(r) for r in ranges]


class ConcorConfig(_Model):
    depth: int = Field(default=2, ge=1, le=5, description="levels of splitting: up to 2^depth blocks (+1 for isolates)")
    diagonal: Literal["ignore", "retain", "reciprocal"] = "ignore"
    tolerance: float = Field(default=1e-7, gt=0, lt=1)
    max_iter: int = Field(default=50, ge=1, le=1000)
    split_pairs: bool = False
    numbering: Literal["concorr", "first"] = "concorr"


class NetworkConfig(_Model):
    """Co-occurrence networks per query × year (see analysis/cooccurrence.py and analysis/network.py)."""

    unit: Literal["document", "sentence", "window"] = "sentence"
    window: int = Field(default=5, ge=2, le=100, description="tokens per sliding window when unit is 'window'")
    weight: Literal["count", "jaccard", "npmi"] = "count"
    nodes_by: Literal["tf", "tfidf"] = "tf"
    top_n: int = Field(default=40, ge=3, le=500, description="nodes per query × year")
    min_count: int = Field(default=2, ge=1, description="an edge needs at least this many co-occurring units")
    top_k: int | None = Field(default=5, ge=1, description="keep an edge only if it is among the k strongest of either endpoint (null: all)")
    backbone: bool = Field(default=True, description="draw the maximum spanning tree plus the strongest edges instead of every edge")
    draw_nodes: int = Field(default=30, ge=3, le=200, description="nodes in each drawing (the most frequent of the network)")
    exclude_terms: list[str] = Field(default_factory=list, description="further terms left out of every network (each query's own words already are, see analysis.exclude_query_terms)")
    resolution: float = Field(default=1.0, gt=0, description="Louvain resolution")
    seed: int | None = Field(default=None, description="Louvain seed; None: the study seed")
    concor: ConcorConfig = Field(default_factory=ConcorConfig)
    centrality: Literal["weighted", "unweighted"] = Field(
        default="weighted", description="weighted: betweenness/closeness on distance 1/weight, strength centrality; unweighted: hop counts"
    )
    rank_measure: Literal["degree_centrality", "strength_centrality", "betweenness", "closeness", "eigenvector", "pagerank"] = Field(
        default="strength_centrality", description="the centrality the rank tables and rank-change charts order terms by (ties share a rank)"
    )


class TopicsConfig(_Model):
    """LDA topics per query: the K sweep, the fit, and how topics are labelled and compared."""

    k_min: int = Field(default=4, ge=2, le=200, description="smallest K in the sweep")
    k_max: int = Field(default=12, ge=2, le=200, description="largest K in the sweep")
    k_step: int = Field(default=2, ge=1)
    k: int | None = Field(default=None, ge=2, le=200, description="fixed K for every query; None: chosen by coherence")
    sweep_patience: int = Field(default=2, ge=0, le=50, description="stop a query's K sweep once c_v has fallen this many Ks in a row after its best (0: fit every K)")
    k_tolerance: float = Field(default=0.01, ge=0, le=1, description="c_v within this of the best counts as a tie; the smallest such K wins")
    engine: Literal["gensim", "tomotopy"] = Field(default="gensim", description="LDA engine: gensim's LdaModel (variational Bayes) or tomotopy (collapsed Gibbs sampling; slower here than gensim with trendscope's batched E-step)")
    passes: int = Field(default=5, ge=1, le=200, description="gensim: passes over the corpus")
    iterations: int = Field(default=50, ge=1, le=5000, description="gensim: inference iterations per document")
    gibbs_iterations: int = Field(default=200, ge=10, le=100000, description="tomotopy: Gibbs sampling sweeps over the corpus")
    no_below: int = Field(default=5, ge=1, description="drop terms found in fewer documents")
    no_above: float = Field(default=0.5, gt=0, le=1, description="drop terms found in a larger share of documents")
    keep_n: int | None = Field(default=5000, ge=1, description="then keep this many terms with the highest document frequency")
    coherence_topn: int = Field(default=10, ge=2, le=50)
    relevance_lambda: float = Field(default=0.6, ge=0, le=1, description="λ of the LDAvis relevance used for labels")
    top_terms: int = Field(default=10, ge=1, le=30, description="terms per topic in the report tables and bars")
    top_documents: int = Field(default=5, ge=1, le=100)
    per_year: bool = Field(default=False, description="also fit one model per year and align topics between years")
    alignment_threshold: float = Field(default=0.6, ge=0, le=1, description="JS similarity at or above which two topics count as the same")
    labels_file: Path | None = Field(default=None, description="TSV query<TAB>topic<TAB>label written by the researcher")
    stability_seeds: int = Field(default=5, ge=1, le=50, description="fits of the chosen K (study seed, seed+1, …) to measure topic stability; 1: no check")
    stability_threshold: float = Field(default=0.6, ge=0, le=1, description="a topic whose mean JS similarity to its partners in the other seeds' fits is lower is flagged unstable")
    similarity_permutations: int = Field(
        default=5, ge=0, le=100,
        description="cross-query topic similarity: fits of two models on the queries' documents reassigned at random, for the heatmap's baseline (0: none)",
    )

    @model_validator(mode="after")
    def _range(self) -> TopicsConfig:
        if self.k_max < self.k_min:
            raise ValueError(f"k_max ({self.k_max}) must be at least k_min ({self.k_min})")
        return self


class PathsConfig(_Model):
    data: Path = Path("data")
    reports: Path = Path("reports")
    notebooks: Path = Path("notebooks")

    @property
    def raw(self) -> Path:
        return self.data / "raw"

    @property
    def processed(self) -> Path:
        return self.data / "processed"


class StudyConfig(_Model):
    """One study: the queries compared, the years, where documents come from and how they are analysed."""

    title: str = "trendscope study"
    seed: int = 42
    years: YearRange
    queries: list[QueryConfig] = Field(min_length=1)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    tokenizer: TokenizerConfig = Field(default_factory=TokenizerConfig)
    cleaning: CleaningConfig = Field(default_factory=CleaningConfig)
    analysis: AnalysisConfig = Field(default_factory=AnalysisConfig)
    dedup: DedupConfig = Field(default_factory=DedupConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    network: NetworkConfig = Field(default_factory=NetworkConfig)
    compare: CompareConfig = Field(default_factory=CompareConfig)
    topics: TopicsConfig = Field(default_factory=TopicsConfig)
    paths: PathsConfig = Field(default_factory=PathsConfig)
    engine: Literal["local", "dask"] = Field(default="local", description="where tokenizing and counting run: local processes, or a Dask cluster (--scheduler)")

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> YearRange:
        if isinstance(value, YearRange):
            return value
        try:
            return parse_years(value)
        except ConfigError as exc:
            raise ValueError(str(exc).removeprefix("years: ")) from None

    @model_validator(mode="after")
    def _unique_query_keys(self) -> StudyConfig:
        keys = [q.key for q in self.queries]
        if len(set(keys)) != len(keys):
            raise ValueError(f"query keys must be unique, got {keys}")
        if not self.sources.active():
            raise ValueError("sources: at least one source section is needed (e.g. `demo: {}`)")
        return self

    @property
    def query_keys(self) -> list[str]:
        return [q.key for q in self.queries]

    @property
    def labels(self) -> dict[str, str]:
        """Each query's display label by key, in study order."""
        return {q.key: q.label for q in self.queries}

    def query(self, key: str) -> QueryConfig:
        for q in self.queries:
            if q.key == key:
                return q
        raise ConfigError(f"unknown query key {key!r}; expected one of {', '.join(self.query_keys)}")


@dataclass(frozen=True)
class Overrides:
    """CLI options that take precedence over the study file."""

    years: str | None = None
    tokenizer: str | None = None
    sources: tuple[str, ...] = ()
    out: Path | None = None


def packaged_config_path() -> Path:
    """The built-in reference study that ships inside the package."""
    return Path(str(resources.files("trendscope") / "resources" / DEFAULT_CONFIG_NAME))


def default_config_path(cwd: Path | None = None) -> Path:
    """The study file of the working folder: `trendscope.yaml` (a folder made by `trendscope init`), else
    `configs/default.yaml` (this repository), else the packaged study."""
    folder = cwd or Path.cwd()
    return next((path for path in (folder / STUDY_FILE, folder / LOCAL_DEFAULT_CONFIG) if path.is_file()), packaged_config_path())


def load_config(path: Path | None = None, overrides: Overrides | None = None, *, cwd: Path | None = None) -> StudyConfig:
    """Read, validate and resolve a study file, then apply CLI overrides."""
    cwd = (cwd or Path.cwd()).resolve()
    path = Path(path) if path is not None else default_config_path(cwd)
    raw = _read_yaml(path)
    overrides = overrides or Overrides()
    if overrides.years is not None:
        raw["years"] = str(parse_years(overrides.years))
    if overrides.tokenizer is not None:
        raw.setdefault("tokenizer", {})
        if isinstance(raw["tokenizer"], dict):
            raw["tokenizer"]["backend"] = overrides.tokenizer
    if overrides.sources:
        current = raw.get("sources") if isinstance(raw.get("sources"), dict) else {}
        raw["sources"] = {name: current.get(name) or {} for name in overrides.sources}
    try:
        config = StudyConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
    config = _resolve_paths(config, config_dir=path.resolve().parent, cwd=cwd, explicit_paths=raw.get("paths") or {})
    if overrides.out is not None:
        config = config.model_copy(update={"paths": config.paths.model_copy(update={"reports": _absolute(overrides.out, cwd)})})
    return config


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: expected a UTF-8 text file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        # a ReaderError (a control character) has no problem/mark and a two-line str(): keep the message on one line
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level, got {type(data).__name__}")
    return data


def _describe(exc: ValidationError) -> str:
    """One line per problem: the dotted key and what was expected."""
    parts = []
    for error in exc.errors():
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"]).lstrip(".") or "(top level)"
        if error["type"] == "extra_forbidden":
            parts.append(f"unknown key '{key}'")
        elif error["type"] == "missing":
            parts.append(f"missing key '{key}'")
        else:
            parts.append(f"key '{key}': {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


def _absolute(path: Path, base: Path) -> Path:
    path = Path(path).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def _resolve_paths(config: StudyConfig, *, config_dir: Path, cwd: Path, explicit_paths: dict) -> StudyConfig:
    lexicon = config.tokenizer.lexicon
    lexicon = lexicon.model_copy(
        update={name: _absolute(getattr(lexicon, name), config_dir) for name in ("userdic", "synonyms", "stopwords") if getattr(lexicon, name)}
        | ({"entities": lexicon.entities.model_copy(update={"file": _absolute(lexicon.entities.file, config_dir)})} if lexicon.entities.file else {})
    )
    paths = config.paths.model_copy(
        update={name: _absolute(getattr(config.paths, name), config_dir if name in explicit_paths else cwd) for name in ("data", "reports", "notebooks")}
    )
    sources = config.sources.model_copy(update=_resolve_source_paths(config.sources, config_dir))
    update: dict[str, Any] = {"tokenizer": config.tokenizer.model_copy(update={"lexicon": lexicon}), "paths": paths, "sources": sources}
    if config.topics.labels_file is not None:
        update["topics"] = config.topics.model_copy(update={"labels_file": _absolute(config.topics.labels_file, config_dir)})
    return config.model_copy(update=update)


def _resolve_source_paths(sources: SourcesConfig, config_dir: Path) -> dict[str, Any]:
    """Input files of file-based sources, and the Naver credentials file, resolve against the study file's folder."""
    update: dict[str, Any] = {}
    for name in ("bigkinds", "files"):
        section = getattr(sources, name)
        if section is not None and section.paths:
            update[name] = section.model_copy(update={"paths": [str(_absolute(Path(p), config_dir)) for p in section.paths]})
    if sources.naver is not None and sources.naver.credentials is not None:
        update["naver"] = sources.naver.model_copy(update={"credentials": _absolute(sources.naver.credentials, config_dir)})
    return update
