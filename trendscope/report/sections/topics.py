"""LDA topics per query: the K curve, topic terms, prevalence by year, cross-query similarity, LDAvis pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trendscope.errors import InputError
from trendscope.report.figures.style import query_colors
from trendscope.report.figures.topics import plot_k_curve, plot_prevalence_area, plot_prevalence_lines, plot_similarity_heatmap, plot_topic_terms
from trendscope.report.i18n import column_label
from trendscope.report.labels import label
from trendscope.report.ldavis import ldavis_html
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section, TopicResults
from trendscope.report.tables import Table

LABELS_TEMPLATE = "topic_labels.tsv"

Labels = dict[str, dict[int, str]]  # per query, topic → label


def topic_labels(auto: dict[str, dict[str, str]], own: dict[tuple[str, int], str]) -> Labels:
    """Per query, topic → label: the researcher's label where given, else the topics stage's (its top-3 terms by relevance)."""
    return {key: {int(t): own.get((key, int(t)), text) for t, text in topics.items()} for key, topics in auto.items()}


def mark_unstable(labels: Labels, stability: pd.DataFrame | None) -> Labels:
    """The labels with " †" after every topic the seed-stability table calls unstable (a new dict; `labels` is unchanged)."""
    unstable = set() if stability is None else {(q, int(t)) for q, t, ok in zip(stability["query"], stability["topic"], stability["stable"], strict=True) if not ok}
    return {key: {t: f"{text} †" if (key, t) in unstable else text for t, text in per_topic.items()} for key, per_topic in labels.items()}


def label_column(frame: pd.DataFrame, labels: Labels, *, query: str = "query", topic: str = "topic") -> list[str]:
    """The label of each row's (query, topic), for a table's label column."""
    return [labels[q][int(t)] for q, t in zip(frame[query], frame[topic], strict=True)]


def labels_template(terms: pd.DataFrame, labels: Labels) -> str:
    """The labels file a researcher copies and edits: query, topic, label, and the top terms as a comment."""
    lines = ["# trendscope topic labels: edit the third column, keep the tabs; set topics.labels_file to this file's path", "query\ttopic\tlabel"]
    for key, per_topic in labels.items():
        for topic, text in per_topic.items():
            top = terms[(terms["query"] == key) & (terms["topic"] == topic) & (terms["ranking"] == "relevance")].sort_values("rank")["term"].head(10)
            lines.append(f"# {key} {topic}: {', '.join(top)}")
            lines.append(f"{key}\t{topic}\t{' '.join(text.split())}")  # one line, no tabs
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Models:
    """The tables every fitted model has, and what the engine's perplexity means (from the topics stage's summary)."""

    curve: pd.DataFrame
    terms: pd.DataFrame
    prevalence: pd.DataFrame
    top_documents: pd.DataFrame
    similarity: pd.DataFrame
    perplexity: str
    baseline: pd.DataFrame | None = None  # per query pair: the topics stage's permutation baseline of the similarity


def models(results: TopicResults) -> Models:
    """The topics artifact's model tables; one missing while the summary records a model is an InputError naming it."""
    fitted = ", ".join(f"{key} K = {k}" for key, k in results.summary["k"].items())
    tables = {name: getattr(results, name) for name in ("ksweep", "terms", "prevalence", "top_documents", "similarity")}
    missing = [name for name, frame in tables.items() if frame is None]
    perplexity = results.summary.get("engine", {}).get("perplexity")
    if perplexity is None:
        missing.append("summary engine.perplexity")
    if missing:
        raise InputError(f"topics artifact: models are recorded ({fitted}) but {', '.join(missing)} is missing; re-run the topics stage")
    return Models(tables["ksweep"], tables["terms"], tables["prevalence"], tables["top_documents"], tables["similarity"], perplexity, results.similarity_baseline)


