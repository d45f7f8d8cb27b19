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

from tifa.build import build
from tifa.export import export_csv, export_xlsx
from tifa.ingest import add_files

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw"
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
    from tifa.corpus import read_table

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
