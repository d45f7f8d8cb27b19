"""The store under abuse (issue 24): files edited during a build, writers at once, file names that
are not UTF-8, bad metadata.csv, a full or read-only disk, symbolic links out of the raw folder,
leftovers of a killed build, a kill between the final renames.  Each case was reproduced first."""
from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tifa.corpus import build as B
from tifa.corpus import parts as P
from tifa.corpus import store as S
from tifa.corpus import tables as C
from tifa.cli.main import main
from tifa.corpus.tables import load, read_manifest, read_table
from tifa.corpus.ingest import add_files, read_metadata
from tifa.lock import LockTimeout, store_lock

SPEECH = "004_cd130c0f635db98b.txt"
FORK = multiprocessing.get_context("fork")


def _build(raw: Path, out: Path, **kw) -> B.BuildReport:
    return B.build(raw, out, progress=False, workers=1, **kw)


def _paths(project: Path) -> tuple[Path, Path]:
    return project / "data" / "raw", project / "data" / "processed"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".tifa.lock"}


def _cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tifa.cli", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _consistent(out: Path) -> dict:
    """The store's manifest, after checking that every file it names is there and every table reads."""
    manifest = read_manifest(out)
    assert manifest is not None
    for name in C.store_files(manifest).values():
        assert (out / name).is_file(), name
    for p in manifest["parts"]:
        assert B.part_ok(out / "parts" / p["key"], p["source"], manifest["fingerprint"]), p
    docs = read_table("documents", out)
    assert set(docs["source"]) == {p["source"] for p in manifest["parts"]}
    for t in B.PARTITIONED:
        read_table(t, out)
    return manifest


# --------------------------------------------------------------------------- 2. edited during a build


def test_a_file_edited_while_the_build_runs_gets_the_part_of_what_was_read(project, monkeypatch):
    raw, out = _paths(project)
    target = raw / SPEECH
    a = target.read_bytes()
    b = a.replace("六种意识".encode(), "七种意识".encode())
    assert a != b and len(a) == len(b)
    real = B.process_part

    def edit_then_process(path, source, *args, **kw):
        if source == SPEECH:  # keyed from content A by the build; B on disk when the worker reads
            target.write_bytes(b)
        return real(path, source, *args, **kw)

    monkeypatch.setattr(B, "process_part", edit_then_process)
    first = _build(raw, out)
    text = read_table("documents", out).set_index("source").loc[SPEECH, "text"]
    assert "七种意识" in text  # the part holds what was read, under the key of what was read
    assert any(SPEECH in w and "changed while the build ran" in w for w in first.warnings)
    _consistent(out)
    monkeypatch.setattr(B, "process_part", real)
    target.write_bytes(a)  # restored
    again = _build(raw, out)
    assert SPEECH in again.processed  # not the part of B under A's name (before: reused, 0 processed)
    expected = load([target], root=raw)  # what `tifa docs` shows for the file
    got = read_table("documents", out)
    got = got[got["source"] == SPEECH].reset_index(drop=True)
    cols = ["doc_id", "title", "text", "n_chars", "n_sents", "sha1"]
    pd.testing.assert_frame_equal(got[cols], expected.documents[cols], check_dtype=False)
    sents = read_table("sentences", out)
    assert sents[sents["doc_id"].isin(got["doc_id"])]["text"].tolist() == expected.sentences["text"].tolist()


def test_a_part_whose_meta_disagrees_with_its_key_or_lacks_a_table_is_made_again(project):
    raw, out = _paths(project)
    _build(raw, out)
    manifest = read_manifest(out)
    by_source = {p["source"]: p["key"] for p in manifest["parts"]}
    meta_file = out / "parts" / by_source[SPEECH] / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(b"other bytes").hexdigest()  # a part made from other bytes
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    other = sorted(s for s in by_source if s != SPEECH)[0]
    (out / "parts" / by_source[other] / "tokens.parquet").unlink()  # a part missing a table
    again = _build(raw, out)
    assert sorted(again.processed) == sorted([SPEECH, other])
    _consistent(out)


