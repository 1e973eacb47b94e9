"""How the report shows numbers that a table stores as floats: a p-value as text for the page and the Markdown tables."""

from __future__ import annotations

import numpy as np


def format_p(p: float, log10_p: float) -> str:
    """A p-value for a table or a sentence: 3 decimals, scientific below 0.001, "< 1e-300" where the float underflows."""
    if np.isnan(log10_p):
        return ""
    if log10_p < -300 or p == 0:
        return "< 1e-300"
    if p < 0.001:
        return f"{p:.2e}"
    return f"{p:.3f}"
