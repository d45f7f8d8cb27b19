"""Incremental builds, interrupted builds, adding speeches, metadata and exports."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tifa.corpus import build as B
from tifa.corpus.tables import read_table
from tifa.errors import InputError
from tifa.corpus.export import export_csv, export_xlsx
from tifa.corpus.ingest import add_files, read_metadata

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_incremental_build_reprocesses_only_what_changed(project, tmp_path):
    raw, out = project / "data" / "raw", project / "data" / "processed"
    first = B.build(raw, out, progress=False, workers=1)
    assert len(first.processed) == 5 and not first.reused
    again = B.build(raw, out, progress=False, workers=1)
    assert not again.processed and len(again.reused) == 5
    new = tmp_path / "新讲话.txt"
    new.write_text((raw / "004_cd130c0f635db98b.txt").read_text(encoding="utf-8").replace("六种意识", "七种意识"), encoding="utf-8")
    add_files([new], raw)
    third = B.build(raw, out, progress=False, workers=1)
    assert third.processed == ["新讲话.txt"] and len(third.reused) == 5
    docs = read_table("documents", out)
    assert "新讲话-01" in set(docs["doc_id"])
    # removing a raw file removes its rows and its part
    (raw / "新讲话.txt").unlink()
    fourth = B.build(raw, out, progress=False, workers=1)
    assert fourth.removed_parts == 1
    assert "新讲话-01" not in set(read_table("documents", out)["doc_id"])
    assert not (read_table("tokens", out)["doc_id"] == "新讲话-01").any()


def test_interrupted_build_keeps_previous_tables_and_next_build_completes(project, monkeypatch):
    raw, out = project / "data" / "raw", project / "data" / "processed"
    B.build(raw, out, progress=False, workers=1)
    before = _digest(out)
    shutil.copyfile(raw / "002_f5a1eb64523f891d.txt", raw / "extra-a.txt")
    (raw / "extra-b.txt").write_text((raw / "003_589669c2a269e602.txt").read_text(encoding="utf-8") + "\n补充一句。", encoding="utf-8")
    real = B.process_part
    calls = []

    def crash_on_second(*a, **k):
        calls.append(a[1])
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut")
        return real(*a, **k)

    monkeypatch.setattr(B, "process_part", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        B.build(raw, out, progress=False, workers=1)
    assert _digest(out) == before  # previous tables intact
    assert not [p for p in (out / "parts").iterdir() if p.name.startswith(".")]  # no half-written part
    monkeypatch.setattr(B, "process_part", real)
    done = B.build(raw, out, progress=False, workers=1)
    assert done.processed == [calls[1]]  # the finished part was reused
    assert {"extra-a-01", "extra-b-01"} <= set(read_table("documents", out)["doc_id"])


def test_parallel_build_equals_single_process(project, tmp_path):
    raw = project / "data" / "raw"
    B.build(raw, tmp_path / "one", progress=False, workers=1)
    B.build(raw, tmp_path / "two", progress=False, workers=2)
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")
    pd.testing.assert_frame_equal(read_table("tokens", tmp_path / "one"), read_table("tokens", tmp_path / "two"))


def test_add_never_overwrites_and_records_metadata(project, tmp_path):
    raw = project / "data" / "raw"
    before = _digest(raw)
    same = tmp_path / "004_cd130c0f635db98b.txt"
    shutil.copyfile(raw / same.name, same)
    clash = tmp_path / "sub" / "004_cd130c0f635db98b.txt"
    clash.parent.mkdir()
    clash.write_text("在全市办公室工作会议上的讲话\n同志们：\n" + "办公室工作要讲政治、顾大局。" * 30, encoding="utf-8")
    got = add_files([same, clash], raw, title="在全市办公室工作会议上的讲话（修订）", date="2024-05-06", speaker="张三", occasion="全市办公室工作会议")
    assert [g.action for g in got] == ["skipped", "renamed"]
    assert got[1].source == "004_cd130c0f635db98b-2.txt"
    for name, digest in before.items():  # nothing a user gave us is changed
        assert _digest(raw)[name] == digest
    meta = read_metadata(raw)
    assert set(meta["source"]) == {"004_cd130c0f635db98b.txt", "004_cd130c0f635db98b-2.txt"}
    B.build(raw, project / "data" / "processed", progress=False, workers=1)
    docs = read_table("documents", project / "data" / "processed").set_index("doc_id")
    row = docs.loc["004_cd130c0f635db98b-2-01"]
    assert row["title"] == "在全市办公室工作会议上的讲话（修订）"  # metadata wins over the text
    assert (row["date"], row["date_source"], row["speaker"], row["occasion"]) == ("2024-05-06", "metadata", "张三", "全市办公室工作会议")
    with pytest.raises(InputError, match="unsupported format"):
        add_files([_touch(tmp_path / "x.rtf")], raw)


def _touch(p: Path) -> Path:
    p.write_text("x", encoding="utf-8")
    return p


def test_exports_xlsx_sheets_and_csv(project, tmp_path):
    import openpyxl

    out = project / "data" / "processed"
    B.build(project / "data" / "raw", out, progress=False, workers=1)
    x = export_xlsx(tmp_path / "tifa.xlsx", out)
    wb = openpyxl.load_workbook(x, read_only=True)
    assert wb.sheetnames[0] == "README"
    assert {"documents", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "cleaning_log", "tokens"} <= set(wb.sheetnames)
    readme = [tuple(c.value for c in row) for row in wb["README"].iter_rows(min_row=2)]
    assert ("formulas", "members", "what it stands for, joined by |") in readme
    header = [c.value for c in next(wb["documents"].iter_rows(max_row=1))]
    assert header[:4] == ["doc_id", "source", "part", "n_parts"]
    n_rows = sum(1 for _ in wb["documents"].iter_rows()) - 1
    assert n_rows == 11
    csvs = export_csv(tmp_path / "csv", out)
    docs = pd.read_csv(tmp_path / "csv" / "documents.csv", encoding="utf-8-sig")
    assert len(docs) == 11 and (tmp_path / "csv" / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(csvs) == 9


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/corpus not beside the checkout")
def test_your_own_speeches_example_builds(tmp_path):
    raw = tmp_path / "raw"
    add_files(sorted(SHARED.glob("gwr-2026-*.txt"))[:2], raw)
    rep = B.build(raw, tmp_path / "out", progress=False, workers=2)
    assert len(rep.processed) == 2 and not rep.errors
    assert len(read_table("outline", tmp_path / "out")) > 20


def test_dask_engine_gives_the_same_tables_as_the_local_engine(project, tmp_path):
    pytest.importorskip("dask.distributed")
    raw = project / "data" / "raw"
    B.build(raw, tmp_path / "local", progress=False, workers=2)
    rep = B.build(raw, tmp_path / "dask", progress=False, workers=2, engine="dask")
    assert len(rep.processed) == 5 and not rep.errors
    assert _digest(tmp_path / "local") == _digest(tmp_path / "dask")
    for part in (tmp_path / "local" / "parts").iterdir():
        assert _digest(part) == _digest(tmp_path / "dask" / "parts" / part.name)
    for t in ("sentences", "tokens", "outline", "formulas"):
        pd.testing.assert_frame_equal(read_table(t, tmp_path / "local"), read_table(t, tmp_path / "dask"))


def test_every_table_reads_as_one_when_some_files_have_no_rows_of_it(tmp_path):
    # the first file has no quotation nor list, the second has both: their parts read as one table
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b.txt").write_text(
        "关于加强学习的讲话\n同志们：\n习近平总书记强调：“要坚持以人民为中心。”我们要认真学习。\n"
        "一、加强学习\n一是学理论，二是学业务，三是学历史。\n",
        encoding="utf-8",
    )
    (raw / "a.txt").write_text("会议纪要\n今天开会，讨论了工作安排。大家一致同意。\n", encoding="utf-8")
    out = tmp_path / "out"
    B.build(raw, out, progress=False, workers=1)
    tables = {name: read_table(name, out) for name in B.PARTITIONED}
    assert len(tables["quotes"]) >= 1 and len(tables["enumerations"]) >= 1
    assert set(tables["quotes"]["doc_id"]) == {"b-01"}


def test_a_row_metadata_csv_no_longer_speaks_for_returns_to_what_its_text_says(project):
    """Year, place and level a metadata.csv row set are undone when the row goes, though the
    file's part is reused (no file changed)."""
    raw, out = project / "data" / "raw", project / "data" / "processed"
    speech = "004_cd130c0f635db98b.txt"
    B.build(raw, out, progress=False, workers=1)
    text_row = read_table("documents", out).set_index("source").loc[speech]
    (raw / "metadata.csv").write_text(f"source,date,place\n{speech},2011-03-05,杭州市\n", encoding="utf-8")
    B.build(raw, out, progress=False, workers=1)
    row = read_table("documents", out).set_index("source").loc[speech]
    assert (row["date"], row["year"], row["place"], row["level"]) == ("2011-03-05", 2011, "杭州市", "city")
    (raw / "metadata.csv").write_text("source,date,place\n", encoding="utf-8")
    again = B.build(raw, out, progress=False, workers=1)
    assert not again.processed  # the part is reused ...
    row = read_table("documents", out).set_index("source").loc[speech]
    for col in ("title", "date", "date_source", "year", "place", "level"):  # ... and the row is the text's again
        same = (pd.isna(row[col]) and pd.isna(text_row[col])) or (not pd.isna(row[col]) and row[col] == text_row[col])
        assert same, (col, row[col], text_row[col])