@dataclass(frozen=True)
class View:
    """What every part of the section shares: the settings, the display strings, the labels and the fixed phrases."""

    settings: ReportSettings
    tx: dict[str, str]
    labels: Labels  # unstable topics marked †
    k: dict[str, int]  # the modelled queries' K, in study order
    rule: str  # how K was chosen, in the report language
    caption: str  # the line drawn under the figures: source, engine and seed, years
    n_docs: dict[str, int]

    @property
    def names(self) -> dict[str, str]:
        return self.settings.labels


# The baseline columns the similarity table carries (the same value on every row of a pair).
BASELINE_SHOWN = ("baseline_cell", "baseline_match", "baseline_match_low")


def with_baseline(similarity: pd.DataFrame, baseline: pd.DataFrame | None) -> pd.DataFrame:
    """The similarity table with its pair's permutation baseline (`baseline_*` columns, rounded), when the stage saved one."""
    if baseline is None or baseline.empty:
        return similarity
    columns = {"cell": "baseline_cell", "match": "baseline_match", "match_low": "baseline_match_low"}
    extra = baseline.rename(columns=columns)[["query_a", "query_b", *columns.values()]].round(dict.fromkeys(columns.values(), 4))
    return similarity.merge(extra, on=["query_a", "query_b"], how="left", validate="many_to_one")


def topic_tables(view: View, m: Models, results: TopicResults) -> list[Table]:
    """The section's tables: K sweep, terms, prevalence, top documents, and (where present) similarity, stability, per-year models."""
    t, tx, labels, lang = view.settings.topics, view.tx, view.labels, view.settings.language
    curve = m.curve.assign(c_v=m.curve["c_v"].round(4), u_mass=m.curve["u_mass"].round(4), perplexity=m.curve["perplexity"].round(2))
    shown = m.terms[m.terms["rank"] <= t.top_terms]
    terms = shown.assign(label=label_column(shown, labels), probability=shown["probability"].round(5), relevance=shown["relevance"].round(4))
    prevalence = m.prevalence.assign(label=label_column(m.prevalence, labels), share=m.prevalence["share"].round(4))
    docs = m.top_documents.assign(label=label_column(m.top_documents, labels), weight=m.top_documents["weight"].round(4))
    tables = [
        Table("topics_k_selection", curve, tx["k_table"].format(topn=t.coherence_topn, rule=view.rule, perplexity=m.perplexity),
              unit=", ".join(column_label(c, lang) for c in ("c_v", "u_mass", "perplexity")), formula=view.settings.formula("perplexity", perplexity=m.perplexity), caption=tx["k_table_title"]),
        Table(f"topics_terms_top{t.top_terms}", terms[["query", "topic", "label", "ranking", "rank", "term", "probability", "relevance"]],
              tx["terms_table"].format(n=t.top_terms, lam=t.relevance_lambda), unit=tx["unit_prob"], formula=view.settings.formula("relevance"),
              caption=tx["terms_table_title"].format(n=t.top_terms)),
        Table("topics_prevalence_by_year", prevalence[["query", "year", "topic", "label", "share", "documents", "n_docs"]], tx["prevalence_table"],
              unit=tx["unit_share"], formula=view.settings.formula("prevalence"), caption=tx["prevalence_table_title"]),
        Table("topics_top_documents", docs[["query", "topic", "label", "rank", "year", "title", "weight", "doc_id"]], tx["docs_table"].format(n=t.top_documents),
              unit="θ", caption=tx["docs_table_title"].format(n=t.top_documents)),
    ]
    if not m.similarity.empty:
        sim = with_baseline(m.similarity, m.baseline).assign(
            label_a=label_column(m.similarity, labels, query="query_a", topic="topic_a"), label_b=label_column(m.similarity, labels, query="query_b", topic="topic_b"),
            js_similarity=m.similarity["js_similarity"].round(4), cosine=m.similarity["cosine"].round(4),
        ).sort_values(["query_a", "query_b", "js_similarity", "topic_a", "topic_b"], ascending=[True, True, False, True, True], kind="stable")
        shown = ["query_a", "topic_a", "label_a", "query_b", "topic_b", "label_b", "js_similarity", "cosine", *[c for c in BASELINE_SHOWN if c in sim]]
        tables.append(Table("topics_cross_query_similarity", sim[shown],
                            tx["similarity_table"], unit=tx["unit_js"], formula=tx["js_formula"], caption=tx["similarity_table_title"]))
    if results.stability is not None:
        st = results.stability
        st = st.assign(label=label_column(st, labels), stability=st["stability"].round(3), min_similarity=st["min_similarity"].round(3))
        tables.append(Table("topics_stability", st[["query", "topic", "label", "stability", "min_similarity", "worst_seed", "n_seeds", "stable"]],
                            tx["stability_table"].format(seeds=t.stability_seeds - 1, threshold=t.stability_threshold), unit=tx["unit_js"],
                            formula=tx["js_formula"], caption=tx["stability_table_title"]))
    if results.alignment is not None and results.year_terms is not None:
        alignment, yt = results.alignment, results.year_terms
        tables.append(Table("topics_alignment_by_year", alignment.assign(similarity=alignment["similarity"].round(4)),
                            tx["alignment_table"].format(threshold=t.alignment_threshold), unit=tx["unit_js"], formula=tx["js_formula"],
                            caption=tx["alignment_table_title"]))
        yt = yt[(yt["ranking"] == "relevance") & (yt["rank"] <= t.top_terms)]
        by_year = yt.groupby(["query", "year", "topic"], sort=True)["term"].agg(", ".join).reset_index().rename(columns={"term": "top_terms_by_relevance"})
        tables.append(Table("topics_terms_by_year", by_year, tx["year_terms_table"], unit=tx["unit_prob"], formula=view.settings.formula("relevance"), caption=tx["year_terms_table_title"]))
    return tables


