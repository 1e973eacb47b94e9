"""Every user value the CLI prints through rich is shown as written, never read as markup (issue 25 item 4).

Found by reading the code: each console print, table title and table row in cli.py and commands/ is checked,
so a new print of a term, title, label or path without escaping fails here before a user finds it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import trendscope

PACKAGE = Path(trendscope.__file__).parent
FILES = [PACKAGE / "cli.py", *sorted((PACKAGE / "commands").glob("*.py"))]
SAFE_CALLS = {"escape", "_cell", "Text", "len", "_free", "summary_table", "cleaning_table"}  # literal values, a number, tables whose cells are checked here
# Values that are numbers or fixed words, never the user's text.
SAFE_NAMES = {"k", "skipped", "min_count", "state", "colors", "__version__", "what", "removals", "touched", "totals", "record", "r", "name", "label"}  # stage/table names, doctor's row labels
TABLE_NAMES = {"table", "view", "cleaning"}  # renderables built in the same function, their cells checked here


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return ""


def _root_name(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _unsafe_parts(value: ast.AST) -> list[str]:
    """The interpolated pieces of an f-string (or concatenation of them) that could carry markup."""
    if isinstance(value, ast.Constant):
        return []
    if isinstance(value, ast.BinOp):
        return _unsafe_parts(value.left) + _unsafe_parts(value.right)
    if isinstance(value, ast.IfExp):
        return _unsafe_parts(value.body) + _unsafe_parts(value.orelse)
    if isinstance(value, ast.JoinedStr):
        bad = []
        for part in value.values:
            if not isinstance(part, ast.FormattedValue) or part.format_spec is not None:
                continue  # literal text, or a number formatted with a spec such as :, or :.3f
            inner = part.value
            if _call_name(inner) in SAFE_CALLS or _root_name(inner) in SAFE_NAMES:
                continue
            if isinstance(inner, ast.Attribute) and inner.attr in ("years", "seconds"):
                continue
            bad.append(ast.unparse(inner))
        return bad
    if _call_name(value) in SAFE_CALLS:
        return []
    if _call_name(value) == "str" and value.args and (_root_name(value.args[0]) in SAFE_NAMES or ast.unparse(value.args[0]).endswith((".year", ".rank", ".count"))):
        return []
    if isinstance(value, ast.Name) and value.id in TABLE_NAMES or isinstance(value, (ast.Name, ast.Attribute)) and _root_name(value) in SAFE_NAMES:
        return []
    if isinstance(value, ast.Starred) and isinstance(value.value, (ast.ListComp, ast.GeneratorExp)):
        return _unsafe_parts(value.value.elt)
    if isinstance(value, ast.GeneratorExp | ast.ListComp):
        return _unsafe_parts(value.elt)
    return [ast.unparse(value)]


def unescaped_prints(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name == "print" and isinstance(node.func, ast.Attribute):
            if any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords):
                continue  # printed as plain text
            values = node.args[:1]
        elif name == "add_row":
            values = node.args
        elif name == "Table":
            values = [k.value for k in node.keywords if k.arg == "title"]
        else:
            continue
        found += [f"{path.name}:{node.lineno}: {part}" for value in values for part in _unsafe_parts(value)]
    return found


def test_every_console_print_of_a_user_value_is_escaped():
    assert [line for path in FILES for line in unescaped_prints(path)] == []


def test_the_check_finds_an_unescaped_print(tmp_path):
    """The check above is real: it flags a term printed raw, in a title and in a row, and accepts the escaped forms."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "console.print(f'{term} in {escape(str(path))}')\n"
        "table = Table(title=f'{query_label}: {len(lines)}')\n"
        "table.add_row(str(row.year), row.title, _cell(row.term))\n"
        "console.print(line, markup=False)\n"
        "console.print(line)\n"
    )
    assert unescaped_prints(sample) == ["sample.py:1: term", "sample.py:2: query_label", "sample.py:3: row.title", "sample.py:5: line"]


def test_a_full_disk_outside_the_atomic_helpers_is_one_line(tmp_path, monkeypatch):
    """ENOSPC raised by any write (here: writing the new study) is one red line naming the folder, no traceback."""
    import errno
    import os

    from typer.testing import CliRunner

    from trendscope.cli import app

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "s" / "trendscope.yaml"))

    monkeypatch.setattr("trendscope.study.init_study", no_space)
    result = CliRunner().invoke(app, ["init", str(tmp_path / "s")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: {tmp_path / 's'}: disk full (") and len(result.output.strip().splitlines()) == 1
