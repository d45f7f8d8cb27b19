"""Incremental, parallel, partitioned build: ``data/raw`` → ``data/processed``.

Every raw file is processed on its own into a *part* (:mod:`tifa.corpus.parts`: its key hashes
the file's bytes, its name and the fingerprint of the code and lexicons), so a build reprocesses
only files whose content, name, code or lexicons changed.  ``manifest.json`` lists the parts
that make up the corpus; the per-file tables are read through it
(:func:`tifa.corpus.store.read_table`).  Only ``documents.parquet`` is assembled across the
corpus (:mod:`tifa.corpus.assemble`).

Everything is written to temporary names and renamed into place; the manifest is written last
and unreferenced parts are deleted only after it.  A build interrupted at any point leaves the
previous corpus intact, and the next build reuses every part already finished.

The size/mtime shortcut (a file not read again when its size, mtime, ctime and inode are those
the manifest recorded) is not taken for a file changed within two seconds of that manifest (the
"racy" case of git's index): such a file is read and hashed again.

The build holds the lock of ``out_dir`` (:mod:`tifa.lock`) from start to end: a second build
waits.  It first removes what a killed build left (temporary parts and files, unreferenced
generations of the corpus tables) and what the last one retired: parts and files its manifest no
longer named, kept in ``.retired/`` for a reader still on the manifest before it.

Owns the build loop — which files to process, the workers (a process pool or Dask) and the
report of what was done.  Must not touch a part's content (:mod:`tifa.corpus.parts`), the
assembled documents (:mod:`tifa.corpus.assemble`) or the store's file names
(:mod:`tifa.corpus.store`).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES, PROCESSED, RAW
from ..errors import InputError, StoreError, printable
from ..read.files import iter_inputs, source_name
from ..progress import progress_iter
from .assemble import assemble
from .parts import (  # noqa: F401  (PART_TABLES, PARTITIONED, fingerprint …: where users of the build import them)
    PART_TABLES,
    PARTITIONED,
    STAT_FIELDS,
    Changing,
    PartWriteError,
    fingerprint,
    part_key,
    part_ok,
    process_part,
    read_once,
    stat_record,
)
from .store import clean_leftovers, read_manifest, retire
from .tables import Corpus


@dataclass
class BuildReport:
    """What a build did."""

    corpus: "object"
    processed: list[str] = field(default_factory=list)  #: sources (re)processed in this build
    reused: list[str] = field(default_factory=list)  #: sources whose part was reused
    removed_parts: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


#: A file changed this close to (or after) the manifest that recorded it is read again.
RACY_NS = 2_000_000_000


# --------------------------------------------------------------------------- workers


def _warm_up(parent: int | None = None) -> None:
    """Pool initializer: exit with the parent (see :mod:`tifa.procs`); build the worker's
    segmenter (``shared_segmenter``) once, up front."""
    from ..procs import die_with_parent
    from ..tokens.segment import shared_segmenter

    die_with_parent(parent)
    shared_segmenter()


def _job(args: tuple) -> tuple[str, dict | None, InputError | None]:
    path, source, key, parts_dir, max_bytes, fp = args
    try:
        meta = process_part(Path(path), source, Path(parts_dir), fp=fp, expected=key, max_bytes=max_bytes)
        return source, meta, None
    except InputError as e:
        return source, None, e
    except (OSError, UnicodeError, ValueError) as e:
        return source, None, InputError(path, f"cannot process: {e}")


# --------------------------------------------------------------------------- build


def _run_dask(todo: list[tuple], workers: int, scheduler: str | None, bar: dict) -> list:
    """Run the per-file jobs on a Dask cluster (a LocalCluster unless ``scheduler`` is given)."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_job, todo, pure=False)
        results = []
        for fut in progress_iter(as_completed(futures), **bar):
            results.append(fut.result())
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def build(
    raw_dir: Path = RAW,
    out_dir: Path = PROCESSED,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool = True,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    lock_timeout: float | None = None,
) -> BuildReport:
    """Incrementally build the corpus tables of ``raw_dir`` into ``out_dir``.

    ``engine="local"`` uses a process pool of ``workers`` (default: all
    cores); ``engine="dask"`` runs the same per-file stage as tasks on a Dask
    distributed cluster — the one at ``scheduler`` (``tcp://host:8786``), or
    a ``LocalCluster`` of ``workers`` processes.  The workers must see
    ``raw_dir`` and ``out_dir`` at the same paths (a shared filesystem).

    The build holds the lock of ``out_dir`` throughout (a second build waits up to
    ``lock_timeout`` seconds, see :mod:`tifa.lock`).  A folder it cannot write, or a disk that
    fills, ends it with :class:`~tifa.errors.StoreError` (its ``errors`` lists the per-file
    errors met before); the previous corpus is left as it was.
    """
    from ..lock import store_lock

    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "raw data folder not found")
    out_dir = Path(out_dir)
    with store_lock(out_dir, "tifa build", timeout=lock_timeout):
        return _build_locked(raw_dir, out_dir, max_bytes=max_bytes, progress=progress, workers=workers, engine=engine, scheduler=scheduler)


