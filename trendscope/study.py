"""`trendscope init`: a self-contained study folder made from the built-in study, with a lexicon of its own.

The study file is the built-in one (edit its queries, years and sources); the lexicon is not the demo's.
The demo's user dictionary, synonyms and stopwords are about smart cities: copied into a 발레
study they were reported in its methods as "사용자 사전 105개", as if they were that study's domain work.
A new study gets an empty user dictionary and synonym list (commented headers that say the format),
a general news stopword list (resources/study_lexicon/, no demo term) and an empty entities.tsv.
"""

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
    """Write the built-in study file and a new study's lexicon into `directory`; return the new study file.

    A lexicon file already in the folder is kept (`--force` rewrites only the study file): it is the researcher's work."""
    directory = Path(directory).expanduser().resolve()
    study_file = directory / STUDY_FILE
    if study_file.exists() and not force:
        raise OutputError(f"{study_file}: a study already exists here; use --force to overwrite it")
    source = packaged_config_path()
    try:
        (directory / "lexicon").mkdir(parents=True, exist_ok=True)
        for sub in ("data/raw", "data/processed"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        for lexicon_file in sorted(p for p in (source.parent / "study_lexicon").iterdir() if p.suffix in (".txt", ".tsv")):
            target = directory / "lexicon" / lexicon_file.name
            if not target.exists():
                shutil.copyfile(lexicon_file, target)
        atomic.write_text(study_file, source.read_text(encoding="utf-8").rstrip("\n") + "\n" + _PATHS_SECTION)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write the study here ({exc.strerror})") from None
    return study_file
