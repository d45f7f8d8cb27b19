"""One writer at a time: an exclusive lock on a folder of the store.

``tifa build`` locks the processed folder it writes, ``tifa export`` the processed folder it reads
(so no build deletes a part under it), and ``tifa add`` the raw folder (its files and
``metadata.csv``).  The lock is ``fcntl.flock`` on a hidden file ``.tifa.lock`` in the folder; the
holder writes its pid and command into it, so a second writer can say whom it waits for.  The
kernel drops a lock when its process dies (even after ``kill -9``): a lock is never stale.

Where ``fcntl`` is missing (Windows) the fallback is a lock file created exclusively
(``O_CREAT|O_EXCL``) holding the same line; one whose pid is no longer running is taken over.

A second writer waits, saying once on stderr who holds the lock (after half a second), for ``timeout`` seconds
(``$TIFA_LOCK_TIMEOUT``, default 600), then fails with one line (:class:`LockTimeout`).
"""
from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import StoreError

try:  # pragma: no cover - the fallback is exercised by monkeypatching in the tests
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".tifa.lock"
DEFAULT_TIMEOUT = 600.0
POLL = 0.1
#: A writer that waits longer than this says whom it waits for (one line on stderr); a wait that
#: ends in a timeout before it says only the timeout's line.
SAY_AFTER = 0.5


class LockTimeout(StoreError):
    """Another tifa process kept the folder locked for longer than the timeout."""


def _timeout(timeout: float | None) -> float:
    if timeout is not None:
        return timeout
    try:
        return float(os.environ.get("TIFA_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def _who(text: str) -> str:
    """``pid 123 (tifa build, since 21:40:03)`` from a lock file's content."""
    try:
        info = json.loads(text)
        since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
        return f"pid {info.get('pid')} ({info.get('command') or 'tifa'}, since {since})"
    except (ValueError, AttributeError, TypeError):
        return "another tifa process"


def _holder_line(command: str) -> str:
    return json.dumps({"pid": os.getpid(), "command": command, "since": time.time()}, ensure_ascii=False) + "\n"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _cannot(folder: Path, e: OSError) -> StoreError:
    reason = e.strerror or str(e)
    return StoreError(f"{folder}: cannot lock the folder for writing ({reason}); check that it exists and is writable")


@contextmanager
def store_lock(folder: Path | str, command: str, *, timeout: float | None = None, quiet: bool = False) -> Iterator[Path]:
    """Hold the exclusive lock of ``folder`` (created if needed) for the ``with`` block."""
    folder = Path(folder)
    limit = _timeout(timeout)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _cannot(folder, e) from None
    path = folder / LOCK_NAME
    if fcntl is None:
        with _excl_lock(path, folder, command, limit, quiet):
            yield path
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise _cannot(folder, e) from None
    try:
        start, said = time.monotonic(), False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                said = _wait(folder, _who(_read_fd(fd)), start, limit, said=said, quiet=quiet,
                             hint="wait for it to finish, or raise TIFA_LOCK_TIMEOUT")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, _holder_line(command).encode("utf-8"), 0)
        except OSError:
            pass  # a full disk: the lock holds all the same, only its note is missing
        try:
            yield path
        finally:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _wait(folder: Path, who: str, start: float, limit: float, *, said: bool, quiet: bool, hint: str) -> bool:
    """One turn of waiting for the lock's holder ``who``: give up after ``limit`` seconds (one line,
    with ``hint``), say on stderr once after :data:`SAY_AFTER` whom we wait for, sleep; returns whether
    it has been said."""
    if time.monotonic() - start >= limit:
        raise LockTimeout(f"{folder}: locked by {who}; gave up after {limit:g} s ({hint})") from None
    if not said and not quiet and time.monotonic() - start >= SAY_AFTER:
        print(f"tifa: {folder}: waiting for {who} to finish…", file=sys.stderr, flush=True)
        said = True
    time.sleep(POLL)
    return said


def _read_fd(fd: int) -> str:
    try:
        return os.pread(fd, 4096, 0).decode("utf-8", "replace")
    except OSError:
        return ""


@contextmanager
def _excl_lock(path: Path, folder: Path, command: str, limit: float, quiet: bool) -> Iterator[None]:
    """The portable fallback: a lock file created with ``O_EXCL``; a dead holder's is taken over."""
    start, said = time.monotonic(), False
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                text = ""
            try:
                pid = int(json.loads(text)["pid"])
            except (ValueError, KeyError, TypeError):
                pid = None
            if pid is not None and not _pid_alive(pid):
                path.unlink(missing_ok=True)  # its holder died
                continue
            said = _wait(folder, _who(text), start, limit, said=said, quiet=quiet,
                         hint=f"wait for it to finish, or remove {path} if no tifa is running")
        except OSError as e:
            raise _cannot(folder, e) from None
    try:
        os.write(fd, _holder_line(command).encode("utf-8"))
    finally:
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
