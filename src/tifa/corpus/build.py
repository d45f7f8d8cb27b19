"""Incremental, parallel, partitioned build: ``data/raw`` → ``data/processed``.

Every raw file is processed on its own into a *part* — a folder
``data/processed/parts/<key>/`` holding that file's rows of every
per-document table (documents, sentences, cleaning log, outline,
enumerations, formulations, parallels, quotations, tokens) and the MinHash
signatures of its documents.  The key hashes the file's bytes, its name, and
the *fingerprint* of what processed it (tifa's version, its source code and
the lexicon files), so a build reprocesses only files whose content, name,
code or lexicons changed.

``manifest.json`` lists the parts that make up the corpus; the per-file
tables are read through it (:func:`tifa.corpus.tables.read_table`), so no step ever
has to concatenate — or hold — every token.  Only ``documents.parquet`` is
assembled across the corpus (near-duplicates marked with MinHash/LSH,
metadata joined), incrementally from the previous build's.

Everything is written to temporary names and renamed into place; the
manifest is written last and unreferenced parts are deleted only after it.
A build interrupted at any point leaves the previous corpus intact, and the
next build reuses every part already finished.

A file is read once per build where it is processed: the worker reads its bytes, and keys and
fills its part from those same bytes (a file edited while the build runs gets the part of what
was read, never the part named after other bytes).  A part's ``meta.json`` records the SHA-256 of
the bytes it was made from; a part is reused only when its meta agrees with its key.  The
size/mtime shortcut (a file not read again when its size, mtime, ctime and inode are those the
manifest recorded) is not taken for a file changed within two seconds of that manifest (the
"racy" case of git's index): such a file is read and hashed again.

The build holds the lock of ``out_dir`` (:mod:`tifa.lock`) from start to end: a second build
waits.  It first removes what a killed build left (temporary parts and files, unreferenced
generations of the corpus tables) and what the last one retired: parts and files its manifest no
longer named, kept in ``.retired/`` for a reader still on the manifest before it.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat as statmod
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..config import DEFAULT_MAX_BYTES, LEXICONS, PROCESSED, RAW
from .tables import Corpus, commit_store, document_tables, process_file, read_manifest, retire, store_files
from ..errors import InputError, StoreError, printable
from ..read.files import iter_inputs, source_name
from ..progress import progress_iter

#: Per-file tables stored in a part (tokens stays partitioned in the output).
PART_TABLES = (
    "documents", "cleaning_log", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "originals", "tokens", "minhash",
)
#: Tables read through the manifest's parts (all but the assembled documents).
PARTITIONED = tuple(t for t in PART_TABLES if t not in ("documents", "minhash"))


@dataclass
class BuildReport:
    """What a build did."""

    corpus: "object"
    processed: list[str] = field(default_factory=list)  #: sources (re)processed in this build
    reused: list[str] = field(default_factory=list)  #: sources whose part was reused
    removed_parts: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def fingerprint(lexicons: Path = LEXICONS) -> str:
    """Hash of what processes a file: version, source code, lexicons."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for p in sorted(package.rglob("*.py")):
        h.update(p.relative_to(package).as_posix().encode())
        h.update(p.read_bytes())
    for p in sorted(Path(lexicons).glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def part_key(source: str, sha: str, fp: str) -> str:
    """The name of the part of ``source`` whose bytes have SHA-256 ``sha``, made by code ``fp``."""
    h = hashlib.sha256(fp.encode())
    h.update(source.encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(sha.encode())
    return h.hexdigest()[:32]


#: What the size/mtime shortcut compares: a file whose four are unchanged is not read again.
STAT_FIELDS = ("size", "mtime_ns", "ctime_ns", "ino")
#: A file changed this close to (or after) the manifest that recorded it is read again.
RACY_NS = 2_000_000_000


def stat_record(st: os.stat_result) -> dict:
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "ino": st.st_ino}


class Changing(InputError):
    """The file changed while it was being read."""


class PartWriteError(InputError):
    """A file's part could not be written (a full or read-only store): no build is committed."""


def read_once(path: Path, max_bytes: int | None, *, tries: int = 3) -> tuple[bytes | None, dict]:
    """The bytes of ``path`` and the stat (:func:`stat_record`) they were read under.

    ``None`` for the bytes when the file is over ``max_bytes`` or not a regular file (reading it
    names the reason).  A file that is not a symbolic link is opened with ``O_NOFOLLOW`` (one
    swapped for a link since the folder was walked is refused).  A file whose stat changed
    while it was read is read again, at most ``tries`` times."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if not path.is_symlink():
        flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(tries):
        try:
            fd = os.open(path, flags)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise InputError(path, "became a symbolic link while the build ran: refused, not read") from None
            raise
        with os.fdopen(fd, "rb") as fh:
            before = os.fstat(fh.fileno())
            if not statmod.S_ISREG(before.st_mode) or (max_bytes is not None and before.st_size > max_bytes):
                return None, stat_record(before)
            data = fh.read()
            after = os.fstat(fh.fileno())
        if stat_record(before) == stat_record(after) and len(data) == after.st_size:
            return data, stat_record(after)
    raise Changing(path, "kept changing while it was read; build again once it is saved")


def part_table(df: pd.DataFrame) -> pa.Table:
    """A per-file table as its part stores it: what ``DataFrame.to_parquet(index=False)``
    writes, with every text column ``large_string``.  Pandas gives an empty column, or one
    of only missing values, no type (Arrow ``null``), and text in an ``object`` column a
    narrower type than in a ``str`` one: parts of the same table would not read as one.

    A table whose columns, dtypes and (for ``object`` columns) Arrow types were seen before
    takes the schema then made, pandas metadata included (it depends on nothing else), and
    its columns are converted straight to it: pyarrow's ``from_pandas`` costs about a
    millisecond a table, mostly in working out that schema again."""
    values, key = [], []
    for name, col in df.items():
        if not isinstance(col.dtype, np.dtype):
            values.append(col.array)  # text, Int64: their own Arrow data
        elif col.dtype == object:
            values.append(pa.array(col.to_numpy(), from_pandas=True))  # its type depends on its values
            key.append((name, "object", str(values[-1].type)))
            continue
        else:
            values.append(col.to_numpy())
        key.append((name, str(col.dtype)))
    schema = _PART_SCHEMAS.get(tuple(key))
    if schema is not None:
        arrays = [v.cast(f.type) if isinstance(v, pa.Array) else pa.array(v, type=f.type, from_pandas=True) for v, f in zip(values, schema)]
        return pa.Table.from_arrays(arrays, schema=schema)
    table = pa.Table.from_pandas(df, preserve_index=False)
    text = pa.large_string()
    fields = [f.with_type(text) if pa.types.is_null(f.type) or pa.types.is_string(f.type) else f for f in table.schema]
    schema = _PART_SCHEMAS[tuple(key)] = pa.schema(fields, metadata=table.schema.metadata)
    return table if schema.equals(table.schema) else table.cast(schema)


_PART_SCHEMAS: dict[tuple, pa.Schema] = {}


def parquet_options(schema: pa.Schema) -> dict:
    """How a part's table is written: text dictionary-encoded, integers (ids and offsets,
    mostly rising) delta-encoded, statistics on ``doc_id`` only.  A tokens part is a quarter
    of the size pyarrow's defaults give, written in half the time; it reads back the same."""
    ints = [f.name for f in schema if pa.types.is_integer(f.type)]
    text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    return {
        "use_dictionary": text,
        "column_encoding": dict.fromkeys(ints, "DELTA_BINARY_PACKED"),
        "write_statistics": ["doc_id"] if "doc_id" in schema.names else False,
    }


