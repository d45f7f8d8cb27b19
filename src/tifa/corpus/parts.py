"""One raw file's *part*: its key, the fingerprint of the code that made it, reading its bytes
once, and writing every per-file table of it to ``parts/<key>/`` atomically.

A part is a folder ``data/processed/parts/<key>/`` holding that file's rows of every
per-document table (documents, sentences, cleaning log, outline, enumerations, formulations,
parallels, quotations, tokens) and the MinHash signatures of its documents.  The key hashes the
file's bytes, its name, and the *fingerprint* of what processed it (tifa's version, its source
code and the lexicon files), so a build reprocesses only files whose content, name, code or
lexicons changed.

A file is read once where it is processed: the worker reads its bytes, and keys and fills its
part from those same bytes (a file edited while the build runs gets the part of what was read,
never the part named after other bytes).  A part's ``meta.json`` records the SHA-256 of the
bytes it was made from; a part is reused only when its meta agrees with its key
(:func:`part_ok`).

Owns a part's name, content and format (:func:`part_table`, :func:`parquet_options`).  Must not
touch the manifest or the corpus-wide tables (:mod:`tifa.corpus.store`), nor decide which files
a build processes (:mod:`tifa.corpus.build`).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import stat as statmod
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..config import LEXICONS
from ..errors import InputError, printable
from .tables import document_tables, process_file

#: Per-file tables stored in a part (tokens stays partitioned in the output).
PART_TABLES = (
    "documents", "cleaning_log", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "originals", "tokens", "minhash",
)
#: Tables read through the manifest's parts (all but the assembled documents).
PARTITIONED = tuple(t for t in PART_TABLES if t not in ("documents", "minhash"))


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
    meta = read_meta(part)
    if not meta or meta.get("source") != source or meta.get("key") != part.name or not isinstance(meta.get("sha256"), str):
        return False
    if part_key(source, meta["sha256"], fp) != part.name:
        return False
    return all((part / f"{t}.parquet").is_file() for t in PART_TABLES)


def read_meta(part: Path) -> dict | None:
    """A part's ``meta.json`` (``None`` if missing or unreadable)."""
    try:
        meta = json.loads((part / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None
