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
