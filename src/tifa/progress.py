"""Progress bars on stderr for long work: tqdm, imported only when a bar is shown.

``progress_bar(disable=True)`` gives a bar that shows nothing without importing
tqdm, whose import would otherwise cost every short command (``tifa tokens`` or
``tifa docs`` on one speech) a few tens of milliseconds.
"""
from __future__ import annotations

import contextlib
import sys
from typing import Iterable


class _Quiet:
    """A progress bar that shows nothing."""

    def update(self, n: int = 1) -> None:
        pass


def progress_bar(*, disable: bool, **bar):
    """A context manager giving a tqdm bar on stderr (``desc``, ``unit``, ``total`` …), or one
    that shows nothing when ``disable``."""
    if disable:
        return contextlib.nullcontext(_Quiet())
    from tqdm import tqdm

    return tqdm(file=sys.stderr, **bar)


def progress_iter(items: Iterable, *, disable: bool, **bar) -> Iterable:
    """``items``, with a tqdm bar on stderr unless ``disable``."""
    if disable:
        return items
    from tqdm import tqdm

    return tqdm(items, file=sys.stderr, **bar)
