"""Paths and limits in one place.

The project root is taken from ``$TIFA_HOME`` when set, else from the source
checkout this package lives in (``src/tifa`` → two levels up).  Every other
path is derived from it, so tests and notebooks can point the whole tool at a
scratch directory by setting one variable.
"""
from __future__ import annotations

import os
from pathlib import Path

#: Files larger than this are refused unless the caller lifts the limit.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def project_root() -> Path:
    env = os.environ.get("TIFA_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


PROJECT_ROOT = project_root()
DATA = PROJECT_ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
#: The lexicons shipped with the source checkout.
DEFAULT_LEXICONS = Path(__file__).resolve().parents[2] / "data" / "lexicons"
#: A project's own lexicons when it has them (``$TIFA_LEXICONS`` overrides), else the shipped ones.
LEXICONS = Path(os.environ["TIFA_LEXICONS"]) if os.environ.get("TIFA_LEXICONS") else (
    DATA / "lexicons" if (DATA / "lexicons").is_dir() else DEFAULT_LEXICONS
)
REPORTS = PROJECT_ROOT / "reports"
#: The example archive (the central work reports 1954–2025) and where its tables are built.
EXAMPLES = DATA / "examples" / "work-reports"
EXAMPLES_PROCESSED = PROCESSED / "examples" / "work-reports"
#: The built corpus notebook 06 (timeline) reads: ``$TIFA_TIMELINE`` or the example archive's.
TIMELINE_PROCESSED = Path(os.environ["TIFA_TIMELINE"]) if os.environ.get("TIFA_TIMELINE") else EXAMPLES_PROCESSED
#: The views notebook 07 (diffusion) reads: ``$TIFA_DIFFUSION`` (a built corpus with place/level/year,
#: or a folder written by ``tifa diffusion --save``), else the shipped example views.
def shipped(*parts: str) -> Path:
    """A folder of the shipped example data: the project's own when it has one, else the source checkout's."""
    own = DATA.joinpath(*parts)
    return own if own.exists() else Path(__file__).resolve().parents[2].joinpath("data", *parts)


DIFFUSION_EXAMPLE = shipped("examples", "diffusion")
DIFFUSION = Path(os.environ["TIFA_DIFFUSION"]) if os.environ.get("TIFA_DIFFUSION") else DIFFUSION_EXAMPLE
NOTEBOOKS = PROJECT_ROOT / "notebooks"
CACHE = PROJECT_ROOT / ".cache"

#: The report's notebooks use at most this many speeches (``$TIFA_SAMPLE``, ``tifa report --sample``).
REPORT_SAMPLE = int(os.environ.get("TIFA_SAMPLE", "300"))
