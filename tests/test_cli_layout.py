"""Where the CLI's code lives: cli.py declares commands and calls commands/, pipeline and config; starting it loads no pandas."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trendscope

PACKAGE = Path(trendscope.__file__).parent
# What cli.py may import from the package: the command helpers, the pipeline, the configuration, and the
# small modules every command needs (errors, progress output, the catalog for annotations, init's study writer).
ALLOWED = ("trendscope.commands", "trendscope.pipeline", "trendscope.config", "trendscope.errors", "trendscope.progress", "trendscope.catalog",
           "trendscope.study")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module if node.module != "trendscope" else f"trendscope.{node.names[0].name}")
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_importing_the_cli_imports_no_pandas_or_numpy():
    code = "import sys, trendscope.cli; print(sorted(m for m in ('pandas', 'numpy', 'pyarrow', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_cli_imports_only_commands_pipeline_and_config():
    ours = {m for m in _imported_modules(PACKAGE / "cli.py") if m.startswith("trendscope")}
    stray = sorted(m for m in ours if m != "trendscope.__version__" and not m.startswith(ALLOWED))
    assert stray == []


def test_stages_hold_stages_and_commands_hold_helpers():
    """The command helpers left stages/; drawing stays in report/ (no matplotlib or figure import in commands/)."""
    assert not {"kwic.py", "related.py", "lexicon_suggest.py", "tokenizer_comparison.py"} & {p.name for p in (PACKAGE / "stages").iterdir()}
    for path in (PACKAGE / "commands").glob("*.py"):
        assert not any(m.startswith(("matplotlib", "trendscope.report.figures")) for m in _imported_modules(path)), path.name
