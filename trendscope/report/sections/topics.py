"""LDA topics per query: the K curve, topic terms, prevalence by year, cross-query similarity, LDAvis pages."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.topics import auto_labels
from trendscope.report.figures.style import query_colors
from trendscope.report.figures.topics import plot_k_curve, plot_prevalence_area, plot_prevalence_lines, plot_similarity_heatmap, plot_topic_terms
from trendscope.report.labels import label
from trendscope.report.ldavis import ldavis_html
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

LABELS_TEMPLATE = "topic_labels.tsv"


def topic_labels(terms: pd.DataFrame, own: dict[tuple[str, int], str]) -> dict[str, dict[int, str]]:
    """Per query, topic → label: the researcher's label where given, else the top-3 terms by relevance."""
    out = {}
    for key, part in terms.groupby("query", sort=False):
        auto = auto_labels(part)
        out[key] = {t: own.get((key, t), text) for t, text in auto.items()}
    return out


def labels_template(terms: pd.DataFrame, labels: dict[str, dict[int, str]]) -> str:
    """The labels file a researcher copies and edits: query, topic, label, and the top terms as a comment."""
    lines = ["# trendscope topic labels: edit the third column, keep the tabs; set topics.labels_file to this file's path", "query\ttopic\tlabel"]
    for key, per_topic in labels.items():
        for topic, text in per_topic.items():
            top = terms[(terms["query"] == key) & (terms["topic"] == topic) & (terms["ranking"] == "relevance")].sort_values("rank")["term"].head(10)
            lines.append(f"# {key} {topic}: {', '.join(top)}")
            lines.append(f"{key}\t{topic}\t{' '.join(text.split())}")  # one line, no tabs
    return "\n".join(lines) + "\n"


