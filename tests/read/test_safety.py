"""Safe to hand to a colleague: exports that cannot run formulas, builds that leave nothing running."""
from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
from openpyxl import load_workbook

from tifa.corpus.build import build
from tifa.corpus.export import export_csv, export_xlsx
from tifa.corpus.ingest import add_files

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"
EVIL_TITLE = '=HYPERLINK("http://evil.example","点我")'
EVIL_SPEAKER = "@SUM(1+1)"
EVIL_LINE = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inject")
    raw, out = tmp / "raw", tmp / "processed"
    raw.mkdir()
    speech = tmp / "speech.txt"
    speech.write_text(
        "在全市办公室工作会议上的讲话\n同志们：\n"
        f"{EVIL_LINE}\n+1+1是一个测试。\n-2+3也是。\n一、要提高站位\n办公室要服务领导、服务机关、服务基层。\n"
        "二、要改进作风\n我们要强基础、转作风、树形象。\n谢谢大家！\n",
        encoding="utf-8",
    )
    add_files([speech], raw, title=EVIL_TITLE, speaker=EVIL_SPEAKER)
    build(raw, out, progress=False, workers=1)
    xlsx = export_xlsx(tmp / "out.xlsx", out)
    csvs = export_csv(tmp / "csv", out)
    return xlsx, csvs, out


def test_no_xlsx_cell_is_a_formula_and_text_reads_the_same(exported):
    xlsx, _, out = exported
    wb = load_workbook(xlsx)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    assert EVIL_TITLE in seen and EVIL_SPEAKER in seen  # the reader sees exactly what was given
    assert any(v.startswith("=cmd|") for v in seen)


def test_csv_cells_are_neutralised_as_owasp_recommends(exported):
    _, csvs, out = exported
    docs = next(p for p in csvs if p.name == "documents.csv")
    with open(docs, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["title"] == "'" + EVIL_TITLE
    assert rows[0]["speaker"] == "'" + EVIL_SPEAKER
    for p in csvs:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for value in row:
                    assert not value.startswith(("=", "+", "@", "\t", "\r")) or value == "", (p.name, value)
    # numbers stay numbers: offsets are not touched
    sents = pd.read_csv(next(p for p in csvs if p.name == "sentences.csv"), encoding="utf-8-sig")
    assert pd.api.types.is_integer_dtype(sents["start"])


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    from tifa.corpus.tables import read_table

    return {n: read_table(n, folder) for n in ("documents", "sentences", "outline", "tokens")}


def _seed_copies(folder: Path, times: int = 24) -> None:
    """``times`` copies of every seed in ``folder``: enough work to catch a pool running."""
    folder.mkdir(exist_ok=True)
    for k in range(times):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / f"{k:02d}_{seed.name}")


