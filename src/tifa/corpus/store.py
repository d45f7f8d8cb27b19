"""The store on disk: the manifest, the corpus-wide tables under content names, the parts'
files, retiring and tidying — and reading any built table back through the manifest.

A built folder changes by one rename, the manifest's (:func:`commit_store`): the corpus-wide
tables are written under names made from their content (``documents-<sha>.parquet``), which the
manifest names, so a build killed at any point leaves either the old manifest with the old files
or the new with the new.  Readers go through the manifest and check that what it lists is
there: a missing part is one line saying to build again (:class:`~tifa.errors.StoreError`), never
a partial table.  Writes are atomic: every file is written to a temporary name beside its target
and renamed into place (:mod:`tifa.atomic`).

Owns file names, the manifest's format and the ``.retired/`` folder.  Must not touch what is in
the tables (processing a file is :mod:`tifa.corpus.tables`, a part's content
:mod:`tifa.corpus.parts`) and never decides what to build (:mod:`tifa.corpus.build`); imports
nothing of the corpus package.
"""
from __future__ import annotations

import hashlib
import io as _io
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd

from ..atomic import finalize, temp_beside
from ..config import PROCESSED
from ..errors import StoreError


def write_tables_atomic(tables: dict[str, pd.DataFrame], out_dir: Path, *, manifest: dict | None = None) -> list[Path]:
    """Write ``tables`` as ``<name>.parquet`` into ``out_dir`` atomically.

    All tables are first written to temporary files in ``out_dir``; only when
    every one succeeded are they renamed into place (each rename is atomic),
    followed by ``manifest.json``.  On failure the temporaries are removed and
    the previous tables stay as they were.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, df in tables.items():
            final = out_dir / f"{name}.parquet"
            tmp = temp_beside(final)
            staged.append((tmp, final))
            df.to_parquet(tmp, index=False)
        if manifest is not None:
            final = out_dir / "manifest.json"
            tmp = temp_beside(final)
            staged.append((tmp, final))
            tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        finalize(tmp, final)
    return [final for _, final in staged]


MANIFEST = "manifest.json"
#: Where a build before versioned names kept the corpus-wide tables (read when its manifest names none).
LEGACY_FILES = {"documents": "documents.parquet", "minhash": "minhash.parquet"}


def read_manifest(processed: Path) -> dict | None:
    """The manifest of a built folder (``None`` if there is none, or it is unreadable)."""
    try:
        manifest = json.loads((Path(processed) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


#: The corpus-wide tables under their content names.
GENERATION = re.compile(r"^(?:documents|minhash)-[0-9a-f]{20}\.parquet$")


def store_files(manifest: dict | None) -> dict[str, str]:
    """The files of the corpus-wide tables a manifest names (``documents``, ``minhash``)."""
    files = (manifest or {}).get("files")
    return dict(files) if isinstance(files, dict) else dict(LEGACY_FILES)


def commit_store(tables: dict[str, pd.DataFrame], out_dir: Path, manifest: dict) -> dict:
    """Write the corpus-wide ``tables`` and ``manifest`` into ``out_dir``; return the manifest.

    Each table goes to ``<name>-<sha256 of its bytes>.parquet`` (a name no earlier build's table
    has unless its bytes are the same), written to a temporary file and renamed; then the manifest,
    naming them, is renamed into place: that rename is the one commit point.  Afterwards
    ``documents.parquet`` is refreshed (a hard link, else a copy) for tools outside tifa, and the
    files no manifest names any more are removed.  Run under the folder's lock."""
    out_dir = Path(out_dir)
    files: dict[str, str] = {}
    made: list[Path] = []
    try:
        for name, df in tables.items():
            buf = _io.BytesIO()
            df.to_parquet(buf, index=False)
            data = buf.getvalue()
            files[name] = f"{name}-{hashlib.sha256(data).hexdigest()[:20]}.parquet"
            final = out_dir / files[name]
            if not final.is_file():
                tmp = temp_beside(final)
                made.append(tmp)
                tmp.write_bytes(data)
                finalize(tmp, final)
                made[-1] = final
        manifest = dict(manifest, files=files)
        final = out_dir / MANIFEST
        tmp = temp_beside(final)
        made.append(tmp)
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
        finalize(tmp, final)  # the commit
    except BaseException:
        current = set(store_files(read_manifest(out_dir)).values())
        for p in made:
            if p.name not in current:
                p.unlink(missing_ok=True)
        raise
    # committed: what follows is tidying, and a failure of it leaves the new store as good
    try:
        if "documents" in files:
            _refresh_alias(out_dir / files["documents"], out_dir / LEGACY_FILES["documents"])
        keep = set(files.values())
        for p in out_dir.glob("*.parquet"):
            if p.name not in keep and (GENERATION.match(p.name) or p.name == LEGACY_FILES["minhash"]):
                retire(p, out_dir)
    except OSError:
        pass
    return manifest


