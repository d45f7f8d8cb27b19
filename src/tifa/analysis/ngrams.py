"""Word n-grams and collocations from the tokens table.

N-grams (2–4 words) are counted inside runs of word tokens: punctuation and
spaces break a run, and an n-gram may not begin or end with a stopword (so
``的`` never opens one, but ``坚持和加强`` can hold a ``和``).  Collocations
are adjacent pairs of content words (stopwords removed within a run), scored
by pointwise mutual information and Dunning's log-likelihood ratio, above a
minimum count.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Iterator

import pandas as pd

from ..frames import column_lists

NGRAM_COLUMNS = ["doc_id", "n", "ngram", "count"]
CORPUS_NGRAM_COLUMNS = ["n", "ngram", "count", "n_docs"]
COLLOCATION_COLUMNS = ["w1", "w2", "count", "count_w1", "count_w2", "pmi", "llr"]


def _runs(tokens: pd.DataFrame) -> Iterator[tuple[str, list[tuple[str, bool]]]]:
    """Yield ``(doc_id, [(word, is_stop), …])`` runs between punctuation, per sentence."""
    run: list[tuple[str, bool]] = []
    key = None
    for d, sid, w, stop in zip(*column_lists(tokens, "doc_id", "sent_id", "word", "is_stop")):
        k = (d, sid)
        punct = stop and not any(ch.isalnum() for ch in w)
        if k != key or punct:
            if run:
                yield key[0], run
            run = []
            key = k
            if punct:
                continue
        run.append((w, bool(stop)))
    if run and key is not None:
        yield key[0], run


def _grams(run: list[tuple[str, bool]], n: int) -> Iterator[str]:
    for i in range(len(run) - n + 1):
        window = run[i : i + n]
        if window[0][1] or window[-1][1]:
            continue
        yield " ".join(w for w, _ in window)


def ngrams_frame(tokens: pd.DataFrame, *, ns: Iterable[int] = (2, 3, 4), min_count: int = 2) -> pd.DataFrame:
    """Per-document n-gram counts (``doc_id, n, ngram, count``), words joined by spaces."""
    counts: Counter = Counter()
    for d, run in _runs(tokens):
        for n in ns:
            for g in _grams(run, n):
                counts[(d, n, g)] += 1
    rows = [(d, n, g, c) for (d, n, g), c in counts.items() if c >= min_count]
    df = pd.DataFrame(rows, columns=NGRAM_COLUMNS)
    return df.sort_values(["doc_id", "n", "count", "ngram"], ascending=[True, True, False, True], kind="stable").reset_index(drop=True)


def corpus_ngrams(tokens: pd.DataFrame, *, ns: Iterable[int] = (2, 3, 4), min_count: int = 2) -> pd.DataFrame:
    """Corpus n-gram counts with the number of documents each occurs in."""
    per_doc = ngrams_frame(tokens, ns=ns, min_count=1)
    if per_doc.empty:
        return pd.DataFrame(columns=CORPUS_NGRAM_COLUMNS)
    g = per_doc.groupby(["n", "ngram"], sort=False).agg(count=("count", "sum"), n_docs=("doc_id", "nunique")).reset_index()
    g = g[g["count"] >= min_count]
    return g.sort_values(["n", "count", "ngram"], ascending=[True, False, True], kind="stable").reset_index(drop=True)[CORPUS_NGRAM_COLUMNS]


def _xlogx(k: float, n: float) -> float:
    return k * math.log(k / n) if k > 0 else 0.0


def log_likelihood(c12: int, c1: int, c2: int, n: int) -> float:
    """Dunning's G² for a pair seen ``c12`` times, words ``c1``/``c2`` times, ``n`` pairs."""
    k11, k12, k21 = c12, c1 - c12, c2 - c12
    k22 = n - c1 - c2 + c12
    if min(k11, k12, k21, k22) < 0:
        return 0.0
    rows = (k11 + k12, k21 + k22)
    cols = (k11 + k21, k12 + k22)
    g = sum(_xlogx(k, 1) for k in (k11, k12, k21, k22)) - sum(_xlogx(r, 1) for r in rows) - sum(_xlogx(c, 1) for c in cols) + _xlogx(n, 1)
    return 2.0 * g


def collocations(tokens: pd.DataFrame, *, min_count: int = 3) -> pd.DataFrame:
    """Adjacent content-word pairs with PMI (log2) and log-likelihood, ``count ≥ min_count``."""
    pairs: Counter = Counter()
    first: Counter = Counter()
    second: Counter = Counter()
    for _, run in _runs(tokens):
        words = [w for w, stop in run if not stop]
        for a, b in zip(words, words[1:]):
            pairs[(a, b)] += 1
            first[a] += 1
            second[b] += 1
    n = sum(pairs.values())
    rows = []
    for (a, b), c in pairs.items():
        if c < min_count:
            continue
        pmi = math.log2(c * n / (first[a] * second[b]))
        rows.append((a, b, c, first[a], second[b], round(pmi, 4), round(log_likelihood(c, first[a], second[b], n), 4)))
    df = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)
    return df.sort_values(["llr", "w1", "w2"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
