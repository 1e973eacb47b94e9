"""The names of the built-in cleaning rules, without the rules: config.py validates `cleaning.rules` against them
at every CLI start, and importing text/hygiene.py (numpy, pandas) for six names cost ~0.45 s of a 0.7 s start."""

from __future__ import annotations

OUTLET_RULE = "outlet_names"
# In the order text/hygiene.py runs them; tests/text/test_hygiene.py checks the two lists agree.
BUILTIN_NAMES: tuple[str, ...] = ("copyright", "bracket_tags", "bylines", "photo_credits", "emails", "urls", OUTLET_RULE)