def _kill_once_running(args: list[str], children: int, pause: float = 0.0) -> None:
    """Run ``tifa ARGS``; once it has ``children`` processes under it (and ``pause`` seconds
    more), SIGKILL it, and check that none of them outlives it by more than 10 s."""
    proc = subprocess.Popen([sys.executable, "-m", "tifa.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    seen: list[psutil.Process] = []
    deadline = time.time() + 60
    while time.time() < deadline and len(seen) < children and proc.poll() is None:
        seen = parent.children(recursive=True)
        time.sleep(0.02)
    assert len(seen) >= children, f"tifa {args[0]} finished before its processes could be seen"
    time.sleep(pause)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    alive = seen
    while time.time() < deadline:
        alive = [c for c in seen if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            break
        time.sleep(0.2)
    assert not alive, f"orphaned processes: {[c.pid for c in alive]}"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_killed_build_leaves_no_process_and_next_build_equals_a_clean_one(tmp_path):
    raw = tmp_path / "raw"
    _seed_copies(raw)
    out = tmp_path / "processed"
    # the two pool workers, killed half a second into their work
    _kill_once_running(["build", "--raw", str(raw), "--out", str(out), "--workers", "2"], children=2, pause=0.5)

    build(raw, out, progress=False, workers=2)
    clean = tmp_path / "clean"
    build(raw, clean, progress=False, workers=1)
    for name, df in _tables(out).items():
        pd.testing.assert_frame_equal(df, _tables(clean)[name], check_like=False, obj=name)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_killed_tokens_command_leaves_no_process(tmp_path):
    # `tifa tokens` with workers: a process reading the files and the segmenting workers; none outlives it
    _seed_copies(tmp_path)
    _kill_once_running(["tokens", "-f", "csv", "--workers", "2", str(tmp_path)], children=3)


# --------------------------------------------------------------------------- hostile inputs, round 7


def _lying_docx(path: Path, inflated: int, declared: int = 2000) -> Path:
    """A .docx whose word/document.xml inflates to ``inflated`` bytes while its zip headers (local
    and central) declare ``declared``: small on disk, and every declared size looks innocent."""
    import struct
    import zipfile

    import docx

    real = path.with_name("real.docx")
    docx.Document().save(real)  # a real Word package (relationships, content types, styles)
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info.filename, src.read(info))
        with zf.open("word/document.xml", "w") as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        at = data.find(sig)
        while at >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == name:
                struct.pack_into("<I", data, size_at + at, declared)
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_docx_whose_headers_lie_is_refused_in_one_line_with_low_memory(tmp_path):
    """Headers declare 2,000 bytes; the member inflates to 300 MB (more than MAX_UNZIPPED_BYTES):
    refused as soon as inflating passes what was declared, never held whole (peak memory checked
    in a fresh process, not time)."""
    import zipfile

    bomb = _lying_docx(tmp_path / "bomb.docx", 300 << 20)
    assert bomb.stat().st_size < 2 << 20
    from tifa.read.files import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO

    infos = zipfile.ZipFile(bomb).infolist()
    assert next(i.file_size for i in infos if i.filename == "word/document.xml") == 2000
    declared = sum(i.file_size for i in infos)  # what the headers declare passes the declared-size check
    assert declared < MAX_UNZIPPED_BYTES and declared < MAX_ZIP_RATIO * bomb.stat().st_size
    probe = (
        "import resource, sys\n"
        "import docx, docx.oxml, tifa.read.files as tio\n"
        "from tifa.errors import InputError\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    tio.read_text(sys.argv[1])\n"
        "    print('READ')\n"
        "except InputError as e:\n"
        "    print(str(e))\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    message, grown_mb = done.stdout.strip().splitlines()
    assert "bomb.docx" in message and "refused" in message and "zip bomb" in message, message
    assert int(grown_mb) < 64, f"peak memory grew {grown_mb} MB reading a lying .docx"
    # the CLI: one line naming the file, non-zero exit, no traceback
    cli = subprocess.run([sys.executable, "-m", "tifa.cli", "docs", str(bomb)], capture_output=True, text=True, timeout=300)
    assert cli.returncode != 0 and "Traceback" not in cli.stderr
    lines = [ln for ln in cli.stderr.splitlines() if "bomb.docx" in ln]
    assert len(lines) == 1 and "zip bomb" in lines[0], cli.stderr


def test_an_honest_docx_still_reads_after_streaming(tmp_path):
    import docx

    from tifa.read.files import read_text

    d = docx.Document()
    d.add_paragraph("在全市办公室工作会议上的讲话")
    d.add_paragraph("一、要提高政治站位")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "服务领导", "服务基层"
    d.save(tmp_path / "speech.docx")
    text = read_text(tmp_path / "speech.docx").text
    assert "在全市办公室工作会议上的讲话\n一、要提高政治站位" in text and "服务领导\t服务基层" in text


@pytest.fixture(scope="module")
def built_seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "processed"
    build(SEEDS, out, progress=False, workers=1)
    return out


def _tifa(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tifa.cli", *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_kwic_on_the_seeds_prints_hits_without_a_section_in_every_format(built_seeds, fmt):
    import io
    import json

    done = _tifa("kwic", "服务", "--processed", str(built_seeds), "-f", fmt)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-1500:]
    if fmt == "csv":
        df = pd.read_csv(io.StringIO(done.stdout))
    elif fmt == "json":
        df = pd.DataFrame(json.loads(done.stdout))
    else:
        lines = done.stdout.splitlines()
        assert lines[0].split()[:4] == ["doc_id", "sent_id", "item_id", "section"]
        assert any(" NaN " in ln for ln in lines[1:])  # a hit outside every outline section
        assert len(lines) > 50
        return
    assert len(df) > 50 and df["section"].isna().any() and df["section"].notna().any()
    assert df["item_id"].isna().any()
    assert (df["match"] == "服务").all()


def test_missing_values_of_any_kind_print_in_every_format():
    import io
    import json

    from tifa.cli.output import write_table

    df = pd.DataFrame({
        "text": ["服务", None, float("nan")], "n": pd.array([1, None, 3], dtype="Int64"), "x": [1.5, float("nan"), 2.0],
        "when": pd.to_datetime(["2014-03-05", None, "2016-07-01"]), "flag": pd.array([True, None, False], dtype="boolean"),
        "s": pd.array(["a", pd.NA, "c"], dtype="string"),
    })
    for fmt in ("table", "csv", "json"):
        buf = io.StringIO()
        write_table(df, fmt, buf)
        assert buf.getvalue().count("\n") >= 3, fmt
    buf = io.StringIO()
    write_table(df, "json", buf)
    rows = json.loads(buf.getvalue())
    assert rows[1] == {"text": None, "n": None, "x": None, "when": None, "flag": None, "s": None}
    assert rows[0]["when"].startswith("2014-03-05") and rows[0]["n"] == 1


def test_csv_on_stdout_cannot_run_formulas_in_every_command(exported):
    """`--format csv` on stdout follows the exports' rule (one function): a text cell opening with
    = + - @ tab or CR gets an apostrophe, numbers are untouched — through pandas (docs, kwic)
    and through Arrow (tokens, straight from the files)."""
    import io

    from tifa.cli.output import neutralise_csv_cell, write_arrow, write_table

    _, _, out = exported
    raw = out.parent / "raw"
    docs = _tifa("docs", str(raw), "-f", "csv")
    assert docs.returncode == 0, docs.stderr
    rows = list(csv.DictReader(io.StringIO(docs.stdout)))
    sents = _tifa("sentences", str(raw), "-f", "csv")
    assert sents.returncode == 0, sents.stderr
    rows += list(csv.DictReader(io.StringIO(sents.stdout)))
    shown = {v for r in rows for v in r.values()}
    assert {"'=cmd|' /C calc'!", "'-2+3也是。"} <= shown
    hits = _tifa("kwic", "=cmd", "--processed", str(out), "-f", "csv")
    assert hits.returncode == 0, hits.stderr
    (row,) = list(csv.DictReader(io.StringIO(hits.stdout)))
    assert row["match"] == "'=cmd" and row["start"].isdigit()
    for fmt_rows in (rows, [row]):
        for r in fmt_rows:
            assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in r.values()), r
    # the Arrow path and the pandas path give the same bytes, by the same rule
    import pyarrow as pa

    cells = ["=1+1", "-2", "+3", "@SUM(1)", "\tx", "ok", "a,=b", "", None, "x-1"]
    table = pa.table({"w": cells, "n": list(range(len(cells)))})
    a, b = io.StringIO(), io.StringIO()
    write_arrow(table, "csv", a)
    write_table(table.to_pandas(), "csv", b)
    assert a.getvalue() == b.getvalue()
    got = [r["w"] for r in csv.DictReader(io.StringIO(a.getvalue()))]
    assert got == [neutralise_csv_cell(c) if c is not None else "" for c in cells]
    assert got[:5] == ["'=1+1", "'-2", "'+3", "'@SUM(1)", "'\tx"]


def test_slot_queries_take_linear_time_and_match_as_the_regex_does():
    import re

    from tifa.text.kwic import SlotPattern, compile_query

    slot = r"[^\s，。、；：？！（）《》…,.;:?!()]"

    def as_regex(query: str) -> re.Pattern:  # the regex a slot query stands for (the old matcher)
        parts = query.split("*")
        out = ""
        for k, part in enumerate(parts):
            out += re.escape(part)
            if k < len(parts) - 1:
                out += f"({slot}{{1,8}})" if k == len(parts) - 2 and not parts[-1] else f"({slot}{{1,8}}?)"
        return re.compile(out)

    texts = [(SEEDS / p).read_text(encoding="utf-8") for p in sorted(os.listdir(SEEDS)) if p.endswith(".txt")]
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()][:400] + ["识" + "要的" * 60, "要有大局意识，要有 服务意识"]
    for query in ["要有*意识", "在*上下功夫", "*服务", "服务*", "*的*", "要*的*的*", "加大*力度", "一*二*三*", "的*，", "**意识"]:
        new, old = compile_query(query), as_regex(query)
        assert isinstance(new, SlotPattern)
        for ln in lines:
            assert [(m.start(), m.end(), m.groups()) for m in new.finditer(ln)] == [
                (m.start(), m.end(), m.groups()) for m in old.finditer(ln)], (query, ln[:40])
    # 10 slots on a 2,000-character line that almost matches everywhere (the regex: ~100 s)
    line = "识" + "要的" * 1000
    for k, budget in ((10, 2.0), (40, 8.0)):
        rx = compile_query("要" + "*的" * (k - 1) + "*识")
        start = time.process_time()
        assert list(rx.finditer(line)) == []
        assert time.process_time() - start < budget, k
    with pytest.raises(ValueError):
        compile_query("*".join("要" * 200))


def test_a_catastrophic_regex_is_stopped_with_one_line(built_seeds):
    """``(.|..)*Q`` backtracks through every way of cutting a sentence into ones and twos (a
    Fibonacci number of them): on the seeds' long sentences it would run for ages."""
    from tifa.corpus.tables import read_table
    from tifa.text.kwic import QueryTimeout, kwic

    docs, sents = read_table("documents", built_seeds), read_table("sentences", built_seeds)
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        kwic(docs, sents, "(.|..)*Q", regex=True, regex_seconds=0.5)
    assert time.monotonic() - start < 5
    assert len(kwic(docs, sents, "服务(领导|群众)", regex=True, regex_seconds=5)) > 0  # a fine regex runs as before
    done = _tifa("kwic", "--regex", "(.|..)*Q", "--processed", str(built_seeds), timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr and not done.stdout
    assert len(done.stderr.strip().splitlines()) == 1 and "simplify" in done.stderr, done.stderr


def _peak_mb(path: Path) -> int:
    """Peak RSS (MB) of ``tifa docs PATH`` in a fresh process."""
    probe = (
        "import resource, sys\n"
        "from tifa.cli.main import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['docs', sys.argv[1]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1])


def test_memory_per_character_of_one_huge_input(tmp_path):
    """One line of 2 M characters (the seeds' text without line breaks) through `tifa docs`: under
    60 bytes a character above the start-up (it was ~95: the cleaning's offset map as Python
    ints, MinHash's buffer of 80 bytes a character)."""
    text = "".join((SEEDS / p).read_text(encoding="utf-8") for p in sorted(os.listdir(SEEDS)) if p.endswith(".txt"))
    text = text.replace("\n", "")
    big = tmp_path / "big.txt"
    big.write_text((text * (2_000_000 // len(text) + 1))[:2_000_000], encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("在会议上的讲话\n同志们：我们要加强学习。\n", encoding="utf-8")
    base, peak = _peak_mb(small), _peak_mb(big)
    per_char = (peak - base) * 2**20 / 2_000_000
    assert per_char < 60, f"{per_char:.0f} bytes a character ({base} MB at start, {peak} MB peak)"
