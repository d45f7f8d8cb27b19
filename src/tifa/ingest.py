"""Adding speeches to ``data/raw`` and the metadata that goes with them.

``add_files`` copies files into the raw folder — never overwriting: a file
whose content is already there (same SHA-256) is skipped, a name clash gets a
new name (``speech-2.docx``) — and records metadata given by the user
(title, date, speaker, occasion) in ``data/raw/metadata.csv``.  The
documents table joins it, and what the user gave wins over what the text
reveals.  ``metadata.csv`` is UTF-8 CSV with the columns of
:data:`META_COLUMNS`; it is rewritten atomically.
"""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .atomic import atomic_path, write_text_atomic
from .config import RAW
from .errors import InputError
from .io import SUPPORTED_SUFFIXES

META_COLUMNS = ["source", "sha256", "title", "date", "speaker", "occasion"]
META_FILE = "metadata.csv"


@dataclass(frozen=True)
class Added:
    file: Path
    action: str  #: "added", "renamed" (added under a new name) or "skipped" (same content already there)
    source: str  #: name in the raw folder


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_metadata(raw_dir: Path = RAW) -> pd.DataFrame:
    """The metadata table (empty if there is none)."""
    p = raw_dir / META_FILE
    if not p.exists():
        return pd.DataFrame(columns=META_COLUMNS)
    df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    for c in META_COLUMNS:
        if c not in df:
            df[c] = ""
    return df[META_COLUMNS]


def _write_metadata(df: pd.DataFrame, raw_dir: Path) -> None:
    buf = io.StringIO()
    df[META_COLUMNS].to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    write_text_atomic(raw_dir / META_FILE, buf.getvalue())


def _free_name(raw_dir: Path, name: str) -> str:
    p = Path(name)
    k = 2
    while (raw_dir / name).exists():
        name = f"{p.stem}-{k}{p.suffix}"
        k += 1
    return name


def add_files(
    files: list[Path],
    raw_dir: Path = RAW,
    *,
    title: str | None = None,
    date: str | None = None,
    speaker: str | None = None,
    occasion: str | None = None,
) -> list[Added]:
    """Copy ``files`` into ``raw_dir`` (see module docstring); returns what happened to each."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    existing: dict[str, str] = {}
    for p in raw_dir.rglob("*"):
        if p.is_file() and not p.name.startswith(".") and p.name != META_FILE:
            existing[sha256(p)] = p.relative_to(raw_dir).as_posix()
    meta = read_metadata(raw_dir)
    out: list[Added] = []
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise InputError(f, "no such file" if not f.exists() else "not a file")
        if f.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise InputError(f, f"unsupported format {f.suffix or '(no extension)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        digest = sha256(f)
        if digest in existing:
            source = existing[digest]
            out.append(Added(f, "skipped", source))
        else:
            name = _free_name(raw_dir, f.name)
            with atomic_path(raw_dir / name) as tmp:
                shutil.copyfile(f, tmp)
            existing[digest] = name
            source = name
            out.append(Added(f, "added" if name == f.name else "renamed", name))
        given = {"title": title, "date": date, "speaker": speaker, "occasion": occasion}
        if any(v for v in given.values()):
            row = meta[meta["source"] == source]
            values = row.iloc[0].to_dict() if len(row) else {c: "" for c in META_COLUMNS}
            values.update({"source": source, "sha256": digest})
            values.update({k: v for k, v in given.items() if v})
            meta = pd.concat([meta[meta["source"] != source], pd.DataFrame([values])], ignore_index=True)
    if len(meta) or (raw_dir / META_FILE).exists():
        _write_metadata(meta.sort_values("source", kind="stable"), raw_dir)
    return out


def join_metadata(docs: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``docs`` with ``speaker``/``occasion`` columns; the user's title and date win."""
    out = docs.copy()
    out["speaker"] = None
    out["occasion"] = None
    if meta is None or meta.empty or out.empty:
        return out
    m = meta.set_index("source")
    n_parts = out.groupby("source")["doc_id"].transform("size")
    for i, (src, n) in enumerate(zip(out["source"], n_parts)):
        if src not in m.index:
            continue
        row = m.loc[src]
        if row["title"] and n == 1:
            out.iat[i, out.columns.get_loc("title")] = row["title"]
        if row["date"]:
            out.iat[i, out.columns.get_loc("date")] = row["date"]
            out.iat[i, out.columns.get_loc("date_source")] = "metadata"
        if row["speaker"]:
            out.iat[i, out.columns.get_loc("speaker")] = row["speaker"]
        if row["occasion"]:
            out.iat[i, out.columns.get_loc("occasion")] = row["occasion"]
    return out