def build(data: ReportData, settings: ReportSettings) -> Section:
    results = data.topics
    lang, t = settings.language, settings.topics
    names = settings.labels
    colors = query_colors(settings.query_keys)
    summary = results.summary
    not_modelled = "".join(f"Not modelled: {names[key]} ({why}). " for key, why in summary.get("skipped", {}).items())
    if not summary["k"]:
        return Section(key="topics", title="Topics (LDA)", text=f"No topic model in this run. {not_modelled}")
    curve, terms, prevalence, top_docs = results.ksweep, results.terms, results.prevalence, results.top_documents
    similarity, alignment, year_terms = results.similarity, results.alignment, results.year_terms
    assert curve is not None and terms is not None and prevalence is not None and top_docs is not None and similarity is not None
    labels = topic_labels(terms, results.labels)
    caption = f"{label('source', lang)}: {settings.source} · LDA (gensim), seed {settings.seed} · {settings.years}"

    plain = {key: dict(per_topic) for key, per_topic in labels.items()}  # the researcher's template carries no marks
    stability = results.stability
    if stability is not None:  # an unstable topic is marked wherever its label appears
        for row in stability.itertuples(index=False):
            if not row.stable and row.topic in labels.get(row.query, {}):
                labels[row.query][row.topic] += " †"
    shown = terms[terms["rank"] <= t.top_terms]
    label_col = lambda frame: [labels[q][tp] for q, tp in zip(frame["query"], frame["topic"], strict=True)]  # noqa: E731
    term_table = shown.assign(label=label_col(shown), probability=shown["probability"].round(5), relevance=shown["relevance"].round(4))[
        ["query", "topic", "label", "ranking", "rank", "term", "probability", "relevance"]
    ]
    prev_table = prevalence.assign(label=label_col(prevalence), share=prevalence["share"].round(4))[["query", "year", "topic", "label", "share", "documents", "n_docs"]]
    tables = [
        Table("topics_k_selection", curve.assign(c_v=curve["c_v"].round(4), u_mass=curve["u_mass"].round(4), perplexity=curve["perplexity"].round(2)),
              f"K sweep per query: coherence c_v and u_mass (top {t.coherence_topn} terms, gensim CoherenceModel) and perplexity 2^(−bound) on the training documents. Rule: {summary['rule']}."),
        Table(f"topics_terms_top{t.top_terms}", term_table,
              f"Top {t.top_terms} terms per topic by probability φ and by relevance λ·log φ + (1−λ)·log(φ / p(w)), λ = {t.relevance_lambda} (Sievert & Shirley 2014)."),
        Table("topics_prevalence_by_year", prev_table,
              "share = mean topic share θ over the year's documents (each year sums to 1); documents = documents whose dominant topic it is."),
        Table("topics_top_documents", top_docs.assign(label=label_col(top_docs), weight=top_docs["weight"].round(4))[["query", "topic", "label", "rank", "year", "title", "weight", "doc_id"]],
              f"The {t.top_documents} documents with the highest share of each topic."),
    ]
    if not similarity.empty:
        sim = similarity.assign(
            label_a=[labels[q][tp] for q, tp in zip(similarity["query_a"], similarity["topic_a"], strict=True)],
            label_b=[labels[q][tp] for q, tp in zip(similarity["query_b"], similarity["topic_b"], strict=True)],
            js_similarity=similarity["js_similarity"].round(4), cosine=similarity["cosine"].round(4),
        ).sort_values(["query_a", "query_b", "js_similarity", "topic_a", "topic_b"], ascending=[True, True, False, True, True], kind="stable")
        tables.append(Table("topics_cross_query_similarity", sim[["query_a", "topic_a", "label_a", "query_b", "topic_b", "label_b", "js_similarity", "cosine"]],
                            "Every topic of one query against every topic of the other: 1 − Jensen–Shannon distance (base 2) of the term distributions on the union vocabulary, and cosine."))
    if stability is not None:
        st = stability.assign(label=label_col(stability), stability=stability["stability"].round(3), min_similarity=stability["min_similarity"].round(3))
        tables.append(Table("topics_stability", st[["query", "topic", "label", "stability", "min_similarity", "worst_seed", "n_seeds", "stable"]],
                            f"Each topic of the reported model (study seed) paired one-to-one (Hungarian algorithm, JS similarity) with the topics of the same K "
                            f"refitted with {t.stability_seeds - 1} other seeds; stability = mean paired similarity, stable = stability ≥ {t.stability_threshold} "
                            "(unstable topics are marked † in every label).", unit="JS similarity (0–1)"))
    if alignment is not None and year_terms is not None:
        tables.append(Table("topics_alignment_by_year", alignment.assign(similarity=alignment["similarity"].round(4)),
                            f"Per-year models (K as chosen) aligned between consecutive years by the Hungarian algorithm on JS similarity; threshold {t.alignment_threshold}: persists / split / merge / appears / fades."))
        yt = year_terms[(year_terms["ranking"] == "relevance") & (year_terms["rank"] <= t.top_terms)]
        tables.append(Table("topics_terms_by_year", yt.groupby(["query", "year", "topic"], sort=True)["term"].agg(", ".join).reset_index().rename(columns={"term": "top_terms_by_relevance"}),
                            "Per-year models: top terms of each topic by relevance."))

    modelled = [key for key in settings.query_keys if key in summary["k"]]
    k_caption = caption + f" · K: {summary['rule']}"
    figures = [FigureJob("topics_k_selection", plot_k_curve, {"curve": curve, "labels": names, "colors": colors, "caption": k_caption, "language": lang}, k_caption)]
    for key in modelled:
        qcap = f"{caption} · {names[key]} K = {summary['k'][key]}"
        prev = prevalence[prevalence["query"] == key]
        title = label("prevalence_title", lang, label=names[key])
        common = {"topic_labels": labels[key], "title": title, "caption": qcap, "language": lang}
        figures.append(FigureJob(f"topics_prevalence_area_{key}", plot_prevalence_area, {"prevalence": prev, **common}, f"{title} — {qcap}"))
        figures.append(FigureJob(f"topics_prevalence_lines_{key}", plot_prevalence_lines, {"prevalence": prev, "color": colors[key], **common}, f"{title} — {qcap}"))
        rel = shown[(shown["query"] == key) & (shown["ranking"] == "relevance")]
        title = label("topic_terms_title", lang, label=names[key], n=t.top_terms, lam=t.relevance_lambda)
        kwargs = {"terms": rel, "topic_labels": labels[key], "color": colors[key], "title": title, "caption": qcap, "language": lang}
        figures.append(FigureJob(f"topics_terms_{key}", plot_topic_terms, kwargs, f"{title} — {qcap}"))
    for (qa, qb), part in similarity.groupby(["query_a", "query_b"], sort=False):
        matrix = part.pivot(index="topic_a", columns="topic_b", values="js_similarity").sort_index().sort_index(axis=1)
        title = label("similarity_title", lang, a=names[qa], b=names[qb])
        kwargs = {
            "matrix": matrix.to_numpy(), "row_labels": [f"{i}. {labels[qa][i]}" for i in matrix.index], "col_labels": [f"{j}. {labels[qb][j]}" for j in matrix.columns],
            "row_title": names[qa], "col_title": names[qb], "title": title, "caption": caption, "language": lang,
        }
        figures.append(FigureJob(f"topics_similarity_{qa}_{qb}", plot_similarity_heatmap, kwargs, f"{title} — {caption}"))

    files = {}
    for key in modelled:
        note = f"{names[key]} · K = {summary['k'][key]} · {settings.years} · {settings.source}. Topic numbers match the report tables."
        files[f"topics/ldavis_{key}.html"] = ldavis_html(results.ldavis[key], title=f"{names[key]} — LDA topics (LDAvis)", note=note)
    files[f"topics/{LABELS_TEMPLATE}"] = labels_template(terms, plain)

    ks = ", ".join(f"{names[key]} K = {k}" for key, k in summary["k"].items())
    text = (
        f"LDA per query ({ks}). K: {summary['rule']}. {summary.get('determinism', '')} "
        + "".join(f"Seed stability, {names[key]}: {line} " for key, line in (summary.get("stability") or {}).items())
        + (f"† = a topic that does not reappear reliably with other seeds (stability < {t.stability_threshold}). " if stability is not None and not stability["stable"].all() else "")
        + "Interactive pages: " + ", ".join(f"`topics/ldavis_{key}.html`" for key in modelled) + ". "
        + not_modelled
        + f"Labels: copy `topics/{LABELS_TEMPLATE}`, edit it, and set `topics.labels_file` to it. "
        f"Models (gensim format): `{summary.get('models', 'data/processed/topics/models/')}`."
    )
    return Section(key="topics", title="Topics (LDA)", tables=tables, figures=figures, text=text, files=files)
