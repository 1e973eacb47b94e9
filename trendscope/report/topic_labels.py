"""The researcher's topic labels file (topics.labels_file): TSV lines `query<TAB>topic<TAB>label`."""

from __future__ import annotations

from pathlib import Path

from trendscope.errors import InputError


def read_labels(path: Path | None, valid: dict[str, int]) -> dict[tuple[str, int], str]:
    """The researcher's topic labels: TSV lines `query<TAB>topic<TAB>label` (a header line and # comments allowed)."""
    if path is None:
        return {}
    if not path.is_file():
        raise InputError(f"{path}: topics.labels_file not found; copy reports/topics/topic_labels.tsv there and edit the labels")
    labels = {}
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#") or line.strip().lower() == "query\ttopic\tlabel":
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].strip().isdigit() or not parts[2].strip():
            raise InputError(f"{path}: line {n}: expected query<TAB>topic number<TAB>label, got {line!r}")
        query, topic, label = parts[0].strip(), int(parts[1]), parts[2].strip()
        if query not in valid:
            raise InputError(f"{path}: line {n}: unknown query {query!r}; expected one of {', '.join(valid)}")
        if not 1 <= topic <= valid[query]:
            raise InputError(f"{path}: line {n}: topic {topic} of {query!r}; expected 1–{valid[query]} (the model has K={valid[query]})")
        labels[(query, topic)] = label
    return labels
