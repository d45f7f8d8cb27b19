"""The corpus-wide tables of a build: ``documents`` (and the MinHash signatures) assembled from
the parts, near-duplicates marked with MinHash/LSH, metadata joined, incrementally from the
previous build's rows, then committed with the manifest (:func:`tifa.corpus.store.commit_store`).

Only ``documents`` is assembled across the corpus; every other table stays in the parts and is
read through the manifest, so no step ever has to concatenate — or hold — every token.

Owns the columns, order and types of the assembled documents and what the manifest lists.  Must
not read raw files or write parts (:mod:`tifa.corpus.parts`), nor write the store's files other
than through :mod:`tifa.corpus.store`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..errors import InputError, printable
from .parts import PARTITIONED, STAT_FIELDS, fingerprint, read_meta
from .store import commit_store, read_manifest, store_files
from .tables import Corpus


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


#: Documents columns that metadata.csv may overwrite, kept beside the signatures as the text gave them.
TEXT_COLUMNS = ("title", "date", "date_source", "year", "place", "level", "date_note")


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
        # title, date, year and place as the text gave them (before metadata was joined): a row
        # that metadata.csv no longer speaks for goes back to what its text says
        base = old_sigs.set_index("doc_id").loc[old_docs["doc_id"]]
        for col in TEXT_COLUMNS:
            if col in base and col in doc_frames[-1]:
                doc_frames[-1][col] = base[col].array  # .array keeps the dtype (year is Int64)
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
        warnings.extend((read_meta(part) or {}).get("warnings", []))
    docs = pd.concat([f for f in doc_frames if len(f)], ignore_index=True) if any(len(f) for f in doc_frames) else pd.DataFrame()
    sigs = pd.concat(sig_frames, ignore_index=True) if sig_frames else pd.DataFrame(columns=["doc_id", "signature"])
    if len(docs):
        docs = docs.sort_values("doc_id", kind="stable").reset_index(drop=True)
        sigs = sigs.set_index("doc_id").loc[docs["doc_id"]].reset_index()
        for col in TEXT_COLUMNS:
            if col in docs:
                sigs[col] = docs[col].array
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
