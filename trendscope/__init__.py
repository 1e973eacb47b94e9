"""trendscope: reproducible, comparative keyword-trend studies of dated Korean text."""

__version__ = "0.1.0"
