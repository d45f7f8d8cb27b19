"""Worker processes that never outlive the process that started them.

A pool worker blocked on a pipe write would live for ever once its parent is killed
with SIGKILL (no ``finally`` runs there).  :func:`die_with_parent`, used as (or called
from) every pool initializer, ends the worker as soon as the parent is gone: on Linux the
kernel sends it SIGKILL (``prctl(PR_SET_PDEATHSIG)``); everywhere, a daemon thread also
watches the parent's pid and exits when it changes.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent's pid (the portable fallback).
POLL = 0.5


def _linux_pdeathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no libc / prctl
        return False


def _watch(parent: int) -> None:
    ev = threading.Event()
    while not ev.wait(POLL):
        if os.getppid() != parent:
            os._exit(1)


def fork_context():
    """The ``fork`` start method's multiprocessing context where processes fork here (Linux and
    other POSIX systems), else None (Windows; macOS with Python's default)."""
    import multiprocessing  # here: a run in one process never needs it

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def die_with_parent(parent: int | None = None) -> None:
    """Make this (worker) process exit when its parent dies, whatever the signal."""
    parent = os.getppid() if parent is None else parent
    _linux_pdeathsig()
    if os.getppid() != parent:  # the parent died before the guard was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="tifa-parent-watch", daemon=True).start()
