"""Which folders trendscope may replace: only those it wrote itself, or empty ones.

`trendscope report --out v` used to swap its new report in place of whatever `v` was: a user's
thesis.docx in `v` was deleted with exit 0, and `--out .` inside a study replaced the study folder
(study file, lexicon, data/raw) with the report.  Now every output folder trendscope writes carries a
small mark (`.trendscope-output`), written into the staging folder *before* the swap, so a run killed
between the swap and the manifest still leaves a folder it recognises.  The mark holds the study's id,
a random id kept in data/ (so it moves with the study, unlike an absolute path), and a folder marked
by another study is not replaced either.  Reports and notebooks written before the mark existed are
recognised by their own files (a manifest.json with trendscope's keys; paths.json and notebooks).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from trendscope.errors import OutputError

MARK_NAME = ".trendscope-output"
STUDY_ID_NAME = "trendscope.study-id"


class NotOurFolderError(OutputError):
    """An output folder holds files trendscope did not write; it is left as it is."""


def study_id(data: Path) -> str:
    """The study's id, kept in `data`/trendscope.study-id and made on first use (call it holding the study lock)."""
    from trendscope import atomic

    path = Path(data) / STUDY_ID_NAME
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
        return text
    text = uuid.uuid4().hex
    atomic.write_text(path, text + "\n", encoding="ascii")
    return text


def read_study_id(path: Path) -> str:
    """The id in a study-id file (see `study_id`); an OutputError when it is missing or damaged."""
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        raise OutputError(f"{path}: the study's id cannot be read; expected a file trendscope writes at the start of a run") from None
    return text


def write_mark(folder: Path, study: str) -> None:
    """Mark `folder` as an output of the study `study` (done in the staging folder, before it is swapped in)."""
    (Path(folder) / MARK_NAME).write_text(json.dumps({"written_by": "trendscope", "study": study}) + "\n", encoding="utf-8")


def read_mark(folder: Path) -> str | None:
    """The study id in `folder`'s mark, or None when it has no valid mark."""
    try:
        mark = json.loads((Path(folder) / MARK_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(mark, dict) and mark.get("written_by") == "trendscope" and isinstance(mark.get("study"), str):
        return mark["study"]
    return None


def _written_before_marks(folder: Path, names: list[str]) -> bool:
    """A report or notebooks folder written by a trendscope without marks, recognised by what only it writes there."""
    if "manifest.json" in names:
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(manifest, dict) and {"trendscope", "stages", "run"} <= set(manifest)
    return "paths.json" in names and all(n == "paths.json" or n.endswith(".ipynb") or n.startswith(".") for n in names)


def check_replaceable(target: Path, study: str, *, data: Path | None = None) -> None:
    """Raise NotOurFolderError (one line naming `target`) unless trendscope may replace `target` whole.

    Allowed: a missing or empty folder, a folder marked by this study, a report or notebooks folder of an
    earlier trendscope.  `data` is the study's data folder: a target that holds it (e.g. `--out .`) is refused.
    """
    target = Path(target)
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise NotOurFolderError(f"{target}: is a {'link' if target.is_symlink() else 'file'}, not a folder trendscope wrote; choose another --out")
    if data is not None and Path(data).resolve().is_relative_to(target.resolve()):
        raise NotOurFolderError(f"{target}: holds the study's own files ({Path(data).name}/); choose a separate --out folder, e.g. reports/")
    try:
        names = sorted(p.name for p in target.iterdir())
    except OSError as exc:
        raise NotOurFolderError(f"{target}: cannot be listed ({exc.strerror}); choose another --out") from None
    if not names:
        return
    owner = read_mark(target)
    if owner == study:
        return
    if owner is not None:
        raise NotOurFolderError(f"{target}: holds the output of another study (id {owner[:8]}…), left unchanged; choose another --out for this one")
    if _written_before_marks(target, names):
        return
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    raise NotOurFolderError(f"{target}: holds {len(names)} file(s) trendscope did not write ({shown}), left unchanged; "
                            "choose an empty or new folder with --out")


def is_ours(folder: Path, study: str) -> bool:
    """True when trendscope may write inside `folder` (and clean its leftovers there)."""
    try:
        check_replaceable(folder, study)
    except NotOurFolderError:
        return False
    return True
