"""Reuse detection at scale: exact shared spans and aligned passages on a generated corpus.

    python bench/reuse.py [--mb 100]

The corpus is bench/make_corpus.py's (seed 7; about 2 % of speeches are earlier
speeches reissued with edits, and every speech reuses the seeds' sentences).
Documents are the generated files' texts.  Times ``tifa.analysis.themes.reused_passages``
(hashing, no all-pairs comparison) and ``aligned_passages`` on its spans (chaining
and the character-level edits), in this process.  Target at 100 MB: both
together under 2 minutes.  Results go to the ``reuse`` section of RESULTS.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, table, write_section  # noqa: E402
from make_corpus import generate  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[10, 100])
    args = ap.parse_args()
    from tifa.analysis.themes import aligned_passages, reused_passages

    rows = []
    for mb in args.mb:
        folder = OUT / f"c{mb:g}"
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder, mb)
            (folder / ".complete").write_text("ok")
        files = sorted(folder.glob("*.txt"))
        docs = pd.DataFrame({"doc_id": [f.stem for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
        t0 = time.perf_counter()
        spans = reused_passages(docs)
        t1 = time.perf_counter()
        passages = aligned_passages(docs, spans)
        t2 = time.perf_counter()
        joined = passages[passages["n_edits"] > 0]
        rows.append({
            "corpus": f"{mb:g} MB", "speeches": len(docs), "characters": int(docs["text"].str.len().sum()),
            "exact spans": len(spans), "reused_passages s": round(t1 - t0, 1),
            "aligned passages": len(passages), "of them across edits": len(joined),
            "aligned_passages s": round(t2 - t1, 1), "total s": round(t2 - t0, 1),
        })
        print(rows[-1], flush=True)
    body = f"`python bench/reuse.py` on {machine()}. Target at 100 MB: total under 2 minutes.\n\n" + table(rows)
    write_section("reuse", body)


if __name__ == "__main__":
    main()