def process_part(
    path: Path, source: str, parts_dir: Path, *, fp: str | None = None, expected: str | None = None,
    max_bytes: int | None, segmenter=None,
) -> dict:
    """Read ``path`` once, process those bytes into ``parts_dir/<key>`` (atomically) and return
    its meta.  The key is made from the bytes read here: ``expected`` (the key the build made
    from its own reading) differs only if the file changed in between, which the meta says."""
    from ..text.dedup import signatures
    from ..tokens.segment import shared_segmenter, tokens_table

    fp = fp or fingerprint()
    data, st = read_once(path, max_bytes)
    if data is None:  # too large, or not a file: reading it says which
        process_file(path, source=source, max_bytes=max_bytes)
        raise InputError(path, "not a regular file")
    sha = hashlib.sha256(data).hexdigest()
    key = part_key(source, sha, fp)
    segmenter = segmenter or shared_segmenter()
    fr = process_file(path, source=source, max_bytes=max_bytes, data=data)
    del data
    docs = fr.documents
    per_doc = document_tables(docs)
    tables = {
        "documents": docs,
        "cleaning_log": fr.cleaning_log,
        **per_doc,
        "originals": pd.DataFrame([(source, fr.original)] if fr.original is not None else [], columns=["source", "text"]),
        "tokens": tokens_table(docs, per_doc["sentences"], segmenter=segmenter),  # Arrow: written as is
        "minhash": pd.DataFrame({"doc_id": docs["doc_id"], "signature": [sig.tobytes() for sig in signatures(list(docs["text"]))]}),
    }
    warnings = [printable(w) for w in fr.warnings]
    if expected is not None and key != expected:
        warnings.append(f"{printable(path)}: warning: changed while the build ran; built from the content read last")
    meta = {"source": source, "key": key, "sha256": sha, "n_bytes": st["size"], "n_documents": int(len(docs)), "warnings": warnings}
    meta_out = dict(meta, documents=docs, minhash=tables["minhash"], stat=st)  # handed back: no re-reading in assembly
    final = parts_dir / key
    if part_ok(final, source, fp):  # another build, or an earlier one, made it from the same bytes
        return meta_out
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=parts_dir))
    except OSError as e:
        raise PartWriteError(path, f"cannot write its part in {parts_dir}: {e.strerror or e}") from None
    try:
        for name, df in tables.items():
            # what DataFrame.to_parquet(index=False) writes, without its per-call overhead
            table = df if isinstance(df, pa.Table) else part_table(df)
            sink = pa.BufferOutputStream()  # one write call per file, not dozens
            pq.write_table(table, sink, **parquet_options(table.schema))
            (tmp / f"{name}.parquet").write_bytes(sink.getvalue())
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        if final.exists():  # a part left unfinished or from other bytes: replaced
            shutil.rmtree(final)
        os.replace(tmp, final)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PartWriteError(path, f"cannot write its part in {parts_dir}: {e.strerror or e}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta_out


def part_ok(part: Path, source: str, fp: str) -> bool:
    """Whether ``part`` is a finished part of ``source`` whose meta agrees with its name: made by
    code ``fp`` from the bytes whose SHA-256 it records, every table there."""
    meta = _read_meta(part)
    if not meta or meta.get("source") != source or meta.get("key") != part.name or not isinstance(meta.get("sha256"), str):
        return False
    if part_key(source, meta["sha256"], fp) != part.name:
        return False
    return all((part / f"{t}.parquet").is_file() for t in PART_TABLES)


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


def _read_meta(part: Path) -> dict | None:
    try:
        meta = json.loads((part / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


#: What only tifa's temporaries are named: a part being written (``.<key>.<random>``, in
#: ``parts/``) and a file being written (``.<name>.<random>.tmp``, :func:`tifa.atomic.temp_beside`).
_TEMP_PART = re.compile(r"^\.[0-9a-f]{32}\.[^/]+$")
_TEMP_FILE = re.compile(r"^\..+\.tmp$")
#: The corpus-wide tables under their content names (:func:`tifa.corpus.tables.commit_store`).
_GENERATION = re.compile(r"^(?:documents|minhash)-[0-9a-f]{20}\.parquet$")


def clean_leftovers(out_dir: Path, manifest: dict | None) -> list[Path]:
    """Remove what a killed build left in ``out_dir`` — temporary parts and files, generations of
    the corpus tables the manifest does not name — and what the last build retired.  Nothing
    else is touched (an output folder may hold other files).  Run under the lock."""
    from .tables import RETIRED

    keep = set(store_files(manifest).values()) if manifest else set()
    parts_dir = out_dir / "parts"
    candidates = [p for p in parts_dir.iterdir() if _TEMP_PART.match(p.name) and p.is_dir()] if parts_dir.is_dir() else []
    for p in out_dir.iterdir():
        if (_TEMP_FILE.match(p.name) and p.is_file()) or (_GENERATION.match(p.name) and p.name not in keep) or p.name == RETIRED:
            candidates.append(p)
    removed = []
    for p in candidates:
        try:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


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


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Same columns order and types whichever way a frame was assembled (byte-identical output)."""
    from ..text.documents import DOC_COLUMNS

    if df.empty:
        return df
    cols = [c for c in DOC_COLUMNS if c in df] + [c for c in df.columns if c not in DOC_COLUMNS]
    out = df[cols].copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype).startswith(("str", "string")):
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out.reset_index(drop=True)


def assemble(
    keys: dict[str, str],
    out_dir: Path,
    *,
    errors: list[InputError] | None = None,
    raw_dir: Path | None = None,
    fresh: dict[str, dict] | None = None,
    stats: dict[str, dict] | None = None,
    warnings: list[str] | None = None,
    metadata: pd.DataFrame | None = None,
):
    """Assemble ``documents`` (and signatures) from the parts, reusing the previous build's rows.

    ``metadata``: the raw folder's (read from ``raw_dir`` when not given).  The new tables are
    committed by one rename, the manifest's (:func:`tifa.corpus.tables.commit_store`).  Returns a
    :class:`~tifa.corpus.tables.Corpus` whose per-file tables are read lazily through the new manifest.
    """
    from ..text.dedup import mark_duplicates
    from .ingest import join_metadata, read_metadata

    out_dir = Path(out_dir)
    parts_dir = out_dir / "parts"
    sources = sorted(keys)
    prev = read_manifest(out_dir)
    prev_keys = {p["source"]: p["key"] for p in prev.get("parts", [])} if prev and prev.get("fingerprint") == fingerprint() else {}
    kept = {s for s in sources if prev_keys.get(s) == keys[s]}
    doc_frames, sig_frames, warnings = [], [], list(warnings or [])
    files = store_files(prev) if prev else {}
    old_docs_file, old_sigs_file = out_dir / files.get("documents", "-"), out_dir / files.get("minhash", "-")
    if kept and old_docs_file.is_file() and old_sigs_file.is_file():
        old_docs = pd.read_parquet(old_docs_file)
        old_docs = old_docs[old_docs["source"].isin(kept)]
        doc_frames.append(old_docs.drop(columns=[c for c in ("duplicate_of", "dup_similarity", "speaker", "occasion") if c in old_docs]))
        old_sigs = pd.read_parquet(old_sigs_file)
        old_sigs = old_sigs[old_sigs["doc_id"].isin(set(old_docs["doc_id"]))]
        # title and date as the text gave them (before metadata was joined)
        base = old_sigs.set_index("doc_id").loc[old_docs["doc_id"]]
        for col in ("title", "date", "date_source"):
            doc_frames[-1][col] = base[col].to_numpy()
        sig_frames.append(old_sigs[["doc_id", "signature"]])
        warnings.extend(w for w in prev.get("warnings", []) if any(w.startswith(str(s)) or f"/{s}:" in w for s in kept))
    else:
        kept = set()
    for s in sources:
        if s in kept:
            continue
        got = (fresh or {}).get(s)
        if got is not None and got.get("key") == keys[s]:  # processed in this build: frames at hand
            doc_frames.append(got["documents"])
            sig_frames.append(got["minhash"])
            warnings.extend(got.get("warnings", []))
            continue
        part = parts_dir / keys[s]
        doc_frames.append(pd.read_parquet(part / "documents.parquet"))
        sig_frames.append(pd.read_parquet(part / "minhash.parquet"))
        warnings.extend((_read_meta(part) or {}).get("warnings", []))
    docs = pd.concat([f for f in doc_frames if len(f)], ignore_index=True) if any(len(f) for f in doc_frames) else pd.DataFrame()
    sigs = pd.concat(sig_frames, ignore_index=True) if sig_frames else pd.DataFrame(columns=["doc_id", "signature"])
    if len(docs):
        docs = docs.sort_values("doc_id", kind="stable").reset_index(drop=True)
        sigs = sigs.set_index("doc_id").loc[docs["doc_id"]].reset_index()
        for col in ("title", "date", "date_source"):
            sigs[col] = docs[col].to_numpy()
        matrix = np.stack([np.frombuffer(b, dtype=np.uint32) for b in sigs["signature"]])
        docs = mark_duplicates(docs, sigs=matrix)
        if metadata is None and raw_dir is not None:
            metadata = read_metadata(raw_dir, warnings=warnings)
        docs = join_metadata(docs, metadata)
    docs, sigs = _normalise(docs), _normalise(sigs)
    manifest = {
        "tifa_version": __version__,
        "fingerprint": fingerprint(),
        "n_documents": int(len(docs)),
        "parts": [
            {"source": s, "key": keys[s], **{k: (stats or {}).get(s, {}).get(k) for k in STAT_FIELDS}}
            for s in sources
        ],
        "errors": [printable(e) for e in errors or []],
        "warnings": warnings,
        "tables": ["documents", *PARTITIONED],
    }
    commit_store({"documents": docs, "minhash": sigs}, out_dir, manifest)
    # the whole tables an older tifa wrote here (only where its manifest says it built this folder)
    legacies = [*(out_dir / f"{t}.parquet" for t in PARTITIONED), out_dir / "tokens"] if prev and "files" not in prev else []
    for legacy in legacies:
        if legacy.is_dir():
            shutil.rmtree(legacy, ignore_errors=True)
        elif legacy.exists():
            legacy.unlink()
    return Corpus.lazy(out_dir, documents=docs, errors=list(errors or []), warnings=warnings)


def build_corpus(raw_dir: Path = RAW, out_dir: Path = PROCESSED, **options) -> Corpus:
    """:func:`build`, returning the corpus (its ``report`` attached) rather than the report.

    ``options`` are :func:`build`'s.  The tokens table stays partitioned on disk.
    """
    report = build(raw_dir, out_dir, **options)
    corpus = report.corpus
    corpus.report = report  # type: ignore[attr-defined]
    return corpus
