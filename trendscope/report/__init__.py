"""Presentation only: tables, figures, notebooks and HTML from analysis results."""
