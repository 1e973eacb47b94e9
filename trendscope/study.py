"""`trendscope init`: a self-contained study folder made from the built-in study."""

from __future__ import annotations

import shutil
from pathlib import Path

from trendscope import atomic
from trendscope.config import STUDY_FILE, packaged_config_path
from trendscope.errors import OutputError

_PATHS_SECTION = """
# Where this study keeps its data and outputs (relative to this file).
paths:
  data: data
  reports: reports
  notebooks: notebooks
"""


def init_study(directory: Path, *, force: bool = False) -> Path:
    """Copy the built-in study file and lexicon into `directory`; return the new study file."""
    directory = Path(directory).expanduser().resolve()
    study_file = directory / STUDY_FILE
    if study_file.exists() and not force:
        raise OutputError(f"{study_file}: a study already exists here; use --force to overwrite it")
    source = packaged_config_path()
    try:
        (directory / "lexicon").mkdir(parents=True, exist_ok=True)
        for sub in ("data/raw", "data/processed"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        for lexicon_file in sorted((source.parent / "lexicon").glob("*.txt")):
            shutil.copyfile(lexicon_file, directory / "lexicon" / lexicon_file.name)
        atomic.write_text(study_file, source.read_text(encoding="utf-8").rstrip("\n") + "\n" + _PATHS_SECTION)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write the study here ({exc.strerror})") from None
    return study_file
