"""Benchmark: the full build at 1, 10 and 100 MB — throughput per core and with all cores,
peak memory, an incremental build after adding one speech, and reuse detection.

Corpora come from bench/make_corpus.py (deterministic; cached in bench/out/).
Builds run as `tifa build` subprocesses (peak RSS = the whole process tree).
Each figure is compared with a baseline measured in the same run where one
exists: 2 workers against 1 worker, incremental against full.
Results go to bench/RESULTS.md (section "scale").

Usage: python bench/scale.py [--sizes 1 10 100] [--single-max 10]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, run_build, table, write_section  # noqa: E402
from make_corpus import generate  # noqa: E402

OUT = ROOT / "bench" / "out"


def corpus(mb: float) -> Path:
    d = OUT / f"c{mb:g}"
    done = d / ".complete"
    if not done.exists():
        shutil.rmtree(d, ignore_errors=True)
        generate(d, mb)
        done.write_text("ok")
    return d


def reuse_seconds(processed: Path) -> tuple[float, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from tifa.analysis.themes import reused_passages

    docs = pd.read_parquet(processed / "documents.parquet", columns=["doc_id", "text"])
    t0 = time.perf_counter()
    r = reused_passages(docs)
    return time.perf_counter() - t0, len(r)


def measure(mb: float, single: bool) -> dict:
    raw = corpus(mb)
    n_files = sum(1 for p in raw.iterdir() if p.suffix == ".txt")
    size = sum(p.stat().st_size for p in raw.iterdir() if p.suffix == ".txt") / 1e6
    row = {"corpus": f"{mb:g} MB", "speeches": n_files, "MB": round(size, 1)}
    if single:
        out1 = OUT / f"build-{mb:g}-w1"
        shutil.rmtree(out1, ignore_errors=True)
        t1, rss1 = run_build(raw, out1, 1)
        row.update({"1 worker s": round(t1, 1), "1 worker MB/s": round(size / t1, 2), "1 worker peak RSS MB": round(rss1)})
        shutil.rmtree(out1, ignore_errors=True)
    out2 = OUT / f"build-{mb:g}-w2"
    shutil.rmtree(out2, ignore_errors=True)
    t2, rss2 = run_build(raw, out2, 2)
    row.update({"2 workers s": round(t2, 1), "2 workers MB/s": round(size / t2, 2), "2 workers peak RSS MB": round(rss2)})
    if single:
        row["2 workers vs 1"] = round(row["1 worker s"] / t2, 2)
    added = raw / "zz_added_speech.txt"
    shutil.copyfile(next(iter(sorted(raw.glob("*.txt")))), added)
    added.write_text(added.read_text(encoding="utf-8") + "\n补充一段新的内容，以示区别。", encoding="utf-8")
    try:
        ti, _ = run_build(raw, out2, 2)
    finally:
        added.unlink()
    row.update({"incremental, one speech added s": round(ti, 2), "incremental / full": round(ti / t2, 4)})
    tr, n_spans = reuse_seconds(out2)
    row.update({"reuse detection s": round(tr, 1), "reused spans": n_spans})
    shutil.rmtree(out2, ignore_errors=True)
    print(row, file=sys.stderr)
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100])
    ap.add_argument("--single-max", type=float, default=100, help="also time 1 worker up to this size (MB)")
    args = ap.parse_args(argv)
    rows = [measure(mb, mb <= args.single_max) for mb in args.sizes]
    write_section(
        "scale",
        f"`python bench/scale.py` on {machine()}. Generated corpora (bench/make_corpus.py, seed 7); `tifa build` "
        "in a subprocess, peak RSS summed over the process tree; the incremental build adds one speech to the built "
        "corpus; reuse detection is `tifa.analysis.themes.reused_passages` over all documents. Targets at 100 MB: build < 10 min, "
        "peak < 2 GB, 2 workers ≥ 1.7× one, incremental < 5 s, reuse < 2 min.\n\n" + table(rows),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
