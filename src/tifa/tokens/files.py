"""``tifa tokens`` straight from files: read, clean, split and segment, without the corpus tables.

Owns the tokens of files (:func:`documents_tokens`, :func:`tokens_of_files`): each file's
segmenting jobs (:func:`file_jobs`), the reading process that reads, cleans and splits the files
while this one builds the dictionary, and the pipe its results come back through, and the order of
the results (the corpus order).  Must not touch: how a sentence is segmented
(:mod:`tifa.tokens.segmenter`), the worker pool's make-up (:mod:`tifa.tokens.workers`), how the
tables are printed (:mod:`tifa.cli.output`).

Fast paths, and what ``bench/RESULTS.md`` shows they buy:

* reading the files here rather than building the corpus tables (no pandas, no other stage's
  tables): pathological, round 4 — half the time of round 3 (8 million characters without line
  breaks: 34.6 s → 15.6 s), peak 1.05 GB → 0.79 GB; realtext, ``tifa tokens`` on a one-line speech
  0.28 s (``tifa docs`` 0.37 s).
* the reading process (with 2 or more workers, where processes fork) and a worker's own rendering
  (``render``): part of realtext's 2-worker figures (``tifa tokens -f csv``, 12 shared reports, 0.51 s
  against 0.79 s with 1 worker; 52 work reports 1.27 s against 2.27 s); no row times them apart.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import os
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa

from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError
from ..procs import die_with_parent, fork_context
from ..progress import progress_bar
from .segmenter import Job, LexiconPaths, Segmenter, empty_table
from .workers import local_segmenter, pool as worker_pool, worker

def file_jobs(path: Path, source: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[list[Job], tuple[str, ...]]:
    """The segmenting jobs of one file's documents, and its reading warnings: the same
    documents and sentences as the corpus tables (``tifa.corpus.tables.process_file``) give."""
    # here: cleaning's modules (their patterns take ~30 ms to compile) load only where files are
    # read, in the process reading them while this one loads the dictionary
    from ..text.documents import iter_sentences, read_pieces

    fp = read_pieces(path, source=source, max_bytes=max_bytes)
    jobs = [(p.doc_id, p.text, [(i, s, e) for i, (_, s, e) in enumerate(iter_sentences(p.text))]) for p in fp.pieces]
    return jobs, fp.warnings


#: What a worker may make of a document's tokens table before sending it back (its csv, say).
Render = Callable[[pa.Table], object]
#: What a file gives: ``[(doc_id, its tokens table, or what ``render`` made of it), …]``,
#: the file's error if it could not be read, its reading warnings.
FileTokens = tuple[list[tuple[str, object]], InputError | None, tuple[str, ...]]


#: What reading a file gives: its segmenting jobs (see :func:`file_jobs`), its error if it could
#: not be read, its reading warnings.
ReadFile = tuple[list[Job], InputError | None, tuple[str, ...]]


def _read_task(task: tuple[Path, str, int | None]) -> ReadFile:
    """``(path, source, max_bytes)``: what reading the file gives."""
    path, source, max_bytes = task
    try:
        jobs, warnings = file_jobs(path, source, max_bytes=max_bytes)
    except InputError as err:
        return [], err, ()
    return jobs, None, warnings


def _tag_jobs(seg: Segmenter, jobs: list[Job], render: Render | None) -> list[tuple[str, object]]:
    docs = []
    for job in jobs:
        table = seg.batch_table([job])
        docs.append((job[0], render(table) if render is not None else table))
    return docs


def _file_tokens(seg: Segmenter, task: tuple[Path, str, int | None], render: Render | None) -> FileTokens:
    jobs, err, warnings = _read_task(task)
    return _tag_jobs(seg, jobs, render), err, warnings


def _file_work(task: tuple[Path, str, int | None], render: Render | None) -> FileTokens:
    return _file_tokens(worker(), task, render)


def _jobs_work(jobs: list[Job], render: Render | None) -> list[tuple[str, object]]:
    return _tag_jobs(worker(), jobs, render)


#: How much read-ahead the reading process may have sent before it waits for this one (the pipe's
#: buffer, where the system lets it grow): it runs while this process builds the dictionary.
READ_AHEAD_BYTES = 1 << 20


@contextlib.contextmanager
def _read_ahead(tasks: list[tuple[Path, str, int | None]]):
    """The files read, cleaned and split (:func:`_read_task` of each, in order) by a process of
    their own, started here: it needs no dictionary (cleaning asks :func:`word_table`), so it
    runs while this process builds one.  Yields an iterator of the results."""
    import fcntl

    ctx = fork_context()
    receive, send = ctx.Pipe(duplex=False)
    with contextlib.suppress(AttributeError, OSError):  # the default buffer (64 kB) where it cannot grow
        fcntl.fcntl(send.fileno(), fcntl.F_SETPIPE_SZ, READ_AHEAD_BYTES)
    reader = ctx.Process(target=_reader, args=(tasks, send, os.getpid()), name="tifa-reader", daemon=True)
    reader.start()
    send.close()
    try:
        yield (_received(receive) for _ in tasks)
    finally:
        receive.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()


def _reader(tasks: list[tuple[Path, str, int | None]], send, parent: int) -> None:
    import signal

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this one
    try:
        for task in tasks:
            try:
                got = _read_task(task)
            except Exception as exc:  # a failure that is not the file's (a bug, memory): raised over there
                send.send(exc)
                break
            send.send(got)
    except OSError:  # the parent stopped reading (it failed, or was interrupted): nothing to say
        pass
    finally:
        send.close()


def _received(receive) -> ReadFile:
    try:
        got = receive.recv()
    except EOFError:
        raise RuntimeError("the process reading the files ended early") from None
    if isinstance(got, BaseException):
        raise got
    return got


def documents_tokens(
    sources: Iterable[tuple[Path, str]],
    *,
    workers: int = 1,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    segmenter: Segmenter | None = None,
    lexicons: LexiconPaths | None = None,
    engine: str = "rjieba",
    progress: bool = False,
    render: Render | None = None,
) -> tuple[list, list[InputError], list[str]]:
    """The tokens of files (``(path, source)``, as :func:`tifa.read.files.iter_sources` gives), each
    read, cleaned, split and segmented, across ``workers`` processes.

    With several workers (where processes fork), one more process reads, cleans and splits
    the files, largest first, while this one builds the dictionary; each file's documents
    then go to a worker to be segmented.  Where processes do not fork, each worker does
    both, a file per task.

    Returns one tokens table per document in the corpus order (documents sorted by source,
    then id: the rows and ids of :func:`tokens_frame` on the corpus of the same files), or
    ``render(table)`` of each where ``render`` is given (a module-level function, made in
    the workers: the csv text of each, say); the unreadable files' errors; the reading warnings.
    """
    tasks = [(Path(f), src, max_bytes) for f, src in sources]
    bar = dict(desc="segmenting", unit="file", total=len(tasks), disable=not progress)
    results: list[FileTokens] = [([], None, ())] * len(tasks)
    with progress_bar(**bar) as pbar:
        if workers <= 1 or len(tasks) <= 1:
            seg = local_segmenter(segmenter, lexicons, engine)
            for i, task in enumerate(tasks):
                results[i] = _file_tokens(seg, task, render)
                pbar.update(1)
        else:
            # largest files first, so that no worker is left with a big one at the end
            order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
            pool = functools.partial(worker_pool, workers, segmenter=segmenter, lexicons=lexicons, engine=engine)
            pending: collections.deque = collections.deque()  # (file index, its future, its error, its warnings)

            def collect() -> None:
                i, done, err, warnings = pending.popleft()
                results[i] = (done.result(), err, warnings)
                pbar.update(1)

            if fork_context() is not None:
                with _read_ahead([tasks[i] for i in order]) as read, pool() as ex:  # reading starts first
                    for i, (jobs, err, warnings) in zip(order, read):
                        pending.append((i, ex.submit(_jobs_work, jobs, render), err, warnings))
                        if len(pending) > 2 * workers:  # a few files ahead of the workers, never every text at once
                            collect()
                    while pending:
                        collect()
            else:
                with pool() as ex:
                    for i, res in zip(order, ex.map(_file_work, [tasks[i] for i in order], [render] * len(order))):
                        results[i] = res
                        pbar.update(1)
    by_source = sorted(range(len(tasks)), key=lambda i: tasks[i][1])
    docs = sorted((doc for i in by_source for doc in results[i][0]), key=lambda doc: doc[0])  # stable
    errors = [err for _, err, _ in results if err is not None]
    warnings = [w for i in by_source for w in results[i][2]]  # as the corpus lists them
    return [made for _, made in docs], errors, warnings


def tokens_of_files(sources: Iterable[tuple[Path, str]], **kwargs) -> tuple[pa.Table, list[InputError], list[str]]:
    """The tokens table of files, with the errors and warnings (see :func:`documents_tokens`)."""
    tables, errors, warnings = documents_tokens(sources, **kwargs)
    tables = [t for t in tables if t.num_rows]
    return (pa.concat_tables(tables) if tables else empty_table()), errors, warnings


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
