"""Incremental, parallel, partitioned build: ``data/raw`` → ``data/processed``.

Every raw file is processed on its own into a *part* — a folder
``data/processed/parts/<key>/`` with that file's rows of every per-document
table (documents, sentences, cleaning log, outline, enumerations,
formulations, parallels, quotations, tokens).  The key hashes the file's
bytes, its name, and the *fingerprint* of what processed it (tifa's version,
its source code and the lexicon files), so a build reprocesses only files
whose content, name, code or lexicons changed; a removed file's part is
dropped.

Parts are written to a temporary folder and renamed into place, so a build
interrupted at any point leaves complete parts only, and the previous
tables untouched: the next build reuses the finished parts and completes.
The corpus tables are then assembled from the parts (near-duplicates marked
across the corpus) and written atomically; the tokens table, the big one,
is a folder of per-part parquet files (``tokens/``), read as one table by
:func:`tifa.corpus.read_table`, so no step ever holds every token at once.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from . import __version__
from .config import DEFAULT_MAX_BYTES, LEXICONS, PROCESSED, RAW
from .errors import InputError
from .io import iter_inputs

#: Per-file tables stored in a part (tokens stays partitioned in the output).
PART_TABLES = ("documents", "cleaning_log", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "originals", "tokens")


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


def process_part(path: Path, source: str, key: str, parts_dir: Path, *, max_bytes: int | None, segmenter=None) -> dict:
    """Process one file into ``parts_dir/key`` (atomically); return its meta."""
    from .corpus import process_file
    from .documents import sentences_frame
    from .formulas import formulas_table, parallels_table, quotes_table
    from .outline import assign_sections, outline_tables
    from .segment import tokens_frame

    fr = process_file(path, source=source, max_bytes=max_bytes)
    docs = fr.documents
    sents = sentences_frame(docs)
    outline, enums = outline_tables(docs)
    sents = assign_sections(sents, outline)
    tables = {
        "documents": docs,
        "cleaning_log": fr.cleaning_log,
        "sentences": sents,
        "outline": outline,
        "enumerations": enums,
        "formulas": formulas_table(docs),
        "parallels": parallels_table(docs),
        "quotes": quotes_table(docs),
        "originals": pd.DataFrame([(source, fr.original)] if fr.original is not None else [], columns=["source", "text"]),
        "tokens": tokens_frame(docs, sents, segmenter=segmenter),
    }
    meta = {"source": source, "key": key, "n_documents": int(len(docs)), "warnings": list(fr.warnings)}
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=parts_dir))
    try:
        for name, df in tables.items():
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        final = parts_dir / key
        if final.exists():  # another build finished it first
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


# --------------------------------------------------------------------------- workers

_SEG = None


def _init(userdict: str, stopwords: str) -> None:
    global _SEG
    from .segment import Segmenter

    _SEG = Segmenter(Path(userdict), Path(stopwords))


def _job(args: tuple) -> tuple[str, dict | None, str | None]:
    path, source, key, parts_dir, max_bytes = args
    try:
        return source, process_part(Path(path), source, key, Path(parts_dir), max_bytes=max_bytes, segmenter=_SEG), None
    except InputError as e:
        return source, None, str(e)
    except (OSError, UnicodeError, ValueError) as e:
        return source, None, f"{path}: cannot process: {e}"


# --------------------------------------------------------------------------- build


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
) -> BuildReport:
    """Incrementally build the corpus tables of ``raw_dir`` into ``out_dir``."""
    from .corpus import source_name
    from .segment import LexiconPaths, Segmenter, default_workers

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
    for f in iter_inputs([raw_dir]):
        source = source_name(f, raw_dir)
        try:
            size = f.stat().st_size
            if max_bytes is not None and size > max_bytes:
                # read_text gives the proper message; don't hash a huge file
                data = b""
            else:
                data = f.read_bytes()
        except OSError as e:
            report.errors.append(InputError(f, f"cannot read: {e}"))
            continue
        key = part_key(source, data, fp)
        if (parts_dir / key / "meta.json").exists():
            keys[source] = key
            report.reused.append(source)
        else:
            todo.append((str(f), source, key, str(parts_dir), max_bytes))
    n_workers = max(1, min(workers or default_workers(), len(todo)))
    bar = dict(desc="building", unit="file", total=len(todo), disable=not progress or not todo, file=sys.stderr)
    results: list[tuple[str, dict | None, str | None]] = []
    if n_workers <= 1:
        seg = Segmenter() if todo else None
        for job in tqdm(todo, **bar):
            global _SEG
            _SEG = seg
            results.append(_job(job))
        _SEG = None
    else:
        lp = LexiconPaths()
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        # biggest files first keeps the workers busy to the end
        todo.sort(key=lambda j: -Path(j[0]).stat().st_size)
        with ProcessPoolExecutor(n_workers, mp_context=ctx, initializer=_init, initargs=(str(lp.userdict), str(lp.stopwords))) as ex:
            for r in tqdm(ex.map(_job, todo, chunksize=1), **bar):
                results.append(r)
    for source, meta, err in results:
        if err:
            report.errors.append(InputError(err.split(": ", 1)[0], err.split(": ", 1)[1] if ": " in err else err))
            continue
        keys[source] = meta["key"]
        report.processed.append(source)
    # drop parts no raw file refers to any more
    live = set(keys.values())
    for part in parts_dir.iterdir():
        if part.is_dir() and part.name not in live:
            shutil.rmtree(part, ignore_errors=True)
            report.removed_parts += not part.name.startswith(".")
    report.corpus = assemble_parts([parts_dir / keys[s] for s in sorted(keys)], out_dir, errors=report.errors, raw_dir=raw_dir)
    report.warnings = list(report.corpus.warnings)
    return report


def assemble_parts(parts: list[Path], out_dir: Path, *, errors: list[InputError] | None = None, raw_dir: Path | None = None):
    """Corpus tables from parts: concatenated, duplicates marked, metadata joined, written atomically."""
    from .corpus import TABLES, Corpus, write_tables_atomic
    from .documents import mark_duplicates
    from .ingest import join_metadata, read_metadata

    tables: dict[str, list[pd.DataFrame]] = {t: [] for t in PART_TABLES if t != "tokens"}
    warnings: list[str] = []
    for part in parts:
        for name in tables:
            tables[name].append(pd.read_parquet(part / f"{name}.parquet"))
        meta = _read_meta(part) or {}
        warnings.extend(meta.get("warnings", []))
    frames = {name: (pd.concat([f for f in fs if len(f)] or fs[:1], ignore_index=True) if fs else pd.DataFrame()) for name, fs in tables.items()}
    docs = frames["documents"]
    if len(docs):
        docs = mark_duplicates(docs.sort_values("doc_id", kind="stable").reset_index(drop=True))
        docs = join_metadata(docs, read_metadata(raw_dir) if raw_dir is not None else None)
    frames["documents"] = docs
    corpus = Corpus(
        documents=docs,
        sentences=frames["sentences"],
        cleaning_log=frames["cleaning_log"],
        errors=list(errors or []),
        outline=frames["outline"],
        enumerations=frames["enumerations"],
        formulas=frames["formulas"],
        parallels=frames["parallels"],
        quotes=frames["quotes"],
        originals=frames["originals"],
        warnings=warnings,
    )
    manifest = {
        "tifa_version": __version__,
        "fingerprint": fingerprint(),
        "n_documents": int(len(docs)),
        "sources": sorted(set(docs["source"])) if len(docs) else [],
        "parts": [p.name for p in parts],
        "errors": [str(e) for e in corpus.errors],
        "tables": list(TABLES),
    }
    write_tables_atomic(corpus.tables(), out_dir, manifest=None)
    _write_token_dataset(parts, out_dir)
    write_tables_atomic({}, out_dir, manifest=manifest)
    return corpus


def _write_token_dataset(parts: list[Path], out_dir: Path) -> None:
    """``out_dir/tokens/``: one parquet per part (hard links), swapped in atomically."""
    tmp = Path(tempfile.mkdtemp(prefix=".tokens.", dir=out_dir))
    try:
        for i, part in enumerate(parts):
            src = part / "tokens.parquet"
            dst = tmp / f"part-{i:06d}.parquet"
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)
        final = out_dir / "tokens"
        old = None
        if final.exists() or final.is_symlink():
            old = out_dir / f".tokens.old.{os.getpid()}"
            os.replace(final, old)
        os.replace(tmp, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        legacy = out_dir / "tokens.parquet"
        if legacy.exists():
            legacy.unlink()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
