"""LDA topics per query: the K curve, topic terms, prevalence by year, cross-query similarity, LDAvis pages."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.style import query_colors
from trendscope.report.figures.topics import plot_k_curve, plot_prevalence_area, plot_prevalence_lines, plot_similarity_heatmap, plot_topic_terms
from trendscope.report.i18n import column_label
from trendscope.report.labels import label
from trendscope.report.ldavis import ldavis_html
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

LABELS_TEMPLATE = "topic_labels.tsv"


# How each engine's perplexity is defined (the two are not on one scale).
PERPLEXITY = {"gensim": "2^(−bound)", "tomotopy": "exp(−log-likelihood per word)"}


def topic_labels(auto: dict[str, dict[str, str]], own: dict[tuple[str, int], str]) -> dict[str, dict[int, str]]:
    """Per query, topic → label: the researcher's label where given, else the topics stage's (its top-3 terms by relevance)."""
    return {key: {int(t): own.get((key, int(t)), text) for t, text in topics.items()} for key, topics in auto.items()}


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
    tx = settings.text("topics")
    not_modelled = "".join(tx["not_modelled"].format(label=names[key], why=why) for key, why in summary.get("skipped", {}).items())
    if not summary["k"]:
        return Section(key="topics", title=tx["title"], text=tx["none"] + not_modelled)
    curve, terms, prevalence, top_docs = results.ksweep, results.terms, results.prevalence, results.top_documents
    similarity, alignment, year_terms = results.similarity, results.alignment, results.year_terms
    assert curve is not None and terms is not None and prevalence is not None and top_docs is not None and similarity is not None
    labels = topic_labels(results.summary.get("auto_labels", {}), results.labels)
    caption = f"{label('source', lang)}: {settings.source} · {tx['lda_source'].format(engine=settings.topics.engine, seed=settings.seed)} · {settings.years}"
    rule = tx["rule_fixed"] if t.k else tx["rule"].format(tolerance=t.k_tolerance)
    n_docs = {key: int(data.volume.loc[data.volume["query"] == key, "kept"].sum()) for key in settings.query_keys}

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
    def table(name: str, frame: pd.DataFrame, note: str, *, unit: str = "", formula: str = "") -> Table:
        return Table(name, frame, note, unit=unit, formula=formula, caption=note.split(": ")[0].split(". ")[0].rstrip(".") + ".")

    relevance = "relevance = λ·log φ + (1−λ)·log(φ / p(w))"
    tables = [
        table("topics_k_selection", curve.assign(c_v=curve["c_v"].round(4), u_mass=curve["u_mass"].round(4), perplexity=curve["perplexity"].round(2)),
              tx["k_table"].format(topn=t.coherence_topn, rule=rule, perplexity=PERPLEXITY[t.engine]), unit=", ".join(column_label(c, lang) for c in ("c_v", "u_mass", "perplexity")),
              formula=f"perplexity = {PERPLEXITY[t.engine]}"),
        table(f"topics_terms_top{t.top_terms}", term_table, tx["terms_table"].format(n=t.top_terms, lam=t.relevance_lambda), unit=tx["unit_prob"], formula=relevance),
        table("topics_prevalence_by_year", prev_table, tx["prevalence_table"], unit=tx["unit_share"], formula="share = mean θ over the year's documents"),
        table("topics_top_documents", top_docs.assign(label=label_col(top_docs), weight=top_docs["weight"].round(4))[["query", "topic", "label", "rank", "year", "title", "weight", "doc_id"]],
              tx["docs_table"].format(n=t.top_documents), unit="θ"),
    ]
    if not similarity.empty:
        sim = similarity.assign(
            label_a=[labels[q][tp] for q, tp in zip(similarity["query_a"], similarity["topic_a"], strict=True)],
            label_b=[labels[q][tp] for q, tp in zip(similarity["query_b"], similarity["topic_b"], strict=True)],
            js_similarity=similarity["js_similarity"].round(4), cosine=similarity["cosine"].round(4),
        ).sort_values(["query_a", "query_b", "js_similarity", "topic_a", "topic_b"], ascending=[True, True, False, True, True], kind="stable")
        tables.append(table("topics_cross_query_similarity", sim[["query_a", "topic_a", "label_a", "query_b", "topic_b", "label_b", "js_similarity", "cosine"]],
                            tx["similarity_table"], unit=tx["unit_js"], formula=tx["js_formula"]))
    if stability is not None:
        st = stability.assign(label=label_col(stability), stability=stability["stability"].round(3), min_similarity=stability["min_similarity"].round(3))
        tables.append(table("topics_stability", st[["query", "topic", "label", "stability", "min_similarity", "worst_seed", "n_seeds", "stable"]],
                            tx["stability_table"].format(seeds=t.stability_seeds - 1, threshold=t.stability_threshold), unit=tx["unit_js"], formula=tx["js_formula"]))
    if alignment is not None and year_terms is not None:
        tables.append(table("topics_alignment_by_year", alignment.assign(similarity=alignment["similarity"].round(4)),
                            tx["alignment_table"].format(threshold=t.alignment_threshold), unit=tx["unit_js"], formula=tx["js_formula"]))
        yt = year_terms[(year_terms["ranking"] == "relevance") & (year_terms["rank"] <= t.top_terms)]
        tables.append(table("topics_terms_by_year", yt.groupby(["query", "year", "topic"], sort=True)["term"].agg(", ".join).reset_index().rename(columns={"term": "top_terms_by_relevance"}),
                            tx["year_terms_table"], unit=tx["unit_prob"], formula=relevance))

    modelled = [key for key in settings.query_keys if key in summary["k"]]
    k_caption = caption + f" · K: {rule}"
    total = sum(n_docs[key] for key in modelled)
    figures = [FigureJob("topics_k_selection", plot_k_curve, {"curve": curve, "labels": names, "colors": colors, "caption": k_caption, "language": lang},
                         settings.figure_caption(tx["k_caption"].format(rule=rule), n=total))]
    for key in modelled:
        qcap = f"{caption} · {names[key]} K = {summary['k'][key]}"
        prev = prevalence[prevalence["query"] == key]
        title = label("prevalence_title", lang, label=names[key])
        common = {"topic_labels": labels[key], "title": title, "caption": qcap, "language": lang}
        figures.append(FigureJob(f"topics_prevalence_area_{key}", plot_prevalence_area, {"prevalence": prev, **common},
                                 settings.figure_caption(tx["area_caption"].format(label=names[key]), n=n_docs[key])))
        figures.append(FigureJob(f"topics_prevalence_lines_{key}", plot_prevalence_lines, {"prevalence": prev, "color": colors[key], **common},
                                 settings.figure_caption(tx["lines_caption"].format(label=names[key]), n=n_docs[key])))
        rel = shown[(shown["query"] == key) & (shown["ranking"] == "relevance")]
        title = label("topic_terms_title", lang, label=names[key], n=t.top_terms, lam=t.relevance_lambda)
        kwargs = {"terms": rel, "topic_labels": labels[key], "color": colors[key], "title": title, "caption": qcap, "language": lang}
        figures.append(FigureJob(f"topics_terms_{key}", plot_topic_terms, kwargs,
                                 settings.figure_caption(tx["terms_caption"].format(label=names[key], n=t.top_terms, lam=t.relevance_lambda), n=n_docs[key])))
    for (qa, qb), part in similarity.groupby(["query_a", "query_b"], sort=False):
        matrix = part.pivot(index="topic_a", columns="topic_b", values="js_similarity").sort_index().sort_index(axis=1)
        title = label("similarity_title", lang, a=names[qa], b=names[qb])
        kwargs = {
            "matrix": matrix.to_numpy(), "row_labels": [f"{i}. {labels[qa][i]}" for i in matrix.index], "col_labels": [f"{j}. {labels[qb][j]}" for j in matrix.columns],
            "row_title": names[qa], "col_title": names[qb], "title": title, "caption": caption, "language": lang,
        }
        figures.append(FigureJob(f"topics_similarity_{qa}_{qb}", plot_similarity_heatmap, kwargs,
                                 settings.figure_caption(tx["similarity_caption"].format(a=names[qa], b=names[qb]), n=n_docs.get(qa, 0) + n_docs.get(qb, 0))))

    files = {}
    for key in modelled:
        note = tx["ldavis_note"].format(label=names[key], k=summary["k"][key], years=settings.years, source=settings.source)
        files[f"topics/ldavis_{key}.html"] = ldavis_html(results.ldavis[key], title=tx["ldavis_title"].format(label=names[key]), note=note, relevance_lambda=t.relevance_lambda)
    files[f"topics/{LABELS_TEMPLATE}"] = labels_template(terms, plain)

    ks = ", ".join(f"{names[key]} K = {k}" for key, k in summary["k"].items())
    text = (
        tx["text_k"].format(ks=ks, rule=rule)
        + ("".join(tx["stability_line"].format(label=names[key], stable=int(part["stable"].sum()), k=len(part), mean=part["stability"].mean())
                   for key, part in stability.groupby("query", sort=False)) if stability is not None else "")
        + (tx["dagger"].format(threshold=t.stability_threshold) if stability is not None and not stability["stable"].all() else "")
        + tx["pages"] + not_modelled + tx["labels_help"].format(template=LABELS_TEMPLATE)
    )
    return Section(key="topics", title=tx["title"], tables=tables, figures=figures, text=text, files=files)