def test_the_stat_shortcut_never_reuses_a_part_made_from_other_bytes(project, monkeypatch):
    raw, out = _paths(project)
    monkeypatch.setattr(B, "RACY_NS", -10**18)  # as if the last build were long ago: the shortcut is taken
    _build(raw, out)
    reads = []
    real = B.read_once
    monkeypatch.setattr(B, "read_once", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    again = _build(raw, out)
    assert not reads and len(again.reused) == 5  # unchanged files are not read again
    target = raw / SPEECH
    st = target.stat()
    target.write_bytes(target.read_bytes().replace("六种意识".encode(), "七种意识".encode()))  # same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime: only ctime tells
    third = _build(raw, out)
    assert third.processed == [SPEECH]
    assert "七种意识" in read_table("documents", out).set_index("source").loc[SPEECH, "text"]


# --------------------------------------------------------------------------- 4. concurrency


def _hold(folder: str, ready, release) -> None:
    with store_lock(folder, "tifa build"):
        ready.set()
        release.wait(120)


def test_a_second_writer_waits_saying_who_holds_the_lock_or_gives_up_in_one_line(project):
    raw, out = _paths(project)
    ready, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold, args=(str(out), ready, release))
    holder.start()
    try:
        assert ready.wait(20)
        r = _cli("build", "--raw", str(raw), "--out", str(out), "-q", "-j", "1", env={"TIFA_LOCK_TIMEOUT": "0.3"})
        assert r.returncode == 1
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and f"locked by pid {holder.pid} (tifa build" in lines[0] and str(out) in lines[0], lines
        assert read_manifest(out) is None  # nothing was built
        waiting = subprocess.Popen([sys.executable, "-m", "tifa.cli", "build", "--raw", str(raw), "--out", str(out), "-q", "-j", "1"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not (out / "manifest.json").exists() and time.monotonic() < deadline and waiting.poll() is None:
            time.sleep(0.2)
            if time.monotonic() > deadline - 55:  # the second build has waited a few seconds
                break
        assert read_manifest(out) is None  # it waits
        release.set()
        _, err = waiting.communicate(timeout=300)
        assert waiting.returncode == 0, err
        assert f"waiting for pid {holder.pid} (tifa build" in err
    finally:
        release.set()
        holder.join(30)
    _consistent(out)


def test_the_lock_falls_back_to_an_exclusive_lock_file(tmp_path, monkeypatch):
    import tifa.lock as L

    monkeypatch.setattr(L, "fcntl", None)
    ready, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold, args=(str(tmp_path), ready, release))
    holder.start()
    try:
        assert ready.wait(20)
        with pytest.raises(LockTimeout, match=f"locked by pid {holder.pid}"):
            with store_lock(tmp_path, "tifa add", timeout=0.2):
                pass
    finally:
        release.set()
        holder.join(30)
    # a lock file left by a process that died is taken over
    (tmp_path / L.LOCK_NAME).write_text(json.dumps({"pid": 2**22 + 12345, "command": "tifa build", "since": 0}))
    with store_lock(tmp_path, "tifa add", timeout=0.2):
        assert json.loads((tmp_path / L.LOCK_NAME).read_text())["pid"] == os.getpid()
    assert not (tmp_path / L.LOCK_NAME).exists()


def _add_one(raw: str, src: str, speaker: str, barrier) -> None:
    barrier.wait()
    add_files([Path(src)], Path(raw), speaker=speaker, date="2024-01-02")


def test_adds_at_once_of_files_with_one_name_get_names_of_their_own_and_lose_no_row(project, tmp_path):
    raw, _ = _paths(project)
    body = (raw / SPEECH).read_text(encoding="utf-8")
    inputs = {}
    n, rounds = 4, 3
    for r in range(rounds):
        barrier = FORK.Barrier(n)
        procs = []
        for i in range(n):
            src = tmp_path / f"r{r}i{i}" / "same.txt"
            src.parent.mkdir()
            src.write_text(f"第{r}轮第{i}篇\n" + body, encoding="utf-8")
            inputs[hashlib.sha256(src.read_bytes()).hexdigest()] = f"讲话人{r}-{i}"
            procs.append(FORK.Process(target=_add_one, args=(str(raw), str(src), f"讲话人{r}-{i}", barrier)))
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
            assert p.exitcode == 0
    copies = sorted(raw.glob("same*.txt"))
    assert len(copies) == n * rounds  # every file kept, each under its own name
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in copies} == set(inputs)
    meta = read_metadata(raw).set_index("source")
    assert set(meta.index) == {p.name for p in copies}  # no row lost
    for p in copies:  # each row describes the file of its name
        assert meta.loc[p.name, "speaker"] == inputs[hashlib.sha256(p.read_bytes()).hexdigest()]
    assert not list(raw.glob(".tifa-add*"))