def topic_figures(view: View, m: Models) -> list[FigureJob]:
    """The K curve; per modelled query its prevalence (area and lines) and top terms; one similarity heatmap per query pair."""
    settings, tx, names, labels, lang = view.settings, view.tx, view.names, view.labels, view.settings.language
    t = settings.topics
    colors = query_colors(settings.query_keys)
    total = sum(view.n_docs[key] for key in view.k)
    figures = [FigureJob("topics_k_selection", plot_k_curve,
                         {"curve": m.curve, "labels": names, "colors": colors, "caption": f"{view.caption} · K: {view.rule}", "language": lang},
                         settings.figure_caption(tx["k_caption"].format(rule=view.rule), n=total))]
    shown = m.terms[(m.terms["rank"] <= t.top_terms) & (m.terms["ranking"] == "relevance")]
    for key, k in view.k.items():
        n = view.n_docs[key]
        prevalence = m.prevalence[m.prevalence["query"] == key]
        common = {"topic_labels": labels[key], "title": label("prevalence_title", lang, label=names[key]), "caption": f"{view.caption} · {names[key]} K = {k}", "language": lang}
        figures.append(FigureJob(f"topics_prevalence_area_{key}", plot_prevalence_area, {"prevalence": prevalence, **common},
                                 settings.figure_caption(tx["area_caption"].format(label=names[key]), n=n)))
        figures.append(FigureJob(f"topics_prevalence_lines_{key}", plot_prevalence_lines, {"prevalence": prevalence, "color": colors[key], **common},
                                 settings.figure_caption(tx["lines_caption"].format(label=names[key]), n=n)))
        title = label("topic_terms_title", lang, label=names[key], n=t.top_terms, lam=t.relevance_lambda)
        kwargs = {"terms": shown[shown["query"] == key], "color": colors[key], **common, "title": title}
        figures.append(FigureJob(f"topics_terms_{key}", plot_topic_terms, kwargs,
                                 settings.figure_caption(tx["terms_caption"].format(label=names[key], n=t.top_terms, lam=t.relevance_lambda), n=n)))
    baselines = {} if m.baseline is None else {(r.query_a, r.query_b): {"cell": r.cell, "match_low": r.match_low} for r in m.baseline.itertuples()}
    for (qa, qb), part in m.similarity.groupby(["query_a", "query_b"], sort=False):
        matrix = part.pivot(index="topic_a", columns="topic_b", values="js_similarity").sort_index().sort_index(axis=1)
        baseline = baselines.get((qa, qb))
        caption = tx["similarity_caption"] if baseline is None else tx["similarity_caption_baseline"]
        kwargs = {"baseline": baseline,
            "matrix": matrix.to_numpy(), "row_labels": [f"{i}. {labels[qa][i]}" for i in matrix.index], "col_labels": [f"{j}. {labels[qb][j]}" for j in matrix.columns],
            "row_title": names[qa], "col_title": names[qb], "title": label("similarity_title", lang, a=names[qa], b=names[qb]), "caption": view.caption, "language": lang,
        }
        figures.append(FigureJob(f"topics_similarity_{qa}_{qb}", plot_similarity_heatmap, kwargs,
                                 settings.figure_caption(caption.format(a=names[qa], b=names[qb], permutations=t.similarity_permutations, **(baseline or {})),
                                                         n=view.n_docs.get(qa, 0) + view.n_docs.get(qb, 0))))
    return figures


