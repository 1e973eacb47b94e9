"""The report stage: every stage's results laid out by report/sections, written by report/build.py through the catalog.

The body only loads the results into `ReportData` and builds the sections (tables, figure jobs, texts); the
`reports` artifact's writer (report/build.py) draws, writes the tables, the page and the workbook, and swaps
reports/ in whole, and the `notebooks` artifact's writer executes the notebooks against it.  If the notebooks
fail, the old reports/ is put back: the stage completes whole or changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from trendscope.catalog import FolderView
from trendscope.config import NetworkConfig, TopicsConfig
from trendscope.report.build import NotebookBuild, ReportBuild
from trendscope.report.methods import environment_versions, methods_facts, methods_markdown
from trendscope.report.sections import ReportData, ReportSettings, TopicResults, build_sections
from trendscope.report.topic_labels import read_labels
from trendscope.stages.compare import study_periods
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.tokenize import LEXICON_FILES, TOKENIZER_READS, tokenizer_params, values_spec
from trendscope.stages.topics import TOPICS_FIELDS

TOPIC_TABLES = ("ksweep", "terms", "prevalence", "top_documents", "similarity", "similarity_baseline", "alignment", "year_terms", "stability", "senses")
RESULTS = ("collection", "documents", "volume", "terms", "bigrams", "network_nodes", "network_edges", "network_ranks", "network_distinct",
           "networks", "topics", "keyness", "trends", "episodes", "new_terms", "convergence", "convergence_trend", "examples", "entities")
REPORT_READS = ("title", "seed", "years", "queries", "sources", "cleaning", "dedup", *TOKENIZER_READS, "analysis.top_n",
                "analysis.exclude_duplicates",
                "analysis.exclude_query_terms", "report", "network", "compare", "topics.top_terms", *(f"topics.{f}" for f in TOPICS_FIELDS))


def report_params(values: Mapping[str, Any]) -> ReportSettings:
    spec = values_spec(values)
    tok = tokenizer_params(spec)
    lexicon = spec.lexicon
    topics = TopicsConfig(top_terms=values["topics.top_terms"], **{f: values[f"topics.{f}"] for f in TOPICS_FIELDS})
    network: NetworkConfig = values["network"]
    return ReportSettings(
        title=values["title"],
        seed=values["seed"],
        years=values["years"],
        queries=tuple(values["queries"]),
        sources=tuple(values["sources"].active()),
        analyzer=f"{tok['backend']} ({tok['backend_version']})",
        pos=tuple(values["tokenizer.pos"]),
        min_length=values["tokenizer.min_length"],
        lexicon_sizes={"user_words": len(lexicon.user_words), "synonyms": len(lexicon.synonyms), "stopwords": len(lexicon.stopwords)},
        top_n=values["analysis.top_n"],
        exclude_duplicates=values["analysis.exclude_duplicates"],
        exclude_query_terms=values["analysis.exclude_query_terms"],
        report=values["report"],
        network=network if network.seed is not None else network.model_copy(update={"seed": values["seed"]}),
        compare=values["compare"],
        topics=topics,
        periods=tuple(str(p) for p in study_periods(values["years"], values["compare"].periods)),
        cleaning=values["cleaning"],
        dedup=values["dedup"],
        backend=tok["backend"],
        analyzer_version=tok["backend_version"],
    )


def topic_results(folder: FolderView, labels: Any) -> TopicResults:
    summary = folder.json("summary.json")
    ldavis = {key: folder.text(f"ldavis_{key}.json") for key in summary["k"]}
    tables = {name: folder.optional_frame(f"{name}.parquet") for name in TOPIC_TABLES}
    return TopicResults(summary=summary, ldavis=ldavis, labels=read_labels(labels, summary["k"]), **tables)


def report_data(settings: ReportSettings, inputs: Mapping[str, Any]) -> ReportData:
    """Every result the sections show (the documents without their texts, in the study years)."""
    documents = inputs["documents"]
    documents = documents.frame([c for c in documents.columns() if c != "body"])
    keys = [f"{key}_{year}" for key in settings.query_keys for year in settings.years]
    graphs = inputs["networks"]
    return ReportData(
        collection=inputs["collection"],
        documents=documents[documents["year"].isin(settings.years.years)],
        network_files=tuple(name for key in keys for name in (f"{key}.graphml", f"{key}.gexf") if graphs.has(name)),
        topics=topic_results(inputs["topics"], inputs.get("topic_labels")),
        entities=inputs["entities"].frame(),
        **{name: inputs[name].frame() for name in (
            "volume", "terms", "bigrams", "network_nodes", "network_edges", "network_ranks", "network_distinct",
            "keyness", "trends", "episodes", "new_terms", "convergence", "convergence_trend", "examples",
        )},
    )


def build_report(settings: ReportSettings, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    if runtime.all_figures:  # a drawing option, outside the params (and so outside the cache key)
        settings = dataclasses.replace(settings, all_figures=True)
    data = report_data(settings, inputs)
    sections = build_sections(data, settings)
    # The versions are the environment's (importlib.metadata), read here so the methods name what ran.
    facts = methods_facts(data, settings, sections, environment_versions())
    build = ReportBuild(settings, data, sections, inputs["networks"], methods=methods_markdown(settings, facts))
    outputs: dict[str, Any] = {"reports": build}
    if settings.report.notebooks:
        outputs["notebooks"] = NotebookBuild(build)
    return Produced(outputs, lambda: build.facts)


STAGE = Stage(
    name="report",
    reads=REPORT_READS,
    params=report_params,
    inputs=(*RESULTS, "topic_labels?", *LEXICON_FILES),
    outputs=lambda settings: ("reports", "notebooks") if settings.report.notebooks else ("reports",),
    body=build_report,
)