def _build_locked(raw_dir: Path, out_dir: Path, *, max_bytes, progress, workers, engine, scheduler) -> BuildReport:
    from ..tokens.segment import default_workers

    parts_dir = out_dir / "parts"
    try:
        parts_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{parts_dir}: cannot create ({e.strerror or e}); make {out_dir} writable") from None
    fp = fingerprint()
    report = BuildReport(corpus=None)
    todo: list[tuple] = []
    keys: dict[str, str] = {}
    stats: dict[str, dict] = {}
    prev = read_manifest(out_dir) or {}
    clean_leftovers(out_dir, prev)
    from .ingest import read_metadata

    meta_warnings: list[str] = []
    metadata = read_metadata(raw_dir, warnings=meta_warnings)  # a bad metadata.csv stops the build before any work
    # A file whose size, mtime, ctime and inode are those recorded by the last build (same code and
    # lexicons) keeps its key without being read again — unless it changed within RACY_NS of that
    # build's manifest, when the same stat could hide a second change.
    try:
        recorded = (out_dir / "manifest.json").stat().st_mtime_ns
    except OSError:
        recorded = 0
    known = {p["source"]: p for p in prev.get("parts", []) if isinstance(p, dict)} if prev.get("fingerprint") == fp else {}
    walk_warnings: list[str] = []
    seen: dict[str, Path] = {}
    for f in iter_inputs([raw_dir], warnings=walk_warnings):
        source = source_name(f, raw_dir)
        if source in seen:
            report.errors.append(InputError(f, f"its name reads as {source!r}, the name of {printable(seen[source])}; rename one of them"))
            continue
        seen[source] = f
        old = known.get(source)
        try:
            st = stat_record(f.stat())
            if old and all(old.get(k) == st[k] for k in STAT_FIELDS) and st["mtime_ns"] < recorded - RACY_NS \
                    and st["ctime_ns"] < recorded - RACY_NS and part_ok(parts_dir / str(old.get("key")), source, fp):
                keys[source], stats[source] = old["key"], st
                report.reused.append(source)
                continue
            data, st = read_once(f, max_bytes)
        except InputError as e:
            report.errors.append(e)
            continue
        except OSError as e:
            report.errors.append(InputError(f, f"cannot read: {e.strerror or e}"))
            continue
        key = part_key(source, hashlib.sha256(data).hexdigest(), fp) if data is not None else None
        del data
        if key is not None and part_ok(parts_dir / key, source, fp):
            keys[source], stats[source] = key, st
            report.reused.append(source)
        else:
            todo.append((str(f), source, key, str(parts_dir), max_bytes, fp))
    walk_warnings += meta_warnings
    n_workers = max(1, min(workers or default_workers(), len(todo)))
    bar = dict(desc="building", unit="file", total=len(todo), disable=not progress or not todo)
    results: list[tuple[str, dict | None, InputError | None]] = []
    made: list[str] = []
    try:
        if engine == "dask":
            results = _run_dask(todo, workers or default_workers(), scheduler, bar) if todo else []
        elif engine != "local":
            raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
        elif n_workers <= 1:
            results = [_job(job) for job in progress_iter(todo, **bar)]
        else:
            from concurrent.futures import ProcessPoolExecutor

            from ..procs import fork_context

            ctx = fork_context()
            # biggest files first keeps the workers busy to the end
            todo.sort(key=lambda j: -_size(j[0]))
            with ProcessPoolExecutor(n_workers, mp_context=ctx, initializer=_warm_up, initargs=(os.getpid(),)) as ex:
                for r in progress_iter(ex.map(_job, todo, chunksize=1), **bar):
                    results.append(r)
        for source, meta, err in results:
            if err is not None:
                report.errors.append(err if isinstance(err, InputError) else InputError(source, str(err)))
                continue
            keys[source], stats[source] = meta["key"], meta["stat"]
            made.append(meta["key"])
            report.processed.append(source)
        fresh = {meta["source"]: meta for _, meta, err in results if err is None and meta}
        unwritten = [e for e in report.errors if isinstance(e, PartWriteError)]
        if unwritten:  # committing without those files would drop them from the corpus
            raise OSError(unwritten[0].reason.rsplit(": ", 1)[-1])
        report.corpus = assemble(keys, out_dir, errors=report.errors, raw_dir=raw_dir, fresh=fresh, stats=stats,
                                 warnings=walk_warnings, metadata=metadata)
    except OSError as e:
        # a full or read-only disk: the previous corpus stays; the parts made for it are not kept
        # filling the disk, nor any temporary
        for key in made:
            if key not in {p.get("key") for p in prev.get("parts", []) if isinstance(p, dict)}:
                shutil.rmtree(parts_dir / key, ignore_errors=True)
        clean_leftovers(out_dir, read_manifest(out_dir))
        err = StoreError(f"{out_dir}: cannot write ({e.strerror or e}); nothing was changed, the previous build is "
                         f"kept — free space or make the folder writable, then build again")
        err.errors = list(report.errors)  # type: ignore[attr-defined]
        raise err from None
    report.warnings = list(report.corpus.warnings)
    # only now, with the new manifest in place, drop parts no raw file refers to: retired, for a
    # reader still on the previous manifest (the next build removes them)
    live = set(keys.values())
    for part in parts_dir.iterdir():
        if part.is_dir() and part.name not in live:
            try:
                retire(part, out_dir)
            except OSError:
                shutil.rmtree(part, ignore_errors=True)
            report.removed_parts += not part.name.startswith(".")
    return report


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0

def build_corpus(raw_dir: Path = RAW, out_dir: Path = PROCESSED, **options) -> Corpus:
    """:func:`build`, returning the corpus (its ``report`` attached) rather than the report.

    ``options`` are :func:`build`'s.  The tokens table stays partitioned on disk.
    """
    report = build(raw_dir, out_dir, **options)
    corpus = report.corpus
    corpus.report = report  # type: ignore[attr-defined]
    return corpus
