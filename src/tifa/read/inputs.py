"""Inputs: files and folders given → the files to read, in a stable order, with their source names.

Owns :func:`iter_inputs` (folders walked recursively and sorted; hidden files and
:data:`IGNORED_NAMES` skipped; a symbolic link out of its folder refused with a warning, a link to
a folder never followed), :func:`source_name` (a file's path relative to a root, printable) and
:func:`iter_sources` (``(file, source)``, sources kept apart when two files would share one).

It must not touch what a file holds: it opens none (reading and decoding are
:mod:`tifa.read.files`', :mod:`tifa.read.decode`'s and :mod:`tifa.read.formats`').
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import printable

#: Files the folder walk ignores silently (metadata, editor litter).
IGNORED_NAMES = frozenset(
    {"metadata.csv", ".DS_Store", "Thumbs.db", "README.md", "SOURCES.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "CHANGELOG.md"}
)



def iter_inputs(paths: Iterable[Path | str], *, warnings: list[str] | None = None) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into file paths.

    Missing paths are yielded too, so that reading them reports the error in
    order.  Hidden files and :data:`IGNORED_NAMES` inside folders are skipped.
    Inside a folder, a symbolic link whose target lies outside that folder is refused (not read)
    with a warning — appended to ``warnings``, else printed on stderr — and a link to a folder is
    not followed (what it points to inside the folder is walked anyway).
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p.resolve()
            found = []
            for top, dirs, files in os.walk(p):  # links to folders are listed, never followed
                base = Path(top)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files + [d for d in dirs if (base / d).is_symlink()]:
                    if name.startswith(".") or name in IGNORED_NAMES:
                        continue
                    found.append(base / name)
            for child in sorted(found):
                if child.is_symlink():
                    target = child.resolve()
                    if not _is_under(target, root):
                        _warn(warnings, f"{printable(child)}: warning: symbolic link to {printable(target)}, outside "
                                        f"{printable(p)}: refused, not read")
                        continue
                    if not target.is_file():
                        continue
                if child.is_file():
                    yield child
        else:
            yield p


def _warn(warnings: list[str] | None, line: str) -> None:
    if warnings is None:
        print(f"tifa: {line}", file=sys.stderr)
    else:
        warnings.append(line)


def source_name(path: Path, root: Path | None) -> str:
    """The ``source`` of a file: its path relative to ``root`` (POSIX), else its name — printable
    (:func:`tifa.errors.printable`: a byte of a name that is not UTF-8 reads ``%FF``)."""
    if root is not None:
        try:
            return printable(path.relative_to(root).as_posix())  # the usual case: found by walking root
        except ValueError:
            pass
        try:
            return printable(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return printable(path.name)


def iter_sources(
    paths: Iterable[Path | str], root: Path | None = None, *, warnings: list[str] | None = None
) -> Iterator[tuple[Path, str]]:
    """``(file, source)`` for every file of :func:`iter_inputs`: the source is relative to
    ``root``, else to the given folder the file was found in, else the file's name.  Given several
    paths and no ``root``, when two files would get one source that way, every source is relative
    to the folder holding them all, so that files of one name in different folders
    (``佛山市/2011.md``, ``兰州市/2011.md``) stay apart; otherwise sources stay short."""
    paths = list(paths)
    files = list(iter_inputs(paths, warnings=warnings))
    sources = []
    for f in files:
        base = root
        if base is None:
            base = next((Path(p) for p in paths if Path(p).is_dir() and _is_under(f, Path(p))), None)
        sources.append(source_name(f, base))
    if root is None and len(paths) > 1 and len(set(sources)) < len(sources):  # the common root of the paths
        try:
            common = Path(os.path.commonpath([str(Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent) for p in paths]))
        except ValueError:  # pragma: no cover - paths on different drives
            common = None
        if common is not None:
            sources = [source_name(f, common) for f in files]
    yield from zip(files, sources)


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
