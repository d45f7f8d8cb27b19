"""Shared fixtures: the real seed texts and the corpus built from them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS = sorted(RAW.glob("*.txt"))


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. ``"001"``)."""
    return next(p for p in SEEDS if p.name.startswith(prefix))


@pytest.fixture(scope="session")
def corpus():
    from tifa.corpus.tables import load

    return load([RAW], root=RAW)


@pytest.fixture(scope="session")
def docs(corpus):
    return corpus.documents.set_index("doc_id", drop=False)


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A scratch project root with a copy of the seeds in data/raw."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for p in SEEDS:
        shutil.copyfile(p, raw / p.name)
    monkeypatch.setenv("TIFA_HOME", str(tmp_path))
    return tmp_path


def fold(s: str) -> str:
    """Text up to spaces, dashes and the width of quotes and ellipses (what cleaning may change)."""
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", s)
    s = s.replace("“", '"').replace("”", '"').replace("——", "--").replace("……", "...")
    return re.sub(r"[\s\-\"]", "", s)


def assert_log_accounts_for_every_removed_character(raw: str, result) -> None:
    """Raw minus the cleaning log's spans is the cleaned text, up to :func:`fold`; each logged span
    is what stood in the raw text there."""
    kept, prev = [], 0
    for r in sorted(result.log, key=lambda r: r.raw_start):
        assert raw[r.raw_start : r.raw_end].strip() == r.removed.strip() or fold(raw[r.raw_start : r.raw_end]) == fold(r.removed)
        kept.append(raw[prev : r.raw_start])
        prev = max(prev, r.raw_end)
    kept.append(raw[prev:])
    assert fold("".join(kept)) == fold(result.text)
