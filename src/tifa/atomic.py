"""Atomic file writes: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, and a failed write leaves the
previous file as it was.  Files get the permissions the umask gives.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def finalize(tmp: Path | str, target: Path) -> None:
    """Give ``tmp`` normal permissions and rename it onto ``target``."""
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, target)


#: A temporary name keeps at most this many bytes of its target's name (a name near the file
#: system's limit of 255 still gets a temporary one).
TEMP_NAME_BYTES = 64


def temp_beside(target: Path) -> Path:
    """A fresh temporary file name in ``target``'s folder (hidden: ``.<name>.<random>.tmp``,
    the name cut to :data:`TEMP_NAME_BYTES`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    name = os.fsencode(target.name)[:TEMP_NAME_BYTES]
    fd, tmp = tempfile.mkstemp(prefix=f".{os.fsdecode(name)}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    tmp = temp_beside(Path(target))
    try:
        yield tmp
        finalize(tmp, Path(target))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
