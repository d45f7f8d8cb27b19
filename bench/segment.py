"""Benchmark: throughput of the whole tokens stage against jieba, in one run.

Builds a corpus of at least 5 MB by replicating the cleaned seed documents,
then times, on the same documents:

* ``jieba.lcut``           — words only (the floor);
* ``jieba.posseg.lcut``    — words + POS (the baseline to beat);
* tifa's tokens stage      — words, POS, offsets, stopword flags, lexicon tags,
  as a DataFrame; single process and with 2 workers (pool start-up
  included).  The tokenizer's one-time initialisation (loading jieba's
  dictionary, ~1 s) is timed apart and reported both ways.

All use the same dictionary (jieba's + ``data/lexicons/userdict.txt``).  It
also measures token agreement with ``jieba.posseg`` (same span and POS), and
repeats the single-process comparison on the shared work-report corpus, which
is not replicated (so memoisation of unknown-character runs helps less).
Ratios are written to ``bench/RESULTS.md`` (section "segment").

Usage: ``python bench/segment.py [--mb 5] [--repeat 1]``
"""
from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tifa.config import LEXICONS, RAW  # noqa: E402
from tifa.corpus.tables import load  # noqa: E402
from tifa.text.documents import sentences_frame  # noqa: E402
from tifa.tokens.segment import Segmenter, tokens_frame  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def replicate(docs: pd.DataFrame, min_bytes: int) -> pd.DataFrame:
    size = int(docs["text"].str.encode("utf-8").str.len().sum())
    copies = -(-min_bytes // size)
    frames = []
    for k in range(copies):
        d = docs[["doc_id", "text"]].copy()
        d["doc_id"] = d["doc_id"] + f"~{k:04d}"
        frames.append(d)
    return pd.concat(frames, ignore_index=True)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def agreement(tokens: pd.DataFrame, docs: pd.DataFrame, sents: pd.DataFrame, posseg) -> float:
    ours = set(zip(tokens["doc_id"], tokens["start"], tokens["end"], tokens["pos"]))
    texts = dict(zip(docs["doc_id"], docs["text"]))
    ref = set()
    for d, s, e in zip(sents["doc_id"], sents["start"], sents["end"]):
        pos = int(s)
        for p in posseg.cut(texts[d][s:e]):
            ref.add((d, pos, pos + len(p.word), p.flag))
            pos += len(p.word)
    return len(ours & ref) / len(ref)


def measure(docs: pd.DataFrame, label: str, workers: bool) -> dict:
    import jieba
    import jieba.posseg

    sents = sentences_frame(docs)
    texts = list(docs["text"])
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    n_chars = sum(len(t) for t in texts)
    t_lcut, _ = timed(lambda: [jieba.lcut(t) for t in texts])
    t_pos, _ = timed(lambda: [jieba.posseg.lcut(t) for t in texts])
    t_init, seg = timed(Segmenter)
    t_one, toks = timed(lambda: tokens_frame(docs, sents, segmenter=seg))
    row = {
        "corpus": label,
        "MB": round(n_bytes / 1e6, 2),
        "chars": n_chars,
        "tokens": len(toks),
        "jieba.lcut s": round(t_lcut, 2),
        "jieba.posseg.lcut s": round(t_pos, 2),
        "tifa tokenizer init s (once per run)": round(t_init, 2),
        "tifa 1 worker s": round(t_one, 2),
        "tifa vs posseg (1 worker)": round(t_pos / t_one, 2),
        "tifa vs posseg (1 worker, init included)": round(t_pos / (t_one + t_init), 2),
        "tifa vs lcut (1 worker)": round(t_lcut / t_one, 2),
        "agreement with posseg": round(agreement(toks, docs, sents, jieba.posseg.dt), 4),
    }
    if workers:
        # A fresh tokenizer (cold caches, like the single-process run); forked
        # workers inherit it, so the init is paid once, as in one process.
        t_init2, seg2 = timed(Segmenter)
        t_two, toks2 = timed(lambda: tokens_frame(docs, sents, workers=2, segmenter=seg2))
        assert toks2.equals(toks), "parallel tokens differ from single-process tokens"
        row["tifa 2 workers s"] = round(t_two, 2)
        row["2 workers vs 1"] = round(t_one / t_two, 2)
        row["2 workers vs 1 (init included)"] = round((t_one + t_init) / (t_two + t_init2), 2)
        row["tifa vs posseg (2 workers)"] = round(t_pos / t_two, 2)
    return row


def write_results(rows: list[dict], path: Path) -> None:
    lines = [
        "## segment",
        "",
        f"`python bench/segment.py` on {platform.machine()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}. Same dictionary for all (jieba's + data/lexicons/userdict.txt). "
        "Ratios > 1 mean tifa's full tokens stage (words, POS, offsets, stopword flags, lexicon tags → DataFrame) "
        "is faster than the baseline measured in the same run.",
        "",
    ]
    keys = list(rows[0].keys())
    for r in rows[1:]:
        keys += [k for k in r if k not in keys]
    lines.append("| metric | " + " | ".join(r["corpus"] for r in rows) + " |")
    lines.append("|---|" + "---|" * len(rows))
    for k in keys:
        if k == "corpus":
            continue
        lines.append(f"| {k} | " + " | ".join(str(r.get(k, "—")) for r in rows) + " |")
    lines.append("")
    section = "\n".join(lines)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    start = old.find("## segment")
    if start >= 0:
        end = old.find("\n## ", start + 1)
        old = old[:start] + (old[end + 1 :] if end >= 0 else "")
    path.write_text(old.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the replicated seed corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args(argv)

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(LEXICONS / "userdict.txt"))
    seeds = load([RAW], root=RAW).documents
    rows = [measure(replicate(seeds, int(args.mb * 1e6)), f"seeds ×N ≥ {args.mb:g} MB", workers=True)]
    if SHARED.is_dir():
        rows.append(measure(load([SHARED], root=SHARED).documents, "shared/corpus (12 reports)", workers=True))
    for r in rows:
        print(r, file=sys.stderr)
    write_results(rows, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
