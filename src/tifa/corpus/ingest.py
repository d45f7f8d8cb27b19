"""Adding speeches to ``data/raw`` and the metadata that goes with them.

``add_files`` copies files into the raw folder — never overwriting: a file
whose content is already there (same SHA-256) is skipped, a name clash gets a
new name (``speech-2.docx``) — and records metadata given by the user
(title, date, speaker, occasion) in ``data/raw/metadata.csv``.  The
documents table joins it, and what the user gave wins over what the text
reveals.  ``metadata.csv`` is UTF-8 CSV with the columns of
:data:`META_COLUMNS`; it is rewritten atomically.

``add_files`` holds the raw folder's lock (:mod:`tifa.lock`) while it picks names, copies and
rewrites ``metadata.csv``: two adds at once take turns, so two files of the same name get two
names and no row of the metadata is lost.  A copy is put in place with a hard link, which never
replaces a file (one copied by hand meanwhile keeps its name).

A ``metadata.csv`` edited by hand is read leniently where the meaning is clear and refused in one
line where it is not: an empty file is no metadata; UTF-16 with a byte-order mark is read; GBK/GB18030
bytes are decoded (with a warning; the next ``tifa add`` writes it back as UTF-8); two rows for one source: the last row
wins, with a warning naming the source; broken quoting or a missing ``source`` column:
:class:`InputError` naming the file and saying what to fix.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..atomic import temp_beside, write_text_atomic
from ..config import RAW
from ..errors import InputError, printable
from ..read.files import SUPPORTED_SUFFIXES
from ..text.places import level_of, normalise

META_COLUMNS = ["source", "sha256", "title", "date", "speaker", "occasion"]
META_FILE = "metadata.csv"
#: Columns ``metadata.csv`` may have besides :data:`META_COLUMNS`: ``place`` (the issuing government, :mod:`tifa.text.places`).
OPTIONAL_META_COLUMNS = ("place",)


@dataclass(frozen=True)
class Added:
    file: Path
    action: str  #: "added", "renamed" (added under a new name) or "skipped" (same content already there)
    source: str  #: name in the raw folder, printable (its ``source``)
    name: str = ""  #: the file's name there as the file system has it


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_metadata(raw_dir: Path = RAW, *, warnings: list[str] | None = None) -> pd.DataFrame:
    """The metadata table (empty if there is none); see the module docstring for what a
    hand-edited file may hold.  Warnings are appended to ``warnings`` (else dropped)."""
    p = Path(raw_dir) / META_FILE
    empty = pd.DataFrame(columns=META_COLUMNS)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        return empty
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror or e}") from None
    notes = warnings if warnings is not None else []
    if not data.strip():
        return empty
    try:
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig")  # Excel's "Unicode text"
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise InputError(p, f"not UTF-8 text (undecodable byte at offset {e.start}); save it as UTF-8 CSV") from None
        notes.append(f"{p}: warning: not UTF-8; read as GBK/GB18030 (the next `tifa add` writes it as UTF-8)")
    fix = ("quote a field holding a comma, quote or line break in double quotes and double the quotes "
           "inside it, or remove the file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue  # a blank line
            if rows and len(row) > len(rows[0]):
                raise InputError(p, f"line {reader.line_num}: {len(row)} fields, but the first line names {len(rows[0])} columns; {fix}")
            rows.append(row + [""] * (len(rows[0]) - len(row) if rows else 0))  # fields left off at the end: empty
    except csv.Error as e:
        raise InputError(p, f"line {reader.line_num}: not valid CSV ({e}); {fix}") from None
    if not rows:
        return empty
    df = pd.DataFrame(rows[1:], columns=[c.strip() for c in rows[0]], dtype=object)
    if "source" not in df:
        raise InputError(p, f"no 'source' column; its first line must name the columns ({','.join(META_COLUMNS)})")
    for c in META_COLUMNS:
        if c not in df:
            df[c] = ""
    df = df[META_COLUMNS + [c for c in OPTIONAL_META_COLUMNS if c in df]]
    dup = df["source"].duplicated(keep="last")
    if dup.any():
        names = sorted(set(df.loc[dup, "source"]))
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        notes.append(f"{p}: warning: more than one row for {shown}; the last row of each is used")
        df = df[~dup].reset_index(drop=True)
    return df


def _write_metadata(df: pd.DataFrame, raw_dir: Path) -> None:
    buf = io.StringIO()
    df[META_COLUMNS].to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    write_text_atomic(raw_dir / META_FILE, buf.getvalue())


#: Longest file name (in bytes) most file systems take.
NAME_MAX = 255


def _fit(stem: str, tail: str, limit: int = NAME_MAX) -> str:
    """``stem + tail`` with the stem cut (never inside a UTF-8 character) to fit ``limit`` bytes."""
    budget = limit - len(os.fsencode(tail))
    raw = os.fsencode(stem)
    if len(raw) <= budget:
        return stem + tail
    cut = raw[:max(budget, 1)]
    for i in range(1, min(4, len(cut)) + 1):  # a trailing partial character is dropped
        b = cut[-i]
        if b < 0x80:
            break
        if b >= 0xC0:
            if (2 if b < 0xE0 else 3 if b < 0xF0 else 4) > i:
                cut = cut[:-i]
            break
    return os.fsdecode(cut) + tail


def _candidates(name: str):
    """``name``, then ``stem-2.suffix``, ``stem-3.suffix`` …, each cut to fit a file name."""
    p = Path(name)
    yield _fit(p.stem, p.suffix)
    k = 2
    while True:
        yield _fit(p.stem, f"-{k}{p.suffix}")
        k += 1


def _copy_in(f: Path, raw_dir: Path) -> str:
    """Copy ``f`` into ``raw_dir`` under the first free name; the name.  The copy is linked into
    place (``os.link`` fails rather than replace a file), so no file is ever overwritten."""
    tmp = temp_beside(raw_dir / "tifa-add")
    try:
        shutil.copyfile(f, tmp)
        for name in _candidates(f.name):
            target = raw_dir / name
            if target.exists() or target.is_symlink():
                continue
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, getattr(errno, "EOPNOTSUPP", -1)):
                    raise
                shutil.copyfile(tmp, target)  # no hard links here: under the lock, the name is free
            os.chmod(target, 0o666 & ~_umask())
            return name
    finally:
        tmp.unlink(missing_ok=True)
    raise AssertionError("unreachable")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def add_files(
    files: list[Path],
    raw_dir: Path = RAW,
    *,
    title: str | None = None,
    date: str | None = None,
    speaker: str | None = None,
    occasion: str | None = None,
    lock_timeout: float | None = None,
    warnings: list[str] | None = None,
) -> list[Added]:
    """Copy ``files`` into ``raw_dir`` (see module docstring); returns what happened to each.

    All or nothing: if a copy or ``metadata.csv`` cannot be written (a full disk), the copies made
    are removed again and :class:`InputError` says why.  What reading ``metadata.csv`` warns about
    is appended to ``warnings``."""
    from ..lock import store_lock

    raw_dir = Path(raw_dir)
    with store_lock(raw_dir, "tifa add", timeout=lock_timeout):
        try:
            return _add_locked(files, raw_dir, title=title, date=date, speaker=speaker, occasion=occasion, warnings=warnings)
        except OSError as e:
            where = e.filename or raw_dir
            raise InputError(printable(where), f"cannot add: {e.strerror or e}; check free space and that {raw_dir} is writable") from None


def _add_locked(files, raw_dir: Path, *, title, date, speaker, occasion, warnings=None) -> list[Added]:
    for pattern in (".tifa-add.*.tmp", f".{META_FILE}.*.tmp"):  # left by a killed add
        for p in raw_dir.glob(pattern):
            p.unlink(missing_ok=True)
    existing: dict[str, str] = {}
    for p in raw_dir.rglob("*"):
        rel = p.relative_to(raw_dir)
        if p.is_symlink() or any(part.startswith(".") for part in rel.parts) or p.name == META_FILE or not p.is_file():
            continue
        existing[sha256(p)] = printable(rel.as_posix())
    meta = read_metadata(raw_dir, warnings=warnings)
    out: list[Added] = []
    try:
        return _add_each(files, raw_dir, existing, meta, out, title=title, date=date, speaker=speaker, occasion=occasion)
    except BaseException:
        for a in out:  # all or nothing
            if a.action != "skipped":
                (raw_dir / a.name).unlink(missing_ok=True)
        raise


def _add_each(files, raw_dir: Path, existing: dict, meta: pd.DataFrame, out: list, *, title, date, speaker, occasion) -> list[Added]:
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise InputError(f, "no such file" if not f.exists() else "not a file")
        if f.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise InputError(f, f"unsupported format {f.suffix or '(no extension)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        digest = sha256(f)
        if digest in existing:
            source = existing[digest]
            out.append(Added(f, "skipped", source, source))
        else:
            name = _copy_in(f, raw_dir)
            source = printable(name)
            existing[digest] = source
            out.append(Added(f, "added" if name == f.name else "renamed", source, name))
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
        if row["date"]:  # a date the text (dateline, signature) or the front matter gives wins; a year apart is noted
            if "date_source" in out and out["date_source"].iat[i] in ("text", "front_matter") and out["date"].iat[i]:
                if "date_note" in out and str(row["date"])[:4] != str(out["date"].iat[i])[:4]:
                    note = out["date_note"].iat[i] or ""
                    out.iat[i, out.columns.get_loc("date_note")] = "; ".join(x for x in (note, f"metadata.csv says {row['date']}") if x)
            else:
                out.iat[i, out.columns.get_loc("date")] = row["date"]
                out.iat[i, out.columns.get_loc("date_source")] = "metadata"
                if "year" in out and str(row["date"])[:4].isdigit():
                    out.iat[i, out.columns.get_loc("year")] = int(str(row["date"])[:4])
        if row.get("place") and "place" in out:  # an optional place column wins over the text (tifa.text.places)
            out.iat[i, out.columns.get_loc("place")] = normalise(row["place"])
            out.iat[i, out.columns.get_loc("level")] = level_of(row["place"])
        if row["speaker"]:
            out.iat[i, out.columns.get_loc("speaker")] = row["speaker"]
        if row["occasion"]:
            out.iat[i, out.columns.get_loc("occasion")] = row["occasion"]
    return out
