"""The build: atomic, idempotent, never touches raw data, survives bad inputs."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tifa.corpus.build import build_corpus as build
from tifa.corpus.tables import TABLES, read_table, write_tables_atomic
from tifa.errors import InputError

from ..conftest import SEEDS


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_raw_seeds_are_byte_identical_copies():
    shared = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/seeds not beside the checkout")
    assert _digest(SEEDS[0].parent) == _digest(shared)


def test_build_writes_tables_and_never_touches_raw(project):
    raw, out = project / "data" / "raw", project / "data" / "processed"
    before = _digest(raw)
    corpus = build(raw, out, progress=False)
    assert _digest(raw) == before
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))  # .tifa.lock: the build's lock
    # the corpus-wide tables under content names the manifest gives (its rename commits a build),
    # documents.parquet the same file for tools outside tifa
    assert [n.split("-")[0] for n in names] == ["documents", "documents.parquet", "manifest.json", "minhash", "parts"]
    assert len(list((out / "parts").iterdir())) == 5
    for t in TABLES:  # every table is readable, partitioned ones through the manifest
        assert len(read_table(t, out)) or t == "originals", t
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == len(corpus.documents) == 11
    assert {"doc_id", "source", "part", "title", "date", "text", "n_chars", "duplicate_of", "sha1"} <= set(docs.columns)
    sents = read_table("sentences", out)
    assert {"doc_id", "sent_id", "para_id", "start", "end", "text", "item_id"} <= set(sents.columns)
    log = read_table("cleaning_log", out)
    assert set(log["reason"]) >= {"breadcrumb", "page_meta", "related_list", "copyright_footer", "advertisement", "page_number", "doubled_marker"}


def test_build_is_idempotent_byte_for_byte(project):
    raw, out = project / "data" / "raw", project / "data" / "processed"
    build(raw, out, progress=False)
    first = _digest(out)
    build(raw, out, progress=False)
    assert _digest(out) == first


def test_bad_inputs_are_reported_and_the_rest_processed(project):
    raw, out = project / "data" / "raw", project / "data" / "processed"
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (raw / "notes.pdf").write_bytes(b"%PDF-1.4")
    corpus = build(raw, out, progress=False)
    assert len(corpus.documents) == 11
    bad = sorted(Path(e.path).name for e in corpus.errors)
    assert (out / "documents.parquet").exists()
    assert bad == ["binary.txt", "empty.txt", "notes.pdf"]


def test_failed_write_leaves_previous_tables_intact(tmp_path):
    good = pd.DataFrame({"a": [1, 2]})
    write_tables_atomic({"t1": good, "t2": good}, tmp_path)
    before = _digest(tmp_path)

    class Boom(pd.DataFrame):
        def to_parquet(self, *a, **k):  # noqa: D401 - simulate a crash mid-build
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_tables_atomic({"t1": pd.DataFrame({"a": [9]}), "t2": Boom({"a": [3]})}, tmp_path)
    assert _digest(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_missing_raw_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="raw data folder not found"):
        build(tmp_path / "nope", tmp_path / "out", progress=False)


def test_subfolders_give_stable_ids(project):
    raw = project / "data" / "raw"
    sub = raw / "2024"
    sub.mkdir()
    shutil.copyfile(SEEDS[4], sub / SEEDS[4].name)
    corpus = build(raw, project / "out", progress=False)
    ids = set(corpus.documents["doc_id"])
    assert f"2024__{SEEDS[4].stem}-01" in ids
    # the copy in the subfolder is the same speech: marked as duplicate of the original
    dup = corpus.documents.set_index("doc_id").loc[f"2024__{SEEDS[4].stem}-01", "duplicate_of"]
    assert dup == f"{SEEDS[4].stem}-01"
