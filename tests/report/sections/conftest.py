"""The report's data and settings of the shared demo study, loaded in memory as the report stage loads them (read only)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo_report(demo_study: Path):
    """(ReportData, ReportSettings) of the demo study, for building one section at a time."""
    from trendscope.config import load_config
    from trendscope.pipeline import plan
    from trendscope.stages.report import report_data

    planned = next(p for p in plan(load_config(demo_study / "study.yaml")) if p.name == "report")
    return report_data(planned.params, planned.load_inputs()), planned.params
