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
tables are read through it (:func:`tifa.corpus.read_table`), so no step ever
has to concatenate — or hold — every token.  Only ``documents.parquet`` is
assembled across the corpus (near-duplicates marked with MinHash/LSH,
metadata joined), incrementally from the previous build's.

Everything is written to temporary names and renamed into place; the
manifest is written last and unreferenced parts are deleted only after it.
A build interrupted at any point leaves the previous corpus intact, and the
next build reuses every part already finished.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .config import DEFAULT_MAX_BYTES, LEXICONS, PROCESSED, RAW
from .corpus import Corpus, document_tables, process_file, write_tables_atomic
from .errors import InputError
from .io import iter_inputs, source_name
from .progress import progress_iter

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
    for p in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    for p in sorted(Path(lexicons).glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def part_key(source: str, data: bytes, fp: str) -> str:
    h = hashlib.sha256(fp.encode())
    h.update(source.encode("utf-8"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()[:32]


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


def process_part(path: Path, source: str, key: str, parts_dir: Path, *, max_bytes: int | None, segmenter=None) -> dict:
    """Process one file into ``parts_dir/key`` (atomically); return its meta."""
    from .dedup import signatures
    from .segment import shared_segmenter, tokens_table

    segmenter = segmenter or shared_segmenter()
    fr = process_file(path, source=source, max_bytes=max_bytes)
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
    meta = {"source": source, "key": key, "n_documents": int(len(docs)), "warnings": list(fr.warnings)}
    meta_out = dict(meta, documents=docs, minhash=tables["minhash"])  # handed back: no re-reading in assembly
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=parts_dir))
    try:
        for name, df in tables.items():
            # what DataFrame.to_parquet(index=False) writes, without its per-call overhead
            table = df if isinstance(df, pa.Table) else part_table(df)
            sink = pa.BufferOutputStream()  # one write call per file, not dozens
            pq.write_table(table, sink, **parquet_options(table.schema))
            (tmp / f"{name}.parquet").write_bytes(sink.getvalue())
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        final = parts_dir / key
        if final.exists():  # another build finished it first
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta_out


# --------------------------------------------------------------------------- workers

def _warm_up(parent: int | None = None) -> None:
    """Pool initializer: exit with the parent (see :mod:`tifa.procs`); build the worker's
    segmenter (``shared_segmenter``) once, up front."""
    from .procs import die_with_parent
    from .segment import shared_segmenter

    die_with_parent(parent)
    shared_segmenter()


def _job(args: tuple) -> tuple[str, dict | None, str | None]:
    path, source, key, parts_dir, max_bytes = args
    try:
        return source, process_part(Path(path), source, key, Path(parts_dir), max_bytes=max_bytes), None
    except InputError as e:
        return source, None, str(e)
    except (OSError, UnicodeError, ValueError) as e:
        return source, None, f"{path}: cannot process: {e}"


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
        return json.loads((part / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build(
    raw_dir: Path = RAW,
    out_dir: Path = PROCESSED,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool = True,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildReport:
    """Incrementally build the corpus tables of ``raw_dir`` into ``out_dir``.

    ``engine="local"`` uses a process pool of ``workers`` (default: all
    cores); ``engine="dask"`` runs the same per-file stage as tasks on a Dask
    distributed cluster — the one at ``scheduler`` (``tcp://host:8786``), or
    a ``LocalCluster`` of ``workers`` processes.  The workers must see
    ``raw_dir`` and ``out_dir`` at the same paths (a shared filesystem).
    """
    from .segment import default_workers

    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "raw data folder not found")
    out_dir = Path(out_dir)
    parts_dir = out_dir / "parts"
    parts_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint()
    report = BuildReport(corpus=None)
    todo: list[tuple] = []
    keys: dict[str, str] = {}
    stats: dict[str, tuple[int, int]] = {}
    prev = read_manifest(out_dir) or {}
    # A file whose size and modification time are unchanged since the last build (same code and
    # lexicons) keeps its key without being read again.
    known = {p["source"]: p for p in prev.get("parts", []) if isinstance(p, dict)} if prev.get("fingerprint") == fp else {}
    for f in iter_inputs([raw_dir]):
        source = source_name(f, raw_dir)
        try:
            st = f.stat()
            stats[source] = (st.st_size, st.st_mtime_ns)
            old = known.get(source)
            if old and (old.get("size"), old.get("mtime_ns")) == stats[source]:
                key = old["key"]
            else:
                # read_text gives the proper message for a huge file; don't hash it
                data = b"" if max_bytes is not None and st.st_size > max_bytes else f.read_bytes()
                key = part_key(source, data, fp)
        except OSError as e:
            report.errors.append(InputError(f, f"cannot read: {e}"))
            continue
        if (parts_dir / key / "meta.json").exists():
            keys[source] = key
            report.reused.append(source)
        else:
            todo.append((str(f), source, key, str(parts_dir), max_bytes))
    n_workers = max(1, min(workers or default_workers(), len(todo)))
    bar = dict(desc="building", unit="file", total=len(todo), disable=not progress or not todo)
    results: list[tuple[str, dict | None, str | None]] = []
    if engine == "dask":
        results = _run_dask(todo, workers or default_workers(), scheduler, bar) if todo else []
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    elif n_workers <= 1:
        results = [_job(job) for job in progress_iter(todo, **bar)]
    else:
        from concurrent.futures import ProcessPoolExecutor

        from .procs import fork_context

        ctx = fork_context()
        # biggest files first keeps the workers busy to the end
        todo.sort(key=lambda j: -Path(j[0]).stat().st_size)
        with ProcessPoolExecutor(n_workers, mp_context=ctx, initializer=_warm_up, initargs=(os.getpid(),)) as ex:
            for r in progress_iter(ex.map(_job, todo, chunksize=1), **bar):
                results.append(r)
    for source, meta, err in results:
        if err:
            report.errors.append(InputError(err.split(": ", 1)[0], err.split(": ", 1)[1] if ": " in err else err))
            continue
        keys[source] = meta["key"]
        report.processed.append(source)
    fresh = {meta["source"]: meta for _, meta, err in results if not err and meta}
    report.corpus = assemble(keys, out_dir, errors=report.errors, raw_dir=raw_dir, fresh=fresh, stats=stats)
    report.warnings = list(report.corpus.warnings)
    # only now, with the new manifest in place, drop parts no raw file refers to
    live = set(keys.values())
    for part in parts_dir.iterdir():
        if part.is_dir() and part.name not in live:
            shutil.rmtree(part, ignore_errors=True)
            report.removed_parts += not part.name.startswith(".")
    return report


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Same columns order and types whichever way a frame was assembled (byte-identical output)."""
    from .documents import DOC_COLUMNS

    if df.empty:
        return df
    cols = [c for c in DOC_COLUMNS if c in df] + [c for c in df.columns if c not in DOC_COLUMNS]
    out = df[cols].copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype).startswith(("str", "string")):
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out.reset_index(drop=True)


def read_manifest(out_dir: Path) -> dict | None:
    try:
        return json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def assemble(
    keys: dict[str, str],
    out_dir: Path,
    *,
    errors: list[InputError] | None = None,
    raw_dir: Path | None = None,
    fresh: dict[str, dict] | None = None,
    stats: dict[str, tuple[int, int]] | None = None,
):
    """Assemble ``documents`` (and signatures) from the parts, reusing the previous build's rows.

    Returns a :class:`~tifa.corpus.Corpus` whose per-file tables are read
    lazily through the new manifest.
    """
    from .dedup import mark_duplicates
    from .ingest import join_metadata, read_metadata

    out_dir = Path(out_dir)
    parts_dir = out_dir / "parts"
    sources = sorted(keys)
    prev = read_manifest(out_dir)
    prev_keys = {p["source"]: p["key"] for p in prev.get("parts", [])} if prev and prev.get("fingerprint") == fingerprint() else {}
    kept = {s for s in sources if prev_keys.get(s) == keys[s]}
    doc_frames, sig_frames, warnings = [], [], []
    if kept and (out_dir / "documents.parquet").exists() and (out_dir / "minhash.parquet").exists():
        old_docs = pd.read_parquet(out_dir / "documents.parquet")
        old_docs = old_docs[old_docs["source"].isin(kept)]
        doc_frames.append(old_docs.drop(columns=[c for c in ("duplicate_of", "dup_similarity", "speaker", "occasion") if c in old_docs]))
        old_sigs = pd.read_parquet(out_dir / "minhash.parquet")
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
        docs = join_metadata(docs, read_metadata(raw_dir) if raw_dir is not None else None)
    docs, sigs = _normalise(docs), _normalise(sigs)
    manifest = {
        "tifa_version": __version__,
        "fingerprint": fingerprint(),
        "n_documents": int(len(docs)),
        "parts": [
            {"source": s, "key": keys[s], "size": (stats or {}).get(s, (None, None))[0], "mtime_ns": (stats or {}).get(s, (None, None))[1]}
            for s in sources
        ],
        "errors": [str(e) for e in errors or []],
        "warnings": warnings,
        "tables": ["documents", *PARTITIONED],
    }
    write_tables_atomic({"documents": docs, "minhash": sigs}, out_dir, manifest=manifest)
    for legacy in [*(out_dir / f"{t}.parquet" for t in PARTITIONED), out_dir / "tokens"]:
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
