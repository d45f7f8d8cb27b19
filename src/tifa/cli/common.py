"""What every ``tifa`` command shares: the exit codes, messages on stderr, the common options
(paths, ``--format``, ``--max-bytes``, ``--engine``), one-line reports of unreadable inputs, and
the corpus a command works on (the files given, or the built tables).

Owns how a command reports: tables to stdout (:mod:`tifa.cli.output`), every message to stderr
as ``tifa: …``, exit 0 / 1 (bad input) / 2 (bad usage).  Must not hold a command (they are in
:mod:`tifa.cli.tables`, :mod:`tifa.cli.analysis`, :mod:`tifa.cli.corpus`) and imports the stages
only inside the functions that need them, so that ``tifa --help`` starts fast.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError
from .output import FORMATS


EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def err(msg: str) -> None:
    """``msg`` on stderr, as ``tifa: msg``."""
    print(f"tifa: {msg}", file=sys.stderr)


def add_common(p: argparse.ArgumentParser, *, paths: bool = True) -> None:
    """The paths (unless ``paths=False``), ``--format`` and ``--max-bytes`` options."""
    if paths:
        p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES:,}; 0 = no limit)",
    )


def add_engine(p: argparse.ArgumentParser) -> None:
    """The ``--engine`` option: which segmenter."""
    p.add_argument(
        "--engine", choices=("rjieba", "jieba"), default="rjieba",
        help="segmenter: compiled jieba-rs (default) or the pure-Python jieba reference (same words and tags, slower)",
    )


def byte_limit(args: argparse.Namespace) -> int | None:
    """``--max-bytes``, ``None`` for 0 (no limit)."""
    return args.max_bytes or None


def report_errors(errors: Sequence[InputError], warnings: Sequence[str] = ()) -> int:
    """One line on stderr per warning and per error; the exit code (1 when any input failed)."""
    for w in warnings:
        err(w)
    for e in errors:
        err(str(e))
    return EXIT_INPUT if errors else EXIT_OK


def load_paths(args: argparse.Namespace, *, findings: bool = False):
    """The corpus of the given paths; formulations, parallels and quotations only if asked."""
    from ..corpus.tables import load

    return load(args.paths, max_bytes=byte_limit(args), progress=False, findings=findings)


def n_workers(args: argparse.Namespace) -> int:
    """``--workers``, or all cores when 0."""
    from ..tokens.segment import default_workers

    return args.workers or default_workers()


def corpus_or_processed(args: argparse.Namespace, *, tokens: bool, findings: bool = False):
    """The corpus of the given paths, or the built tables when no path is given."""
    from ..corpus.tables import Corpus

    if args.paths:
        corpus = load_paths(args, findings=findings)
        return corpus.with_tokens(workers=n_workers(args)) if tokens else corpus
    if not (args.processed / "documents.parquet").exists():
        raise InputError(args.processed, "no built corpus here; give PATHs or run `tifa build` first")
    return Corpus.lazy(args.processed)  # tables are read when first used

