"""Kept for existing imports: the report's display strings now live in `trendscope.report.i18n`."""

from __future__ import annotations

from trendscope.report.i18n import Language, label

__all__ = ["Language", "label"]
