"""The tokens of many documents: in this process, or across worker processes.

Owns the worker pool (:func:`pool`: one :class:`~tifa.tokens.segmenter.Segmenter` per worker,
built once, inherited where processes fork), the segmenter a worker holds (:func:`worker`), how
documents are cut into tasks of similar size, and the tokens of corpus tables
(:func:`tokens_table`, :func:`tokens_frame`).  Must not touch: reading files
(:mod:`tifa.tokens.files`), how a sentence is segmented (:mod:`tifa.tokens.segmenter`).

Fast path: the pool, with identical results for any number of workers.  ``bench/RESULTS.md``,
realtext: 2 workers against 1 take ``tifa tokens -f csv`` on the 12 shared reports from 0.79 s to
0.51 s (4.06× → 5.76× faster than ``jieba.posseg``) and on the 52 work reports from 2.27 s to
1.27 s (14.2× → 25.1×), ``tifa build`` on the 52 work reports from 3.97 s to 2.4 s.  The workers
are not waited for once their results are in (5–15 ms saved; no benchmark row isolates it).
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pyarrow as pa

from ..frames import column_lists
from ..procs import die_with_parent, fork_context
from ..progress import progress_bar
from .segmenter import TOKEN_COLUMNS, Job, LexiconPaths, Segmenter, empty_table, shared_segmenter

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made: `tifa tokens` runs without it
    import pandas as pd

_WORKER: Segmenter | None = None


def _init_worker(userdict: str | None, stopwords: str | None, engine: str, parent: int | None = None) -> None:
    global _WORKER
    die_with_parent(parent)
    _WORKER = Segmenter(Path(userdict) if userdict else None, Path(stopwords) if stopwords else None, engine=engine)


def _work(jobs: list[Job]) -> pa.Table:
    assert _WORKER is not None
    return _WORKER.batch_table(jobs)


def worker() -> Segmenter:
    """The segmenter of this worker process (set by :func:`pool` or as the worker started)."""
    assert _WORKER is not None
    return _WORKER


def _jobs(docs: pd.DataFrame, sents: pd.DataFrame) -> list[Job]:
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for d, i, s, e in zip(*column_lists(sents, "doc_id", "sent_id", "start", "end")):
        by_doc.setdefault(d, []).append((i, s, e))
    return [(d, t, by_doc.get(d, [])) for d, t in zip(*column_lists(docs, "doc_id", "text"))]


def tokens_table(docs: pd.DataFrame, sents: pd.DataFrame, *, segmenter: Segmenter | None = None) -> pa.Table:
    """The tokens of ``docs`` as an Arrow table, in this process (what the build writes as is)."""
    seg = segmenter or shared_segmenter()
    return seg.batch_table(_jobs(docs, sents)) if len(docs) else empty_table()


def _to_frame(table: pa.Table) -> pd.DataFrame:
    df = table.to_pandas()
    return df[TOKEN_COLUMNS]


def _chunks(jobs: Sequence[Job], n: int) -> list[list[int]]:
    """Split job indices into ``n`` contiguous runs of similar text size (order kept)."""
    total = sum(len(j[1]) + 1 for j in jobs)
    target = total / n
    out: list[list[int]] = [[]]
    acc = 0.0
    for i, j in enumerate(jobs):
        if acc >= target * len(out) and len(out) < n:
            out.append([])
        out[-1].append(i)
        acc += len(j[1]) + 1
    return [c for c in out if c]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def tokens_frame(
    docs: pd.DataFrame,
    sents: pd.DataFrame,
    *,
    workers: int = 1,
    segmenter: Segmenter | None = None,
    lexicons: LexiconPaths | None = None,
    progress: bool = False,
    engine: str = "rjieba",
) -> pd.DataFrame:
    """The tokens table of ``docs`` (one segmenter per worker process when ``workers > 1``)."""
    jobs = _jobs(docs, sents)
    bar = dict(desc="segmenting", unit="doc", total=len(jobs), disable=not progress)
    if workers <= 1 or len(jobs) <= 1:
        seg = local_segmenter(segmenter, lexicons, engine)
        tables = []
        with progress_bar(**bar) as pbar:
            for idx in _chunks(jobs, max(1, min(len(jobs), 32))):
                tables.append(seg.batch_table([jobs[i] for i in idx]))
                pbar.update(len(idx))
        return _to_frame(pa.concat_tables(tables) if tables else empty_table())
    chunks = _chunks(jobs, min(len(jobs), workers * 4))
    tables = []
    with pool(workers, segmenter=segmenter, lexicons=lexicons, engine=engine) as ex, progress_bar(**bar) as pbar:
        for idx, table in zip(chunks, ex.map(_work, [[jobs[i] for i in c] for c in chunks])):
            tables.append(table)
            pbar.update(len(idx))
    return _to_frame(pa.concat_tables(tables))


def local_segmenter(segmenter: Segmenter | None, lexicons: LexiconPaths | None, engine: str) -> Segmenter:
    """The segmenter given, else one for ``lexicons`` (default: the project's) in this process."""
    if segmenter is not None:
        return segmenter
    return Segmenter(lexicons.userdict if lexicons else None, lexicons.stopwords if lexicons else None, engine=engine)


@contextlib.contextmanager
def pool(workers: int, *, segmenter: Segmenter | None, lexicons: LexiconPaths | None, engine: str):
    """Worker processes with one segmenter each: built here once and inherited where processes
    fork, else built by each worker as it starts."""
    from concurrent.futures import ProcessPoolExecutor  # here: a run in one process never needs it

    lp = lexicons or LexiconPaths()
    global _WORKER
    ctx = fork_context()
    initializer, initargs = _init_worker, (str(lp.userdict), str(lp.stopwords), engine, os.getpid())
    if ctx is not None:
        _WORKER = segmenter if segmenter is not None and lexicons is None else Segmenter(lp.userdict, lp.stopwords, engine=engine)
        initializer, initargs = die_with_parent, (os.getpid(),)
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer, initargs=initargs)
    try:
        yield ex
    finally:
        _WORKER = None
        # the results are in: the workers are told to stop and exit in the background, while this
        # process goes on (waiting for them took 5-15 ms)
        ex.shutdown(wait=False, cancel_futures=True)