def _refresh_alias(target: Path, alias: Path) -> None:
    """``alias`` made the same file as ``target``, by a rename (a reader sees one or the other)."""
    try:
        if os.path.samefile(target, alias):
            return
    except OSError:
        pass
    tmp = alias.with_name(f".{alias.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        try:
            os.link(target, tmp)
        except OSError:
            shutil.copyfile(target, tmp)
        os.replace(tmp, alias)
    finally:
        tmp.unlink(missing_ok=True)  # left if the two were one file already (rename does nothing then)


#: Where a build moves the parts and files its manifest no longer names: a reader still on the
#: previous manifest finds them there; the next build removes the folder.
RETIRED = ".retired"


def retire(path: Path, processed: Path) -> None:
    """Move ``path`` (a part, or a file of ``processed``) to ``processed/.retired/`` under the same
    relative path.  Run under the lock, after the commit."""
    processed = Path(processed)
    dest = processed / RETIRED / Path(path).relative_to(processed)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_dir() and not dest.is_symlink():
        shutil.rmtree(dest)
    os.replace(path, dest)


def located(paths: list[Path], processed: Path, manifest: dict | None) -> list[Path]:
    """``paths`` where they are now: in place, or retired by a build since ``manifest`` was read;
    :class:`StoreError` for the first one in neither."""
    out = []
    for f in paths:
        if not f.is_file():
            alt = processed / RETIRED / f.relative_to(processed)
            if not alt.is_file():
                raise missing_error(f, processed, manifest)
            f = alt
        out.append(f)
    return out


def missing_error(path: Path, processed: Path, manifest: dict | None) -> StoreError:
    if manifest is not None and read_manifest(processed) != manifest:
        return StoreError(f"{path}: gone — builds changed {processed} while this command read it; run the command again")
    return StoreError(f"{path}: missing, though {processed / MANIFEST} lists it; run `tifa build` again")


def read_table(name: str, processed: Path = PROCESSED, *, manifest: dict | None = None) -> pd.DataFrame:
    """Read one processed table (build first with ``tifa build``), through ``manifest`` (default:
    the folder's).  A file the manifest lists but is not there raises :class:`StoreError`; one a
    build retired meanwhile is read where it went."""
    processed = Path(processed)
    pinned = manifest is not None
    for attempt in range(3):
        m = manifest if pinned else read_manifest(processed)
        files = store_files(m)
        if name in files:
            listed = [processed / files[name]]
            if m is None and not listed[0].is_file():
                raise FileNotFoundError(f"{listed[0]}: table not built yet; run `tifa build` (or `make report`)")
        else:
            listed = part_files(name, processed, manifest=m, check=False)
            if listed is None:
                raise FileNotFoundError(f"{processed / (name + '.parquet')}: table not built yet; run `tifa build` (or `make report`)")
            if not listed:
                return pd.DataFrame()
        try:
            found = located(listed, processed, m)
            if name in files:
                return pd.read_parquet(found[0])
            import pyarrow.dataset as ds

            return ds.dataset([str(f) for f in found], format="parquet").to_table().to_pandas()
        except (StoreError, FileNotFoundError) as e:
            if attempt < 2 and (attempt == 0 or (not pinned and read_manifest(processed) != m)):
                continue  # retired between locating and opening, or a build committed: once more
            raise e if isinstance(e, StoreError) else missing_error(Path(e.filename or listed[0]), processed, m) from None
    raise AssertionError("unreachable")  # pragma: no cover


def part_files(name: str, processed: Path = PROCESSED, *, manifest: dict | None = None, check: bool = True) -> list[Path] | None:
    """The parquet files of a partitioned table, in corpus order (None if not built).

    With ``check``, each is where it is now (retired by a build since ``manifest`` was read, it
    is in ``.retired/``), and one that is nowhere raises :class:`StoreError`."""
    processed = Path(processed)
    manifest = manifest if manifest is not None else read_manifest(processed)
    if manifest is None:
        return None
    parts = manifest.get("parts", [])
    if name not in manifest.get("tables", []) or not all(isinstance(p, dict) and "key" in p for p in parts):
        return None  # not built, or built by an older tifa: `tifa build` again
    files = [processed / "parts" / str(p["key"]) / f"{name}.parquet" for p in parts]
    return located(files, processed, manifest) if check else files


def iter_table(name: str, processed: Path = PROCESSED):
    """Yield a partitioned table part by part (bounded memory)."""
    manifest = read_manifest(processed)
    for f in part_files(name, processed, manifest=manifest) or []:
        try:
            yield pd.read_parquet(f)
        except FileNotFoundError:
            yield pd.read_parquet(located([f], Path(processed), manifest)[0])


#: What only tifa's temporaries are named: a part being written (``.<key>.<random>``, in
#: ``parts/``) and a file being written (``.<name>.<random>.tmp``, :func:`tifa.atomic.temp_beside`).
_TEMP_PART = re.compile(r"^\.[0-9a-f]{32}\.[^/]+$")
_TEMP_FILE = re.compile(r"^\..+\.tmp$")


def clean_leftovers(out_dir: Path, manifest: dict | None) -> list[Path]:
    """Remove what a killed build left in ``out_dir`` — temporary parts and files, generations of
    the corpus tables the manifest does not name — and what the last build retired.  Nothing
    else is touched (an output folder may hold other files).  Run under the lock."""
    keep = set(store_files(manifest).values()) if manifest else set()
    parts_dir = out_dir / "parts"
    candidates = [p for p in parts_dir.iterdir() if _TEMP_PART.match(p.name) and p.is_dir()] if parts_dir.is_dir() else []
    for p in out_dir.iterdir():
        if (_TEMP_FILE.match(p.name) and p.is_file()) or (GENERATION.match(p.name) and p.name not in keep) or p.name == RETIRED:
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