def topic_files(view: View, m: Models, results: TopicResults, plain: Labels) -> dict[str, str]:
    """One LDAvis page per modelled query, and the labels template (with the researcher's labels, unmarked)."""
    settings, tx, names = view.settings, view.tx, view.names
    files = {}
    for key, k in view.k.items():
        note = tx["ldavis_note"].format(label=names[key], k=k, years=settings.years, source=settings.source)
        files[f"topics/ldavis_{key}.html"] = ldavis_html(results.ldavis[key], title=tx["ldavis_title"].format(label=names[key]), note=note,
                                                          relevance_lambda=settings.topics.relevance_lambda)
    files[f"topics/{LABELS_TEMPLATE}"] = labels_template(m.terms, plain)
    return files


def topic_text(view: View, results: TopicResults, not_modelled: str) -> str:
    """K per query and how it was chosen, seed stability, where the LDAvis pages are, how to rename topics."""
    tx, names, stability = view.tx, view.names, results.stability
    ks = ", ".join(f"{names[key]} K = {k}" for key, k in results.summary["k"].items())
    lines = [tx["text_k"].format(ks=ks, rule=view.rule)]
    if stability is not None:
        lines += [tx["stability_line"].format(label=names[key], stable=int(part["stable"].sum()), k=len(part), mean=part["stability"].mean())
                  for key, part in stability.groupby("query", sort=False)]
        if not stability["stable"].all():
            lines.append(tx["dagger"].format(threshold=view.settings.topics.stability_threshold))
    return "".join([*lines, tx["pages"], not_modelled, tx["labels_help"].format(template=LABELS_TEMPLATE)])


def build(data: ReportData, settings: ReportSettings) -> Section:
    results, tx, names = data.topics, settings.text("topics"), settings.labels
    not_modelled = "".join(tx["not_modelled"].format(label=names[key], why=why) for key, why in results.summary.get("skipped", {}).items())
    if not results.summary["k"]:
        return Section(key="topics", title=tx["title"], text=tx["none"] + not_modelled)
    m = models(results)
    t = settings.topics
    plain = topic_labels(results.summary.get("auto_labels", {}), results.labels)  # the researcher's template carries no marks
    lda_source = tx["lda_source"].format(engine=t.engine, seed=settings.seed)
    view = View(
        settings=settings, tx=tx, labels=mark_unstable(plain, results.stability),
        k={key: results.summary["k"][key] for key in settings.query_keys if key in results.summary["k"]},
        rule=tx["rule_fixed"] if t.k else tx["rule"].format(tolerance=t.k_tolerance),
        caption=f"{label('source', settings.language)}: {settings.source} · {lda_source} · {settings.years}",
        n_docs={key: int(data.volume.loc[data.volume["query"] == key, "kept"].sum()) for key in settings.query_keys},
    )
    return Section(key="topics", title=tx["title"], tables=topic_tables(view, m, results), figures=topic_figures(view, m),
                   text=topic_text(view, results, not_modelled), files=topic_files(view, m, results, plain))
