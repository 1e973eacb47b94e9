"""The network section past twelve years: per-year drawings for the small multiples' years only, the rest on request."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from trendscope.config import YearRange
from trendscope.report.figures.style import panel_years
from trendscope.report.sections.network import build

YEARS = list(range(2006, 2025))  # a 19-year study, as the BigKinds one that drew 38 per-year figures


@pytest.fixture(scope="module")
def long_study(demo_report):
    """The demo's first query with its networks spread over 19 years (each year a copy of one demo year, one node
    dropped per year so that the years differ)."""
    data, settings = demo_report
    key = settings.query_keys[0]
    nodes, edges = data.network_nodes, data.network_edges
    first = int(nodes.loc[nodes["query"] == key, "year"].min())
    one_nodes = nodes[(nodes["query"] == key) & (nodes["year"] == first)].sort_values(["tf", "term"], ascending=[False, True])
    one_edges = edges[(edges["query"] == key) & (edges["year"] == first)]
    per_year_nodes, per_year_edges = [], []
    for i, year in enumerate(YEARS):
        dropped = one_nodes["term"].iloc[i % 5 + 1]
        per_year_nodes.append(one_nodes[one_nodes["term"] != dropped].assign(year=year))
        per_year_edges.append(one_edges[(one_edges["source"] != dropped) & (one_edges["target"] != dropped)].assign(year=year))
    long_data = dataclasses.replace(data, network_nodes=pd.concat(per_year_nodes, ignore_index=True), network_edges=pd.concat(per_year_edges, ignore_index=True))
    long_settings = dataclasses.replace(settings, years=YearRange(YEARS[0], YEARS[-1]), queries=settings.queries[:1])
    return long_data, long_settings, key


def _per_year(section, kind: str, key: str) -> list[int]:
    """The years of `kind` (network, concor) drawings of query `key` in the section."""
    prefix = f"{kind}_{key}_"
    return sorted(int(job.name.removeprefix(prefix)) for job in section.figures if job.name.startswith(prefix) and job.name.removeprefix(prefix).isdigit())


def test_past_twelve_years_only_the_small_multiples_years_are_drawn_and_the_caption_names_the_rest(long_study):
    data, settings, key = long_study
    section = build(data, settings)
    shown = panel_years(YEARS)
    assert len(shown) == 12
    assert _per_year(section, "network", key) == shown and _per_year(section, "concor", key) == shown
    multiples = next(job for job in section.figures if job.name == f"network_by_year_{key}")
    assert [int(p[0]) for p in multiples.kwargs["panels"]] == shown
    left_out = [y for y in YEARS if y not in shown]
    assert "trendscope figures --all" in multiples.caption
    assert ", ".join(map(str, left_out)) in multiples.caption
    per_year = [job for job in section.figures if job.name.startswith((f"network_{key}_", f"concor_{key}_"))]
    assert len(per_year) == 24 and all(not job.embed and job.link_text for job in per_year)  # linked from the page, not embedded


def test_figures_all_draws_every_year_and_the_caption_says_every_year_is_linked(long_study):
    data, settings, key = long_study
    section = build(data, dataclasses.replace(settings, all_figures=True))
    assert _per_year(section, "network", key) == YEARS and _per_year(section, "concor", key) == YEARS
    multiples = next(job for job in section.figures if job.name == f"network_by_year_{key}")
    assert len(multiples.kwargs["panels"]) == 12
    assert "--all" not in multiples.caption and "linked" in multiples.caption.replace("링크", "linked")


def test_every_drawing_of_a_query_uses_the_one_layout(long_study):
    data, settings, key = long_study
    section = build(data, dataclasses.replace(settings, all_figures=True))
    layouts = [job.kwargs["pos"] for job in section.figures if job.name.startswith(f"network_{key}_") or job.name == f"network_by_year_{key}"]
    assert len(layouts) == 20
    where: dict[str, np.ndarray] = {}
    for pos in layouts:
        for term, xy in pos.items():
            assert np.allclose(where.setdefault(term, xy), xy), term


def test_twelve_years_or_fewer_draw_every_year_without_a_note(demo_report):
    data, settings = demo_report
    section = build(data, settings)
    key = settings.query_keys[0]
    years = sorted(int(y) for y in data.network_nodes.loc[data.network_nodes["query"] == key, "year"].unique())
    assert _per_year(section, "network", key) == years and _per_year(section, "concor", key) == years
    multiples = next(job for job in section.figures if job.name == f"network_by_year_{key}")
    assert "--all" not in multiples.caption
