"""Figures: each function takes prepared data and returns a matplotlib Figure; saving is separate."""