def test_builds_and_adds_at_once_leave_a_store_that_lists_only_parts_that_exist(project, tmp_path):
    raw, out = _paths(project)
    extra = tmp_path / "新增讲话.txt"
    extra.write_text("在全市会议上的讲话\n同志们：\n" + "要增强服务意识，提高服务水平。" * 40, encoding="utf-8")
    env = {"TIFA_HOME": str(project)}
    args = ["build", "--raw", str(raw), "--out", str(out), "-q", "-j", "1"]
    procs = [subprocess.Popen([sys.executable, "-m", "tifa.cli", *args], env={**os.environ, **env},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    time.sleep(0.5)
    procs.append(subprocess.Popen([sys.executable, "-m", "tifa.cli", "add", str(extra), "--raw", str(raw), "--speaker", "李四"],
                                  env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    # an edit inside the speech (a line appended after the page's related list would be page furniture)
    (raw / SPEECH).write_text((raw / SPEECH).read_text(encoding="utf-8").replace("服务是工作主旋律。", "服务是工作主旋律。补充一句。", 1), encoding="utf-8")
    procs.append(subprocess.Popen([sys.executable, "-m", "tifa.cli", *args], env={**os.environ, **env},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    _consistent(out)
    assert main(args) == 0  # a last build sees every change
    manifest = _consistent(out)
    assert "新增讲话.txt" in {p["source"] for p in manifest["parts"]}
    assert "补充一句" in read_table("documents", out).set_index("source").loc[SPEECH, "text"]


def test_a_missing_part_is_one_line_saying_to_build_again_in_kwic_and_export(project, tmp_path):
    raw, out = _paths(project)
    _build(raw, out)
    key = read_manifest(out)["parts"][0]["key"]
    shutil.rmtree(out / "parts" / key)
    for args in (["kwic", "服务", "--processed", str(out)], ["export", "--csv", str(tmp_path / "csv"), "--processed", str(out)]):
        r = _cli(*args)
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 1, (args, r.stderr)
        assert len(lines) == 1 and key in lines[0] and "tifa build" in lines[0], lines
    assert not (tmp_path / "csv" / "documents.csv").exists()  # not a partial export
    assert _build(raw, out).processed  # the build makes it again
    _consistent(out)


# --------------------------------------------------------------------------- 5. names that are not UTF-8


def test_a_file_name_that_is_not_utf8_gets_a_printable_source_and_breaks_nothing(project, tmp_path, capsys):
    raw, out = _paths(project)
    body = (raw / SPEECH).read_bytes().replace("六种意识".encode(), "八种意识".encode())
    with open(os.fsencode(raw) + b"/x_\xff.txt", "wb") as fh:
        fh.write(body)
    outside = tmp_path / os.fsdecode(b"y_\xfe.txt")
    outside.write_bytes(body.replace("八种意识".encode(), "九种意识".encode()))
    assert [a.source for a in add_files([outside], raw, speaker="王五")] == ["y_%FE.txt"]
    assert main(["build", "--raw", str(raw), "--out", str(out), "-q", "-j", "1"]) == 0
    docs = read_table("documents", out).set_index("source")
    assert "八种意识" in docs.loc["x_%FF.txt", "text"] and docs.loc["x_%FF.txt", "doc_id"] == "x_%FF-01"
    assert docs.loc["y_%FE.txt", "speaker"] == "王五"  # its metadata row joined
    assert main(["kwic", "八种意识", "--processed", str(out), "-f", "csv"]) == 0
    assert "x_%FF-01" in capsys.readouterr().out
    r = _cli("docs", str(raw), "-f", "csv")
    assert r.returncode == 0 and "x_%FF.txt" in r.stdout, r.stderr
    # a name that reads like the escaped one is refused in one line, not silently merged
    (raw / "x_%FF.txt").write_bytes(body)
    report = _build(raw, out)
    assert [e.reason for e in report.errors if "rename one" in e.reason]


# --------------------------------------------------------------------------- 7. one line, not a traceback


def _build_cli(raw: Path, out: Path, capsys) -> tuple[int, list[str]]:
    code = main(["build", "--raw", str(raw), "--out", str(out), "-q", "-j", "1"])
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("content", [
    b'source,title,speaker\n"004_cd130c0f635db98b.txt,abc,x\n',  # a quote never closed
    b'source,title,speaker\n004_cd130c0f635db98b.txt,abc,x,extra,more\n',  # more fields than columns
    b'title,speaker\nabc,x\n',  # no source column
    b'source,speaker\n' + "004.txt,张三".encode("utf-16-le") + b"\n\xff\xfe",  # neither UTF-8 nor GBK
])
def test_a_broken_metadata_csv_is_one_line_naming_it(project, tmp_path, capsys, content):
    raw, out = _paths(project)
    (raw / "metadata.csv").write_bytes(content)
    code, lines = _build_cli(raw, out, capsys)
    assert code == 1 and len(lines) == 1 and "metadata.csv" in lines[0], lines
    new = tmp_path / "new.txt"
    new.write_text("在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    assert main(["add", str(new), "--raw", str(raw), "--speaker", "张三"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "metadata.csv" in lines[0], lines
    assert (raw / "metadata.csv").read_bytes() == content  # left as it was


def test_metadata_csv_empty_gbk_or_with_two_rows_for_a_source_is_read(project, capsys):
    raw, out = _paths(project)
    (raw / "metadata.csv").write_bytes(b"")
    code, lines = _build_cli(raw, out, capsys)
    assert code == 0 and len(lines) == 1 and lines[0].startswith("tifa: built"), lines
    (raw / "metadata.csv").write_bytes(f"source,speaker,occasion\n{SPEECH},张三,全市会议\n".encode("gbk"))
    code, lines = _build_cli(raw, out, capsys)
    assert code == 0 and any("metadata.csv" in x and "GBK" in x for x in lines), lines
    assert read_table("documents", out).set_index("source").loc[SPEECH, "speaker"] == "张三"
    (raw / "metadata.csv").write_text(f"source,speaker\n{SPEECH},张三\n{SPEECH},李四\n", encoding="utf-8")
    code, lines = _build_cli(raw, out, capsys)
    assert code == 0 and any("metadata.csv" in x and SPEECH in x and "last row" in x for x in lines), lines
    assert read_table("documents", out).set_index("source").loc[SPEECH, "speaker"] == "李四"  # the last row wins
    (raw / "metadata.csv").write_bytes(f"source,speaker\n{SPEECH},王五\n".encode("utf-16"))  # Excel's "Unicode text"
    code, lines = _build_cli(raw, out, capsys)
    assert code == 0 and len(lines) == 1, lines
    assert read_table("documents", out).set_index("source").loc[SPEECH, "speaker"] == "王五"
    # tifa add says what it read in a GBK file, and writes it back as UTF-8
    (raw / "metadata.csv").write_bytes(f"source,speaker\n{SPEECH},张三\n".encode("gbk"))
    new = raw.parent / "new.txt"
    new.write_text("在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    assert main(["add", str(new), "--raw", str(raw), "--speaker", "赵六"]) == 0
    assert any("GBK" in x for x in capsys.readouterr().err.splitlines())
    assert read_metadata(raw).set_index("source")["speaker"].to_dict() == {SPEECH: "张三", "new.txt": "赵六"}
    (raw / "metadata.csv").read_bytes().decode("utf-8")


def _no_space(real, when):
    def write_bytes(self, data):
        if when(self):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)
    return write_bytes


def _changes(raw: Path, tmp_path: Path) -> list[str]:
    (raw / "extra-a.txt").write_text("在会议上的讲话\n同志们：\n" + "要增强服务意识，提高服务水平。" * 40, encoding="utf-8")
    (raw / SPEECH).write_text((raw / SPEECH).read_text(encoding="utf-8") + "\n补充一句。", encoding="utf-8")
    return ["extra-a.txt", SPEECH]


def test_a_full_disk_while_parts_are_written_is_one_line_per_file_and_changes_nothing(project, tmp_path, capsys, monkeypatch):
    raw, out = _paths(project)
    _build(raw, out)
    before = _digest(out)
    changed = _changes(raw, tmp_path)
    monkeypatch.setattr(Path, "write_bytes", _no_space(Path.write_bytes, lambda p: p.parent.parent.name == "parts"))
    code, lines = _build_cli(raw, out, capsys)
    assert code == 1
    for name in changed:  # each file's ENOSPC printed, naming it
        assert sum(name in x and "No space left on device" in x for x in lines) == 1, lines
    assert len(lines) == len(changed) + 1 and str(out) in lines[-1] and "free space" in lines[-1], lines
    assert _digest(out) == before  # the previous build as it was; no temporary part left
    monkeypatch.undo()
    assert sorted(_build(raw, out).processed) == sorted(changed)


def test_a_full_disk_while_the_corpus_is_committed_is_one_line_and_leaves_no_orphan(project, tmp_path, capsys, monkeypatch):
    raw, out = _paths(project)
    _build(raw, out)
    before = _digest(out)
    _changes(raw, tmp_path)
    monkeypatch.setattr(Path, "write_bytes", _no_space(Path.write_bytes, lambda p: p.name.startswith(".documents-")))
    code, lines = _build_cli(raw, out, capsys)
    assert code == 1 and len(lines) == 1 and "No space left on device" in lines[0] and str(out) in lines[0], lines
    assert _digest(out) == before  # no orphaned part keeps the disk full, no temporary left


def test_a_store_that_cannot_be_written_is_one_line_per_file_then_one_for_the_folder(project, tmp_path, capsys, monkeypatch):
    raw, out = _paths(project)
    _build(raw, out)
    before = _digest(out)
    changed = _changes(raw, tmp_path)

    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(P.tempfile, "mkdtemp", refuse)
    code, lines = _build_cli(raw, out, capsys)
    assert code == 1 and len(lines) == len(changed) + 1 and all("Permission denied" in x for x in lines), lines
    assert _digest(out) == before


def test_a_folder_that_cannot_be_locked_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    code, lines = _build_cli(raw, blocker / "processed", capsys)  # its parent is a file
    assert code == 1 and len(lines) == 1 and str(blocker / "processed") in lines[0], lines


def test_add_takes_a_file_whose_name_is_too_long_for_a_temporary_name(project, tmp_path):
    raw, _ = _paths(project)
    name = "在全市办公室工作会议上的讲话" * 5 + "稿" * 13 + "x.txt"
    assert len(name.encode()) == 254  # the longest a name may be, nearly: "-2" makes it too long
    first, second = tmp_path / "a" / name, tmp_path / "b" / name
    for i, f in enumerate((first, second)):
        f.parent.mkdir()
        f.write_text(f"第{i}稿\n在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    got = add_files([first], raw, title="长名字") + add_files([second], raw, title="长名字")
    assert got[0].source == name and got[1].action == "renamed"
    assert len(got[1].source.encode()) <= 255 and got[1].source.endswith("-2.txt")
    assert (raw / got[1].source).read_bytes() == second.read_bytes()
    assert not _build(raw, project / "data" / "processed").errors


def test_a_full_disk_in_tifa_add_is_one_line_and_leaves_nothing(project, tmp_path, capsys, monkeypatch):
    raw, _ = _paths(project)
    before = _digest(raw)
    new = tmp_path / "new.txt"
    new.write_text("在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    monkeypatch.setattr(Path, "write_bytes", _no_space(Path.write_bytes, lambda p: True))
    import tifa.corpus.ingest as I

    def copy_no_space(src, dst, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(I.shutil, "copyfile", copy_no_space)
    assert main(["add", str(new), "--raw", str(raw), "--speaker", "张三"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], lines
    assert _digest(raw) == before  # no temporary, no metadata row for a file not added
    monkeypatch.undo()
    import tifa.atomic as A

    def no_space(tmp, target):  # the copy is made; metadata.csv cannot be
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(A, "finalize", no_space)
    assert main(["add", str(new), "--raw", str(raw), "--speaker", "张三"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "metadata.csv" in lines[0] and "No space left on device" in lines[0], lines
    assert _digest(raw) == before  # all or nothing: the copy is taken back


def test_a_store_folder_that_refuses_its_lock_file_is_one_line(project, capsys, monkeypatch):
    raw, out = _paths(project)
    import tifa.lock as L

    real = os.open

    def refuse(path, *a, **k):
        if str(path).endswith(L.LOCK_NAME):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(L.os, "open", refuse)
    code, lines = _build_cli(raw, out, capsys)
    assert code == 1 and len(lines) == 1 and str(out) in lines[0] and "Permission denied" in lines[0], lines


# --------------------------------------------------------------------------- 8. links, leftovers, the commit


def test_a_symlink_out_of_the_raw_folder_is_refused_with_a_line(project, tmp_path, capsys):
    raw, out = _paths(project)
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("在会议上的讲话\n" + "绝密内容不得外传。" * 30, encoding="utf-8")
    (raw / "link.txt").symlink_to(secret)
    (raw / "linked-folder").symlink_to(secret.parent, target_is_directory=True)
    code, lines = _build_cli(raw, out, capsys)
    assert code == 0
    refused = [x for x in lines if "symbolic link" in x]
    assert len(refused) == 2 and any("link.txt" in x for x in refused) and any("linked-folder" in x for x in refused), lines
    docs = read_table("documents", out)
    assert not docs["text"].str.contains("绝密内容").any() and "link.txt" not in set(docs["source"])
    r = _cli("docs", str(raw), "-f", "csv")
    assert "绝密内容" not in r.stdout and "link.txt" in r.stderr


def test_leftovers_of_a_killed_build_are_removed_by_the_next(project):
    raw, out = _paths(project)
    _build(raw, out)
    key = read_manifest(out)["parts"][0]["key"]
    junk = [out / "parts" / f".{key}.k1ll3d", out / ".documents-0123.parquet.abcd.tmp", out / ".manifest.json.x1.tmp",
            out / "documents-00000000000000000000.parquet", out / "minhash-00000000000000000000.parquet"]
    junk[0].mkdir()
    (junk[0] / "tokens.parquet").write_bytes(b"half")
    for p in junk[1:]:
        p.write_bytes(b"half")
    (raw / ".tifa-add.zz.tmp").write_bytes(b"half")
    _build(raw, out)
    assert not [p for p in junk if p.exists()]
    _consistent(out)
    extra = raw.parent / "x.txt"
    extra.write_text("在会议上的讲话\n" + "要增强服务意识。" * 30, encoding="utf-8")
    add_files([extra], raw)
    assert not (raw / ".tifa-add.zz.tmp").exists()


def _build_killed_at_the_commit(raw: str, out: str) -> None:
    real = S.finalize

    def finalize(tmp, target):
        if Path(target).name == "manifest.json":
            os._exit(9)  # killed after the new tables are in place, before the manifest
        return real(tmp, target)

    S.finalize = finalize
    B.build(Path(raw), Path(out), progress=False, workers=1)


def test_a_kill_between_the_final_renames_leaves_the_previous_store_whole(project, tmp_path):
    raw, out = _paths(project)
    _build(raw, out)
    before_manifest, before_docs = read_manifest(out), read_table("documents", out)
    before_alias = (out / "documents.parquet").read_bytes()
    _changes(raw, tmp_path)
    child = FORK.Process(target=_build_killed_at_the_commit, args=(str(raw), str(out)))
    child.start()
    child.join(300)
    assert child.exitcode == 9
    assert read_manifest(out) == before_manifest  # the store is the previous one, whole
    pd.testing.assert_frame_equal(read_table("documents", out), before_docs)
    assert (out / "documents.parquet").read_bytes() == before_alias
    _consistent(out)
    done = _build(raw, out)
    assert sorted(done.processed) == []  # the killed build's parts were finished: reused
    manifest = _consistent(out)
    assert "extra-a.txt" in {p["source"] for p in manifest["parts"]}
    names = {p.name for p in out.iterdir()}
    assert len([n for n in names if n.startswith("documents-")]) == 1  # the unreferenced generation removed
    assert not [n for n in names if n.endswith(".tmp")]
    assert (out / "documents.parquet").samefile(out / C.store_files(manifest)["documents"])


def test_a_reader_on_the_previous_manifest_reads_that_build_whole(project):
    raw, out = _paths(project)
    _build(raw, out)
    reader = C.read_corpus(out)  # started before the next build: documents read, the rest not yet
    before = load([raw], root=raw)
    target = raw / SPEECH
    target.write_text(target.read_text(encoding="utf-8").replace("六种意识", "七种意识"), encoding="utf-8")
    assert _build(raw, out).processed == [SPEECH]
    got = reader.sentences  # its parts were retired by the build, not deleted
    assert got["text"].tolist() == before.sentences["text"].tolist()
    assert "七种意识" in read_table("documents", out).set_index("source").loc[SPEECH, "text"]
    _build(raw, out)  # the next build removes what was retired
    assert not (out / C.RETIRED).exists()


def test_a_build_into_a_folder_holding_other_files_touches_none_of_them(project):
    raw, _ = _paths(project)
    out = project / "mine"
    (out / ".git").mkdir(parents=True)
    others = {out / ".git" / "HEAD": b"ref: refs/heads/main\n", out / ".env": b"A=1\n", out / "notes.txt": b"x",
              out / "documents-mine.parquet": b"not tifa's", out / "minhash-old.parquet": b"nor this",
              out / "tokens" / "list.txt": b"mine", out / "sentences.parquet": b"mine"}
    (out / "tokens").mkdir()
    for p, data in others.items():
        p.write_bytes(data)
    _build(raw, out)
    _build(raw, out)
    assert {p: p.read_bytes() for p in others} == others
    _consistent(out)
